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
});
