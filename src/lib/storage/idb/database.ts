import { applyStores, hasStores, NATIVE_FACTOR, storesAt, type StoresSpec, type Version } from './schema.ts';

/*
 * A small IndexedDB layer in place of Dexie (issue 17: Dexie was 29.6 kB gzip of the meeting page's first load).
 * Transactions are explicit: the callback gets a handle and reads and writes through it, so nothing depends on Dexie's
 * zones following the code across awaits. What stays as Dexie had it, because the app relies on it:
 * - a transaction's promise settles once IndexedDB has committed it ("Gemt" means on disk), with strict durability;
 * - a callback that throws aborts the transaction, and the caller hears of the error, or of the reason IndexedDB gave
 *   for aborting it (a full disk is a QuotaExceededError on the transaction, not on a request);
 * - a failed request does not abort the transaction by itself: the caller may catch it and go on;
 * - a connection another tab's upgrade or delete asks for is closed, and opened again at the next use;
 * - the same requests reach IndexedDB (get, getAll, add, put, delete, count, cursors), so tests that make one of them
 *   fail (storage-failure.spec.ts, restore.test.ts) still do.
 * Hooks see every transaction and every write, for the journal, the reads in flight and the `about` watch.
 */

export type Mode = 'r' | 'rw';
type Key = IDBValidKey;

/** The lowest and highest keys, for open ends of compound ranges (Dexie.minKey and Dexie.maxKey). */
export const MIN_KEY = -Infinity;
export const MAX_KEY: IDBValidKey = [[]];

/** A write as asked of IndexedDB. `range` undefined: every record (clear). */
export type Change =
	| { type: 'put'; table: string; values: unknown[] }
	| { type: 'delete'; table: string; keys: Key[] }
	| { type: 'deleteRange'; table: string; range?: IDBKeyRange };

export interface Hooks {
	/** Stores added to the scope of every read-write transaction (the journal's commit counter). */
	alsoWrite?: readonly string[];
	/** Every transaction as it is opened, before its callback runs. */
	opened?(tx: Tx): void;
	/** Every write, before it is asked of IndexedDB, with what it is to write. May ask for writes of its own in `tx`. */
	writing?(tx: Tx, change: Change): void;
	/**
	 * A read-write transaction IndexedDB has committed, before its caller hears of it: the writes that succeeded, in the
	 * order they were asked for (a bulk write is one change; a put that failed is left out of it).
	 */
	committed?(tx: Tx, changes: Change[]): void;
}

export interface Upgrade {
	(tx: Tx): Promise<void>;
}

export interface Options {
	hooks?: readonly Hooks[];
	/** The IndexedDB factory; fake-indexeddb's in tests. */
	factory?: IDBFactory;
	/** Another connection asks to upgrade (`newVersion`) or delete (null) the database; this one has been closed. */
	versionChange?(newVersion: number | null): void;
	/** Asked as a transaction is asked for, before anything is awaited; its answer is the transaction's `caller`. */
	caller?(): unknown;
}

/** Turns a request into a promise. A failed request's error is kept from aborting the transaction (Dexie did so too). */
function request<T>(make: () => IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		// IndexedDB throws at once for a bad key, a read-only transaction or one that has ended.
		const asked = make();
		asked.onsuccess = () => resolve(asked.result);
		asked.onerror = (event) => {
			event.preventDefault();
			event.stopPropagation();
			reject(asked.error ?? new DOMException('The request failed', 'UnknownError'));
		};
	});
}

interface Written {
	change: Change;
	/** Which of its requests IndexedDB carried out (a put's values, a delete's keys). */
	ok: boolean[];
}

/** One transaction: tables are reached through it, so every read and write is plainly inside it. */
export class Tx {
	/** Settles (never rejects) once the transaction has committed or aborted. */
	readonly ended: Promise<void>;
	#ended = false;
	readonly written: Written[] = [];
	/** Who asked for it, as the database's `caller` option told when it was asked for (live reads, read-tracking.ts). */
	caller: unknown;

