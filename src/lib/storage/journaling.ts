import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTransaction, Middleware } from 'dexie';
import type { JournalOp, KeyRange } from '#lib/journal/frames.ts';

/*
 * Every read-write transaction also counts itself in the `meta` table, and what it changed goes to
 * the journal once IndexedDB has committed it: the journal never holds a change the database refused,
 * and a start can tell which of the two is behind by comparing the counts.
 */

export const META_TABLE = 'meta';
export const SEQ_KEY = 'journal';

export interface SeqRecord {
	id: typeof SEQ_KEY;
	seq: number;
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
	counted: Promise<void> | undefined;
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
			if (!down.schema.tables.some((table) => table.name === META_TABLE)) return down;
			const meta = down.table(META_TABLE);
			const pending = new WeakMap<DBCoreTransaction, Pending>();

			/** The first change in a transaction counts it; the count is written in that same transaction. */
			function count(trans: DBCoreTransaction): Pending {
				const entry = pending.get(trans) ?? { seq: undefined, counted: undefined, ops: [] };
				pending.set(trans, entry);
				entry.counted ??= meta.get({ trans, key: SEQ_KEY }).then(async (stored: SeqRecord | undefined) => {
					entry.seq = (stored?.seq ?? 0) + 1;
					await meta.mutate({ trans, type: 'put', values: [{ id: SEQ_KEY, seq: entry.seq } satisfies SeqRecord] });
				});
				return entry;
			}

			return {
				...down,
				transaction(stores, mode, options) {
					if (mode !== 'readwrite') return down.transaction(stores, mode, options);
					const trans = down.transaction(stores.includes(META_TABLE) ? stores : [...stores, META_TABLE], mode, options);
					// Registered before Dexie's own handler, so the journal hears of the commit before the caller does.
					(trans as unknown as IDBTransaction).addEventListener('complete', () => {
						const entry = pending.get(trans);
						if (entry?.seq !== undefined) committed(entry.seq, entry.ops);
					});
					return trans;
				},
				table(name) {
					const table = down.table(name);
					if (name === META_TABLE) return table;
					return {
						...table,
						async mutate(request) {
							const response = await table.mutate(request);
							const op = toOp(name, request, response);
							if (changesSomething(op)) {
								const entry = count(request.trans);
								entry.ops.push(op);
								await entry.counted;
							}
							return response;
						}
					};
				}
			};
		}
	};
}
