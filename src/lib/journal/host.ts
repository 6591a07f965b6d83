import type { JournalRequest, JournalSummary } from './protocol.ts';
import type { JournalStore } from './store.ts';
import { START_TABLE } from './tail.ts';

/*
 * One worker per origin holds the journal files. WebKit gives only exclusive access handles (it
 * ignores "readwrite-unsafe"), so two tabs, or a reload racing the old page's worker, cannot both
 * open them. Every tab's worker asks for the HOLDER lock; the one that gets it opens the files and
 * keeps the lock while it lives. The others send their requests to it over a broadcast channel and
 * get the answers back the same way. When the holder's tab closes, its lock passes to a waiting
 * worker, which opens the files, says so, and the others send it again what was left unanswered.
 */

export const HOLDER_LOCK = 'billedtale-journal-holder';

export type JournalWork = JournalRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export type RelayMessage =
	| { kind: 'hello' }
	| { kind: 'holder'; holder: string }
	| { kind: 'request'; holder: string; from: string; rid: number; work: JournalWork }
	| { kind: 'reply'; to: string; rid: number; result?: unknown; error?: string };

/** A broadcast channel: a message reaches every other worker of the origin, never its sender. */
export interface Relay {
	post(message: RelayMessage): void;
	listen(receive: (message: RelayMessage) => void): void;
}

/** `navigator.locks.request`, narrowed: `hold` runs once the lock is granted, and the lock is held until it settles. */
export type RequestLock = (name: string, hold: () => Promise<void>) => Promise<unknown>;

/** What the holder does with each request, on the files it has opened. */
export type Executor = (work: JournalWork) => Promise<unknown>;

/** The "erasing" marker lives beside the files; after a crash it tells the next start to finish "Slet alt". */
export interface ErasingMarker {
	isSet(): Promise<boolean>;
	set(): Promise<void>;
	clear(): Promise<void>;
}

/** Tries to clear the erase marker this many times before it says it could not. */
export const MARKER_CLEAR_TRIES = 3;

/**
 * The marker is cleared, or the erasing fails: a marker left in place silently made every later start erase again,
 * taking what was entered since with it. A clear that failed but left no marker (it was gone already) is done.
 */
async function clearMarker(marker: ErasingMarker): Promise<void> {
	let failure: unknown;
	for (let tries = 0; tries < MARKER_CLEAR_TRIES; tries++) {
		try {
			return await marker.clear();
		} catch (error) {
			failure = error;
			if (!(await marker.isSet())) return;
		}
	}
	throw new Error("The journal's erase marker could not be removed", { cause: failure });
}

export function journalExecutor(store: JournalStore, marker: ErasingMarker, settle: () => Promise<void> = async () => {}): Executor {
	const run = async (work: JournalWork): Promise<unknown> => {
		switch (work.op) {
			case 'inspect': {
				const { state, ...summary } = store.startState();
				return { ...summary, vault: state.get(START_TABLE)?.get('vault'), erasing: await marker.isSet() } satisfies JournalSummary;
			}
			case 'verify':
				return store.verify(work.from);
			case 'read':
				return store.read();
			case 'append':
				return store.append(work.seq, work.ops);
			case 'snapshotBegin':
				// A snapshot begun while "Slet alt" runs could read records not yet deleted and bring them back.
				if (await marker.isSet()) throw new Error('The journal is being erased');
				return store.beginSnapshot();
			case 'snapshotAdd':
				return store.addToSnapshot(work.build, work.records);
			case 'snapshotFinish':
				if (await marker.isSet()) throw new Error('The journal is being erased');
				return store.finishSnapshot(work.build, work.baseSeq);
			case 'beginErase':
				// The marker comes first: a crash after it makes the next start finish the erasing.
				await marker.set();
				return store.erase();
			case 'finishErase':
				return clearMarker(marker);
		}
	};
	// Older WebKit's handles answer some calls with promises: a request is done once they have settled.
	return async (work) => {
		const result = await run(work);
		await settle();
		return result;
	};
}

type Waiting = { work: JournalWork; resolve(value: unknown): void; reject(error: Error): void };

export class JournalHost {
	/** The holder's files, or why they could not be opened; unset while another worker holds them. */
	private opened: Promise<Executor> | undefined;
	private holder: string | undefined;
	private nextRid = 1;
	private readonly waiting = new Map<number, Waiting>();
	/** One request at a time, in the order they came, from every tab. */
	private queue: Promise<unknown> = Promise.resolve();
	private release: (() => void) | undefined;

	constructor(
		readonly id: string,
		private readonly relay: Relay,
		requestLock: RequestLock,
		private readonly open: () => Promise<Executor>
	) {
		relay.listen((message) => this.receive(message));
		void requestLock(HOLDER_LOCK, () => this.hold());
		relay.post({ kind: 'hello' });
	}

	get holding(): boolean {
		return this.opened !== undefined;
	}

	/** Does the work here when this worker holds the files, else sends it to the one that does. */
	handle(work: JournalWork): Promise<unknown> {
		if (this.opened) return this.run(work);
		return new Promise((resolve, reject) => {
			const rid = this.nextRid++;
			this.waiting.set(rid, { work, resolve, reject });
			if (this.holder) this.send(rid, work);
		});
	}

	/** Lets the lock go, as a worker's end does; for tests and an orderly shutdown. */
	close(): void {
		this.release?.();
	}

	private hold(): Promise<void> {
		// Failing to open is an answer too: every tab is told, and runs on IndexedDB alone.
		this.opened = this.open();
		this.opened.catch(() => undefined);
		this.holder = this.id;
		this.relay.post({ kind: 'holder', holder: this.id });
		for (const [rid, { work, resolve, reject }] of this.waiting) {
			this.waiting.delete(rid);
			this.run(work).then(resolve, reject);
		}
		return new Promise<void>((resolve) => (this.release = resolve)).then(() => {
			this.opened = undefined;
			this.holder = undefined;
		});
	}

	private run(work: JournalWork): Promise<unknown> {
		const opened = this.opened!;
		const result = this.queue.then(async () => (await opened)(work));
		this.queue = result.catch(() => undefined);
		return result;
	}

	private send(rid: number, work: JournalWork): void {
		this.relay.post({ kind: 'request', holder: this.holder!, from: this.id, rid, work });
	}

	private receive(message: RelayMessage): void {
		switch (message.kind) {
			case 'hello':
				if (this.opened) this.relay.post({ kind: 'holder', holder: this.id });
				return;
			case 'holder':
				if (message.holder === this.holder || this.opened) return;
				// A new holder: what the old one left unanswered goes to it (a repeated append only makes the next start rewrite).
				this.holder = message.holder;
				for (const [rid, { work }] of this.waiting) this.send(rid, work);
				return;
			case 'request':
				if (message.holder !== this.id || !this.opened) return;
				this.run(message.work).then(
					(result) => this.relay.post({ kind: 'reply', to: message.from, rid: message.rid, result }),
					(error: unknown) => this.relay.post({ kind: 'reply', to: message.from, rid: message.rid, error: String(error) })
				);
				return;
			case 'reply': {
				const waiting = message.to === this.id ? this.waiting.get(message.rid) : undefined;
				if (!waiting) return;
				this.waiting.delete(message.rid);
				if (message.error === undefined) waiting.resolve(message.result);
				else waiting.reject(new Error(message.error));
			}
		}
	}
}
