import { withTimeout } from '#lib/domain/timeout.ts';
import type { JournalOp } from './frames.ts';
import type { JournalRequest, JournalResponse, JournalSummary } from './protocol.ts';
import { grown, type SnapshotRecord } from './compaction.ts';
import type { JournalState } from './replay.ts';
import type { VerifyCursor } from './verify.ts';

/** How long after the start a compaction, or the check of a journal found whole, may begin (the unlock and the first screen come first). */
const REWRITE_AFTER_START_MS = 10_000;
/** How long the page waits for the worker before going on without it. */
const ANSWER_WITHIN_MS = 15_000;

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type Appended = { bytes: number; snapshotBytes: number } | undefined;
type RequestBody = JournalRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** The page's side of the journal worker (exported for its tests; the app uses `journal`). */
export class JournalClient {
	private worker: Worker | undefined;
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();
	private appends: Promise<void> = Promise.resolve();
	private disabled = false;
	/** A rewrite the write that made it due waits for: records were deleted, or there was no journal to append to. */
	private rewriteDue = false;
	/** A rewrite that only makes a grown journal small again; no write waits for it. */
	private compactionDue = false;
	/** The rewrite under way in this tab, if any. */
	private rewriting: Promise<boolean> | undefined;
	/** Until it settles, the journal lacks commits the database holds (the start found it so): every write waits for it. */
	private catchingUp: Promise<void> | undefined;
	private rewritesFinished = 0;
	private waitingToRewrite = false;
	/** Settles once the work compactions wait for has (compactAfter). */
	private quiet: Promise<void> = Promise.resolve();
	/** When this page started (the module loads with it). */
	private readonly startedAt = performance.now();
	private erasing = false;
	/** Writes a fresh snapshot from the database; set when storage starts. */
	rewrite: (() => Promise<void>) | undefined;

	/** Browsers without a private file system for workers run without a journal. */
	supported(): boolean {
		return !this.disabled && typeof Worker === 'function' && typeof navigator.storage?.getDirectory === 'function';
	}

	/** After a failure to open the journal, this page writes only to IndexedDB; the next start tries again. */
	disable(): void {
		this.disabled = true;
		this.worker?.terminate();
		this.worker = undefined;
	}

