import { nextFrame, readFrame, type Frame, type JournalFile } from './frames.ts';

/*
 * The journal's two files, which take turns: the active one starts with a snapshot and grows by one frame per committed
 * transaction; a new snapshot goes into the other file, and its head (written last, at offset 0) makes it the active one.
 * A crash in the middle leaves the old file in use.
 */

/** The head frame sits alone at the start of a file, so writing it is the single step that completes a snapshot. */
export const HEAD_REGION = 256;

export type Head = Extract<Frame, { kind: 'head' }>;
export type Commit = Extract<Frame, { kind: 'commit' }>;
export type FilePair = readonly [JournalFile, JournalFile];
export type Active = { index: 0 | 1; head: Head };

function headOf(file: JournalFile): Head | undefined {
	const found = readFrame(file, 0, Math.min(file.size(), HEAD_REGION));
	return found?.frame.kind === 'head' ? found.frame : undefined;
}

/** The file whose head is of the later generation: the other one is an older journal, or a snapshot not finished. */
export function activeFile(files: FilePair): Active | undefined {
	const heads = [headOf(files[0]), headOf(files[1])] as const;
	const [first, second] = heads;
	if (!first && !second) return undefined;
	const index = !second || (first && first.generation > second.generation) ? 0 : 1;
	return { index, head: heads[index]! };
}

/**
 * Visits the frames after `from` that can be read. A frame that cannot be read with a readable one after it is damage:
 * the reading goes on from that one, the file is left as it is, and `damaged` says so. With nothing readable after it, it
 * is a tail torn by a crash (only the last append, not yet flushed, can be torn), which is cut off so that appends follow
 * valid frames; unless it lies in the snapshot, which is flushed whole before its head: that is cut short, and damaged.
 */
export function scan(
	file: JournalFile,
	head: Head,
	from: number,
	visit?: (frame: Frame) => void,
	onlyTable?: string
): { end: number; damaged: boolean } {
	const size = file.size();
	let damaged = false;
	let at = from;
	while (at < size) {
		const found = readFrame(file, at, size, onlyTable);
		const next = found?.next ?? nextFrame(file, at + 1, size);
		if (next === undefined) break;
		if (found) visit?.(found.frame);
		else damaged = true;
		at = next;
	}
	if (at < head.snapshotEnd) return { end: at, damaged: true };
	// A torn tail after damage is left too: the journal is written afresh from the database, or read for what it holds.
	if (at < size && !damaged) {
		file.truncate(at);
		file.flush();
	}
	return { end: at, damaged };
}

/**
 * The commits after transaction `seq` in a file, in their order (another tab's may have been appended late). Read on past
 * damage: the rewrite that carries them over is what a damaged journal is mended by.
 */
export function commitsAfter(file: JournalFile, head: Head, seq: number): Commit[] {
	const commits: Commit[] = [];
	scan(file, head, head.snapshotEnd, (frame) => {
		if (frame.kind === 'commit' && frame.seq > seq) commits.push(frame);
	});
	return commits.sort((a, b) => a.seq - b.seq);
}
