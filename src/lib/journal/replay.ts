import type { JournalOp, KeyRange } from './frames.ts';

/** table → record id → record, as IndexedDB holds them (sealed). */
export type TableState = Map<string, Map<string, unknown>>;

export interface JournalState {
	state: TableState;
	/** The last committed transaction the journal holds. */
	maxSeq: number;
	/** False when a transaction between the snapshot and the last one is missing. */
	contiguous: boolean;
	/** False when no snapshot exists, or a frame of it is damaged: `state` then holds what could be read around the damage. */
	usable: boolean;
	/** Records were deleted since the snapshot; their old copies stay in it until it is rewritten. */
	holdsDeleted: boolean;
}

function inRange(key: string, { lower, upper, lowerOpen, upperOpen }: KeyRange): boolean {
	if (lower !== undefined && (lowerOpen ? key <= lower : key < lower)) return false;
	if (upper !== undefined && (upperOpen ? key >= upper : key > upper)) return false;
	return true;
}

/** Replays a transaction's changes over the records, as IndexedDB made them. */
export function apply(state: TableState, ops: readonly JournalOp[]): void {
	for (const op of ops) {
		let table = state.get(op.table);
		if (!table) state.set(op.table, (table = new Map()));
		if (op.type === 'put') for (const value of op.values) table.set((value as { id: string }).id, value);
		else if (op.type === 'delete') for (const key of op.keys) table.delete(key);
		else for (const key of [...table.keys()]) if (inRange(key, op.range)) table.delete(key);
	}
}
