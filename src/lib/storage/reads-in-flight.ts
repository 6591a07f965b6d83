import type { DBCore, Middleware } from 'dexie';
import type { Hooks } from './idb/database.ts';
import { tablesRead } from './read-tracking.ts';
import { yieldToPage } from './yield-to-page.ts';

/*
 * The read transactions in flight, by the tables they read. An answer's transaction is opened once those over its table
 * have ended (answers.ts): IndexedDB starts a write only after the reads over its tables opened before it have ended,
 * and those end once the page's thread has taken their results; opened earlier, the answer's transaction waited while
 * the live queries' reads were answered and handled inside its window (the save trace, issue 17: 4–8 ms at 4× CPU).
 */

const reads = new Set<{ tables: readonly string[]; ended: Promise<void> }>();

export const readsInFlight: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'ReadsInFlight',
	create(down) {
		return {
			...down,
			transaction(tables, mode, options) {
				const trans = down.transaction(tables, mode, options);
				tablesRead(tables);
				if (mode === 'readonly') {
					const idb = trans as unknown as IDBTransaction;
					track(
						tables,
						new Promise<void>((resolve) => {
							idb.addEventListener('complete', () => resolve());
							idb.addEventListener('abort', () => resolve());
						})
					);
				}
				return trans;
			}
		};
	}
};

function track(tables: readonly string[], ended: Promise<void>): void {
	const read = { tables, ended };
	reads.add(read);
	void ended.then(() => reads.delete(read));
}

/** The same for the own IndexedDB layer (idb/database.ts). */
export const readsInFlightHooks: Hooks = {
	opened(tx) {
		tablesRead(tx.tables);
		if (tx.mode === 'r') track(tx.tables, tx.ended);
	}
};

/**
 * Resolves once every read transaction over `table` open now has ended (at once when there is none), in a task of its
 * own: this resolves in the first listener of a read's end, and Dexie's, which hand its result on, come after it.
 */
export async function afterReadsOf(table: string): Promise<void> {
	const ending = [...reads].filter((read) => read.tables.includes(table)).map((read) => read.ended);
	if (ending.length === 0) return;
	await Promise.all(ending);
	await yieldToPage();
}
