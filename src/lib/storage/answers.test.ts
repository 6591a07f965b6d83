import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Meeting } from '#lib/domain/meeting.ts';
import { beginSession, currentSession, dropDataKey, LockedError } from '#lib/vault/session.ts';
import { correctStoredAnswer, listAnswers, recordAnswer } from './answers.ts';
import { createCitizen } from './citizens.ts';
import { deleteDatabase, getDb } from './db.ts';
import { createMeeting } from './meetings.ts';
import { onDamagedRecord } from './sealing.ts';

afterEach(async () => {
	vi.restoreAllMocks();
	await deleteDatabase();
	localStorage.clear();
});

async function meetingWithAnswers(values: ('ja' | 'nej' | 'ved-ikke')[]) {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const meeting = await createMeeting(citizen.id, { date: '2026-12-03', place: 'Hjemme', phase: 'faglig-udredning' });
	for (const [i, value] of values.entries()) await say(meeting, value, 1_000 + i);
	return meeting;
}

function say(meeting: Meeting, value: 'ja' | 'nej' | 'ved-ikke', at: number) {
	return recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value }, provenance: { mode: 'selv' } }, at);
}

const values = (answers: { content: unknown }[]) => answers.map(({ content }) => (content as { value: string }).value);

describe('answers read again (issue 17)', () => {
	it('are not decrypted again until their sealed payload changes', async () => {
		const meeting = await meetingWithAnswers(['ja', 'nej', 'ved-ikke']);
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		expect(values(await listAnswers(meeting.id))).toEqual(['ved-ikke', 'nej', 'ja']);
		expect(decrypt).toHaveBeenCalledTimes(3);

		decrypt.mockClear();
		expect(values(await listAnswers(meeting.id))).toEqual(['ved-ikke', 'nej', 'ja']);
		expect(decrypt).not.toHaveBeenCalled();

		// A correction seals the answer anew: only that one is opened again (the correction itself reads it and the meeting).
		const [newest] = await listAnswers(meeting.id);
		await correctStoredAnswer(newest!.id, { content: { kind: 'core', value: 'ja' } }, 5_000);
		decrypt.mockClear();
		expect(values(await listAnswers(meeting.id))).toEqual(['ja', 'nej', 'ja']);
		expect(decrypt).toHaveBeenCalledTimes(1);
	});

	it('are found damaged when their bytes changed on disk, though they were opened before', async () => {
		const meeting = await meetingWithAnswers(['ja', 'nej']);
		const [newest] = await listAnswers(meeting.id);
		const db = getDb();
		const stored = (await db.answers.get(newest!.id))!;
		// The same IV, one bit of the ciphertext flipped.
		const ct = new Uint8Array(stored.payload.ct.slice(0));
		ct[0]! ^= 1;
		await db.answers.put({ ...stored, payload: { ...stored.payload, ct: ct.buffer } });
		const damaged: string[] = [];
		const stop = onDamagedRecord((error) => damaged.push(error.id));
		try {
			expect(values(await listAnswers(meeting.id))).toEqual(['ja']);
		} finally {
			stop();
		}
		expect(damaged).toEqual([newest!.id]);
	});

	it('are not served from memory after a lock: the next reader opens them with the keys it holds', async () => {
		const meeting = await meetingWithAnswers(['ja']);
		await listAnswers(meeting.id);
		const session = currentSession()!;
		dropDataKey();
		try {
			await expect(listAnswers(meeting.id)).rejects.toBeInstanceOf(LockedError);
		} finally {
			beginSession(session);
		}
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		expect(values(await listAnswers(meeting.id))).toEqual(['ja']);
		// The citizen's key is unwrapped again, and the answer opened with it.
		expect(decrypt).toHaveBeenCalledTimes(2);
	});
});