	constructor(
		readonly db: Database,
		readonly idb: IDBTransaction,
		readonly mode: Mode,
		readonly tables: readonly string[],
		/** None for an upgrade: what it writes is the schema's, not the app's, and the journal has no number for it yet. */
		readonly hooks: readonly Hooks[] = db.hooks
	) {
		this.ended = new Promise((resolve) => {
			idb.addEventListener('complete', () => resolve());
			idb.addEventListener('abort', () => resolve());
		});
		void this.ended.then(() => (this.#ended = true));
	}

	/** Until it has committed or aborted (Dexie's `active`). */
	get active(): boolean {
		return !this.#ended;
	}

	table<T = unknown>(name: string): Table<T> {
		return new Table<T>(this, name);
	}

	abort(): void {
		this.idb.abort();
	}

	/** Commits once the requests asked for have been answered, without waiting for this thread to take their answers. */
	commit(): void {
		// Safari before 15 has no commit(): IndexedDB commits on its own once the answers have come back.
		this.idb.commit?.();
	}

	/** Runs a write through the hooks and records what succeeded, for the commit hook. */
	write<R>(change: Change, ask: () => Promise<R>[]): Promise<R[]> {
		for (const hooks of this.hooks) hooks.writing?.(this, change);
		const entry: Written = { change, ok: [] };
		this.written.push(entry);
		const asked = ask();
		return Promise.all(
			asked.map((one, i) =>
				one.then((result) => {
					entry.ok[i] = true;
					return result;
				})
			)
		);
	}

	/** The writes that succeeded, as the commit hook hears of them. */
	succeeded(): Change[] {
		return this.written.flatMap(({ change, ok }): Change[] => {
			if (change.type === 'put') {
				const values = change.values.filter((_, i) => ok[i]);
				return values.length > 0 ? [{ ...change, values }] : [];
			}
			if (change.type === 'delete') {
				const keys = change.keys.filter((_, i) => ok[i]);
				return keys.length > 0 ? [{ ...change, keys }] : [];
			}
			return ok[0] ? [change] : [];
		});
	}
}

type Range = { lower?: Key; upper?: Key; lowerOpen?: boolean; upperOpen?: boolean };

function keyRange({ lower, upper, lowerOpen = false, upperOpen = false }: Range): IDBKeyRange | undefined {
	if (lower === undefined && upper === undefined) return undefined;
	if (lower === undefined) return IDBKeyRange.upperBound(upper, upperOpen);
	if (upper === undefined) return IDBKeyRange.lowerBound(lower, lowerOpen);
	return IDBKeyRange.bound(lower, upper, lowerOpen, upperOpen);
}

/** A table as seen from one transaction. */
export class Table<T> {
	constructor(
		readonly tx: Tx,
		readonly name: string
	) {}

	get store(): IDBObjectStore {
		return this.tx.idb.objectStore(this.name);
	}

	get(key: Key): Promise<T | undefined> {
		return request(() => this.store.get(key));
	}

	bulkGet(keys: readonly Key[]): Promise<(T | undefined)[]> {
		return Promise.all(keys.map((key) => this.get(key)));
	}

	add(value: T): Promise<Key> {
		return this.bulkAdd([value]).then(([key]) => key!);
	}

	put(value: T): Promise<Key> {
		return this.bulkPut([value]).then(([key]) => key!);
	}

	/** Rejects with the first refusal (a record already there: ConstraintError); the others are still asked for. */
	bulkAdd(values: readonly T[]): Promise<Key[]> {
		return this.tx.write({ type: 'put', table: this.name, values: [...values] }, () =>
			values.map((value) => request(() => this.store.add(value)))
		);
	}

	bulkPut(values: readonly T[]): Promise<Key[]> {
		return this.tx.write({ type: 'put', table: this.name, values: [...values] }, () =>
			values.map((value) => request(() => this.store.put(value)))
		);
	}

	delete(key: Key): Promise<void> {
		return this.bulkDelete([key]);
	}

	async bulkDelete(keys: readonly Key[]): Promise<void> {
		await this.tx.write({ type: 'delete', table: this.name, keys: [...keys] }, () =>
			keys.map((key) => request(() => this.store.delete(key)))
		);
	}

	async clear(): Promise<void> {
		await this.tx.write({ type: 'deleteRange', table: this.name }, () => [request(() => this.store.clear())]);
	}

	count(): Promise<number> {
		return request(() => this.store.count());
	}

	toArray(): Promise<T[]> {
		return request(() => this.store.getAll());
	}

	/** By an index, Dexie's name of it ("[a+b]"), or by the primary key (":id" or its own name). */
	where(index: string): Where<T> {
		return new Where(this, index);
	}

	/** Every record in the order of an index or of the primary key. */
	orderBy(index: string): Query<T> {
		return new Query(this, index, [{}]);
	}

	/**
	 * Changes every record for which `change` returns a new one, record by record through a cursor (an upgrade of
	 * years of answers must not hold them all at once).
	 */
	modify(change: (value: T) => T | undefined): Promise<void> {
		const values: unknown[] = [];
		const written = this.tx.write<void>({ type: 'put', table: this.name, values }, () => [
			new Promise<void>((resolve, reject) => {
				const walk = this.store.openCursor();
				walk.onerror = () => reject(walk.error);
				walk.onsuccess = () => {
					const cursor = walk.result;
					if (!cursor) return resolve();
					const next = change(cursor.value as T);
					if (next !== undefined) {
						values.push(next);
						cursor.update(next);
					}
					cursor.continue();
				};
			})
		]);
		return written.then(() => undefined);
	}
}

/** What getAllRecords gives: the same fields a cursor has (key, primaryKey, value), so a cursor's reader reads it too. */
interface RecordsSource {
	getAllRecords(options: {
		query: IDBKeyRange | null;
		count?: number;
		direction: IDBCursorDirection;
	}): IDBRequest<{ key: Key; primaryKey: Key; value: unknown }[]>;
}

/** The start of a query over an index: the key or keys it is to match. */
export class Where<T> {
	constructor(
		readonly table: Table<T>,
		readonly index: string
	) {}

	#query(ranges: Range[]): Query<T> {
		return new Query(this.table, this.index, ranges);
	}

	equals(key: Key): Query<T> {
		return this.#query([{ lower: key, upper: key }]);
	}

	anyOf(keys: readonly Key[]): Query<T> {
		// In key order, as one cursor over them would give them (Dexie's order).
		const sorted = [...new Set(keys)].sort((a, b) => this.table.tx.db.factory.cmp(a, b));
		return this.#query(sorted.map((key) => ({ lower: key, upper: key })));
	}

	/** Lower bound included, upper excluded unless asked: Dexie's defaults. */
	between(lower: Key, upper: Key, includeLower = true, includeUpper = false): Query<T> {
		return this.#query([{ lower, upper, lowerOpen: !includeLower, upperOpen: !includeUpper }]);
	}

	above(key: Key): Query<T> {
		return this.#query([{ lower: key, lowerOpen: true }]);
	}

	below(key: Key): Query<T> {
		return this.#query([{ upper: key, upperOpen: true }]);
	}

	startsWith(prefix: string): Query<T> {
		return this.#query([{ lower: prefix, upper: prefix + '\uffff' }]);
	}
}

/** Records of one or more ranges of an index, read or deleted. Ranges are read one after the other, in order. */
export class Query<T> {
	#reverse = false;
	#offset = 0;
	#limit = Infinity;

