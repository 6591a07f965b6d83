import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTransaction, Middleware } from 'dexie';
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

// Dexie's DBCoreRangeType is a const enum, which isolated modules cannot import.
const RANGE_EQUAL = 1;
const RANGE_NEVER = 4;

function keyRange(range: DBCoreKeyRange): KeyRange {
	const bound = (key: unknown) => (typeof key === 'string' ? key : undefined);
	if (range.type === RANGE_EQUAL) return { lower: bound(range.lower), upper: bound(range.lower), lowerOpen: false, upperOpen: false };
	return { lower: bound(range.lower), upper: bound(range.upper), lowerOpen: !!range.lowerOpen, upperOpen: !!range.upperOpen };
}

function toOp(table: string, request: DBCoreMutateRequest, response: DBCoreMutateResponse): JournalOp | undefined {
	const succeeded = (_: unknown, i: number) => !(i in response.failures);
	switch (request.type) {
		case 'add':
		case 'put':
			return { type: 'put', table, values: request.values.filter(succeeded) };
		case 'delete':
			return { type: 'delete', table, keys: request.keys.filter(succeeded) as string[] };
		case 'deleteRange':
			return request.range.type === RANGE_NEVER ? undefined : { type: 'deleteRange', table, range: keyRange(request.range) };
	}
}

interface Pending {
	seq: number | undefined;
	ops: JournalOp[];
}

const changesSomething = (op: JournalOp | undefined): op is JournalOp =>
	!!op && (op.type === 'put' ? op.values.length > 0 : op.type === 'delete' ? op.keys.length > 0 : true);

export function journalingMiddleware(committed: (seq: number, ops: JournalOp[]) => void): Middleware<DBCore> {
	return {
		stack: 'dbcore',
		name: 'Journal',
		// Below Dexie's own middlewares, so it sees exactly what reaches IndexedDB.
		level: -2,
		create(down) {
			// A database still being upgraded from before schema 5 has nothing to count in.
			if (!down.schema.tables.some((table) => table.name === COMMITS_TABLE)) return down;
			const commits = down.table(COMMITS_TABLE);
			const pending = new WeakMap<DBCoreTransaction, Pending>();

			/** The first change in a transaction numbers it, in that same transaction. */
			function count(trans: DBCoreTransaction): Pending {
				let entry = pending.get(trans);
				if (entry) return entry;
				const counted: Pending = { seq: undefined, ops: [] };
				// A failed add aborts the transaction, which the caller hears of; nothing is journaled then.
				commits.mutate({ trans, type: 'add', values: [{} satisfies CommitRecord] }).then(
					(response) => (counted.seq = response.results?.[0] as number | undefined),
					() => undefined
				);
				pending.set(trans, (entry = counted));
				return entry;
			}

			return {
				...down,
				transaction(stores, mode, options) {
					if (mode !== 'readwrite') return down.transaction(stores, mode, options);
					const trans = down.transaction(stores.includes(COMMITS_TABLE) ? stores : [...stores, COMMITS_TABLE], mode, options);
					// Registered before Dexie's own handler, so the journal hears of the commit before the caller does.
					(trans as unknown as IDBTransaction).addEventListener('complete', () => {
						const entry = pending.get(trans);
						if (entry?.seq !== undefined) committed(entry.seq, entry.ops);
					});
					return trans;
				},
				table(name) {
					const table = down.table(name);
					if (name === COMMITS_TABLE) return table;
					return {
						...table,
						async mutate(request) {
							// Numbered before the change is asked for, so both requests go to IndexedDB together: numbering after the
							// change's answer cost the transaction one more trip through the page's main thread, which a tap keeps busy.
							// A transaction whose change turns out empty keeps its number and journals no ops (the numbers stay contiguous).
							const counted = count(request.trans);
							const response = await table.mutate(request);
							const op = toOp(name, request, response);
							if (changesSomething(op)) counted.ops.push(op);
							return response;
						}
					};
				}
			};
		}
	};
}

function layerRange(range: IDBKeyRange | undefined): KeyRange {
	const bound = (key: unknown) => (typeof key === 'string' ? key : undefined);
	if (!range) return { lower: undefined, upper: undefined, lowerOpen: false, upperOpen: false };
	return { lower: bound(range.lower), upper: bound(range.upper), lowerOpen: range.lowerOpen, upperOpen: range.upperOpen };
}

function layerOp(change: Change): JournalOp {
	switch (change.type) {
		case 'put':
			return { type: 'put', table: change.table, values: change.values };
		case 'delete':
			return { type: 'delete', table: change.table, keys: change.keys as string[] };
		case 'deleteRange':
			return { type: 'deleteRange', table: change.table, range: layerRange(change.range) };
	}
}

/** The journal for the own IndexedDB layer (idb/database.ts): the same numbering and ops as the middleware above. */
export function journalHooks(committed: (seq: number, ops: JournalOp[]) => void): Hooks {
	const pending = new WeakMap<Tx, { seq: number | undefined }>();
	return {
		alsoWrite: [COMMITS_TABLE],
		writing(tx, change) {
			if (change.table === COMMITS_TABLE || pending.has(tx)) return;
			const counted: { seq: number | undefined } = { seq: undefined };
			pending.set(tx, counted);
			// Asked for with the first change, as above; a failed add aborts the transaction, which the caller hears of.
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
			committed(seq, changes.filter((change) => change.table !== COMMITS_TABLE).map(layerOp));
		}
	};
}
