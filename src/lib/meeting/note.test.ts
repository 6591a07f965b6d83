import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, AnswerContent, AnswerSubject, Provenance } from '#lib/domain/answer.ts';
import type { Plan } from '#lib/domain/plan.ts';
import { loadLanguage, locale } from '#lib/i18n/index.svelte.ts';
import { meetingNoteDraft } from './note.ts';
import { meetingWith } from '#lib/domain/meeting.test-data.ts';

const meeting = meetingWith(['Karen', 'borger'], ['Lise', 'paaroerende'], ['Ole', 'udfoerer']);

let clock = 0;
function answer(subject: AnswerSubject, content: AnswerContent, provenance: Provenance = { mode: 'selv' }): Answer {
	clock += 1;
	return {
		id: `a${clock}`,
		meetingId: meeting.id,
		citizenId: meeting.citizenId,
		createdAt: clock,
		updatedAt: clock,
		subject,
		content,
		provenance,
		status: 'active',
		confirmations: [],
		history: []
	};
}

const plan: Pick<Plan, 'goals' | 'agreements'> = {
	goals: [{ id: 'g1', text: 'Jeg vil selv handle ind', themeIds: [], status: 'aktiv' }],
	agreements: [
		{ id: 'x1', what: 'Karen får en cykel', who: [{ name: 'Lise', role: 'paaroerende' }], when: 'i maj' },
		{
			id: 'x2',
			what: 'Karen lærer at cykle',
			who: [
				{ name: 'Lise', role: 'paaroerende' },
				{ name: 'Ole', role: 'udfoerer' }
			],
			when: 'i juni'
		},
		{ id: 'x3', what: 'vi ses igen', who: [], when: 'i juli' }
	]
};

const answers = [
	answer(
		{ kind: 'meeting-part', part: 'check-in', itemId: 'check-in-i-dag' },
		{ kind: 'scale', scaleId: 'tre-punkt', pointId: 'godt', label: 'Godt' }
	),
	answer({ kind: 'meeting-part', part: 'check-in', itemId: 'check-in-emner' }, { kind: 'core', value: 'ja' }),
	answer({ kind: 'goal', planId: 'p', goalId: 'g1' }, { kind: 'core', value: 'ja' }, { mode: 'formidlet', participantId: 'p-lise' })
];

const draft = () => meetingNoteDraft(meeting, answers, plan as Plan).map((sentence) => sentence.text);

// English is loaded on demand in the app; the English draft below needs it.
beforeAll(() => loadLanguage('en'));
afterEach(() => {
	locale.language = 'da';
});

describe('the note draft in words', () => {
	it('reads in Danish: a sentence per question, the goal with its view and who gave it, and who does each agreement', () => {
		expect(draft()).toEqual([
			'Om »Hvordan har du det i dag?« fortalte du: godt.',
			'Om »Er det de rigtige ting at tale om i dag?« fortalte du: ja.',
			'Dit mål er: »Jeg vil selv handle ind«. Lise fortalte, at du synes om målet: ja.',
			'Vi aftalte, at Karen får en cykel. Det gør Lise. Hvornår: i maj.',
			'Vi aftalte, at Karen lærer at cykle. Det gør Lise og Ole. Hvornår: i juni.',
			'Vi aftalte, at vi ses igen. Ingen er valgt til at gøre det. Hvornår: i juli.'
		]);
	});

	it('reads in English with the verb agreeing with the people who do it', () => {
		locale.language = 'en';
		expect(draft()).toEqual([
			'About "How are you today?" you told us: good.',
			'About "Are these the right things to talk about today?" you told us: yes.',
			'Your goal is: "Jeg vil selv handle ind". Lise told us what you think of the goal: yes.',
			'We agreed that Karen får en cykel. Lise does it. When: i maj.',
			// It read "Lise and Ole does it".
			'We agreed that Karen lærer at cykle. Lise and Ole do it. When: i juni.',
			'We agreed that vi ses igen. Nobody is chosen to do it. When: i juli.'
		]);
	});
});
