import { afterEach, describe, expect, it, vi } from 'vitest';
import { sealPayload } from '#lib/vault/payload.ts';
import { dropDataKey, requireDataKey, resumeSession } from '#lib/vault/session.ts';
import { listAnswers, recordAnswer } from './answers.ts';
import { collectBackup, restoreBackup, restoreContent } from './backup.ts';
import { createCitizen, deleteCitizen, getCitizen, listCitizens } from './citizens.ts';
import { deleteDatabase, getStore } from './db.ts';
import { addParticipant, createMeeting, listMeetings } from './meetings.ts';
import { migrateRecords } from './migrate.ts';
import { DamagedRecordError } from './registry.ts';
import type { AnyRecord } from './records.ts';
import { openRecord, type Stored } from './sealing.ts';
import { SEALED_TABLES } from './tables.ts';

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

async function citizenWithAnswer(name: string) {
	const citizen = await createCitizen({ displayName: name });
	const meeting = await addParticipant(
		(await createMeeting(citizen.id, { date: '2026-12-03', place: 'Hjemme', phase: 'opfoelgning' })).id,
		'Lise',
		'paaroerende'
	);
	await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' } });
	return { citizen, meeting };
}

/** Every stored record of a citizen, as on disk. */
async function storedOf(citizenId: string) {
	return getStore().transaction('r', ['citizens', 'meetings', 'answers'], async (tx) => ({
		citizens: await tx.citizens.where('id').equals(citizenId).toArray(),
		meetings: await tx.meetings.where('citizenId').equals(citizenId).toArray(),
		answers: await tx.answers.where('citizenId').equals(citizenId).toArray()
	}));
}

/** A citizen's key as kept in the `citizenKeys` table (Node has no OPFS). */
function storedKey(citizenId: string) {
	return getStore().transaction('r', ['citizenKeys'], (tx) => tx.citizenKeys.get(citizenId));
}

/** Counts the unwrappings of citizen keys: each is one AES-GCM decryption bound to a citizen-key context. */
function countUnwraps() {
	const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
	const context = (params: unknown) => new TextDecoder().decode((params as AesGcmParams).additionalData as Uint8Array);
	return {
		count: () => decrypt.mock.calls.filter(([params]) => context(params).startsWith('billedtale|citizen-key|')).length,
		restore: () => decrypt.mockRestore()
	};
}

