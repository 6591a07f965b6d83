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

function track(tables: readonly string[], ended: Promise<void>): void {
	const read = { tables, ended };
	reads.add(read);
	void ended.then(() => reads.delete(read));
}

/** Tells of every transaction as it is opened (idb/database.ts): the reads' ends here, the tables to live reads. */
export const readsInFlightHooks: Hooks = {
	opened(tx) {
		tablesRead(tx.tables, tx.caller);
		if (tx.mode === 'r') track(tx.tables, tx.ended);
	}
};

/**
 * Resolves once every read transaction over `table` open now has ended (at once when there is none), in a task of its
 * own: this resolves in a listener of a read's end, and the work its result started on the page's thread comes first.
 */
export async function afterReadsOf(table: string): Promise<void> {
	const ending = [...reads].filter((read) => read.tables.includes(table)).map((read) => read.ended);
	if (ending.length === 0) return;
	await Promise.all(ending);
	await yieldToPage();
}
