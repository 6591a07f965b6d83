import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCHEMA_VERSIONS } from '#lib/storage/schema.ts';
import { Database, MAX_KEY, MIN_KEY, type Change, type Hooks, type Tx } from './database.ts';

const LAST = SCHEMA_VERSIONS.at(-1)!.version;

type Answer = {
	id: string;
	meetingId: string;
	citizenId: string;
	createdAt: number;
	v: number;
	about?: string;
	mediaIds?: string[];
	payload: { keyId: string };
};

const names: string[] = [];
function fresh(): string {
	const name = `idb-${Math.random()}`;
	names.push(name);
	return name;
}
const opened: Database[] = [];
function layer(name: string, hooks: Hooks[] = []): Database<{ answers: Answer; meetings: { id: string }; commits: { seq?: number } }> {
	const db = new Database<{ answers: Answer; meetings: { id: string }; commits: { seq?: number } }>(name, SCHEMA_VERSIONS, { hooks });
	opened.push(db);
	return db;
}
afterEach(async () => {
	for (const db of opened.splice(0)) db.close();
	vi.restoreAllMocks();
});

/** What IndexedDB holds: version, stores, key paths, indexes. */
async function structure(name: string) {
	const db = await new Promise<IDBDatabase>((resolve, reject) => {
		const opening = indexedDB.open(name);
		opening.onsuccess = () => resolve(opening.result);
		opening.onerror = () => reject(opening.error);
	});
	const stores = [...db.objectStoreNames];
	const read = db.transaction(stores, 'readonly');
	const shape = {
		version: db.version,
		stores: Object.fromEntries(
			stores.map((store) => {
				const s = read.objectStore(store);
				const indexes = [...s.indexNames].map((index) => {
					const i = s.index(index);
					return { name: i.name, keyPath: i.keyPath, multiEntry: i.multiEntry, unique: i.unique };
				});
				return [store, { keyPath: s.keyPath, autoIncrement: s.autoIncrement, indexes }];
			})
		)
	};
	db.close();
	return shape;
}

function dexieAt(name: string, upTo: number): Dexie {
	const db = new Dexie(name);
	for (const step of SCHEMA_VERSIONS) if (step.version <= upTo) db.version(step.version).stores(step.stores);
	return db;
}

const answer = (id: string, createdAt: number, extra: Partial<Answer> = {}): Answer => ({
	id,
	meetingId: 'm1',
	citizenId: 'c1',
	createdAt,
	v: 1,
	payload: { keyId: 'k1' },
	...extra
});

