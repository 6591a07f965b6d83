import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dropped, files, journal, resetJournal } from '../../../tests/unit/journal-double.ts';
import { listAnswers, recordAnswer } from './answers.ts';
import { createCitizen, deleteCitizen, listCitizens } from './citizens.ts';
import { deleteDatabase, getDb } from './db.ts';
import { consumeErasedFlag } from './erase.ts';
import { rememberWhetherCitizensExist } from './eviction.ts';
import { reconcileStorage } from './journal-sync.ts';
import { createMeeting } from './meetings.ts';
import { readVault, storeNewVault } from './vault.ts';
import { createVault } from '#lib/vault/keys.ts';
import { beginSession, dropDataKey, resumeSession } from '#lib/vault/session.ts';

vi.mock('#lib/journal/client.ts', () => import('../../../tests/unit/journal-double.ts'));

const contains = (needle: string) => files.some((file) => Buffer.from(file.bytes).includes(needle));

/** A set-up tablet with one citizen in a meeting with two answers, all of it journaled. */
async function tabletWithAnswers() {
	expect(await reconcileStorage()).toBe('ready');
	const created = await createVault('en lang test-adgangssætning', '2468', 5, Date.now(), 1_000);
	await storeNewVault(created.record, created.dataKey);
	beginSession(created);
	const citizen = await createCitizen({ displayName: 'Nora' });
	const meeting = await createMeeting(citizen.id, { date: '2026-11-23', place: 'Hjemme', phase: 'opfoelgning' });
	await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' } });
	await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'nej' }, provenance: { mode: 'selv' } });
	return { citizen, meeting, keyId: created.record.keyId, dataKey: created.dataKey };
}

beforeEach(resetJournal);
afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
	sessionStorage.clear();
});

describe('the start-up comparison of database and journal', () => {
	it('restores a database lost in a crash from the journal, records still sealed as they were', async () => {
		const { meeting, keyId, dataKey } = await tabletWithAnswers();
		const before = await getDb().answers.toArray();
		const citizenKeys = await getDb().citizenKeys.toArray();
		await deleteDatabase();

		expect(await reconcileStorage()).toBe('restored');
		expect(await getDb().answers.toArray()).toEqual(before);
		expect((await readVault())?.keyId).toBe(keyId);
		// The citizen's key comes back too, and is read again rather than taken from memory.
		expect(await getDb().citizenKeys.toArray()).toEqual(citizenKeys);
		dropDataKey();
		resumeSession(dataKey);
		expect((await listCitizens()).map((c) => c.displayName)).toEqual(['Nora']);
		expect((await listAnswers(meeting.id)).map((a) => (a.content as { value: string }).value).sort()).toEqual(['ja', 'nej']);
		// Back in step: the next start has nothing to do, and new writes go on being journaled.
		expect(await reconcileStorage()).toBe('ready');
		await recordAnswer(meeting, {
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'pause' },
			provenance: { mode: 'selv' }
		});
		await deleteDatabase();
		expect(await reconcileStorage()).toBe('restored');
		expect(await listAnswers(meeting.id)).toHaveLength(3);
	});

	it('rewrites a journal that missed a commit, so the next loss costs nothing', async () => {
		const { meeting } = await tabletWithAnswers();
		dropped.next = 1;
		const missed = await recordAnswer(meeting, {
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'stop' },
			provenance: { mode: 'selv' }
		});
		expect(contains(missed.id)).toBe(false);

		expect(await reconcileStorage()).toBe('ready');
		expect(contains(missed.id)).toBe(true);
		await deleteDatabase();
		expect(await reconcileStorage()).toBe('restored');
		expect(await listAnswers(meeting.id)).toHaveLength(3);
	});

	it('rewrites a journal that still holds a deleted citizen', async () => {
		const { citizen, meeting } = await tabletWithAnswers();
		await deleteCitizen(citizen.id);
		expect(contains(meeting.id)).toBe(true);
		expect(await reconcileStorage()).toBe('ready');
		expect(contains(citizen.id)).toBe(false);
		expect(contains(meeting.id)).toBe(false);
	});

	it('finishes an erase that a crash cut short after it began', async () => {
		await tabletWithAnswers();
		await journal.beginErase();
		expect(await reconcileStorage()).toBe('ready');
		expect(await readVault()).toBeUndefined();
		expect(await getDb().answers.count()).toBe(0);
		expect(consumeErasedFlag()).toBe(true);
	});

	it('tells eviction when the database and the journal are both gone', async () => {
		await tabletWithAnswers();
		await rememberWhetherCitizensExist();
		await deleteDatabase();
		resetJournal();
		expect(await reconcileStorage()).toBe('evicted');
	});
});
