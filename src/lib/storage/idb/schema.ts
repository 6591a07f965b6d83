/*
 * The schema as Dexie wrote it, read from the same `stores` strings (schema.ts), so that a tablet's database, created
 * and upgraded by Dexie for years, opens unchanged: the same object stores, key paths and index names ("[a+b]" for a
 * compound index, "payload.keyId" for a dotted one, "*mediaIds" as a multi-entry index named "mediaIds"). Only the
 * subset of Dexie's syntax Billedtale uses is read: "++" (auto-increment primary key), "*" (multi-entry), "&" (unique),
 * "[a+b]" (compound).
 */

export interface IndexSpec {
	/** IndexedDB's name of the index, as Dexie gave it: the key path, compound ones as "[a+b]". */
	name: string;
	keyPath: string | string[];
	multiEntry: boolean;
	unique: boolean;
}

export interface StoreSpec {
	keyPath: string | string[] | null;
	autoIncrement: boolean;
	indexes: IndexSpec[];
}

export type StoresSpec = Record<string, StoreSpec>;

/** One released version: Dexie's `stores` strings of the tables it changed (null: the table goes) and its upgrade. */
export interface Version<Upgrade> {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: Upgrade;
}

/** Dexie multiplies its version by 10 for IndexedDB's (to allow 1.1); a tablet's database carries that number. */
export const NATIVE_FACTOR = 10;

function keyPathOf(name: string): string | string[] {
	const compound = /^\[(.*)\]$/.exec(name);
	return compound ? compound[1]!.split('+') : name;
}

/** Parses one table's Dexie string, e.g. "id, citizenId, [meetingId+createdAt], *mediaIds". */
export function parseStore(spec: string): StoreSpec {
	const [primary = '', ...rest] = spec.split(',').map((part) => part.trim());
	const primaryName = primary.replace(/^(\+\+|&)/, '');
	return {
		// Dexie's "++" alone (no name) is an outbound auto-increment key; Billedtale names every key.
		keyPath: primaryName === '' ? null : keyPathOf(primaryName),
		autoIncrement: primary.startsWith('++'),
		indexes: rest
			.filter((part) => part !== '')
			.map((part) => {
				const name = part.replace(/^[&*]+/, '');
				return { name, keyPath: keyPathOf(name), multiEntry: part.includes('*'), unique: part.startsWith('&') };
			})
	};
}

/** The whole schema as of `upTo` (every version if not given): each version changes only the tables it names. */
export function storesAt<U>(versions: readonly Version<U>[], upTo = Infinity): StoresSpec {
	const stores: StoresSpec = {};
	for (const step of versions) {
		if (step.version > upTo) break;
		for (const [name, spec] of Object.entries(step.stores)) {
			if (spec === null) delete stores[name];
			else stores[name] = parseStore(spec);
		}
	}
	return stores;
}

const samePath = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Brings the stores of a database being upgraded to `target`: missing stores and indexes are made, indexes that are no
 * longer wanted or changed are dropped (and made anew), tables named null are deleted. Stores the schema does not know
 * (Dexie's own "$meta", made when it patched a schema) are left alone. Changing a primary key is refused, as Dexie does.
 */
export function applyStores(db: IDBDatabase, upgrade: IDBTransaction, target: StoresSpec, removed: readonly string[] = []): void {
	for (const name of removed) if (db.objectStoreNames.contains(name)) db.deleteObjectStore(name);
	for (const [name, spec] of Object.entries(target)) {
		const store = db.objectStoreNames.contains(name)
			? upgrade.objectStore(name)
			: db.createObjectStore(name, { keyPath: spec.keyPath, autoIncrement: spec.autoIncrement });
		if (!samePath(store.keyPath, spec.keyPath) || store.autoIncrement !== spec.autoIncrement) {
			throw new Error(`The primary key of ${name} cannot change`);
		}
		const wanted = new Map(spec.indexes.map((index) => [index.name, index]));
		for (const indexName of [...store.indexNames]) {
			const index = store.index(indexName);
			const spec = wanted.get(indexName);
			if (spec && samePath(index.keyPath, spec.keyPath) && index.multiEntry === spec.multiEntry && index.unique === spec.unique) {
				wanted.delete(indexName);
			} else store.deleteIndex(indexName);
		}
		for (const index of wanted.values())
			store.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry, unique: index.unique });
	}
}

/** Whether an open database has every store and index of `target` (it may have more: a newer app made them). */
export function hasStores(db: IDBDatabase, target: StoresSpec): boolean {
	const names = Object.keys(target);
	if (!names.every((name) => db.objectStoreNames.contains(name))) return false;
	if (names.length === 0) return true;
	const read = db.transaction(names, 'readonly');
	return names.every((name) => {
		const store = read.objectStore(name);
		return target[name]!.indexes.every(
			(index) => store.indexNames.contains(index.name) && samePath(store.index(index.name).keyPath, index.keyPath)
		);
	});
}