describe('a database Dexie made', () => {
	it('opens unchanged, with the same stores and indexes a new one gets, and reads through the same indexes', async () => {
		const name = fresh();
		const dexie = dexieAt(name, LAST);
		await dexie
			.table('answers')
			.bulkAdd([
				answer('a1', 1, { about: 'vum-theme', mediaIds: ['p1', 'p2'] }),
				answer('a2', 2, { about: 'core-board' }),
				answer('a3', 3, { about: 'vum-theme', mediaIds: ['p2'] }),
				answer('a4', 4, { meetingId: 'm2', payload: { keyId: 'k2' } })
			]);
		await dexie.table('commits').bulkAdd([{}, {}, {}]);
		dexie.close();
		const made = await structure(name);
		expect(made.version).toBe(LAST * 10);

		const db = layer(name);
		const read = await db.transaction('r', ['answers', 'commits'], async (tx) => ({
			newestTwo: await tx.answers.where('[meetingId+createdAt]').between(['m1', MIN_KEY], ['m1', MAX_KEY]).reverse().limit(2).toArray(),
			second: await tx.answers
				.where('[meetingId+createdAt]')
				.between(['m1', MIN_KEY], ['m1', MAX_KEY])
				.reverse()
				.offset(1)
				.limit(1)
				.primaryKeys(),
			themes: await tx.answers.where('[citizenId+about]').equals(['c1', 'vum-theme']).primaryKeys(),
			aboutCount: await tx.answers.where('[citizenId+about]').between(['c1', MIN_KEY], ['c1', MAX_KEY]).count(),
			media: await tx.answers.where('mediaIds').anyOf(['p2', 'p1', 'p9']).uniqueKeys(),
			underK2: await tx.answers.where('payload.keyId').equals('k2').primaryKeys(),
			ofBoth: (await tx.answers.where('meetingId').anyOf(['m2', 'm1']).toArray()).map((a) => a.id),
			byId: (await tx.answers.where(':id').anyOf(['a3', 'a1', 'zz']).toArray()).map((a) => a.id),
			lastCommit: await tx.commits.orderBy('seq').last(),
			afterA2: (await tx.answers.where(':id').above('a2').toArray()).map((a) => a.id),
			startsA: await tx.answers.where('id').startsWith('a').count()
		}));
		expect(read).toEqual({
			newestTwo: [answer('a3', 3, { about: 'vum-theme', mediaIds: ['p2'] }), answer('a2', 2, { about: 'core-board' })],
			second: ['a2'],
			themes: ['a1', 'a3'],
			aboutCount: 3,
			media: ['p1', 'p2'],
			underK2: ['a4'],
			ofBoth: ['a1', 'a2', 'a3', 'a4'],
			byId: ['a1', 'a3'],
			lastCommit: { seq: 3 },
			afterA2: ['a3', 'a4'],
			startsA: 4
		});
		db.close();
		// Opening changed nothing: a tablet can go back to the Dexie build.
		expect(await structure(name)).toEqual(made);

		const made2 = fresh();
		await layer(made2).open();
		opened.at(-1)!.close();
		expect(await structure(made2)).toEqual(made);
	});

	it('upgrades one from before schema 6 as Dexie would: every later store and index, and the versions given to old records', async () => {
		const name = fresh();
		const v5 = dexieAt(name, 5);
		await v5.table('answers').add({ id: 'a1', meetingId: 'm1', citizenId: 'c1', createdAt: 1, payload: {} });
		await v5.table('citizens').add({ id: 'c1', createdAt: 1, payload: {} });
		v5.close();

		const db = layer(name);
		expect(await db.transaction('r', ['answers'], (tx) => tx.answers.where('v').equals(1).primaryKeys())).toEqual(['a1']);
		db.close();
		const upgraded = await structure(name);
		const viaDexie = fresh();
		await dexieAt(viaDexie, LAST)
			.open()
			.then((d) => d.close());
		expect(upgraded).toEqual(await structure(viaDexie));
	});

	it('opens one Dexie patched at version + 1 (with its $meta store) as it is, without an upgrade', async () => {
		const name = fresh();
		await dexieAt(name, LAST)
			.open()
			.then((d) => d.close());
		await new Promise<void>((resolve, reject) => {
			const patched = indexedDB.open(name, LAST * 10 + 1);
			patched.onupgradeneeded = () => patched.result.createObjectStore('$meta');
			patched.onsuccess = () => {
				patched.result.close();
				resolve();
			};
			patched.onerror = () => reject(patched.error);
		});
		const before = await structure(name);
		const db = layer(name);
		await db.transaction('rw', ['meetings'], (tx) => tx.meetings.put({ id: 'm1' }));
		expect(await db.transaction('r', ['meetings'], (tx) => tx.meetings.count())).toBe(1);
		db.close();
		expect(await structure(name)).toEqual(before);
	});

	it('is closed for another tab’s upgrade and opened again, at the newer version, at the next use', async () => {
		const name = fresh();
		const db = layer(name);
		await db.transaction('rw', ['meetings'], (tx) => tx.meetings.put({ id: 'm1' }));
		const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		await new Promise<void>((resolve, reject) => {
			const newer = indexedDB.open(name, LAST * 10 + 10);
			newer.onupgradeneeded = () => newer.result.createObjectStore('later', { keyPath: 'id' });
			newer.onsuccess = () => {
				newer.result.close();
				resolve();
			};
			newer.onerror = () => reject(newer.error);
		});
		expect(warned).not.toHaveBeenCalled();
		expect(await db.transaction('r', ['meetings'], (tx) => tx.meetings.get('m1'))).toEqual({ id: 'm1' });
		expect((await db.open()).version).toBe(LAST * 10 + 10);
	});
});

