import { afterEach, describe, expect, it } from 'vitest';
import { createVault } from '#lib/vault/keys.ts';
import { deleteDatabase, getStore } from './db.ts';
import { DATABASE_NAME, peekVault } from './vault-peek.ts';
import { readVault, storeNewVault } from './vault.ts';

const databaseNames = async () => (await indexedDB.databases()).map((db) => db.name);

describe('peekVault (the first screen reads the key without the database code)', () => {
	afterEach(() => deleteDatabase());

	it('finds no key on a fresh tablet and makes no database there, so the app still creates its first version', async () => {
		await deleteDatabase();
		expect(await databaseNames()).not.toContain(DATABASE_NAME);
		expect(await peekVault()).toBeUndefined();
		expect(await databaseNames()).not.toContain(DATABASE_NAME);
		// The app's store opens afresh with every table after the peek.
		expect(await getStore().transaction('r', ['vault'], (tx) => tx.vault.count())).toBe(0);
		expect([...(await getStore().open()).objectStoreNames]).toContain('citizens');
	});

	it('reads the very record the app stored, and leaves the app free to go on using the database', async () => {
		const created = await createVault('en lang test-adgangssætning', '2468', 5, Date.now(), 1_000);
		await storeNewVault(created.record, created.dataKey);
		expect(await peekVault()).toEqual(await readVault());
		await getStore().transaction('rw', ['vault'], (tx) => tx.vault.put({ ...created.record, idleMinutes: 10 }));
		expect(await peekVault()).toMatchObject({ idleMinutes: 10 });
	});

	it('finds no key in a database without the key table', async () => {
		await deleteDatabase();
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.open(DATABASE_NAME, 1);
			request.onupgradeneeded = () => request.result.createObjectStore('other');
			request.onsuccess = () => (request.result.close(), resolve());
			request.onerror = () => reject(request.error);
		});
		expect(await peekVault()).toBeUndefined();
	});
});
