import { describe, expect, it } from 'vitest';
import {
	byProvenance,
	correctAnswer,
	createAnswer,
	restoreAnswer,
	withdrawAnswer,
	type Answer,
	type AnswerContent,
	type Provenance
} from './answer';
import {
	marksOf,
	matColumns,
	nextCard,
	placeKey,
	placementsOf,
	planMarkToggle,
	planPlacement,
	themeProgress,
	themesTalkedAbout,
	wishesOf,
	type PlaceContent
} from './sorting';
import { meetingWith } from './meeting.test-data';

const meeting = meetingWith(['Lise', 'paaroerende']);

/** Taken back or brought back by the citizen herself, where who did it is not what is tested. */
const bySelf = byProvenance({ mode: 'selv' });
const selv: Provenance = { mode: 'selv' };
const byLise: Provenance = { mode: 'formidlet', participantId: 'p-lise' };
const FFB = '3f9da5ac-9686-4eeb-b517-b46e17fcb1d7';
const CARDS = ['kontakt', 'venner', 'fritid'];

const godt: PlaceContent = { kind: 'scale', scaleId: 'tre-punkt', pointId: 'godt', label: 'Godt' };
const ikkeGodt: PlaceContent = { kind: 'scale', scaleId: 'tre-punkt', pointId: 'ikke-godt', label: 'Ikke godt' };
const ikkeTaltOm: PlaceContent = { kind: 'no-answer', reason: 'ikke-talt-om' };

let clock = 0;
function card(subthemeId: string, content: AnswerContent, themeId = 'relationer', provenance = selv): Answer {
	clock += 10;
	return createAnswer({
		id: `a${clock}`,
		meeting,
		subject: { kind: 'vum-subtheme', themeId, subthemeId, ffbCode: FFB },
		content,
		provenance,
		at: clock
	});
}

/** Stores a step the way the route does, so the tests follow an answer from place to move. */
function apply(answers: Answer[], subthemeId: string, content: PlaceContent, provenance = selv): Answer[] {
	const step = planPlacement(answers, 'relationer', subthemeId, content, provenance);
	clock += 10;
	switch (step.kind) {
		case 'record':
			return [...answers, card(subthemeId, content, 'relationer', provenance)];
		case 'correct':
			return answers.map((a) => (a.id === step.answerId ? correctAnswer(a, meeting, { content, provenance }, clock) : a));
		case 'restore':
			return answers.map((a) => (a.id === step.answerId ? restoreAnswer(a, meeting, bySelf, clock) : a));
		case 'unchanged':
			return answers;
	}
}

/**
 * A column's words by the place's ids, as the app's describeContent gives them (domain tests do not reach the content):
 * only the places these tests use.
 */
const WORDS: Record<'da' | 'en', Record<string, string>> = {
	da: {
		'scale:tre-punkt:godt': 'Godt',
		'scale:tre-punkt:ikke-godt': 'Ikke godt',
		'scale:ansigter:skidt': 'Skidt',
		'scale:ansigter:midt-imellem': 'Midt imellem',
		'no-answer:ikke-talt-om': 'Ikke talt om'
	},
	en: { 'scale:tre-punkt:ikke-godt': 'Not good', 'scale:tre-punkt:baade-og': 'Mixed' }
};
const wordsIn = (language: 'da' | 'en') => (content: PlaceContent) => WORDS[language][placeKey(content)] ?? 'unknown';
const danish = wordsIn('da');

const COLUMNS = [
	{ key: 'scale:tre-punkt:godt', label: 'Godt' },
	{ key: 'scale:tre-punkt:baade-og', label: 'Både og' },
	{ key: 'scale:tre-punkt:ikke-godt', label: 'Ikke godt' },
	{ key: 'no-answer:vil-ikke-svare', label: 'Vil ikke svare' },
	{ key: 'no-answer:ikke-talt-om', label: 'Ikke talt om' }
];