describe('transactions', () => {
	it('write nothing when the callback throws, and the caller hears its error', async () => {
		const db = layer(fresh());
		await expect(
			db.transaction('rw', ['answers', 'meetings'], async (tx) => {
				await tx.answers.put(answer('a1', 1));
				await tx.meetings.put({ id: 'm1' });
				throw new Error('changed meanwhile');
			})
		).rejects.toThrow('changed meanwhile');
		expect(await db.transaction('r', ['answers', 'meetings'], async (tx) => [await tx.answers.count(), await tx.meetings.count()])).toEqual(
			[0, 0]
		);
	});

	it('write nothing when a request fails uncaught, and tell a full disk by its name', async () => {
		const db = layer(fresh());
		const add = IDBObjectStore.prototype.add;
		vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
			if (this.name === 'answers') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			return add.apply(this, args);
		});
		await expect(
			db.transaction('rw', ['answers', 'meetings'], async (tx) => {
				await tx.meetings.put({ id: 'm1' });
				await tx.answers.add(answer('a1', 1));
			})
		).rejects.toMatchObject({ name: 'QuotaExceededError' });
		expect(await db.transaction('r', ['meetings'], (tx) => tx.meetings.count())).toBe(0);
	});

	it('keep what went before a failed request the callback caught (as Dexie did)', async () => {
		const db = layer(fresh());
		await db.transaction('rw', ['answers'], (tx) => tx.answers.add(answer('a1', 1)));
		const result = await db.transaction('rw', ['answers'], async (tx) => {
			await tx.answers.add(answer('a2', 2));
			return tx.answers.add(answer('a1', 1)).catch((error: DOMException) => error.name);
		});
		expect(result).toBe('ConstraintError');
		expect(await db.transaction('r', ['answers'], (tx) => tx.answers.toArray().then((all) => all.map((a) => a.id)))).toEqual(['a1', 'a2']);
	});

	it('resolve only once IndexedDB has committed, with strict durability', async () => {
		const db = layer(fresh());
		// Opening reads the stores it finds in a transaction of its own.
		await db.open();
		const durability: string[] = [];
		const open = IDBDatabase.prototype.transaction;
		vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<typeof open>) {
			durability.push(args[2]?.durability ?? 'default');
			return open.apply(this, args);
		});
		let completed = false;
		await db.transaction('rw', ['answers'], (tx) => {
			tx.idb.addEventListener('complete', () => (completed = true));
			return tx.answers.put(answer('a1', 1));
		});
		expect(completed).toBe(true);
		expect(durability).toEqual(['strict']);
	});
});

describe('queries', () => {
	it('read, count and delete as Dexie did, by cursor where asked', async () => {
		const db = layer(fresh());
		await db.transaction('rw', ['answers'], (tx) =>
			tx.answers.bulkAdd([1, 2, 3, 4, 5].map((n) => answer(`a${n}`, n, { citizenId: n % 2 ? 'odd' : 'even' })))
		);
		const read = await db.transaction('r', ['answers'], async (tx) => {
			const seen: string[] = [];
			await tx.answers
				.where('citizenId')
				.equals('odd')
				.each((a) => seen.push(a.id));
			return {
				seen,
				first: (await tx.answers.orderBy('createdAt').first())?.id,
				last: (await tx.answers.orderBy('createdAt').last())?.id,
				keys: await tx.answers.where('citizenId').anyOf(['odd', 'even']).keys(),
				got: (await tx.answers.bulkGet(['a2', 'zz', 'a1'])).map((a) => a?.id),
				window: await tx.answers.orderBy('createdAt').offset(1).limit(2).primaryKeys(),
				counted: await tx.answers.orderBy('createdAt').offset(1).limit(2).count(),
				between: await tx.answers.where('createdAt').between(2, 4).primaryKeys(),
				inclusive: await tx.answers.where('createdAt').between(2, 4, false, true).primaryKeys(),
				acrossKeys: await tx.answers.where('citizenId').anyOf(['odd', 'even']).reverse().offset(4).primaryKeys()
			};
		});
		expect(read).toEqual({
			seen: ['a1', 'a3', 'a5'],
			first: 'a1',
			last: 'a5',
			keys: ['even', 'even', 'odd', 'odd', 'odd'],
			got: ['a2', undefined, 'a1'],
			window: ['a2', 'a3'],
			counted: 2,
			between: ['a2', 'a3'],
			inclusive: ['a3', 'a4'],
			// odd: a5 a3 a1, then even: a4 a2; the offset runs past the first key's records.
			acrossKeys: ['a2']
		});
		await db.transaction('rw', ['answers'], async (tx) => {
			await tx.answers.bulkDelete(['a1', 'a2']);
			await tx.answers.where('createdAt').above(4).delete();
		});
		expect(await db.transaction('r', ['answers'], (tx) => tx.answers.orderBy(':id').primaryKeys())).toEqual(['a3', 'a4']);
	});
});

