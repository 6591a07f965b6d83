import { describe, expect, it } from 'vitest';
import type { Answer, AnswerContent, AnswerSubject, Provenance } from './answer';
import { draftNote, type NoteWords } from './note-draft';

let clock = 0;
function answer(id: string, subject: AnswerSubject, content: AnswerContent, provenance: Provenance = { mode: 'selv' }): Answer {
	clock += 1;
	return {
		id,
		meetingId: 'm',
		citizenId: 'c',
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

const checkIn: AnswerSubject = { kind: 'meeting-part', part: 'check-in', itemId: 'check-in-i-dag' };
const board: AnswerSubject = { kind: 'core-board' };
const scale = (label: string): AnswerContent => ({ kind: 'scale', scaleId: 'ansigter', pointId: label.toLowerCase(), label });

const words: NoteWords = {
	topic: (a) => (a.subject.kind === 'meeting-part' ? 'hvordan du har det' : a.subject.kind === 'core-board' ? 'svartavlen' : undefined),
	question: (a) => (a.subject.kind === 'meeting-part' && a.subject.itemId === 'check-in-emner' ? 'de rigtige ting at tale om' : undefined),
	content: (a) => (a.content.kind === 'scale' ? a.content.label : a.content.kind === 'core' ? a.content.value : a.content.kind),
	person: (a) => (a.provenance.participantId === 'p1' ? 'Lise' : undefined),
	list: (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} og ${items.at(-1)}`),
	told: (topic, said) => `Du fortalte om ${topic}: ${said}.`,
	supported: (person, topic, said) => `Med støtte fra ${person} fortalte du om ${topic}: ${said}.`,
	relayed: (person, topic, said) => `${person} fortalte for dig om ${topic}: ${said}.`,
	observed: (person, topic, said) => `${person ?? 'Vi'} så ved ${topic}: ${said}.`,
	quote: (text) => `Du sagde: »${text}«.`,
	goal: (goal, view) => `Dit mål: »${goal.text}«.${view ? ` ${view}` : ''}`,
	agreement: (agreement, view) => `Vi aftalte, at ${agreement.what}.${view ? ` ${view}` : ''}`,
	view: (a, person) => {
		const about = a.subject.kind === 'goal' ? 'målet' : 'aftalen';
		if (a.provenance.mode === 'formidlet') return `${person} fortalte, at du synes om ${about}: ${words.content(a)}.`;
		if (a.provenance.mode === 'med-stoette') return `Med støtte fra ${person} sagde du om ${about}: ${words.content(a)}.`;
		return `Du synes om ${about}: ${words.content(a)}.`;
	}
};

describe('the du-form note draft', () => {
	it('makes one sentence per topic and voice, in the order first given, each linked to its answers', () => {
		const answers = [
			answer('a1', checkIn, scale('Godt')),
			answer('a2', board, { kind: 'core', value: 'ja' }),
			answer('a3', board, { kind: 'core', value: 'nej' }, { mode: 'formidlet', participantId: 'p1' }),
			answer('a4', board, { kind: 'core', value: 'stop' }),
			answer('a5', board, { kind: 'core', value: 'pause' }, { mode: 'observeret', participantId: 'p1' }),
			answer('a6', board, { kind: 'core', value: 'ja' }, { mode: 'med-stoette', participantId: 'p1' })
		];
		expect(draftNote({ answers: [...answers].reverse() }, words)).toEqual([
			{ text: 'Du fortalte om hvordan du har det: Godt.', answerIds: ['a1'] },
			{ text: 'Du fortalte om svartavlen: ja og stop.', answerIds: ['a2', 'a4'] },
			{ text: 'Lise fortalte for dig om svartavlen: nej.', answerIds: ['a3'] },
			// Seen by Lise: the sentence names her, as the case file does.
			{ text: 'Lise så ved svartavlen: pause.', answerIds: ['a5'] },
			// Given with support: its own sentence, naming who supported (it was merged into the citizen's own "ja og stop").
			{ text: 'Med støtte fra Lise fortalte du om svartavlen: ja.', answerIds: ['a6'] }
		]);
	});

	it('makes one sentence per question of a step, naming it, so two answers never read as one', () => {
		const answers = [
			answer('a1', checkIn, scale('Godt')),
			answer('a2', { kind: 'meeting-part', part: 'check-in', itemId: 'check-in-emner' }, { kind: 'core', value: 'ja' })
		];
		// It read "Du fortalte om hvordan du har det: Godt og ja." as if "ja" answered how the citizen is.
		expect(draftNote({ answers }, words)).toEqual([
			{ text: 'Du fortalte om hvordan du har det: Godt.', answerIds: ['a1'] },
			{ text: 'Du fortalte om de rigtige ting at tale om: ja.', answerIds: ['a2'] }
		]);
	});

	it('leaves out withdrawn answers and keeps the citizen’s own words as a quote', () => {
		const withdrawn = { ...answer('w', board, { kind: 'core', value: 'ja' }), status: 'withdrawn' as const };
		const quote = answer(
			'q',
			{ kind: 'meeting-part', part: 'check-in', itemId: 'check-in-andet' },
			{ kind: 'text', text: 'Jeg vil ud at gå', quote: true }
		);
		expect(draftNote({ answers: [withdrawn, quote] }, words)).toEqual([{ text: 'Du sagde: »Jeg vil ud at gå«.', answerIds: ['q'] }]);
	});

	it('gives each goal the citizen’s newest view of it, saying who gave it', () => {
		const plan = {
			goals: [
				{ id: 'g1', text: 'Jeg vil selv handle ind', themeIds: [], status: 'aktiv' as const },
				{ id: 'g2', text: 'Jeg vil cykle', themeIds: [], status: 'aktiv' as const }
			],
			agreements: []
		};
		const older = answer('v1', { kind: 'goal', planId: 'p', goalId: 'g1' }, scale('Skidt'));
		const newer = answer('v2', { kind: 'goal', planId: 'p', goalId: 'g1' }, scale('Godt'), { mode: 'med-stoette', participantId: 'p1' });
		// The goal's view was left out: the note read only "Dit mål: »Jeg vil selv handle ind«."
		expect(draftNote({ answers: [older, newer], plan }, words)).toEqual([
			{ text: 'Dit mål: »Jeg vil selv handle ind«. Med støtte fra Lise sagde du om målet: Godt.', answerIds: ['v2'] },
			{ text: 'Dit mål: »Jeg vil cykle«.', answerIds: [] }
		]);
	});

	it('ends with the goals and the agreements, each agreement with the citizen’s newest view of it', () => {
		const plan = {
			goals: [{ id: 'g1', text: 'Jeg vil selv handle ind', themeIds: [], status: 'aktiv' as const }],
			agreements: [
				{ id: 'x1', what: 'Lise køber en cykel', who: [], when: 'i maj' },
				{ id: 'x2', what: 'vi ses igen', who: [], when: 'i juni' }
			]
		};
		const older = answer('v1', { kind: 'agreement', planId: 'p', agreementId: 'x1' }, scale('Skidt'));
		const newer = answer('v2', { kind: 'agreement', planId: 'p', agreementId: 'x1' }, scale('Godt'));
		// A view the citizen's relative relayed says so (it read "Du synes" as if the citizen had given it).
		const relayed = answer('v3', { kind: 'agreement', planId: 'p', agreementId: 'x2' }, scale('Både og'), {
			mode: 'formidlet',
			participantId: 'p1'
		});
		expect(draftNote({ answers: [older, newer, relayed], plan }, words)).toEqual([
			{ text: 'Dit mål: »Jeg vil selv handle ind«.', answerIds: [] },
			{ text: 'Vi aftalte, at Lise køber en cykel. Du synes om aftalen: Godt.', answerIds: ['v2'] },
			{ text: 'Vi aftalte, at vi ses igen. Lise fortalte, at du synes om aftalen: Både og.', answerIds: ['v3'] }
		]);
	});
});
