import type { JournalOp } from '#lib/journal/frames.ts';
import type { SnapshotRecord } from '#lib/journal/compaction.ts';
import { JournalStore } from '#lib/journal/store.ts';
import { START_TABLE } from '#lib/journal/tail.ts';
import type { VerifyCursor } from '#lib/journal/verify.ts';
import { MemoryFile } from './memory-file.ts';

/*
 * Stands in for the page's journal client in Node (no workers, no OPFS): the same store the worker
 * runs, on files in memory, called directly.
 */

export const files = [new MemoryFile(), new MemoryFile()] as const;
export const checkpoint = new MemoryFile();
let store = new JournalStore(files, checkpoint);
let erasing = false;
/** How many of the next commits never reach the journal, as when the browser dies right after IndexedDB committed. */
export const dropped = { next: 0 };

/** The catch-ups a start began (the journal lacked what the database holds): at once, and every write waits for the last. */
export const catchUps = { started: 0, done: Promise.resolve() };

/** The worker's lifetime ends with its page: the next start's store knows only what is on disk. */
export function restartWorker(): void {
	store = new JournalStore(files, checkpoint);
}

let firstScreen: { promise: Promise<void>; resolve(): void };
/** A new page: background work waits again until `showFirstScreen`. */
export const waitForFirstScreen = (): void => {
	let resolve!: () => void;
	firstScreen = { promise: new Promise((done) => (resolve = done)), resolve: () => resolve() };
};
waitForFirstScreen();
/** Background work on the journal waits for this, as the client's timer makes it wait for the first screen. */
export const showFirstScreen = (): void => firstScreen.resolve();

export function resetJournal(): void {
	store.erase();
	waitForFirstScreen();
	erasing = false;
	dropped.next = 0;
	catchUps.started = 0;
	catchUps.done = Promise.resolve();
}

export const journal = {
	rewrite: undefined as (() => Promise<void>) | undefined,
	supported: () => true,
	disable() {},
	async inspect() {
		const { state, ...summary } = store.startState();
		return { ...summary, vault: state.get(START_TABLE)?.get('vault'), erasing };
	},
	verify: async (from?: VerifyCursor) => store.verify(from),
	afterStart: () => firstScreen.promise,
	read: async () => store.read(),
	beginSnapshot: async () => store.beginSnapshot(),
	addToSnapshot: async (build: number, records: SnapshotRecord[]) => store.addToSnapshot(build, records),
	finishSnapshot: async (build: number, baseSeq: number) => store.finishSnapshot(build, baseSeq),
	/** A compaction of a grown journal: these tests make none grow. */
	rewriteLater() {},
	catchUp() {
		catchUps.started += 1;
		catchUps.done = journal.rewrite!();
	},
	async beginErase() {
		erasing = true;
		store.erase();
	},
	async finishErase() {
		erasing = false;
	},
	committed(seq: number, ops: JournalOp[]) {
		if (dropped.next > 0) dropped.next -= 1;
		else store.append(seq, ops);
	},
	settled: () => catchUps.done
};