describe('the commit hook', () => {
	/** A journal as journaling.ts keeps it: each writing transaction numbered by a row of `commits`, with its first write. */
	function journal() {
		const commits: { seq: number | undefined; changes: Change[] }[] = [];
		const seqs = new WeakMap<Tx, { seq?: number }>();
		const hooks: Hooks = {
			alsoWrite: ['commits'],
			writing(tx, change) {
				if (change.table === 'commits' || seqs.has(tx)) return;
				const entry: { seq?: number } = {};
				seqs.set(tx, entry);
				void tx
					.table('commits')
					.add({})
					.then((seq) => (entry.seq = seq as number));
			},
			committed(tx, changes) {
				commits.push({ seq: seqs.get(tx)?.seq, changes: changes.filter((change) => change.table !== 'commits') });
			}
		};
		return { commits, hooks };
	}

	it('sees exactly what was written, in order, numbered in the same transaction, and before the caller hears', async () => {
		const { commits, hooks } = journal();
		const db = layer(fresh(), [hooks]);
		await db.transaction('rw', ['answers'], (tx) => tx.answers.add(answer('a1', 1)));
		// Heard of by the time the caller goes on.
		expect(commits).toHaveLength(1);
		const heard = await db.transaction('rw', ['answers', 'meetings'], async (tx) => {
			await tx.answers.bulkPut([answer('a2', 2), answer('a3', 3, { citizenId: 'c2' })]);
			await tx.answers.where('citizenId').equals('c2').delete();
			await tx.meetings.put({ id: 'm1' });
			await tx.answers.add(answer('a1', 1)).catch(() => undefined);
			await tx.meetings.delete('m1');
			return commits.length;
		});
		expect(heard).toBe(1);
		await db.transaction('rw', ['answers'], (tx) => tx.answers.clear());
		await db.transaction('rw', ['commits'], (tx) => tx.commits.where('seq').below(3).delete());
		// Reads are not commits.
		await db.transaction('r', ['answers'], (tx) => tx.answers.toArray());
		expect(commits).toEqual([
			{ seq: 1, changes: [{ type: 'put', table: 'answers', values: [answer('a1', 1)] }] },
			{
				seq: 2,
				changes: [
					{ type: 'put', table: 'answers', values: [answer('a2', 2), answer('a3', 3, { citizenId: 'c2' })] },
					{ type: 'delete', table: 'answers', keys: ['a3'] },
					{ type: 'put', table: 'meetings', values: [{ id: 'm1' }] },
					{ type: 'delete', table: 'meetings', keys: ['m1'] }
				]
			},
			{ seq: 3, changes: [{ type: 'deleteRange', table: 'answers' }] },
			{ seq: undefined, changes: [] }
		]);
		expect(await db.transaction('r', ['commits'], (tx) => tx.commits.toArray())).toEqual([{ seq: 3 }]);
	});

	it('hears nothing of a transaction that aborted', async () => {
		const { commits, hooks } = journal();
		const db = layer(fresh(), [hooks]);
		await expect(
			db.transaction('rw', ['answers'], async (tx) => {
				await tx.answers.put(answer('a1', 1));
				await tx.answers.add(answer('a1', 1));
			})
		).rejects.toMatchObject({ name: 'ConstraintError' });
		expect(commits).toEqual([]);
		expect(await db.transaction('r', ['commits', 'answers'], async (tx) => [await tx.commits.count(), await tx.answers.count()])).toEqual([
			0, 0
		]);
	});

	it('is not run for an upgrade', async () => {
		const name = fresh();
		const v5 = dexieAt(name, 5);
		await v5.table('citizens').add({ id: 'c1', createdAt: 1, payload: {} });
		v5.close();
		const { commits, hooks } = journal();
		const db = layer(name, [hooks]);
		await db.open();
		expect(commits).toEqual([]);
	});
});
