import type { Hooks } from './database.ts';

/*
 * Live reads, in place of Dexie's liveQuery. A read names the tables it reads and runs again once a transaction that
 * wrote to one of them has committed: in this tab through the commit hook, in another (or from another connection of
 * this tab, such as the journal's restore) through a BroadcastChannel message that names the tables, never a record.
 * Coarser than Dexie, which watched the key ranges a read had touched; finer than that is a predicate the caller can add
 * later, should a profile ask for it (docs: /work/notes/no-dexie.md).
 */

type Listener = (tables: ReadonlySet<string>) => void;

/** The tables written by committed transactions, in this tab and in the others, for one database name. */
export class Changes {
	readonly #listeners = new Set<Listener>();
	readonly #channel: BroadcastChannel | undefined;
	readonly hooks: Hooks;

	constructor(name: string) {
		this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`idb-changes:${name}`) : undefined;
		this.#channel?.addEventListener('message', (event: MessageEvent<string[]>) => this.#tell(new Set(event.data)));
		this.hooks = {
			committed: (_tx, changes) => {
				const tables = new Set(changes.map((change) => change.table));
				if (tables.size === 0) return;
				this.#tell(tables);
				this.#channel?.postMessage([...tables]);
			}
		};
	}

	#tell(tables: ReadonlySet<string>): void {
		for (const listener of this.#listeners) listener(tables);
	}

	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	close(): void {
		this.#channel?.close();
		this.#listeners.clear();
	}
}

export interface Observer<T> {
	next(value: T): void;
	error(error: unknown): void;
}

/**
 * Runs `read` now and again after every commit that wrote one of `tables`. A read overtaken by a commit is not shown:
 * it runs again and only its newest result is handed on, so a list never shows a state older than one it showed.
 * Returns the unsubscribe.
 */
export function liveRead<T>(changes: Changes, tables: readonly string[], read: () => Promise<T>, observer: Observer<T>): () => void {
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
		if (tables.some((table) => written.has(table))) void run();
	});
	void run();
	return () => {
		stopped = true;
		unsubscribe();
	};
}
