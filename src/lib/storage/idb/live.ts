import type { Hooks, Tx } from './database.ts';

/*
 * Live reads, in place of Dexie's liveQuery. A read names the tables it reads and runs again once a transaction that
 * wrote to one of them has committed: in this tab through the commit hook, in another (or from another connection of
 * this tab, such as the journal's restore) through a BroadcastChannel message that names the tables, never a record.
 * Dexie watched the key ranges a read had touched, so an answer saved in one meeting did not read another meeting's list
 * again; here a read of a table runs again for any commit to it (the app shows one meeting at a time).
 */

/** `tables` undefined: anything may have changed (the page is back from the back-forward cache). */
type Listener = (tables?: ReadonlySet<string>) => void;

/*
 * Builds before this layer used Dexie, which tells other tabs of a commit on a channel of its own, with the parts it
 * changed named "idb://<database>/<table>/<index>". A tab still on such a build (the update is taken in one tab; the
 * others are only told of it) and a tab of this build hear each other's commits there, so neither shows a list older
 * than the tablet's. Each part is told as its whole key range (Dexie's own "everything": from -Infinity to [[[]]]).
 */
const DEXIE_CHANNEL = 'x-storagemutated-1';
const EVERY_KEY = { d: 1, from: -Infinity, to: [[[]]] };

function dexieTables(name: string, parts: unknown): Set<string> {
	const prefix = `idb://${name}/`;
	const keys = typeof parts === 'object' && parts !== null ? Object.keys(parts) : [];
	return new Set(keys.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length).split('/')[0]!));
}

function dexieParts(name: string, tx: Tx, tables: ReadonlySet<string>): Record<string, typeof EVERY_KEY> {
	const parts: Record<string, typeof EVERY_KEY> = {};
	for (const table of tables) {
		for (const index of ['', ':dels', ...(tx.db.stores[table]?.indexes.map((spec) => spec.name) ?? [])]) {
			parts[`idb://${name}/${table}/${index}`] = EVERY_KEY;
		}
	}
	return parts;
}

/** The tables written by committed transactions, in this tab and in the others, for one database name. */
export class Changes {
	readonly #listeners = new Set<Listener>();
	#channel: BroadcastChannel | undefined;
	#dexie: BroadcastChannel | undefined;
	readonly hooks: Hooks;

	constructor(name: string) {
		const listen = () => {
			if (typeof BroadcastChannel !== 'function') return;
			this.#channel = new BroadcastChannel(`idb-changes:${name}`);
			this.#channel.addEventListener('message', (event: MessageEvent<string[]>) => this.#tell(new Set(event.data)));
			this.#dexie = new BroadcastChannel(DEXIE_CHANNEL);
			this.#dexie.addEventListener('message', (event: MessageEvent<unknown>) => {
				const tables = dexieTables(name, event.data);
				if (tables.size > 0) this.#tell(tables);
			});
		};
		listen();
		// As Dexie did: a page kept in the back-forward cache closes its channel (an open one can keep it out of the cache)
		// and, shown again, reads everything again, since other tabs may have written meanwhile unheard.
		if (typeof addEventListener === 'function') {
			addEventListener('pagehide', (event: Event) => {
				if (!(event as PageTransitionEvent).persisted) return;
				this.#channel?.close();
				this.#dexie?.close();
				this.#channel = this.#dexie = undefined;
			});
			addEventListener('pageshow', (event: Event) => {
				if (!(event as PageTransitionEvent).persisted) return;
				listen();
				this.#tell(undefined);
			});
		}
		this.hooks = {
			committed: (tx, changes) => {
				const tables = new Set(changes.map((change) => change.table));
				if (tables.size === 0) return;
				this.#tell(tables);
				this.#channel?.postMessage([...tables]);
				this.#dexie?.postMessage(dexieParts(name, tx, tables));
			}
		};
	}

	#tell(tables: ReadonlySet<string> | undefined): void {
		for (const listener of this.#listeners) listener(tables);
	}

	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	close(): void {
		this.#channel?.close();
		this.#dexie?.close();
		this.#listeners.clear();
	}
}

export interface Observer<T> {
	next(value: T): void;
	error(error: unknown): void;
}

/**
 * Runs `read` now and again after every commit that wrote one of `tables` (which may grow as `read` runs). A read overtaken by a commit is not shown: it runs again and only its newest result is
 * handed on, so a list never shows a state older than one it showed. Returns the unsubscribe.
 */
export function liveRead<T>(changes: Changes, tables: ReadonlySet<string>, read: () => Promise<T>, observer: Observer<T>): () => void {
	let stopped = false;
	let running = false;
	let again = false;
	const run = async () => {
		if (running) {
			again = true;
			return;
		}
		running = true;
		do {
			again = false;
			try {
				const value = await read();
				if (!stopped && !again) observer.next(value);
			} catch (error) {
				if (!stopped && !again) observer.error(error);
			}
		} while (again && !stopped);
		running = false;
	};
	const unsubscribe = changes.subscribe((written) => {
		if (!written || [...tables].some((table) => written.has(table))) void run();
	});
	void run();
	return () => {
		stopped = true;
		unsubscribe();
	};
}