describe('sorting theme cards', () => {
	it('offers the cards one at a time, in order, until every card is placed', () => {
		let answers: Answer[] = [];
		expect(nextCard(CARDS, placementsOf(answers, 'relationer'))).toBe('kontakt');
		answers = apply(answers, 'kontakt', godt);
		expect(nextCard(CARDS, placementsOf(answers, 'relationer'))).toBe('venner');
		answers = apply(answers, 'fritid', ikkeTaltOm);
		expect(nextCard(CARDS, placementsOf(answers, 'relationer'))).toBe('venner');
		answers = apply(answers, 'venner', ikkeGodt);
		expect(nextCard(CARDS, placementsOf(answers, 'relationer'))).toBeUndefined();
	});

	it('places a card as one answer, and a move corrects that answer with its history kept', () => {
		let answers = apply([], 'kontakt', godt);
		expect(answers).toHaveLength(1);
		expect(planPlacement(answers, 'relationer', 'kontakt', { ...godt }, selv)).toEqual({ kind: 'unchanged' });
		// Laid again on the same place by someone else: it names them now (review tat 1).
		expect(planPlacement(answers, 'relationer', 'kontakt', { ...godt }, byLise)).toEqual({ kind: 'correct', answerId: answers[0]!.id });
		answers = apply(answers, 'kontakt', ikkeGodt);
		answers = apply(answers, 'kontakt', ikkeTaltOm);
		expect(answers).toHaveLength(1);
		const [moved] = answers;
		expect(moved!.content).toEqual(ikkeTaltOm);
		expect(moved!.history.map((r) => r.content)).toEqual([godt, ikkeGodt]);
		expect(matColumns(COLUMNS, placementsOf(answers, 'relationer'), danish).find((c) => c.subthemeIds.length)?.key).toBe(
			'no-answer:ikke-talt-om'
		);
	});

	it('puts an undone card back in the deck; laid again it is a new answer, and no restore nobody made', () => {
		let answers = apply([], 'kontakt', godt);
		answers = answers.map((a) => withdrawAnswer(a, meeting, bySelf, (clock += 10)));
		const [undone] = answers;
		expect(placementsOf(answers, 'relationer').size).toBe(0);
		expect(nextCard(CARDS, placementsOf(answers, 'relationer'))).toBe('kontakt');
		// Somewhere else, or the same place given by someone else: a new placement.
		expect(planPlacement(answers, 'relationer', 'kontakt', ikkeGodt, selv)).toEqual({ kind: 'record' });
		expect(planPlacement(answers, 'relationer', 'kontakt', godt, byLise)).toEqual({ kind: 'record' });
		// The very answer undone, given again by the same person: it comes back, its history whole.
		expect(planPlacement(answers, 'relationer', 'kontakt', { ...godt, label: 'Good' }, selv)).toEqual({
			kind: 'restore',
			answerId: undone!.id
		});

		answers = apply(answers, 'kontakt', ikkeGodt, byLise);
		expect(answers).toHaveLength(2);
		expect(answers[0]).toEqual(undone);
		expect(answers[0]!.history.map((r) => r.change)).toEqual(['withdrawn']);
		expect(answers[1]).toMatchObject({ content: ikkeGodt, provenance: byLise, status: 'active', history: [] });
		expect(placementsOf(answers, 'relationer').get('kontakt')?.id).toBe(answers[1]!.id);
		// Undone again and laid once more by Lise at the same place: the newest undone answer is the one weighed.
		answers = answers.map((a) => (a.id === answers[1]!.id ? withdrawAnswer(a, meeting, bySelf, (clock += 10)) : a));
		expect(planPlacement(answers, 'relationer', 'kontakt', ikkeGodt, byLise)).toEqual({ kind: 'restore', answerId: answers[1]!.id });
	});

	it('ignores other themes, marks and wishes when placing', () => {
		const answers = [
			card('kontakt', godt, 'kommunikation'),
			card('kontakt', { kind: 'mark', mark: 'vigtigt' }),
			card('kontakt', { kind: 'text', text: 'Jeg vil gerne i svømmehallen' })
		];
		expect(placementsOf(answers, 'relationer').size).toBe(0);
		expect(planPlacement(answers, 'relationer', 'kontakt', godt, selv)).toEqual({ kind: 'record' });
	});

	it('lays the mat out in the scale’s columns, in the order cards were placed, and keeps a card from another scale in its own column', () => {
		let answers = apply([], 'venner', ikkeGodt);
		answers = apply(answers, 'kontakt', godt);
		answers = apply(answers, 'fritid', { kind: 'scale', scaleId: 'ansigter', pointId: 'skidt', label: 'Skidt' });
		answers = apply(answers, 'venner', godt);
		const mat = matColumns(COLUMNS, placementsOf(answers, 'relationer'), danish);
		expect(mat.map((c) => [c.label, c.subthemeIds])).toEqual([
			['Godt', ['kontakt', 'venner']],
			['Både og', []],
			['Ikke godt', []],
			['Vil ikke svare', []],
			['Ikke talt om', []],
			['Skidt', ['fritid']]
		]);
	});

	it('names a column kept from another scale in the language of the screen, whatever screen the card was placed on', () => {
		// Placed on the three-point scale on a Danish screen; today the faces, on an English screen.
		let answers = apply([], 'venner', ikkeGodt);
		answers = apply(answers, 'kontakt', { kind: 'scale', scaleId: 'tre-punkt', pointId: 'baade-og', label: 'Både og' });
		const faces = [
			{ key: 'scale:ansigter:rigtig-godt', label: 'Very good' },
			{ key: 'scale:ansigter:midt-imellem', label: 'In between' }
		];
		const english = matColumns(faces, placementsOf(answers, 'relationer'), wordsIn('en'));
		expect(english.map((c) => [c.label, c.subthemeIds])).toEqual([
			['Very good', []],
			['In between', []],
			['Not good', ['venner']],
			['Mixed', ['kontakt']]
		]);
		// Placed on the faces on an English screen; back on the three points, in Danish.
		answers = apply([], 'fritid', { kind: 'scale', scaleId: 'ansigter', pointId: 'midt-imellem', label: 'In between' });
		expect(matColumns(COLUMNS, placementsOf(answers, 'relationer'), danish).at(-1)).toEqual({
			key: 'scale:ansigter:midt-imellem',
			label: 'Midt imellem',
			subthemeIds: ['fritid']
		});
	});

	it('tells per theme: not yet, skipped (only "ikke talt om") or talked about', () => {
		expect(themeProgress(CARDS, [], 'relationer')).toEqual({ status: 'not-yet', placed: 0, total: 3 });
		let answers = apply([], 'kontakt', ikkeTaltOm);
		answers = apply(answers, 'venner', ikkeTaltOm);
		expect(themeProgress(CARDS, answers, 'relationer')).toEqual({ status: 'skipped', placed: 2, total: 3 });
		const withVilIkke = apply(answers, 'fritid', { kind: 'no-answer', reason: 'vil-ikke-svare' });
		expect(themeProgress(CARDS, withVilIkke, 'relationer')).toEqual({ status: 'talked', placed: 3, total: 3 });
		expect(themeProgress(CARDS, apply(answers, 'kontakt', godt), 'relationer').status).toBe('talked');
		const wish = createAnswer({
			id: 'w1',
			meeting,
			subject: { kind: 'vum-theme', themeId: 'relationer', ffbCode: FFB },
			content: { kind: 'text', text: 'Flere venner' },
			provenance: { mode: 'selv' },
			at: 1
		});
		expect(themeProgress(CARDS, [wish], 'relationer').status).toBe('talked');
		expect(wishesOf([wish, ...answers], 'relationer')).toEqual([wish]);
		expect(themeProgress(CARDS, [withdrawAnswer(wish, meeting, bySelf, 2)], 'relationer').status).toBe('not-yet');
	});

	it('toggles "vigtigt for mig": on records, off withdraws, on again restores the same answer', () => {
		expect(planMarkToggle([], 'relationer', 'kontakt', selv)).toEqual({ kind: 'record' });
		const mark = card('kontakt', { kind: 'mark', mark: 'vigtigt' });
		expect(marksOf([mark], 'relationer').has('kontakt')).toBe(true);
		expect(planMarkToggle([mark], 'relationer', 'kontakt', selv)).toEqual({ kind: 'withdraw', answerId: mark.id });
		const off = withdrawAnswer(mark, meeting, bySelf, 1000);
		expect(marksOf([off], 'relationer').size).toBe(0);
		expect(planMarkToggle([off], 'relationer', 'kontakt', selv)).toEqual({ kind: 'restore', answerId: mark.id });
	});

	it('sets "vigtigt for mig" again as a new answer when someone other than who took it back gives it', () => {
		const relayed = card('kontakt', { kind: 'mark', mark: 'vigtigt' }, 'relationer', byLise);
		// Any person's mark that stands is taken off, whoever presses.
		expect(planMarkToggle([relayed], 'relationer', 'kontakt', selv)).toEqual({ kind: 'withdraw', answerId: relayed.id });
		const off = withdrawAnswer(relayed, meeting, bySelf, (clock += 10));
		expect(planMarkToggle([off], 'relationer', 'kontakt', selv)).toEqual({ kind: 'record' });
		expect(planMarkToggle([off], 'relationer', 'kontakt', byLise)).toEqual({ kind: 'restore', answerId: relayed.id });
		// The citizen's own mark, set and taken back since, is the one weighed now.
		const own = withdrawAnswer(card('kontakt', { kind: 'mark', mark: 'vigtigt' }), meeting, bySelf, (clock += 10));
		expect(planMarkToggle([off, own], 'relationer', 'kontakt', selv)).toEqual({ kind: 'restore', answerId: own.id });
		expect(planMarkToggle([off, own], 'relationer', 'kontakt', byLise)).toEqual({ kind: 'record' });
	});
});

