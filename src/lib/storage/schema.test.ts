import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DATABASE_NAME, deleteDatabase, getStore, openStore, type Store } from './db';
import { MAX_KEY, MIN_KEY } from './idb/database.ts';
import { NATIVE_FACTOR } from './idb/schema.ts';
import { SCHEMA_VERSIONS } from './schema';
import { storeNewVault } from './vault.ts';
import { createVault } from '#lib/vault/keys.ts';
import { isSealedPayload } from '#lib/vault/payload.ts';

describe('schema versions', () => {
	it('are numbered upwards without gaps and named', () => {
		expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
		for (const version of SCHEMA_VERSIONS) expect(version.name).not.toBe('');
	});

	it('open a database written by version 1 and keep its records', async () => {
		const name = 'fixture-v1';
		const v1 = new Dexie(name);
		v1.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
		await v1.table('citizens').add({ id: 'c1', createdAt: 1, payload: { displayName: 'Anna' } });
		await v1.table('answers').add({ id: 'a1', meetingId: 'm1', citizenId: 'c1', createdAt: 2, updatedAt: 2, payload: {} });
		v1.close();

		const current = openStore(name);
		expect((await current.open()).version).toBe(SCHEMA_VERSIONS.at(-1)!.version * NATIVE_FACTOR);
		expect(await counts(current)).toMatchObject({ citizens: 1, answers: 1 });
		expect(await current.transaction('r', ['answers'], (tx) => tx.answers.where('citizenId').equals('c1').count())).toBe(1);
		await current.delete();
	});

	it('upgrade a version 2 database with answers to the current version with equal counts', async () => {
		const name = 'fixture-v2';
		const v2 = new Dexie(name);
		v2.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
		v2.version(2).stores(SCHEMA_VERSIONS[1]!.stores);
		await v2.table('citizens').add({ id: 'c1', createdAt: 1, payload: { displayName: 'Anna' } });
		await v2.table('meetings').add({ id: 'm1', citizenId: 'c1', createdAt: 1, date: '2026-11-23', payload: {} });
		await v2.table('answers').bulkAdd(
			Array.from({ length: 40 }, (_, i) => ({
				id: `a${i}`,
				meetingId: 'm1',
				citizenId: 'c1',
				createdAt: 1000 + i,
				updatedAt: 1000 + i,
				payload: {}
			}))
		);
		await v2.table('boards').add({ id: 'b1', citizenId: 'c1', createdAt: 1, updatedAt: 1, payload: {} });
		await v2.table('media').add({ id: 'p1', citizenId: 'c1', createdAt: 1, payload: {} });
		v2.close();

		const current = openStore(name);
		expect(await counts(current)).toEqual({
			citizens: 1,
			meetings: 1,
			answers: 40,
			boards: 1,
			media: 1,
			plans: 0,
			assessments: 0,
			storyItems: 0,
			vault: 0,
			// Schema 6's upgrade gave the records their version; an upgrade's writes take no journal number.
			commits: 0,
			citizenKeys: 0
		});
		const newest = await current.transaction('r', ['answers'], (tx) =>
			tx.answers.where('[meetingId+createdAt]').between(['m1', MIN_KEY], ['m1', MAX_KEY]).reverse().limit(3).primaryKeys()
		);
		expect(newest).toEqual(['a39', 'a38', 'a37']);
		// Schema 6's upgrade gave every record of its tables the payload version 1.
		expect(await current.transaction('r', ['answers'], (tx) => tx.answers.where('v').equals(1).count())).toBe(40);
		await current.delete();
	});

	it('upgrade a version 3 database (plain payloads) and seal it at setup with equal counts', async () => {
		const name = 'fixture-v3';
		const v3 = new Dexie(name);
		for (const step of SCHEMA_VERSIONS.filter((v) => v.version <= 3)) v3.version(step.version).stores(step.stores);
		await v3.table('citizens').add({ id: 'c1', createdAt: 1, payload: { displayName: 'Anna' } });
		await v3.table('meetings').add({
			id: 'm1',
			citizenId: 'c1',
			createdAt: 1,
			date: '2026-11-23',
			payload: { place: 'Hjemme', phase: 'opfoelgning', participants: [] }
		});
		await v3
			.table('answers')
			.bulkAdd(
				Array.from({ length: 25 }, (_, i) => ({ id: `a${i}`, meetingId: 'm1', citizenId: 'c1', createdAt: i, updatedAt: i, payload: {} }))
			);
		await v3.table('media').add({
			id: 'p1',
			citizenId: 'c1',
			createdAt: 1,
			payload: { kind: 'image', mimeType: 'image/png', blob: new Blob([new Uint8Array([7])], { type: 'image/png' }) }
		});
		v3.close();

		const current = openStore(name);
		expect(await counts(current)).toEqual({
			citizens: 1,
			meetings: 1,
			answers: 25,
			boards: 0,
			media: 1,
			plans: 0,
			assessments: 0,
			storyItems: 0,
			vault: 0,
			// Schema 6's upgrade gave the records their version; an upgrade's writes take no journal number.
			commits: 0,
			citizenKeys: 0
		});
		const created = await createVault('en lang adgangssætning til test', '2468', 5, 0, 1_000);
		// storeNewVault works on the app's database; open this fixture under that name.
		current.close();
		await deleteDatabase();
		await copyInto(name, DATABASE_NAME);
		expect(await storeNewVault(created.record, created.dataKey)).toEqual({ sealed: 28, removed: 0 });
		const { commits: _, ...sealedCounts } = await counts(getStore());
		expect(sealedCounts).toEqual({
			citizens: 1,
			meetings: 1,
			answers: 25,
			boards: 0,
			media: 1,
			plans: 0,
			assessments: 0,
			storyItems: 0,
			vault: 1,
			citizenKeys: 0
		});
		const media = await getStore().transaction('r', ['media'], (tx) => tx.media.get('p1'));
		expect(isSealedPayload(media!.payload)).toBe(true);
		await deleteDatabase();
		await openStore(name).delete();
	});

	it('upgrade a version 4 database (sealed, with its key) to the current version with equal counts', async () => {
		const name = 'fixture-v4';
		const v4 = new Dexie(name);
		for (const step of SCHEMA_VERSIONS.slice(0, 4)) v4.version(step.version).stores(step.stores);
		const sealedPayload = { v: 1, keyId: 'k1', iv: new Uint8Array(12), ct: new Uint8Array([1, 2, 3]).buffer };
		await v4.table('vault').add({ id: 'vault', format: 1, keyId: 'k1', idleMinutes: 5, createdAt: 1 });
		await v4.table('citizens').add({ id: 'c1', createdAt: 1, payload: sealedPayload });
		await v4.table('meetings').add({ id: 'm1', citizenId: 'c1', createdAt: 1, date: '2026-11-23', payload: sealedPayload });
		await v4.table('answers').bulkAdd(
			Array.from({ length: 12 }, (_, i) => ({
				id: `a${i}`,
				meetingId: 'm1',
				citizenId: 'c1',
				createdAt: 1000 + i,
				updatedAt: 1000 + i,
				payload: sealedPayload
			}))
		);
		v4.close();

		const current = openStore(name);
		expect(await counts(current)).toEqual({
			citizens: 1,
			meetings: 1,
			answers: 12,
			boards: 0,
			media: 0,
			plans: 0,
			assessments: 0,
			storyItems: 0,
			vault: 1,
			// Schema 6's upgrade gave the records their version; an upgrade's writes take no journal number.
			commits: 0,
			citizenKeys: 0
		});
		expect(isSealedPayload((await current.transaction('r', ['answers'], (tx) => tx.answers.get('a3')))!.payload)).toBe(true);
		await current.delete();
	});
});

/** How many records each table of `db` holds. */
function counts(db: Store): Promise<Record<string, number>> {
	const names = Object.keys(db.stores);
	return db.transaction('r', names, async (tx) =>
		Object.fromEntries(await Promise.all(names.map(async (name) => [name, await tx.table(name).count()] as const)))
	);
}

/** Copies every record of one database into another, both at the current schema. */
async function copyInto(from: string, to: string): Promise<void> {
	const source = openStore(from);
	const target = openStore(to);
	// Commit numbers belong to each database; only records are copied.
	for (const name of Object.keys(source.stores).filter((name) => name !== 'commits')) {
		const records = await source.transaction('r', [name], (tx) => tx.table(name).toArray());
		await target.transaction('rw', [name], (tx) => tx.table(name).bulkAdd(records));
	}
	source.close();
	target.close();
}
