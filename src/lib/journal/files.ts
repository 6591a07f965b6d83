import { readFrame, type Frame, type JournalFile } from './frames.ts';

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

/** Visits the frames after `from`; a torn tail left by a crash is cut off so that appends follow valid frames. */
export function scan(
	file: JournalFile,
	head: Head,
	from: number,
	visit?: (frame: Frame) => void,
	onlyTable?: string
): { end: number; damaged: boolean } {
	const size = file.size();
	let at = from;
	for (let found = readFrame(file, at, size, onlyTable); found; found = readFrame(file, at, size, onlyTable)) {
		visit?.(found.frame);
		at = found.next;
	}
	if (at < head.snapshotEnd) return { end: at, damaged: true };
	if (at < size) {
		file.truncate(at);
		file.flush();
	}
	return { end: at, damaged: false };
}

/** The commits after transaction `seq` in a file, in their order (another tab's may have been appended late). */
export function commitsAfter(file: JournalFile, head: Head, seq: number): Commit[] {
	const commits: Commit[] = [];
	scan(file, head, head.snapshotEnd, (frame) => {
		if (frame.kind === 'commit' && frame.seq > seq) commits.push(frame);
	});
	return commits.sort((a, b) => a.seq - b.seq);
}