describe("today's themes in a tab that did not choose them", () => {
	it('are the themes talked about, in the order first talked about, on the scale of the card laid last', () => {
		expect(themesTalkedAbout([])).toEqual({ themeIds: [], scaleId: undefined });
		const wish = createAnswer({
			id: 'w-bolig',
			meeting,
			subject: { kind: 'vum-theme', themeId: 'bolig', ffbCode: FFB },
			content: { kind: 'text', text: 'Et større køkken' },
			provenance: { mode: 'selv' },
			at: (clock += 10)
		});
		const face: PlaceContent = { kind: 'scale', scaleId: 'smiley', pointId: 'glad', label: 'Glad' };
		const laidOnFaces = card('kontakt', face);
		const skipped = card('fritid', ikkeTaltOm, 'hverdagsliv');
		const laidEarlier = { ...card('venner', godt), createdAt: 0, updatedAt: 0 };
		const answers = [skipped, laidOnFaces, wish, laidEarlier];
		expect(themesTalkedAbout(answers)).toEqual({ themeIds: ['relationer', 'bolig', 'hverdagsliv'], scaleId: 'smiley' });
		// An undone card tells its theme, but not the scale: it lies on no mat now.
		expect(themesTalkedAbout([laidEarlier, withdrawAnswer(laidOnFaces, meeting, bySelf, clock + 1)])).toEqual({
			themeIds: ['relationer'],
			scaleId: 'tre-punkt'
		});
		// Answers about anything else are no theme.
		expect(
			themesTalkedAbout([
				createAnswer({ ...wish, id: 'x', meeting, subject: { kind: 'meeting-part', part: 'check-in', itemId: 'humoer' }, at: 1 })
			]).themeIds
		).toEqual([]);
	});
});