	constructor(
		readonly table: Table<T>,
		readonly index: string,
		readonly ranges: Range[]
	) {}

	reverse(): this {
		this.#reverse = !this.#reverse;
		return this;
	}

	offset(count: number): this {
		this.#offset = count;
		return this;
	}

	limit(count: number): this {
		this.#limit = count;
		return this;
	}

	get #primary(): boolean {
		const { keyPath } = this.table.store;
		return this.index === ':id' || this.index === (Array.isArray(keyPath) ? `[${keyPath.join('+')}]` : keyPath);
	}

	get #source(): IDBObjectStore | IDBIndex {
		return this.#primary ? this.table.store : this.table.store.index(this.index);
	}

	get #inOrder(): (IDBKeyRange | undefined)[] {
		const ranges = this.ranges.map(keyRange);
		return this.#reverse ? ranges.reverse() : ranges;
	}

	/** Walks the cursor over every range, `take` called for each entry after the offset, up to the limit. */
	#walk(keysOnly: boolean, take: (cursor: IDBCursorWithValue) => void, unique = false): Promise<void> {
		let skip = this.#offset;
		let left = this.#limit;
		const direction: IDBCursorDirection = `${this.#reverse ? 'prev' : 'next'}${unique ? 'unique' : ''}`;
		const walkOne = (range: IDBKeyRange | undefined) =>
			new Promise<void>((resolve, reject) => {
				if (left <= 0) return resolve();
				const source = this.#source;
				const walk = keysOnly ? source.openKeyCursor(range, direction) : source.openCursor(range, direction);
				walk.onerror = (event) => {
					event.preventDefault();
					reject(walk.error);
				};
				walk.onsuccess = () => {
					const cursor = walk.result as IDBCursorWithValue | null;
					if (!cursor || left <= 0) return resolve();
					if (skip > 0) {
						// One range (the app's only use of an offset): one step over the whole offset, not one per record. Over
						// several, a record at a time, since the first range may end inside the offset.
						if (this.ranges.length > 1) {
							skip--;
							return cursor.continue();
						}
						const over = skip;
						skip = 0;
						return cursor.advance(over);
					}
					take(cursor);
					left--;
					if (left > 0) cursor.continue();
					else resolve();
				};
			});
		return this.#inOrder.reduce((before, range) => before.then(() => walkOne(range)), Promise.resolve());
	}

	/** getAll where it gives the same (forwards, no offset): one request, not a step per record. */
	get #plain(): boolean {
		return !this.#reverse && this.#offset === 0;
	}

	async #all<R>(
		getAll: (range: IDBKeyRange | undefined, count: number | undefined) => Promise<R[]>,
		cursorValue: (c: IDBCursorWithValue) => R,
		keysOnly: boolean
	): Promise<R[]> {
		// Newest first (a meeting's latest answers): one request where the browser reads records backwards in one go
		// (getAllRecords, Chromium 141 and later), as Dexie did, not a cursor step and a task per record.
		const getAllRecords = (this.#source as Partial<RecordsSource>).getAllRecords;
		if (this.#reverse && this.#offset === 0 && this.ranges.length === 1 && typeof getAllRecords === 'function') {
			const count = Number.isFinite(this.#limit) ? this.#limit : undefined;
			const records = await request(() =>
				getAllRecords.call(this.#source, { query: keyRange(this.ranges[0]!) ?? null, count, direction: 'prev' })
			);
			return records.map((record) => cursorValue(record as unknown as IDBCursorWithValue));
		}
		if (!this.#plain) {
			const found: R[] = [];
			await this.#walk(keysOnly, (cursor) => found.push(cursorValue(cursor)));
			return found;
		}
		const found: R[] = [];
		for (const range of this.#inOrder) {
			const left = this.#limit - found.length;
			if (left <= 0) break;
			found.push(...(await getAll(range, Number.isFinite(left) ? left : undefined)));
		}
		return found;
	}

	toArray(): Promise<T[]> {
		return this.#all(
			(range, count) => request(() => this.#source.getAll(range, count)) as Promise<T[]>,
			(c) => c.value as T,
			false
		);
	}

	primaryKeys(): Promise<Key[]> {
		return this.#all(
			(range, count) => request(() => this.#source.getAllKeys(range, count)),
			(c) => c.primaryKey,
			true
		);
	}

	/** The index's own keys, in order (with repeats). */
	async keys(): Promise<Key[]> {
		const found: Key[] = [];
		await this.#walk(true, (cursor) => found.push(cursor.key));
		return found;
	}

	/** The index's distinct keys: a multi-entry index gives each of its keys once. */
	async uniqueKeys(): Promise<Key[]> {
		const found: Key[] = [];
		await this.#walk(true, (cursor) => found.push(cursor.key), true);
		return [...new Set(found)];
	}

	async first(): Promise<T | undefined> {
		return (await this.limit(1).toArray())[0];
	}

	async last(): Promise<T | undefined> {
		return (await this.reverse().limit(1).toArray())[0];
	}

	/** Calls `each` with every record, through a cursor: nothing is held but what `each` keeps. */
	each(each: (value: T) => void): Promise<void> {
		return this.#walk(false, (cursor) => each(cursor.value as T));
	}

	async count(): Promise<number> {
		let total = 0;
		for (const range of this.#inOrder) total += await request(() => this.#source.count(range));
		return Math.max(0, Math.min(total - this.#offset, this.#limit));
	}

	/**
	 * Deletes what the query finds. A range of the primary key is deleted in one request (the journal hears of the
	 * range); by another index, the keys are found first and deleted one by one (the journal hears of the keys).
	 */
	async delete(): Promise<void> {
		if (this.#primary && this.#plain && this.#limit === Infinity) {
			await Promise.all(
				this.#inOrder.map((range) =>
					this.table.tx.write({ type: 'deleteRange', table: this.table.name, range }, () => [
						request(() => this.table.store.delete(range ?? IDBKeyRange.lowerBound(MIN_KEY)))
					])
				)
			);
			return;
		}
		await this.table.bulkDelete(await this.primaryKeys());
	}
}

/** The databases with a connection open in this page. */
const connected = new Set<Database>();

// As Dexie did: a page going into the back-forward cache lets its connections go, so that another tab's upgrade is not
// blocked by a frozen page; the next use, once it is shown again, opens them anew. One listener for them all: a database
// made for a while (the journal's write-back) leaves none behind.
if (typeof addEventListener === 'function') {
	addEventListener('pagehide', (event: Event) => {
		if ((event as PageTransitionEvent).persisted) for (const db of connected) db.close();
	});
}

/** A database of the given tables. `T` maps each table's name to its record type. */
export class Database<T extends Record<string, unknown> = Record<string, unknown>> {
	#open: Promise<IDBDatabase> | undefined;
	readonly stores: StoresSpec;
	readonly factory: IDBFactory;
	readonly hooks: readonly Hooks[];
	readonly #versionChange: Options['versionChange'];
	readonly #caller: Options['caller'];

	constructor(
		readonly name: string,
		readonly versions: readonly Version<Upgrade>[],
		options: Options = {}
	) {
		this.stores = storesAt(versions);
		this.factory = options.factory ?? indexedDB;
		this.hooks = options.hooks ?? [];
		this.#versionChange = options.versionChange;
		this.#caller = options.caller;
	}

	/** Dexie's version, as the app counts them; IndexedDB holds ten times it. */
	get version(): number {
		return this.versions.at(-1)?.version ?? 0;
	}

	/** Opens the database on first use (and again after another tab's upgrade or delete closed it). */
	open(): Promise<IDBDatabase> {
		this.#open ??= this.#connect().catch((error: unknown) => {
			this.#open = undefined;
			throw error;
		});
		return this.#open;
	}

	async #connect(): Promise<IDBDatabase> {
		let native: number | undefined = this.version * NATIVE_FACTOR;
		for (let tries = 0; ; tries++) {
			try {
				const db = await this.#openAt(native);
				// A database Dexie patched (its native version one above ours), or a newer app's, is used as it is if it has
				// every store and index we need (Dexie did the same); one that lacks some is given them in an upgrade of its own.
				if (!hasStores(db, this.stores)) {
					native = db.version + 1;
					db.close();
					continue;
				}
				connected.add(this as Database);
				db.onversionchange = (event) => {
					this.close();
					this.#versionChange?.(event.newVersion);
				};
				// The browser closed it (storage cleared, a crash of its database process): the next use opens again.
				db.onclose = () => {
					this.#open = undefined;
					connected.delete(this as Database);
				};
				return db;
			} catch (error) {
				const name = (error as DOMException | null)?.name;
				// A newer app, or a schema Dexie patched, holds a higher version: open what is there.
				if (name === 'VersionError' && native !== undefined) native = undefined;
				// Chromium now and then refuses to open at the first attempt (Dexie retried too, its PR 1398).
				else if (name !== 'UnknownError' || tries >= 3) throw error;
			}
		}
	}

	#openAt(native: number | undefined): Promise<IDBDatabase> {
		return new Promise((resolve, reject) => {
			const opening = native === undefined ? this.factory.open(this.name) : this.factory.open(this.name, native);
			opening.onerror = () => reject(opening.error);
			opening.onblocked = () => console.warn(`Billedtale: the upgrade of ${this.name} waits for another tab to close it`);
			opening.onupgradeneeded = (event) => {
				const upgrade = opening.transaction!;
				// Nothing below is waited for here: the upgrade's requests keep its transaction alive, and `onsuccess` comes after it.
				this.#upgrade(opening.result, upgrade, event.oldVersion).catch((error: unknown) => {
					console.warn(`Billedtale: the upgrade of ${this.name} failed`, error);
					try {
						upgrade.abort();
					} catch {
						// Already ended.
					}
				});
			};
			opening.onsuccess = () => resolve(opening.result);
		});
	}

	/**
	 * Dexie's upgrade, step by step: a new database gets the last schema at once and runs no upgrade; an older one gets
	 * each later version's stores, then its upgrade, in order, all in the one upgrade transaction.
	 */
	async #upgrade(db: IDBDatabase, upgrade: IDBTransaction, oldNative: number): Promise<void> {
		if (oldNative === 0) return applyStores(db, upgrade, this.stores);
		for (const step of this.versions) {
			if (step.version * NATIVE_FACTOR <= oldNative) continue;
			const removed = Object.keys(step.stores).filter((name) => step.stores[name] === null);
			applyStores(db, upgrade, storesAt(this.versions, step.version), removed);
			// Awaited only when there is one: the next step's stores must be made while the upgrade transaction is active,
			// which a wait on nothing but a promise could outlast in a browser that runs microtasks late.
			if (step.upgrade) await step.upgrade(new Tx(this as Database, upgrade, 'rw', [...db.objectStoreNames], []));
		}
		// A patch of a database already at our version (see #connect): only what is missing is made.
		applyStores(db, upgrade, this.stores);
	}

	/**
	 * Runs `work` in one transaction over `tables` and resolves with its result: a write once IndexedDB has committed it,
	 * a read at once. `work` must wait only for requests of this transaction: IndexedDB commits a transaction left without
	 * one (a crypto await inside ends it early, as it did under Dexie).
	 */
	async transaction<R>(mode: Mode, tables: readonly (keyof T & string)[], work: (tx: TypedTx<T>) => Promise<R> | R): Promise<R> {
		const caller = this.#caller?.();
		const scope = mode === 'rw' ? [...new Set([...tables, ...this.hooks.flatMap((hooks) => hooks.alsoWrite ?? [])])] : [...tables];
		const idb = await this.#begin(scope, mode);
		const tx = new Tx(this as Database, idb, mode, scope);
		tx.caller = caller;
		let aborted: DOMException | null = null;
		const committed = new Promise<void>((resolve, reject) => {
			// Registered before any hook's listener, so the commit hook hears of the commit before the caller does.
			idb.addEventListener('complete', () => {
				// The caller goes on in a microtask after this listener, so after the hooks either way; resolved first so that
				// a hook that throws (reported as any uncaught error) cannot leave a committed write unanswered.
				resolve();
				if (mode === 'rw') {
					const changes = tx.succeeded();
					for (const hooks of this.hooks) hooks.committed?.(tx, changes);
				}
			});
			idb.addEventListener('abort', () => {
				aborted = idb.error ?? new DOMException('The transaction was aborted', 'AbortError');
				reject(aborted);
			});
		});
		// Its rejection is heard of below, or through `work`'s own error.
		committed.catch(() => undefined);
		for (const hooks of this.hooks) hooks.opened?.(tx);
		let result: R;
		try {
			result = await work(typed(tx));
		} catch (error) {
			try {
				idb.abort();
			} catch {
				// It had ended already.
			}
			// The transaction's own reason (a full disk) over the request's "aborted" that it caused.
			throw (aborted as DOMException | null) ?? error;
		}
		// A read has nothing to commit: its caller goes on with what it read, without waiting one more event for the end.
		if (mode === 'r') return result;
		await committed;
		return result;
	}

	async #begin(scope: string[], mode: Mode): Promise<IDBTransaction> {
		// "Gemt" must mean on disk: strict commits are flushed before the transaction completes (Chromium's default only
		// hands them to the OS). One store named alone, not in a list: an old WebKit bug Dexie worked around too.
		const begin = (db: IDBDatabase) =>
			db.transaction(scope.length === 1 ? scope[0]! : scope, mode === 'rw' ? 'readwrite' : 'readonly', { durability: 'strict' });
		const db = await this.open();
		try {
			return begin(db);
		} catch (error) {
			// Closed meanwhile for another tab's upgrade (onversionchange above): opened again, once, as Dexie did.
			if ((error as DOMException).name !== 'InvalidStateError' || this.#open) throw error;
			return begin(await this.open());
		}
	}

	/** Closes the connection; the next use opens it again. */
	close(): void {
		const open = this.#open;
		this.#open = undefined;
		connected.delete(this as Database);
		void open?.then((db) => db.close()).catch(() => undefined);
	}

	/** Closes and deletes the database; the next use makes it anew. Waits while another tab holds it open. */
	async delete(): Promise<void> {
		const open = this.#open;
		this.#open = undefined;
		connected.delete(this as Database);
		await open?.then((db) => db.close()).catch(() => undefined);
		await request(() => this.factory.deleteDatabase(this.name));
	}
}

/** A transaction handle with its tables as properties: `tx.answers.get(id)`. */
export type TypedTx<T extends Record<string, unknown>> = Tx & { readonly [K in keyof T]: Table<T[K]> };

function typed<T extends Record<string, unknown>>(tx: Tx): TypedTx<T> {
	for (const name of tx.tables) {
		if (!(name in tx)) Object.defineProperty(tx, name, { value: tx.table(name) });
	}
	return tx as TypedTx<T>;
}
