import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetCitizenKey } from '#lib/vault/session.ts';
import { correctStoredAnswer, listAnswers, recordAnswer } from './answers.ts';
import { createCitizen } from './citizens.ts';
import { deleteDatabase, getStore } from './db.ts';
import { createMeeting } from './meetings.ts';
import { OPEN_BATCH } from './sealing.ts';

afterEach(async () => {
	vi.restoreAllMocks();
	await deleteDatabase();
	localStorage.clear();
});

/** Counts the AES-GCM decryptions of answer payloads (their additional data starts with the table's name). */
function countAnswerDecryptions() {
	const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
	const context = (params: unknown) => new TextDecoder().decode((params as AesGcmParams).additionalData as Uint8Array);
	return () => decrypt.mock.calls.filter(([params]) => context(params).startsWith('answers|')).length;
}

async function meetingWithAnswers(count: number) {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const meeting = await createMeeting(citizen.id, { date: '2026-11-23', place: 'Hjemme', phase: 'opfoelgning' });
	for (let i = 0; i < count; i++)
		await recordAnswer(
			meeting,
			{ subject: { kind: 'core-board' }, content: { kind: 'core', value: i % 2 ? 'ja' : 'nej' }, provenance: { mode: 'selv' } },
			1000 + i
		);
	return { citizen, meeting };
}

describe('opening sealed records', () => {
	it('opens a list longer than one batch whole and in order', async () => {
		const count = OPEN_BATCH * 2 + 5;
		const { meeting } = await meetingWithAnswers(count);
		const times = (await listAnswers(meeting.id)).map((answer) => answer.createdAt);
		expect(times).toEqual(Array.from({ length: count }, (_, i) => 1000 + count - 1 - i));
	});

	it('decrypts each record once per key: a list read again opens only the answer sealed anew', async () => {
		const { meeting } = await meetingWithAnswers(40);
		const decryptions = countAnswerDecryptions();
		const first = await listAnswers(meeting.id);
		// Records written in this session were never opened: all 40 are decrypted on the first read.
		expect(decryptions()).toBe(40);
		expect(await listAnswers(meeting.id)).toEqual(first);
		expect(decryptions()).toBe(40);

		// A correction seals the answer anew (fresh IV): the next read opens it, and only it, and shows the new content.
		await correctStoredAnswer(first[3]!.id, { content: { kind: 'core', value: 'ved-ikke' } }, 5000);
		const afterCorrection = decryptions();
		const again = await listAnswers(meeting.id);
		expect(decryptions() - afterCorrection).toBe(1);
		expect(again[3]!.content).toEqual({ kind: 'core', value: 'ved-ikke' });
		expect(again.filter((_, i) => i !== 3)).toEqual(first.filter((_, i) => i !== 3));
	});

	it('lets the page in while a long list opens from memory, and still opens it whole and in order', async () => {
		const count = OPEN_BATCH * 3;
		const { meeting } = await meetingWithAnswers(count);
		const first = await listAnswers(meeting.id);
		const decryptions = countAnswerDecryptions();
		// Every record now comes from memory, so no decryption lets other work in. Each look at the clock says 9 ms
		// went by, so every batch has used up its slice; a task queued before the read must run before it is done.
		let clock = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => (clock += 9));
		let pageTurn = false;
		setTimeout(() => (pageTurn = true));
		const read = listAnswers(meeting.id).then((answers) => ({ answers, pageTurnFirst: pageTurn }));
		const { answers, pageTurnFirst } = await read;
		expect(decryptions()).toBe(0);
		expect(pageTurnFirst).toBe(true);
		expect(answers).toEqual(first);
	});

	it('opens again when the key is forgotten (a lock or a deleted citizen) or a plain field changed', async () => {
		const { citizen, meeting } = await meetingWithAnswers(3);
		const decryptions = countAnswerDecryptions();
		await listAnswers(meeting.id);
		expect(decryptions()).toBe(3);
		// The opened records are held by the citizen's key object: with the key gone, nothing opened is reused.
		forgetCitizenKey(citizen.id);
		await listAnswers(meeting.id);
		expect(decryptions()).toBe(6);

		// A field kept in the clear changed without a new seal (as a schema upgrade could): the record is rebuilt from disk.
		const oldest = await getStore().transaction('rw', ['answers'], async (tx) => {
			const [found] = await tx.answers.where('createdAt').equals(1000).toArray();
			await tx.answers.put({ ...found!, updatedAt: 1234 });
			return found!;
		});
		const reread = await listAnswers(meeting.id);
		expect(reread.find((answer) => answer.id === oldest.id)!.updatedAt).toBe(1234);
		expect(decryptions()).toBe(7);
	});
});