	private startWorker(): Worker {
		const worker = new Worker(new URL('./journal.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = ({ data }: MessageEvent<JournalResponse>) => {
			const waiting = this.pending.get(data.id);
			this.pending.delete(data.id);
			if (data.error === undefined) waiting?.resolve(data.result);
			else waiting?.reject(new Error(data.error));
		};
		worker.onerror = (event) => {
			for (const waiting of this.pending.values()) waiting.reject(new Error(event.message || 'The journal worker failed'));
			this.pending.clear();
			// A worker that failed may never answer again, and a write waiting on it would never be "Gemt": the next request
			// goes to a new one (the lock passes to it, or to another tab's). Not turned off: "Slet alt" must still empty the
			// journal, or the next start would bring back what was erased.
			worker.terminate();
			if (this.worker === worker) this.worker = undefined;
		};
		return worker;
	}

	private call<T>(body: RequestBody): Promise<T> {
		this.worker ??= this.startWorker();
		const id = this.nextId++;
		const worker = this.worker;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			worker.postMessage({ ...body, id } satisfies JournalRequest);
		});
	}

	inspect(): Promise<JournalSummary> {
		return withTimeout(this.call({ op: 'inspect' }), ANSWER_WITHIN_MS);
	}

	read(): Promise<JournalState> {
		return this.call({ op: 'read' });
	}

	/** One step of checking the frames a start took on trust (store.ts `verify`). */
	verify(from?: VerifyCursor): Promise<{ next?: VerifyCursor; damaged: boolean }> {
		return this.call({ op: 'verify', from });
	}

	/** A snapshot in steps (store.ts): begun, filled while appends go on to the old file, then made the journal at once. */
	beginSnapshot(): Promise<number> {
		return this.call({ op: 'snapshotBegin' });
	}

	addToSnapshot(build: number, records: SnapshotRecord[]): Promise<void> {
		return this.call({ op: 'snapshotAdd', build, records });
	}

	finishSnapshot(build: number, baseSeq: number): Promise<void> {
		return this.call({ op: 'snapshotFinish', build, baseSeq });
	}

	/** Leaves a marker and empties the journal: from here on, the next start finishes the erasing. */
	async beginErase(): Promise<void> {
		this.erasing = true;
		this.catchingUp = undefined;
		this.rewriteDue = false;
		this.compactionDue = false;
		// A rewrite under way is given up: the worker refuses its steps from here on (host.ts).
		if (this.supported()) await this.call({ op: 'beginErase' });
	}

	async finishErase(): Promise<void> {
		if (this.supported()) await this.call({ op: 'finishErase' });
		this.erasing = false;
	}

	/**
	 * Called by the database as each transaction commits. A rewrite becomes due when records were
	 * deleted (so they leave the journal too) or when there is no usable journal to append to; a
	 * compaction when the journal has grown large.
	 */
	committed(seq: number, ops: JournalOp[]): void {
		if (!this.supported()) return;
		const deletes = ops.some((op) => op.type !== 'put');
		const appended = this.call<Appended>({ op: 'append', seq, ops }).then(
			(result) => {
				if (!result || deletes) this.rewriteDue = true;
				// Sizes measured while a rewrite runs are the old file's: the first append after it measures the new one.
				else if (!this.rewriting && grown(result)) this.compactionDue = true;
			},
			(error: unknown) => {
				// The journal now lacks this write, and a restore after a crash would bring the database back without it (a restore
				// does not wait for a journal without gaps). Like a write with no journal to append to, it waits for a rewrite.
				this.rewriteDue = true;
				console.warn('Billedtale: a write did not reach the journal', error);
			}
		);
		this.appends = Promise.all([this.appends, appended]).then(() => undefined);
	}

	/**
	 * Runs a rewrite. One begun while another runs takes its place: the worker keeps only the last snapshot begun, so the
	 * earlier one is given up at its next step (it may have read records before the change that made this one due).
	 */
	private startRewrite(): Promise<boolean> {
		const run: Promise<boolean> = this.rewrite!()
			.then(() => {
				this.rewritesFinished += 1;
				return true;
			})
			.catch((error: unknown) => {
				console.warn('Billedtale: the journal could not be rewritten', error);
				return false;
			})
			.finally(() => {
				if (this.rewriting === run) this.rewriting = undefined;
			});
		this.rewriting = run;
		return run;
	}

	/**
	 * Compactions wait until `work` has settled: a restore grows the journal a batch at a time from an empty snapshot, and
	 * each compaction on the way read the whole database again beside it (years bench at 10×: the restore took 166 s with
	 * them, 140 s without). A rewrite that a write waits for (catchUp, a deletion's) does not wait.
	 */
	compactAfter(work: Promise<unknown>): void {
		const settled = work.then(
			() => undefined,
			() => undefined
		);
		this.quiet = Promise.all([this.quiet, settled]).then(() => undefined);
	}

	/**
	 * A compaction in the background, once the start has had the page: the journal holds every commit and has only grown.
	 * Never before the unlock and the first screen: a tablet used for years found a grown journal at its first write after
	 * unlock, and a compaction then ran through its first screen. Nor during a restore (compactAfter). Until it runs,
	 * writes go on being appended.
	 */
	rewriteLater(): void {
		if (this.waitingToRewrite) return;
		this.waitingToRewrite = true;
		const finishedBefore = this.rewritesFinished;
		void Promise.all([this.afterStart(), this.quiet]).then(() => {
			this.waitingToRewrite = false;
			// A rewrite since (a deletion's, or a first write's) has done it already.
			if (this.rewrite && !this.erasing && !this.rewriting && this.rewritesFinished === finishedBefore) void this.startRewrite();
		});
	}

	/**
	 * The journal lacks what the database holds (the start found it behind, holding deleted records, or damaged): it is
	 * rewritten now, its steps at background priority, and every write waits for it before "Gemt". Waiting 10 s as a
	 * compaction does left a hole the durability test fell into: an answer committed just before a crash, found in the
	 * database at the next start and shown, was lost when a second crash within those 10 s cost the database, and the
	 * journal it was restored from had never received it. Once it is done, "Gemt" means the journal holds the write and
	 * every one before it, whatever the start found.
	 */
	catchUp(): void {
		if (!this.rewrite || this.erasing || this.catchingUp) return;
		const run = this.rewritten(this.startRewrite()).finally(() => {
			if (this.catchingUp === run) this.catchingUp = undefined;
		});
		this.catchingUp = run;
	}

	/** Waits for a rewrite begun now, or, when a later one gave it up, for the later one (that one read the database later still). */
	private async rewritten(run: Promise<boolean>): Promise<void> {
		for (let finished = await run; !finished && this.rewriting;) finished = await this.rewriting;
	}

	/** Resolves once the unlock and the first screen have had the page: work on the journal in the background waits for it. */
	afterStart(): Promise<void> {
		return new Promise((resolve) => setTimeout(resolve, Math.max(0, this.startedAt + REWRITE_AFTER_START_MS - performance.now())));
	}

	/**
	 * Resolves once every committed transaction is in the journal, those the start found missing too, and deleted records
	 * have left it.
	 * A compaction (the journal has only grown) goes on in the background: every write is in the journal
	 * already, and a snapshot of years of records would hold up a "Gemt" for seconds.
	 * A journal that does not answer in time (a tab frozen holding its lock) does not hold up writes
	 * that IndexedDB has already committed; the next start finds it behind and rewrites it.
	 */
	async settled(): Promise<void> {
		await withTimeout(this.appends, ANSWER_WITHIN_MS).catch((error: unknown) => console.warn('Billedtale: the journal is slow', error));
		if (!this.rewrite || this.erasing) return;
		if (this.rewriteDue) {
			this.rewriteDue = false;
			this.compactionDue = false;
			// A rewrite begun meanwhile (another deletion's) gives this one up: the write waits for that one, begun after it
			// committed, or its deleted record would still be in the journal when the screen says it is gone.
			await this.rewritten(this.startRewrite());
		} else if (this.catchingUp) {
			await this.catchingUp;
		} else if (this.compactionDue && !this.rewriting) {
			this.compactionDue = false;
			this.rewriteLater();
		}
	}
}

export const journal = new JournalClient();
