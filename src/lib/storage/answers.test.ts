import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Meeting } from '#lib/domain/meeting.ts';
import { beginSession, currentSession, dropDataKey, LockedError } from '#lib/vault/session.ts';
import {
	ANSWER_WRITE_MEASURES_KEPT,
	applyAnswerStep,
	correctStoredAnswer,
	listAnswers,
	listCitizenAnswers,
	listMeetingAnswers,
	listMeetingsAnswers,
	recordAnswer,
	withdrawStoredAnswer
} from './answers.ts';
import { restoreInItsPlace } from './restore-in-place.ts';
import { aboutFoundComplete, aboutWritesMark, everyRecordHasAbout } from './about-index.ts';
import { BY_ADVISER, byProvenance, createAnswer, type Answer } from '#lib/domain/answer.ts';
import { createCitizen } from './citizens.ts';
import { deleteDatabase, getStore } from './db.ts';
import { Query, type Table } from './idb/database.ts';
import { addParticipant, createMeeting } from './meetings.ts';
import { migrateRecords } from './migrate.ts';
import { answerToRecord, type AnswerRecord } from './records';
import { onDamagedRecord, sealRecord, type Stored } from './sealing.ts';

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

/** Reads or writes the stored answers directly, in one transaction. */
function inAnswers<T>(work: (answers: Table<Stored<AnswerRecord>>) => Promise<T>): Promise<T> {
	return getStore().transaction('rw', ['answers'], (tx) => work(tx.answers));
}

/** As an answer written before schema 11 lies on disk: sealed under the citizen's key, without the plain `about` field. */
function withoutAbout(id: string): Promise<void> {
	return inAnswers(async (answers) => {
		const stored = { ...(await answers.get(id))! };
		delete stored.about;
		await answers.put(stored);
	});
}

const bySelf = byProvenance({ mode: 'selv' });
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
		const stored = (await inAnswers((answers) => answers.get(newest!.id)))!;
		// The same IV, one bit of the ciphertext flipped.
		const ct = new Uint8Array(stored.payload.ct.slice(0));
		ct[0]! ^= 1;
		await inAnswers((answers) => answers.put({ ...stored, payload: { ...stored.payload, ct: ct.buffer } }));
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

