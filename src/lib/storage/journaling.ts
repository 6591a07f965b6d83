import type { JournalOp, KeyRange } from '#lib/journal/frames.ts';
import type { Change, Hooks, Tx } from './idb/database.ts';

/*
 * Every read-write transaction that changes something also adds a row to the `commits` table, whose
 * key IndexedDB numbers upwards across tabs; what the transaction changed goes to the journal with
 * that number once IndexedDB has committed it. So the journal never holds a change the database
 * refused, and a start can tell which of the two is behind by comparing the last numbers. Adding the
 * row needs no read and is asked for with the first change, so it costs no extra round trip inside the transaction.
 */

export const COMMITS_TABLE = 'commits';

export interface CommitRecord {
	seq?: number;
}

function keyRange(range: IDBKeyRange | undefined): KeyRange {
	const bound = (key: unknown) => (typeof key === 'string' ? key : undefined);
	if (!range) return { lower: undefined, upper: undefined, lowerOpen: false, upperOpen: false };
	return { lower: bound(range.lower), upper: bound(range.upper), lowerOpen: range.lowerOpen, upperOpen: range.upperOpen };
}

function toOp(change: Change): JournalOp {
	switch (change.type) {
		case 'put':
			return { type: 'put', table: change.table, values: change.values };
		case 'delete':
			return { type: 'delete', table: change.table, keys: change.keys as string[] };
		case 'deleteRange':
			return { type: 'deleteRange', table: change.table, range: keyRange(change.range) };
	}
}

/** The journal's hooks on the database (idb/database.ts). */
export function journalHooks(committed: (seq: number, ops: JournalOp[]) => void): Hooks {
	const pending = new WeakMap<Tx, { seq: number | undefined }>();
	return {
		alsoWrite: [COMMITS_TABLE],
		writing(tx, change) {
			if (change.table === COMMITS_TABLE || pending.has(tx)) return;
			const counted: { seq: number | undefined } = { seq: undefined };
			pending.set(tx, counted);
			// Numbered before the change is asked for, so both requests go to IndexedDB together: numbering after the change's
			// answer cost the transaction one more trip through the page's main thread, which a tap keeps busy. A failed add
			// aborts the transaction, which the caller hears of; nothing is journaled then.
			tx.table<CommitRecord>(COMMITS_TABLE)
				.add({})
				.then(
					(seq) => (counted.seq = seq as number),
					() => undefined
				);
		},
		committed(tx, changes) {
			const seq = pending.get(tx)?.seq;
			if (seq === undefined) return;
			committed(seq, changes.filter((change) => change.table !== COMMITS_TABLE).map(toOp));
		}
	};
}
