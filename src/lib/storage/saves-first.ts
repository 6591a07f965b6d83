import { getStore, type StoreTables } from './db.ts';
import type { Tx, TypedTx } from './idb/database.ts';

/*
 * An answer being saved goes before background work (the migration pass, the journal's rewrite). IndexedDB runs transactions over the same
 * table one at a time, in the order they were opened, and a background transaction lasts until the page's thread has
 * handled its requests' answers, which a tap keeps busy: the profile of the real save (issue 17, 4× CPU) showed the
 * answer's transaction registered at once but started only once a migration batch opened before the tap had committed,
 * 25–35 ms later, and that batch's commit then woke the journal and every live query (23 ms) on the thread that had yet
 * to hear of the answer's commit. So a save aborts the background transactions in flight (their work is done again
 * after it), and background work opens no transaction while a save is under way.
 */

/** Counts work under way; `after()` resolves at once when there is none, else once the last piece has settled (failed or not). */
class Gate {
	#inFlight = 0;
	#settled: { promise: Promise<void>; resolve: () => void } | undefined;

	/** When the last piece settled (performance.now()); 0 before any. */
	settledAt = 0;

	get busy(): boolean {
		return this.#inFlight > 0;
	}

	async run<T>(work: () => Promise<T>): Promise<T> {
		if (this.#inFlight === 0) {
			let resolve!: () => void;
			const promise = new Promise<void>((done) => (resolve = done));
			this.#settled = { promise, resolve };
		}
		this.#inFlight += 1;
		try {
			return await work();
		} finally {
			this.#inFlight -= 1;
			if (this.#inFlight === 0) {
				this.settledAt = performance.now();
				this.#settled?.resolve();
				this.#settled = undefined;
			}
		}
	}

	after(): Promise<void> {
		return this.#settled?.promise ?? Promise.resolve();
	}
}

const saves = new Gate();
const saveWrites = new Gate();
const background = new Set<Tx>();
const preempted = new WeakSet<Tx>();

/** Runs a save the user waits for, ahead of any background transaction. */
export function asSave<T>(save: () => Promise<T>): Promise<T> {
	return saves.run(() => {
		for (const transaction of background) {
			if (!transaction.active) continue;
			try {
				transaction.abort();
				preempted.add(transaction);
			} catch {
				// Already committing: it ends on its own, soon, and is not done again.
			}
		}
		return save();
	});
}

/** Resolves at once when no save is under way, else once the last one has settled (failed or not). */
export function afterSaves(): Promise<void> {
	return saves.after();
}

/*
 * Answers come in runs: the next tap follows within a second or so. A migration batch's commit wakes every live query
 * of its table, and their reads and the re-render (4–10 ms at 4× CPU) then ran inside the next answer's transaction
 * window (the save trace: in 6 of 10 taps the list's read, opened 60–100 ms before, finished inside it). So the migration
 * pass, which can wait, goes on only once the answering has paused this long. Not the journal's catch-up and rewrite:
 * they only read, and an answer the database holds but the journal does not yet must reach it between taps.
 */
const ANSWERING_PAUSE_MS = 500;

/** Resolves once no save is under way and none has settled for ANSWERING_PAUSE_MS; at once when none was made lately. */
export async function afterAnswering(): Promise<void> {
	for (;;) {
		await saves.after();
		const wait = saves.settledAt + ANSWERING_PAUSE_MS - performance.now();
		if (wait <= 0 && !saves.busy) return;
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
	}
}

/*
 * A save's own transaction, from its opening to its commit, is timed as the database write (issue 17, bench row save.db):
 * IndexedDB's word that it committed waits for the page's thread, and the tap's other work that arrives meanwhile (the
 * offline voice's clip, handed to the audio element: an object URL, the media pipeline's tasks, 10–15 ms at 4× CPU) ran
 * first. Such work waits for `afterSaveWrites()`, a few ms at most, instead of holding back the save.
 */

/** Runs a save's transaction; `afterSaveWrites()` waits for it. */
export function asSaveWrite<T>(write: () => Promise<T>): Promise<T> {
	return saveWrites.run(write);
}

/** Resolves at once when no save's transaction is open, else once the last one has committed or failed. */
export function afterSaveWrites(): Promise<void> {
	return saveWrites.after();
}

/*
 * "Gemt" before the lists. An answer's commit wakes every live query of the answers inside IndexedDB's complete event:
 * each starts its reads there (~10 ms of the page's thread at 4× CPU, the save trace of issue 17), and the journal's
 * word that it holds the answer, which "Gemt" waits for, came 5 ms after the commit and waited behind them. So while an
 * answer is on its way to "Gemt", the live queries read again only once "Gemt" has been drawn (live.svelte.ts).
 */
const shownGate = new Gate();

/**
 * A hold ends after this at the latest: "Gemt" waits for a slow journal up to 15 s (journal/client.ts), and every list
 * of the page, not only the answers', would wait with it.
 */
const HOLD_AT_MOST_MS = 1000;

/** Holds the live queries' reads until `shown` settles (an answer's "Gemt" drawn, or its save failed), a second at most. */
export function holdLiveReadsUntil(shown: Promise<unknown>): void {
	void shownGate.run(
		() =>
			new Promise<void>((resolve) => {
				const latest = setTimeout(resolve, HOLD_AT_MOST_MS);
				const end = () => {
					clearTimeout(latest);
					resolve();
				};
				shown.then(end, end);
			})
	);
}

/** Resolves at once, or once an answer's "Gemt" on its way has been drawn: a live query reads after it. */
export function afterGemt(): Promise<void> {
	return shownGate.busy ? shownGate.after() : Promise.resolve();
}

/**
 * Runs `work` in a background transaction: opened when no save is under way, and run again from the start after a
 * save that aborted it, so `work` must decide anew from what it reads (nothing it did in the aborted one was kept).
 */
export async function backgroundTransaction<T>(
	mode: 'r' | 'rw',
	tables: readonly (keyof StoreTables & string)[],
	work: (tx: TypedTx<StoreTables>) => Promise<T>
): Promise<T> {
	for (;;) {
		await afterSaves();
		let opened: Tx | undefined;
		try {
			return await getStore().transaction(mode, tables, (tx) => {
				opened = tx;
				background.add(tx);
				return work(tx);
			});
		} catch (error) {
			if (!opened || !preempted.has(opened)) throw error;
		} finally {
			if (opened) background.delete(opened);
		}
	}
}
