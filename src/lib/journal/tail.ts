import { HEAD_REGION, type Head } from './files.ts';
import type { Frame, JournalOp } from './frames.ts';
import { apply, type TableState } from './replay.ts';

/*
 * What a start needs from the active file (the last commit, the tablet's key), kept up to date frame by frame as this worker
 * appends or reads them, so that neither a start nor an append has to read the file through again.
 */

/** The table a start reads (the tablet's key), which the tail and the checkpoint carry. */
export const START_TABLE = 'vault';

/** The active file as this worker has followed it: where its valid frames end, and what a start needs as of there. */
export type Tail = {
	index: 0 | 1;
	head: Head;
	end: number;
	maxSeq: number;
	/** Commits after the snapshot's base: with maxSeq, whether one is missing. */
	commits: number;
	holdsDeleted: boolean;
	/** The start table's records. */
	state: TableState;
	/** False once a commit changing the start table came after a later commit: its records then need a read in order. */
	ordered: boolean;
	usable: boolean;
	/** Taken from the checkpoint: the frames before its end have not been checked by this worker. */
	unverified: boolean;
};

export function emptyTail(index: 0 | 1, head: Head): Tail {
	return {
		index,
		head,
		end: HEAD_REGION,
		maxSeq: head.baseSeq,
		commits: 0,
		holdsDeleted: false,
		state: new Map(),
		ordered: true,
		usable: true,
		unverified: false
	};
}

const startTableOnly = (ops: readonly JournalOp[]) => ops.filter((op) => op.table === START_TABLE);

/** Takes one frame of the active file into the tail (the start table's snapshot records, and every commit). */
export function follow(tail: Tail, frame: Frame): void {
	if (frame.kind === 'snapshot' && frame.table === START_TABLE)
		apply(tail.state, [{ type: 'put', table: START_TABLE, values: [frame.value] }]);
	// A tab that committed before the snapshot was read may append after it was written: the snapshot already holds that.
	if (frame.kind !== 'commit' || frame.seq <= tail.head.baseSeq) return;
	const changes = startTableOnly(frame.ops);
	if (changes.length > 0 && frame.seq < tail.maxSeq) tail.ordered = false;
	else apply(tail.state, changes);
	tail.commits += 1;
	tail.maxSeq = Math.max(tail.maxSeq, frame.seq);
	tail.holdsDeleted ||= frame.ops.some((op) => op.type !== 'put');
}