describe("a citizen's answers about some tools (issue 17)", () => {
	/** Two meetings, each with answers on the core board, a check-in and a VUM theme card. */
	async function twoMeetings() {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const meetings = [];
		for (const [i, date] of ['2026-11-03', '2026-12-03'].entries()) {
			const meeting = await createMeeting(citizen.id, { date, place: 'Hjemme', phase: 'opfoelgning' });
			const at = 10_000 * (i + 1);
			for (const value of ['ja', 'nej', 'ved-ikke'] as const) await say(meeting, value, at);
			await recordAnswer(
				meeting,
				{
					subject: { kind: 'meeting-part', part: 'check-in' },
					content: { kind: 'scale', scaleId: 'tre-punkt', pointId: 'godt', label: 'Godt' },
					provenance: { mode: 'selv' }
				},
				at + 1
			);
			await recordAnswer(
				meeting,
				{
					subject: { kind: 'vum-theme', themeId: 'relationer', ffbCode: '3856b434-f72e-42a5-b9d1-0cc93f48434b' },
					content: { kind: 'scale', scaleId: 'tre-punkt', pointId: 'ikke-godt', label: 'Ikke godt' },
					provenance: { mode: 'selv' }
				},
				at + 2
			);
			meetings.push(meeting);
		}
		return { citizen, meetings };
	}

	it('are read through the `about` index: only those answers are opened, from every meeting, newest first', async () => {
		const { citizen, meetings } = await twoMeetings();
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		const checkIns = await listCitizenAnswers(citizen.id, ['meeting-part']);
		expect(checkIns.map((a) => [a.meetingId, a.subject.kind])).toEqual([
			[meetings[1]!.id, 'meeting-part'],
			[meetings[0]!.id, 'meeting-part']
		]);
		// The two check-ins, not the ten answers of the two meetings.
		expect(decrypt).toHaveBeenCalledTimes(2);
		const shown = await listCitizenAnswers(citizen.id, ['meeting-part', 'vum-theme']);
		expect(shown.map((a) => a.subject.kind)).toEqual(['vum-theme', 'meeting-part', 'vum-theme', 'meeting-part']);
		expect(decrypt).toHaveBeenCalledTimes(4);
	});

	it("a meeting's answers about a tool are read through `[meetingId+about]`, and found without the field until the pass", async () => {
		const { meetings } = await twoMeetings();
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		const themes = await listMeetingAnswers(meetings[0]!.id, ['vum-theme']);
		expect(themes.map((a) => [a.meetingId, a.subject.kind])).toEqual([[meetings[0]!.id, 'vum-theme']]);
		expect(decrypt).toHaveBeenCalledTimes(1);
		await withoutAbout(themes[0]!.id);
		expect((await listMeetingAnswers(meetings[0]!.id, ['vum-theme'])).map((a) => a.id)).toEqual([themes[0]!.id]);
	});

	it('"Over tid" reads the shown meetings\' answers about its tools and opens nothing else', async () => {
		const { meetings } = await twoMeetings();
		const subtheme = await recordAnswer(
			meetings[0]!,
			{
				subject: {
					kind: 'vum-subtheme',
					themeId: 'relationer',
					subthemeId: 'familie',
					ffbCode: '3856b434-f72e-42a5-b9d1-0cc93f48434b'
				},
				content: { kind: 'scale', scaleId: 'tre-punkt', pointId: 'godt', label: 'Godt' },
				provenance: { mode: 'selv' }
			},
			15_000
		);
		const ids = meetings.map((m) => m.id);
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		const shown = await listMeetingsAnswers(ids, ['meeting-part', 'vum-theme', 'vum-subtheme']);
		expect(shown.map((a) => [a.meetingId, a.subject.kind])).toEqual([
			[meetings[1]!.id, 'vum-theme'],
			[meetings[1]!.id, 'meeting-part'],
			[meetings[0]!.id, 'vum-subtheme'],
			[meetings[0]!.id, 'vum-theme'],
			[meetings[0]!.id, 'meeting-part']
		]);
		// The five answers shown, not the eleven of the two meetings.
		expect(decrypt).toHaveBeenCalledTimes(5);
		// Sub-themes only: not the theme cards beside them in the index.
		expect((await listMeetingsAnswers(ids, ['vum-subtheme'])).map((a) => a.id)).toEqual([subtheme.id]);
		// An answer without `about` (from before the field) sends the read through every answer of its meeting.
		await withoutAbout(subtheme.id);
		expect((await listMeetingsAnswers(ids, ['vum-subtheme', 'vum-theme'])).map((a) => a.subject.kind)).toEqual([
			'vum-theme',
			'vum-subtheme',
			'vum-theme'
		]);
	});

	it('an answer stored before `about` is still found, and the pass after unlock gives it the field', async () => {
		const { citizen, meetings } = await twoMeetings();
		const old = (await inAnswers((answers) => answers.where('[citizenId+about]').equals([citizen.id, 'meeting-part']).first()))!;
		await withoutAbout(old.id);
		expect(await inAnswers((answers) => answers.where('[citizenId+about]').equals([citizen.id, 'meeting-part']).count())).toBe(1);

		const read = await listCitizenAnswers(citizen.id, ['meeting-part']);
		expect(read.map((a) => a.id).sort()).toEqual(
			(await inAnswers((answers) => answers.where('citizenId').equals(citizen.id).toArray()))
				.filter((r) => r.id === old.id || r.about === 'meeting-part')
				.map((r) => r.id)
				.sort()
		);
		expect(read.map((a) => a.meetingId).sort()).toEqual(meetings.map((m) => m.id).sort());

		expect(await migrateRecords()).toEqual({ upgraded: 1, damaged: 0, skipped: 0 });
		expect((await inAnswers((answers) => answers.get(old.id)))?.about).toBe('meeting-part');
		expect(await inAnswers((answers) => answers.where('[citizenId+about]').equals([citizen.id, 'meeting-part']).count())).toBe(2);
		expect(await inAnswers((answers) => answers.where('[meetingId+about]').equals([old.meetingId, 'meeting-part']).count())).toBe(1);
		expect((await listCitizenAnswers(citizen.id, ['meeting-part'])).map((a) => a.id)).toEqual(read.map((a) => a.id));
		// Nothing left to do: a second pass changes nothing.
		expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 0, skipped: 0 });
	});

	it('once the pass finds every answer in the indexes, reads by kind stop checking; an answer written without `about` starts them again', async () => {
		const { citizen, meetings } = await twoMeetings();
		const count = vi.spyOn(Query.prototype, 'count');
		await listMeetingAnswers(meetings[0]!.id, ['vum-theme']);
		// Before any pass: each read counts the meeting's answers, with and without the field.
		expect(count).toHaveBeenCalledTimes(2);
		expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 0, skipped: 0 });
		expect(everyRecordHasAbout()).toBe(true);

		count.mockClear();
		const themes = await listMeetingAnswers(meetings[0]!.id, ['vum-theme']);
		expect(themes.map((a) => a.subject.kind)).toEqual(['vum-theme']);
		expect((await listCitizenAnswers(citizen.id, ['meeting-part'])).map((a) => a.meetingId)).toEqual([meetings[1]!.id, meetings[0]!.id]);
		expect(count).not.toHaveBeenCalled();

		// As the journal written back at start-up could bring one from before the field: found by counting again.
		await withoutAbout(themes[0]!.id);
		expect(everyRecordHasAbout()).toBe(false);
		expect((await listMeetingAnswers(meetings[0]!.id, ['vum-theme'])).map((a) => a.id)).toEqual([themes[0]!.id]);
		expect(count).toHaveBeenCalled();

		// A pass that began before such a write does not vouch for it.
		const mark = aboutWritesMark();
		const stored = (await inAnswers((answers) => answers.get(themes[0]!.id)))!;
		await inAnswers((answers) => answers.put(stored));
		aboutFoundComplete(mark);
		expect(everyRecordHasAbout()).toBe(false);

		// Nor does one that could not give it the field (the record is damaged); once it is gone, the next pass does.
		const ct = new Uint8Array(stored.payload.ct.slice(0));
		ct[0]! ^= 1;
		await inAnswers((answers) => answers.put({ ...stored, payload: { ...stored.payload, ct: ct.buffer } }));
		const stop = onDamagedRecord(() => undefined);
		try {
			expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 1, skipped: 0 });
		} finally {
			stop();
		}
		expect(everyRecordHasAbout()).toBe(false);
		await inAnswers((answers) => answers.delete(themes[0]!.id));
		await migrateRecords();
		expect(everyRecordHasAbout()).toBe(true);
	});
});

