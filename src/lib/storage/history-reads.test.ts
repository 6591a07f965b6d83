import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { listCitizenAnswers, listLatestCitizenAnswers, listMeetingsAnswers, recordAnswer } from './answers.ts';
import { createCitizen } from './citizens.ts';
import { deleteDatabase, getStore } from './db.ts';
import { createMeeting, getMeetings, listMeetings, listNewestMeetings } from './meetings.ts';

/*
 * The citizen's page reads what it shows first, not years of history (issue 17): the newest meetings a page at a time,
 * "Over tid" the answers of the meetings it shows, "Om mig" the newest answers until it has what it shows.
 */

afterEach(async () => {
	vi.restoreAllMocks();
	await deleteDatabase();
	localStorage.clear();
});

const checkIn = (meeting: Meeting, at: number) =>
	recordAnswer(
		meeting,
		{
			subject: { kind: 'meeting-part', part: 'check-in' },
			content: { kind: 'scale', scaleId: 'tre-punkt', pointId: 'godt', label: 'Godt' },
			provenance: { mode: 'selv' }
		},
		at
	);
const theme = (meeting: Meeting, at: number) =>
	recordAnswer(
		meeting,
		{
			subject: { kind: 'vum-theme', themeId: 'relationer', ffbCode: '3856b434-f72e-42a5-b9d1-0cc93f48434b' },
			content: { kind: 'scale', scaleId: 'tre-punkt', pointId: 'godt', label: 'Godt' },
			provenance: { mode: 'selv' }
		},
		at
	);
const board = (meeting: Meeting, at: number) =>
	recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' } }, at);

/** Meetings on these dates, created in this order (two on one day: the later one is the newer). */
async function meetingsOn(dates: string[]) {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const meetings: Meeting[] = [];
	for (const [i, date] of dates.entries())
		meetings.push(await createMeeting(citizen.id, { date, place: '', phase: 'opfoelgning' }, 1_000 + i));
	return { citizen, meetings };
}

describe("the citizen's newest meetings", () => {
	it('come a page at a time, newest first as the whole list, opening only the page', async () => {
		const { citizen } = await meetingsOn(['2026-03-01', '2026-01-01', '2026-05-01', '2026-03-01', '2026-02-01']);
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		const first = await listNewestMeetings(citizen.id, 2);
		expect(decrypt).toHaveBeenCalledTimes(2);
		const all = (await listMeetings(citizen.id)).map((m) => m.id);
		expect(first.meetings.map((m) => m.id)).toEqual(all.slice(0, 2));
		expect(first.more).toBe(true);
		// Of the two on 1 March the later-created comes first, across the page's edge too.
		expect((await listNewestMeetings(citizen.id, 3)).meetings.map((m) => m.id)).toEqual(all.slice(0, 3));
		expect(await listNewestMeetings(citizen.id, 5)).toEqual({ meetings: await listMeetings(citizen.id), more: false });
		expect(await listNewestMeetings('someone else', 5)).toEqual({ meetings: [], more: false });
	});
});

describe('the meetings a story names', () => {
	it('are read and opened alone, once each, in the order asked; an id no longer stored is left out', async () => {
		const { meetings } = await meetingsOn(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		const named = await getMeetings([meetings[2]!.id, meetings[0]!.id, 'deleted-meeting', meetings[2]!.id]);
		expect(decrypt).toHaveBeenCalledTimes(2);
		expect(named.map((m) => m.id)).toEqual([meetings[2]!.id, meetings[0]!.id]);
		expect(named[0]).toEqual((await listMeetings(meetings[0]!.citizenId)).find((m) => m.id === meetings[2]!.id));
		expect(await getMeetings([])).toEqual([]);
	});
});

describe('answers of the meetings shown', () => {
	it('are those of the given meetings and tools only', async () => {
		const { meetings } = await meetingsOn(['2026-01-01', '2026-02-01', '2026-03-01']);
		for (const [i, meeting] of meetings.entries()) {
			await checkIn(meeting, 10_000 * i);
			await theme(meeting, 10_000 * i + 1);
			await board(meeting, 10_000 * i + 2);
		}
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		const shown = await listMeetingsAnswers([meetings[2]!.id, meetings[1]!.id], ['meeting-part', 'vum-theme']);
		expect(shown.map((a) => [a.meetingId, a.subject.kind])).toEqual([
			[meetings[2]!.id, 'vum-theme'],
			[meetings[2]!.id, 'meeting-part'],
			[meetings[1]!.id, 'vum-theme'],
			[meetings[1]!.id, 'meeting-part']
		]);
		expect(decrypt).toHaveBeenCalledTimes(4);
	});
});

describe("a citizen's latest answers", () => {
	/** 60 check-ins over two meetings; the last one given in the older meeting, later than any other. */
	async function history() {
		const { citizen, meetings } = await meetingsOn(['2026-01-01', '2026-02-01']);
		for (let i = 0; i < 59; i++) await checkIn(meetings[i % 2 ? 1 : 0]!, 1_000 + i);
		const latest = await checkIn(meetings[0]!, 50_000);
		await board(meetings[1]!, 60_000);
		return { citizen, latest };
	}
	const ids = (answers: Answer[]) => answers.map((a) => a.id);

	it('are read newest first only until they hold what the view shows', async () => {
		const { citizen, latest } = await history();
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		const seen: number[] = [];
		const read = await listLatestCitizenAnswers(citizen.id, ['meeting-part'], (newestFirst) => {
			seen.push(newestFirst.length);
			return newestFirst.length >= 10;
		});
		expect(seen).toEqual([50]);
		expect(decrypt).toHaveBeenCalledTimes(50);
		// The first page: the newest answers of every meeting, by when they were given, not by the meeting's date.
		const all = await listCitizenAnswers(citizen.id, ['meeting-part']);
		expect(all).toHaveLength(60);
		expect(all[0]!.id).toBe(latest.id);
		expect(ids(read)).toEqual(ids(all.slice(0, 50)));
		// Never enough: every answer of those tools, in pages, and nothing else.
		expect(ids(await listLatestCitizenAnswers(citizen.id, ['meeting-part'], () => false))).toEqual(ids(all));
	});

	it('are all read, as listCitizenAnswers reads them, while an answer lacks `about` (before the pass after unlock)', async () => {
		const { citizen, latest } = await history();
		// As an answer written before schema 11 lies on disk: without the plain `about` field.
		await getStore().transaction('rw', ['answers'], async (tx) => {
			const stored = { ...(await tx.answers.get(latest.id))! };
			delete stored.about;
			await tx.answers.put(stored);
		});
		const all = await listCitizenAnswers(citizen.id, ['meeting-part']);
		expect(all[0]!.id).toBe(latest.id);
		expect(ids(await listLatestCitizenAnswers(citizen.id, ['meeting-part'], () => true))).toEqual(ids(all));
	});
});
