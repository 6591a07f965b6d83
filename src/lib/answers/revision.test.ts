import { beforeAll, describe, expect, it } from 'vitest';
import {
	BY_ADVISER,
	byProvenance,
	confirmAnswer,
	correctAnswer,
	createAnswer,
	restoreAnswer,
	withdrawAnswer,
	type Answer
} from '#lib/domain/answer.ts';
import { meetingWith } from '#lib/domain/meeting.test-data.ts';
import { loadLanguage } from '#lib/i18n/translate.ts';
import { describeAnswerHistory } from './revision.ts';

// Run alone, no other test had loaded the English words the history is told in too.
beforeAll(() => loadLanguage('en'));

const meeting = meetingWith(['Karen', 'borger'], ['Lise', 'paaroerende']);

/** Taken back or brought back by the citizen herself, where who did it is not what is tested. */
const bySelf = byProvenance({ mode: 'selv' });
const selv = { mode: 'selv' } as const;
const lise = { mode: 'formidlet', participantId: 'p-lise' } as const;
/** Minute n of ten o'clock, as the case file words a time. */
const clock = (at: number) => `10.0${at}`;
const ja = (note?: string) =>
	createAnswer({
		id: 'a1',
		meeting,
		subject: { kind: 'core-board' },
		content: { kind: 'core', value: 'ja' },
		provenance: selv,
		note,
		at: 0
	});
const confirmed = (answer: Answer) => confirmAnswer(confirmAnswer(answer, meeting, selv, 1), meeting, lise, 2);
const history = (answer: Answer, language: 'da' | 'en' = 'da') => describeAnswerHistory(answer, meeting, clock, language);