describe('an answer stored naming the citizen as their own helper (before the rule against it)', () => {
	it('still reads as it was stored, and a correction names someone else with its history kept', async () => {
		const citizen = await createCitizen({ displayName: 'Karen' });
		const meeting = await createMeeting(citizen.id, { date: '2026-12-03', place: 'Hjemme', phase: 'opfoelgning' });
		const karen = meeting.participants[0]!;
		// Written as the app wrote it then: createAnswer refuses it now.
		const old: Answer = {
			...createAnswer({
				id: 'old',
				meeting,
				subject: { kind: 'core-board' },
				content: { kind: 'core', value: 'ja' },
				provenance: { mode: 'selv' },
				at: 1_000
			}),
			provenance: { mode: 'med-stoette', participantId: karen.id }
		};
		const sealed = await sealRecord('answers', answerToRecord(old));
		await inAnswers((answers) => answers.add(sealed));

		const [read] = await listAnswers(meeting.id);
		expect(read).toEqual(old);
		await expect(correctStoredAnswer(old.id, { provenance: { mode: 'med-stoette', participantId: karen.id } })).rejects.toThrow(
			'error.provenanceCitizenAsHelper'
		);
		const corrected = await correctStoredAnswer(old.id, { provenance: { mode: 'med-stoette' } });
		expect(corrected.provenance).toEqual({ mode: 'med-stoette' });
		expect((await listAnswers(meeting.id))[0]!.history.map((r) => r.provenance)).toEqual([old.provenance]);
	});
});

