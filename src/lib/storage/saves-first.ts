import type { Table, Transaction } from 'dexie';
import { getDb } from './db.ts';

/*
 * An answer being saved goes before background work (the migration pass, the journal's rewrite). IndexedDB runs transactions over the same
 * table one at a time, in the order they were opened, and a background transaction lasts until the page's thread has
 * handled its requests' answers, which a tap keeps busy: the profile of the real save (issue 17, 4× CPU) showed the
 * answer's transaction registered at once but started only once a migration batch opened before the tap had committed,
 * 25–35 ms later, and that batch's commit then woke the journal and every live query (23 ms) on the thread that had yet
 * to hear of the answer's commit. So a save aborts the background transactions in flight (their work is done again
 * after it), and background work opens no transaction while a save is under way.
 */

let inFlight = 0;
let settled: { promise: Promise<void>; resolve: () => void } | undefined;
const background = new Set<Transaction>();
const preempted = new WeakSet<Transaction>();

/** Runs a save the user waits for, ahead of any background transaction. */
export async function asSave<T>(save: () => Promise<T>): Promise<T> {
	if (inFlight === 0) {
		let resolve!: () => void;
		const promise = new Promise<void>((done) => (resolve = done));
		settled = { promise, resolve };
	}
	inFlight += 1;
	for (const transaction of background) {
		if (!transaction.active) continue;
		try {
			transaction.abort();
			preempted.add(transaction);
		} catch {
			// Already committing: it ends on its own, soon, and is not done again.
		}
	}
	try {
		return await save();
	} finally {
		inFlight -= 1;
		if (inFlight === 0) {
			settled?.resolve();
			settled = undefined;
		}
	}
}

/** Resolves at once when no save is under way, else once the last one has settled (failed or not). */
export function afterSaves(): Promise<void> {
	return settled?.promise ?? Promise.resolve();
}

/**
 * Runs `work` in a background transaction: opened when no save is under way, and run again from the start after a
 * save that aborted it, so `work` must decide anew from what it reads (nothing it did in the aborted one was kept).
 */
export async function backgroundTransaction<T>(mode: 'r' | 'rw', tables: Table[], work: () => Promise<T>): Promise<T> {
	for (;;) {
		await afterSaves();
		let opened: Transaction | undefined;
		try {
			return await getDb().transaction(mode, tables, (transaction) => {
				opened = transaction;
				background.add(transaction);
				return work();
			});
		} catch (error) {
			if (!opened || !preempted.has(opened)) throw error;
		} finally {
			if (opened) background.delete(opened);
		}
	}
}
