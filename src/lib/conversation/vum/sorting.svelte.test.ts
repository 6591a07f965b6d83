import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SORTING_SCALE_ID, scaleById } from '#lib/content/scales.ts';
import { vumTheme } from '#lib/content/vum.ts';
import { byProvenance, type Answer, type Provenance } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { listAnswers, withdrawStoredAnswer } from '#lib/storage/answers.ts';
import { createCitizen } from '#lib/storage/citizens.ts';
import { deleteDatabase } from '#lib/storage/db.ts';
import { addParticipant, createMeeting } from '#lib/storage/meetings.ts';
import { sortingColumns, ThemeSorting } from './sorting.svelte.ts';

/*
 * The theme cards' writes as the page makes them, through the stored answers: what the answer list, the summary and
 * the case file read back.
 */

const theme = vumTheme('relationer')!;
const kontakt = theme.subthemes.find((s) => s.id === 'kontakt-med-andre')!;
const columns = sortingColumns(scaleById(DEFAULT_SORTING_SCALE_ID)!, 'da');
const column = (key: string) => columns.find((c) => c.key === key)!;

let meeting: Meeting;
let answers: Answer[] = [];
let lise: Provenance;
const selv: Provenance = { mode: 'selv' };
const bySelf = byProvenance(selv);
const sorting = new ThemeSorting(
	() => theme,
	() => meeting,
	() => answers
);

/** One user step: a second later than the last (as taps are), then the page's live read of the answers. */
async function step(write: () => Promise<unknown>) {
	vi.setSystemTime(Date.now() + 1_000);
	await write();
	answers = await listAnswers(meeting.id);
}

beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
	const citizen = await createCitizen({ displayName: 'Karen' });
	const created = await createMeeting(citizen.id, { date: '2026-12-02', place: 'Hjemme', phase: 'opfoelgning' });
	meeting = await addParticipant(created.id, 'Lise', 'paaroerende');
	lise = { mode: 'formidlet', participantId: meeting.participants[1]!.id };
	answers = [];
});

afterEach(async () => {
	vi.useRealTimers();
	await deleteDatabase();
	localStorage.clear();
});

const changes = (list: readonly Answer[]) => list.map((a) => a.history.map((r) => r.change));

describe('theme cards, stored', () => {
	it('"Vigtigt for mig" set again by the citizen after Lise took hers back names the citizen, not Lise', async () => {
		await step(() => sorting.place(kontakt, column('scale:tre-punkt:godt'), lise, ''));
		await step(() => sorting.toggleMark(kontakt, lise, ''));
		await step(() => sorting.toggleMark(kontakt, lise, ''));
		await step(() => sorting.toggleMark(kontakt, selv, ''));

		const marks = answers.filter((a) => a.content.kind === 'mark');
		expect(marks.map((a) => [a.status, a.provenance])).toEqual([
			['active', selv],
			['withdrawn', lise]
		]);
		// Nobody restored Lise's mark; she took it back, as "Svar gemmes som" said, and her history says so.
		expect(changes(marks)).toEqual([[], ['withdrawn']]);
		expect(marks[1]!.history.map((r) => r.changedBy)).toEqual([byProvenance(lise)]);
	});

	it('a card undone and laid again is a new placement, with no restore nobody made', async () => {
		await step(() => sorting.place(kontakt, column('no-answer:vil-ikke-svare'), selv, ''));
		const [first] = answers;
		await step(() => withdrawStoredAnswer(first!.id, bySelf));
		await step(() => sorting.place(kontakt, column('scale:tre-punkt:godt'), selv, ''));

		expect(answers.map((a) => [a.status, a.content.kind === 'scale' ? a.content.pointId : a.content.kind])).toEqual([
			['active', 'godt'],
			['withdrawn', 'no-answer']
		]);
		expect(changes(answers)).toEqual([[], ['withdrawn']]);

		// Undone and laid again where it was, by the same: that answer is back, as the user did.
		await step(() => withdrawStoredAnswer(answers[0]!.id, bySelf));
		await step(() => sorting.place(kontakt, column('scale:tre-punkt:godt'), selv, ''));
		expect(answers.map((a) => a.status)).toEqual(['active', 'withdrawn']);
		expect(changes(answers)).toEqual([['withdrawn', 'restored'], ['withdrawn']]);
		// Brought back by the one who laid it there again.
		expect(answers[0]!.history.at(-1)?.changedBy).toEqual(bySelf);
	});
});
