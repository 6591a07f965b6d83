import { checkFrame, type JournalFile } from './frames.ts';

/*
 * A start takes the frames before the checkpoint on trust (checkpoint.ts); they are checked afterwards, a step at a time,
 * because the worker answers nothing else while it checks, and a tablet used for years holds tens of MB of them.
 */

/** How much of the journal one step of a verification checks: the worker answers nothing else meanwhile. */
export const VERIFY_STEP_BYTES = 512 * 1024;

/** Where a verification goes on from: a new snapshot since (another generation) needs none. */
export type VerifyCursor = { generation: number; at: number };

/**
 * Checks the CRC of the frames from `at` up to `end`, `maxBytes` at a time (the frame that crosses the step's end is checked
 * whole). Returns where the next step goes on from (`end` once done), or undefined when a frame failed.
 */
export function checkStep(file: JournalFile, at: number, end: number, maxBytes: number): number | undefined {
	for (const stop = at + maxBytes; at < end && at < stop;) {
		const next = checkFrame(file, at, end);
		if (next === undefined) return undefined;
		at = next;
	}
	return at;
}
