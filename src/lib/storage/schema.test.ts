import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { BilledtaleDb } from './db';
import { SCHEMA_VERSIONS } from './schema';

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

		const current = new BilledtaleDb(name);
		expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
		expect(await current.citizens.count()).toBe(1);
		expect(await current.answers.where('citizenId').equals('c1').count()).toBe(1);
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
			Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, meetingId: 'm1', citizenId: 'c1', createdAt: 1000 + i, updatedAt: 1000 + i, payload: {} }))
		);
		await v2.table('boards').add({ id: 'b1', citizenId: 'c1', createdAt: 1, updatedAt: 1, payload: {} });
		await v2.table('media').add({ id: 'p1', citizenId: 'c1', createdAt: 1, payload: {} });
		v2.close();

		const current = new BilledtaleDb(name);
		const counts = await Promise.all(current.tables.map(async (table) => [table.name, await table.count()] as const));
		expect(Object.fromEntries(counts)).toEqual({ citizens: 1, meetings: 1, answers: 40, boards: 1, media: 1 });
		const newest = await current.answers.where('[meetingId+createdAt]').between(['m1', Dexie.minKey], ['m1', Dexie.maxKey]).reverse().limit(3).primaryKeys();
		expect(newest).toEqual(['a39', 'a38', 'a37']);
		await current.delete();
	});
});