describe('a data key per citizen', () => {
	it('seals every record of a citizen under that citizen’s own key, wrapped by the tablet key', async () => {
		const anna = await citizenWithAnswer('Anna');
		const bo = await citizenWithAnswer('Bo');
		const keys = await getStore().transaction('r', ['citizenKeys'], (tx) => tx.citizenKeys.toArray());
		expect(keys.map((k) => k.id).sort()).toEqual([anna.citizen.id, bo.citizen.id].sort());
		for (const key of keys) {
			expect(key.wrappedBy).toBe(requireDataKey().keyId);
			const stored = await storedOf(key.id);
			const keyIds = [...stored.citizens, ...stored.meetings, ...stored.answers].map((r) => r.payload.keyId);
			expect(keyIds.length).toBe(3);
			expect(new Set(keyIds)).toEqual(new Set([key.keyId]));
		}
		expect((await listAnswers(anna.meeting.id)).map((a) => a.content)).toEqual([{ kind: 'core', value: 'ja' }]);
	});

	it('destroys the key when the citizen is deleted, so a lingering copy of their records no longer opens', async () => {
		const anna = await citizenWithAnswer('Anna');
		const bo = await citizenWithAnswer('Bo');
		// What Chromium may keep in its files after the deletion: the records exactly as they were stored.
		const lingering = await storedOf(anna.citizen.id);
		const lingeringKey = await storedKey(anna.citizen.id);
		expect(lingeringKey).toBeDefined();
		await deleteCitizen(anna.citizen.id);
		expect(await storedKey(anna.citizen.id)).toBeUndefined();
		await expect(openRecord('answers', lingering.answers[0]!)).rejects.toThrow(DamagedRecordError);
		await expect(openRecord('citizens', lingering.citizens[0]!)).rejects.toThrow(DamagedRecordError);
		// Bo's records open as before.
		expect((await listCitizens()).map((c) => c.displayName)).toEqual(['Bo']);
		expect(await listAnswers(bo.meeting.id)).toHaveLength(1);
	});

	it('unwraps each citizen key once per session, and again only after a soft lock', async () => {
		const anna = await citizenWithAnswer('Anna');
		const tabletKey = requireDataKey();
		dropDataKey();
		resumeSession(tabletKey);
		const unwraps = countUnwraps();
		try {
			for (let i = 0; i < 3; i++) {
				await getCitizen(anna.citizen.id);
				await listMeetings(anna.citizen.id);
				await listAnswers(anna.meeting.id);
			}
			expect(unwraps.count()).toBe(1);
			dropDataKey();
			resumeSession(tabletKey);
			await listAnswers(anna.meeting.id);
			expect(unwraps.count()).toBe(2);
		} finally {
			unwraps.restore();
		}
	});

	it('drops a citizen key from memory when another tab deletes that citizen', async () => {
		const anna = await citizenWithAnswer('Anna');
		const tabletKey = requireDataKey();
		dropDataKey();
		resumeSession(tabletKey);
		const unwraps = countUnwraps();
		const otherTab = new BroadcastChannel('billedtale-citizen-keys');
		try {
			await listAnswers(anna.meeting.id);
			await listAnswers(anna.meeting.id);
			expect(unwraps.count()).toBe(1);
			// What destroyCitizenKey posts in the tab that deletes; this tab must let go of the key it holds.
			otherTab.postMessage({ forget: anna.citizen.id });
			await vi.waitFor(async () => {
				await listAnswers(anna.meeting.id);
				expect(unwraps.count()).toBe(2);
			});
		} finally {
			otherTab.close();
			unwraps.restore();
		}
	});

	it('gives a restored citizen a new key: the deleted one stays destroyed', async () => {
		const anna = await citizenWithAnswer('Anna');
		const backup = await collectBackup([anna.citizen.id]);
		const oldKey = (await storedKey(anna.citizen.id))!;
		const lingering = await storedOf(anna.citizen.id);
		await deleteCitizen(anna.citizen.id);
		expect(await restoreBackup(restoreContent(backup))).toEqual({ added: 1, skipped: 0, droppedPictures: 0 });
		const newKey = (await storedKey(anna.citizen.id))!;
		expect(newKey.keyId).not.toBe(oldKey.keyId);
		expect((await listAnswers(anna.meeting.id)).map((a) => a.content)).toEqual([{ kind: 'core', value: 'ja' }]);
		await expect(openRecord('answers', lingering.answers[0]!)).rejects.toThrow(DamagedRecordError);
	});
});