describe('an answer’s history in the case file', () => {
	it('tells what a confirmed answer was, who gave and confirmed it, and when it was withdrawn', () => {
		const withdrawn = withdrawAnswer(confirmed(ja()), meeting, bySelf, 5);
		expect(history(withdrawn)).toEqual([
			'Fortrudt kl. 10.05: Ja, Borgeren selv. Det svar var bekræftet af: Borgeren selv og Formidlet af (Lise, Pårørende). Fortrudt af: Borgeren selv'
		]);
		expect(history(withdrawn, 'en')).toEqual([
			'Withdrawn at 10.05: Yes, The citizen. That answer was confirmed by: The citizen and Relayed by (Lise, Relative). Withdrawn by: The citizen'
		]);
	});

	it('tells a withdrawal and a restore in the order they happened, and who confirmed the answer again', () => {
		const restored = restoreAnswer(withdrawAnswer(confirmAnswer(ja(), meeting, selv, 1), meeting, bySelf, 5), meeting, bySelf, 7);
		expect(history(restored)).toEqual([
			'Fortrudt kl. 10.05: Ja, Borgeren selv. Det svar var bekræftet af: Borgeren selv. Fortrudt af: Borgeren selv',
			'Gendannet kl. 10.07: Ja, Borgeren selv. Gendannet af: Borgeren selv'
		]);
		expect(history(confirmAnswer(restored, meeting, lise, 8), 'en')).toEqual([
			'Withdrawn at 10.05: Yes, The citizen. That answer was confirmed by: The citizen. Withdrawn by: The citizen',
			'Restored at 10.07: Yes, The citizen. Restored by: The citizen',
			'Confirmed by: Relayed by (Lise, Relative)'
		]);
	});

	it('tells what a corrected answer was before it was withdrawn', () => {
		const corrected = correctAnswer(ja(), meeting, { content: { kind: 'core', value: 'nej' }, provenance: lise }, 3);
		expect(history(withdrawAnswer(corrected, meeting, bySelf, 5))).toEqual([
			'Før rettelse kl. 10.03: Ja, Borgeren selv',
			'Fortrudt kl. 10.05: Nej, Formidlet af (Lise, Pårørende). Fortrudt af: Borgeren selv'
		]);
	});

	it('keeps who confirmed an answer before its correction apart from who confirmed it after', () => {
		const corrected = correctAnswer(confirmed(ja()), meeting, { content: { kind: 'core', value: 'nej' } }, 3);
		expect(history(confirmAnswer(corrected, meeting, selv, 4))).toEqual([
			'Før rettelse kl. 10.03: Ja, Borgeren selv. Det svar var bekræftet af: Borgeren selv og Formidlet af (Lise, Pårørende)',
			'Bekræftet af: Borgeren selv'
		]);
		expect(history(confirmed(ja()))).toEqual(['Bekræftet af: Borgeren selv', 'Bekræftet af: Formidlet af (Lise, Pårørende)']);
		expect(history(ja())).toEqual([]);
	});

	it('gives a note as it was before a correction, not again at a withdrawal or a restore, which keep it', () => {
		const noted = correctAnswer(
			restoreAnswer(withdrawAnswer(ja('smilede'), meeting, bySelf, 5), meeting, bySelf, 7),
			meeting,
			{ note: 'nikkede' },
			8
		);
		expect(history(noted)).toEqual([
			'Fortrudt kl. 10.05: Ja, Borgeren selv. Fortrudt af: Borgeren selv',
			'Gendannet kl. 10.07: Ja, Borgeren selv. Gendannet af: Borgeren selv',
			'Før rettelse kl. 10.08: Ja, Borgeren selv. Noten var: smilede'
		]);
	});

	it('names who took an answer back and who brought it back at the table, as the meeting\'s "Svar gemmes som" was', () => {
		// The citizen's "Ja", taken back by her relative on her behalf ("that is not what she meant"), brought back by her.
		const restored = restoreAnswer(withdrawAnswer(ja(), meeting, byProvenance(lise), 5), meeting, bySelf, 7);
		expect(history(restored)).toEqual([
			'Fortrudt kl. 10.05: Ja, Borgeren selv. Fortrudt af: Formidlet af (Lise, Pårørende)',
			'Gendannet kl. 10.07: Ja, Borgeren selv. Gendannet af: Borgeren selv'
		]);
		expect(history(restored, 'en')).toEqual([
			'Withdrawn at 10.05: Yes, The citizen. Withdrawn by: Relayed by (Lise, Relative)',
			'Restored at 10.07: Yes, The citizen. Restored by: The citizen'
		]);
	});

	it("says that the adviser withdrew or restored it, by the adviser's own action, naming no one at the table", () => {
		const restored = restoreAnswer(withdrawAnswer(confirmed(ja()), meeting, BY_ADVISER, 5), meeting, BY_ADVISER, 7);
		expect(history(restored)).toEqual([
			'Fortrudt kl. 10.05: Ja, Borgeren selv. Det svar var bekræftet af: Borgeren selv og Formidlet af (Lise, Pårørende). Rådgiveren fortrød det',
			'Gendannet kl. 10.07: Ja, Borgeren selv. Rådgiveren gendannede det'
		]);
		expect(history(restored, 'en')).toEqual([
			'Withdrawn at 10.05: Yes, The citizen. That answer was confirmed by: The citizen and Relayed by (Lise, Relative). The adviser withdrew it',
			'Restored at 10.07: Yes, The citizen. The adviser restored it'
		]);
	});

	it('reads a withdrawal and a restore stored before who made them was kept as it did', () => {
		const restored = restoreAnswer(withdrawAnswer(ja(), meeting, byProvenance(lise), 5), meeting, bySelf, 7);
		const before = { ...restored, history: restored.history.map(({ changedBy: _, ...kept }) => kept) };
		expect(history(before)).toEqual(['Fortrudt kl. 10.05: Ja, Borgeren selv', 'Gendannet kl. 10.07: Ja, Borgeren selv']);
	});

	it('still marks a withdrawn answer whose history does not tell it', () => {
		expect(history({ ...withdrawAnswer(ja(), meeting, bySelf, 5), history: [] })).toEqual(['Fortrudt']);
		expect(history({ ...withdrawAnswer(ja(), meeting, bySelf, 5), history: [] }, 'en')).toEqual(['Withdrawn']);
	});
});