describe('"Gendan" of a card laid again elsewhere since', () => {
	it('brings the card back to where it lay and takes back where it was laid since: one place, both histories kept', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const meeting = await createMeeting(citizen.id, { date: '2026-12-03', place: '', phase: 'faglig-udredning' });
		const subject = {
			kind: 'vum-subtheme',
			themeId: 'relationer',
			subthemeId: 'kontakt-med-andre',
			ffbCode: '3f9da5ac-9686-4eeb-b517-b46e17fcb1d7'
		} as const;
		const laid = (pointId: string, at: number) =>
			recordAnswer(
				meeting,
				{ subject, content: { kind: 'scale', scaleId: 'tre-punkt', pointId, label: pointId }, provenance: { mode: 'selv' } },
				at
			);
		const first = await laid('godt', 1_000);
		await withdrawStoredAnswer(first.id, bySelf, 2_000);
		await laid('ikke-godt', 3_000);
		const [since, undone] = await listAnswers(meeting.id);
		// "Gendan" in the adviser's panel: the adviser's action.
		await restoreInItsPlace(undone!, [since!, undone!], BY_ADVISER, 4_000);
		const now = await listAnswers(meeting.id);
		expect(now.filter((a) => a.status === 'active').map((a) => (a.content as { pointId: string }).pointId)).toEqual(['godt']);
		expect(now.find((a) => a.id === since!.id)?.history.map((h) => h.change)).toEqual(['withdrawn']);
		expect(now.find((a) => a.id === first.id)?.history.map((h) => h.change)).toEqual(['withdrawn', 'restored']);
		// Both changes name who made them, stored and read back valid.
		expect(now.find((a) => a.id === since!.id)?.history.map((h) => h.changedBy)).toEqual([BY_ADVISER]);
		expect(now.find((a) => a.id === first.id)?.history.map((h) => h.changedBy)).toEqual([bySelf, BY_ADVISER]);
	});
});

describe('an answer taken back or given back in a tool', () => {
	it('keeps who did it, as the meeting\'s "Svar gemmes som" said, and checks them against the meeting', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const created = await createMeeting(citizen.id, { date: '2026-12-03', place: '', phase: 'faglig-udredning' });
		const meeting = await addParticipant(created.id, 'Lise', 'paaroerende');
		const lise = { mode: 'formidlet', participantId: meeting.participants[1]!.id } as const;
		const given = await say(meeting, 'ja', 1_000);
		await applyAnswerStep(meeting, { kind: 'withdraw', answerId: given.id }, lise);
		await applyAnswerStep(meeting, { kind: 'restore', answerId: given.id }, { mode: 'selv' });
		const [stored] = await listAnswers(meeting.id);
		expect(stored!.history.map((h) => [h.change, h.changedBy])).toEqual([
			['withdrawn', byProvenance(lise)],
			['restored', bySelf]
		]);
		// "Formidlet af" with nobody picked yet is refused with its Danish reason, and nothing changes.
		await expect(withdrawStoredAnswer(given.id, byProvenance({ mode: 'formidlet' }))).rejects.toMatchObject({
			code: 'error.provenanceRelayNeedsPerson'
		});
		expect((await listAnswers(meeting.id))[0]!.status).toBe('active');
	});
});

describe('the measure of each answer write (`npm run bench`)', () => {
	it('is kept for the newest answers only, so a tablet left open for days does not gather one per answer', async () => {
		const measures = () => performance.getEntriesByName('billedtale:answer-write', 'measure').length;
		const meeting = await meetingWithAnswers([]);
		let before = measures();
		let after = before;
		// The earlier tests' answers were measured too: written on until the measures are cleared.
		for (let i = 0; i <= ANSWER_WRITE_MEASURES_KEPT && after >= before; i++) {
			before = after;
			await say(meeting, 'ja', 1_000 + i);
			after = measures();
		}
		// Cleared before the next was added: the newest answer's write is there to read, and only it.
		expect([before, after]).toEqual([ANSWER_WRITE_MEASURES_KEPT, 1]);
	});
});