describe('the migration to citizen keys', () => {
	/** Puts a citizen's records back under the tablet key and removes the citizen key, as an older app left them. */
	async function asBeforeCitizenKeys(citizenId: string): Promise<number> {
		const store = getStore();
		const tabletKey = requireDataKey();
		let moved = 0;
		for (const name of SEALED_TABLES) {
			const stored = await store.transaction('r', [name], (tx) =>
				tx
					.table<Stored<AnyRecord>>(name)
					.where(name === 'citizens' ? 'id' : 'citizenId')
					.equals(citizenId)
					.toArray()
			);
			// Opened and sealed between the transactions: a crypto await inside one would let IndexedDB commit it early.
			for (const record of stored) {
				const opened = await openRecord(name, record);
				const resealed = { ...record, payload: await sealPayload(tabletKey, name, record.id, { ...opened.payload, v: record.v }) };
				await store.transaction('rw', [name], (tx) => tx.table<Stored<AnyRecord>>(name).put(resealed));
				moved += 1;
			}
		}
		await store.transaction('rw', ['citizenKeys'], (tx) => tx.citizenKeys.delete(citizenId));
		dropDataKey();
		resumeSession(tabletKey);
		return moved;
	}

	it('reseals every record under its citizen’s new key, keeps every record, and does nothing the second time', async () => {
		const anna = await citizenWithAnswer('Anna');
		const bo = await citizenWithAnswer('Bo');
		const before = { anna: await listAnswers(anna.meeting.id), bo: await listAnswers(bo.meeting.id) };
		const moved = (await asBeforeCitizenKeys(anna.citizen.id)) + (await asBeforeCitizenKeys(bo.citizen.id));
		expect(moved).toBe(6);
		const tabletKeyId = requireDataKey().keyId;
		// Records under the tablet key still open before the pass (the app works while it runs).
		expect(await listAnswers(anna.meeting.id)).toEqual(before.anna);
		expect(await getStore().transaction('r', ['answers'], (tx) => tx.answers.where('payload.keyId').equals(tabletKeyId).count())).toBe(2);

		expect(await migrateRecords()).toEqual({ upgraded: 6, damaged: 0, skipped: 0 });
		const underTabletKey = await getStore().transaction('r', SEALED_TABLES, (tx) =>
			Promise.all(SEALED_TABLES.map((name) => tx.table(name).where('payload.keyId').equals(tabletKeyId).count()))
		);
		expect(underTabletKey).toEqual(SEALED_TABLES.map(() => 0));
		expect(await getStore().transaction('r', ['citizenKeys'], (tx) => tx.citizenKeys.count())).toBe(2);
		expect({ anna: await listAnswers(anna.meeting.id), bo: await listAnswers(bo.meeting.id) }).toEqual(before);
		expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 0, skipped: 0 });
	});

	it('moves records in small batches with the page’s turns between them, and keeps an answer recorded meanwhile', async () => {
		const anna = await citizenWithAnswer('Anna');
		const answer = { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'nej' }, provenance: { mode: 'selv' } } as const;
		for (let i = 0; i < 24; i++) await recordAnswer(anna.meeting, answer);
		expect(await asBeforeCitizenKeys(anna.citizen.id)).toBe(27);
		const turns = vi.spyOn(globalThis, 'setTimeout');
		const pass = migrateRecords();
		// The citizen taps while the pass runs.
		await recordAnswer(anna.meeting, answer);
		expect(await pass).toEqual({ upgraded: 27, damaged: 0, skipped: 0 });
		// 27 records in batches of 10: the page had a turn before each of the three (Node has no scheduler.yield()).
		expect(turns.mock.calls.filter(([, delay]) => delay === 0).length).toBeGreaterThanOrEqual(3);
		turns.mockRestore();
		const keyIds = Object.values(await storedOf(anna.citizen.id)).flatMap((records) => records.map((r) => r.payload.keyId));
		expect(new Set(keyIds)).toEqual(new Set([(await storedKey(anna.citizen.id))!.keyId]));
		expect(await listAnswers(anna.meeting.id)).toHaveLength(26);
	});

	it('picks up where a pass cut short stopped, with the key it already created', async () => {
		const anna = await citizenWithAnswer('Anna');
		const before = await listAnswers(anna.meeting.id);
		await asBeforeCitizenKeys(anna.citizen.id);
		// A pass that died after moving the citizen record: the key exists, the meeting and the answer are still under the tablet key.
		const store = getStore();
		const stored = (await store.transaction('r', ['citizens'], (tx) => tx.citizens.get(anna.citizen.id)))!;
		const { sealRecord } = await import('./sealing.ts');
		const resealed = await sealRecord('citizens', await openRecord('citizens', stored));
		await store.transaction('rw', ['citizens'], (tx) => tx.citizens.put(resealed));
		const created = (await storedKey(anna.citizen.id))!;

		expect(await migrateRecords()).toEqual({ upgraded: 2, damaged: 0, skipped: 0 });
		expect((await storedKey(anna.citizen.id))!.keyId).toBe(created.keyId);
		const keyIds = Object.values(await storedOf(anna.citizen.id)).flatMap((records) => records.map((r) => r.payload.keyId));
		expect(new Set(keyIds)).toEqual(new Set([created.keyId]));
		expect(await listAnswers(anna.meeting.id)).toEqual(before);
	});
});
