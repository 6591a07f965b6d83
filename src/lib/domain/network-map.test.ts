import { describe, expect, it } from 'vitest';
import { correctAnswer, createAnswer, restoreAnswer, withdrawAnswer, type Answer, type Provenance } from './answer';
import type { AnswerStep } from './answer-steps';
import type { Meeting } from './meeting';
import {
	CENTRE_RADIUS,
	markStep,
	neighbourRing,
	networkPeople,
	newNetworkPerson,
	placeStep,
	removeSteps,
	ringIndexAt,
	RING_EDGES,
	seatsOnMap
} from './network-map';

const meeting: Meeting = {
	id: 'm1',
	citizenId: 'c1',
	createdAt: 0,
	date: '2026-12-02',
	place: '',
	phase: 'opfoelgning',
	participants: [{ id: 'p1', name: 'Lise', role: 'paaroerende' }]
};

const rings = [
	{ id: 'taet-paa', label: 'Tæt på' },
	{ id: 'midt-imellem', label: 'Midt imellem' },
	{ id: 'laengere-vaek', label: 'Længere væk' }
];

let clock = 0;
let ids = 0;

const selv: Provenance = { mode: 'selv' };
const byLise: Provenance = { mode: 'formidlet', participantId: 'p1' };

/** Carries a step out on a list of answers the way the repository would, newest first like listAnswers. */
function apply(answers: Answer[], step: AnswerStep | undefined, provenance = selv): Answer[] {
	if (!step) return answers;
	const at = ++clock;
	if (step.kind === 'record') {
		const answer = createAnswer({
			id: `a${++ids}`,
			meeting,
			subject: step.subject,
			content: step.content,
			provenance,
			at
		});
		return [answer, ...answers];
	}
	return answers.map((answer) => {
		if (answer.id !== step.answerId) return answer;
		if (step.kind === 'correct') return correctAnswer(answer, meeting, { content: step.content, provenance }, at);
		return step.kind === 'withdraw' ? withdrawAnswer(answer, at) : restoreAnswer(answer, at);
	});
}

const mor = newNetworkPerson({ personId: 'person-1', name: 'Mor', roleId: 'familie' });
const kim = newNetworkPerson({ personId: 'person-2', name: 'Kim', photoId: 'photo-1' });

describe('the network map', () => {
	it('places a person with one answer and moves them by correcting it, keeping where they were', () => {
		let answers = apply([], placeStep([], mor, rings[0]!));
		answers = apply(answers, placeStep(answers, kim, rings[2]!));
		expect(networkPeople(answers).map((p) => [p.subject.name, p.ringId])).toEqual([
			['Mor', 'taet-paa'],
			['Kim', 'laengere-vaek']
		]);

		const move = placeStep(answers, mor, rings[1]!);
		expect(move).toMatchObject({ kind: 'correct', answerId: networkPeople(answers)[0]!.placement.id });
		answers = apply(answers, move);
		expect(answers).toHaveLength(2);
		const moved = networkPeople(answers)[0]!;
		expect(moved.ringId).toBe('midt-imellem');
		expect(moved.placement.content).toEqual({ kind: 'placement', zoneId: 'midt-imellem', label: 'Midt imellem' });
		expect(moved.placement.history.map((h) => h.content)).toEqual([{ kind: 'placement', zoneId: 'taet-paa', label: 'Tæt på' }]);
		// The same ring again is no change at all.
		expect(placeStep(answers, mor, rings[1]!)).toBeUndefined();
	});

	it('sets, unsets and sets a mark again on one answer, and keeps marks apart per person', () => {
		let answers = apply([], placeStep([], mor, rings[0]!));
		answers = apply(answers, placeStep(answers, kim, rings[0]!));
		answers = apply(answers, markStep(answers, mor, 'med-til-moeder', true, selv));
		expect(markStep(answers, mor, 'med-til-moeder', true, selv)).toBeUndefined();
		answers = apply(answers, markStep(answers, kim, 'spoerg-om-hjaelp', true, selv));
		expect(networkPeople(answers).map((p) => p.marks)).toEqual([['med-til-moeder'], ['spoerg-om-hjaelp']]);

		answers = apply(answers, markStep(answers, mor, 'med-til-moeder', false, selv));
		expect(networkPeople(answers)[0]!.marks).toEqual([]);
		expect(markStep(answers, mor, 'med-til-moeder', false, selv)).toBeUndefined();
		const again = markStep(answers, mor, 'med-til-moeder', true, selv);
		expect(again?.kind).toBe('restore');
		answers = apply(answers, again);
		expect(networkPeople(answers)[0]!.marks).toEqual(['med-til-moeder']);
		expect(answers.filter((a) => a.content.kind === 'mark')).toHaveLength(2);
	});

	it('sets a mark someone else took back as a new answer in the name of who sets it now', () => {
		let answers = apply([], placeStep([], mor, rings[0]!));
		answers = apply(answers, markStep(answers, mor, 'med-til-moeder', true, byLise), byLise);
		answers = apply(answers, markStep(answers, mor, 'med-til-moeder', false, byLise));
		const again = markStep(answers, mor, 'med-til-moeder', true, selv);
		expect(again?.kind).toBe('record');
		answers = apply(answers, again, selv);
		expect(networkPeople(answers)[0]!.marks).toEqual(['med-til-moeder']);
		const marks = answers.filter((a) => a.content.kind === 'mark');
		expect(marks.map((a) => [a.status, a.provenance, a.history.map((h) => h.change)])).toEqual([
			['active', selv, []],
			['withdrawn', byLise, ['withdrawn']]
		]);
	});

	it('takes a removed person off the map by withdrawing every answer about them, and only theirs', () => {
		let answers = apply([], placeStep([], mor, rings[0]!));
		answers = apply(answers, placeStep(answers, kim, rings[1]!));
		answers = apply(answers, markStep(answers, mor, 'spoerg-om-hjaelp', true, selv));
		const steps = removeSteps(answers, mor);
		expect(steps).toHaveLength(2);
		for (const step of steps) answers = apply(answers, step);
		expect(networkPeople(answers).map((p) => p.subject.name)).toEqual(['Kim']);
		expect(answers.filter((a) => a.status === 'withdrawn')).toHaveLength(2);
		// Placed again, the person comes back as a new placement, not as a restored old one.
		answers = apply(answers, placeStep(answers, mor, rings[2]!));
		expect(networkPeople(answers).map((p) => [p.subject.name, p.ringId, p.marks])).toEqual([
			['Kim', 'midt-imellem', []],
			['Mor', 'laengere-vaek', []]
		]);
	});

	it('refuses a person without a name or with an id no answer may carry', () => {
		expect(() => newNetworkPerson({ personId: 'p', name: '   ' })).toThrow();
		expect(() => newNetworkPerson({ personId: 'not an id', name: 'Mor' })).toThrow();
		expect(() => newNetworkPerson({ personId: 'p', name: 'x'.repeat(61) })).toThrow();
	});

	it('steps one ring in or out and stops at the edges', () => {
		expect(neighbourRing(rings, 'midt-imellem', -1)?.id).toBe('taet-paa');
		expect(neighbourRing(rings, 'midt-imellem', 1)?.id).toBe('laengere-vaek');
		expect(neighbourRing(rings, 'taet-paa', -1)).toBeUndefined();
		expect(neighbourRing(rings, 'laengere-vaek', 1)).toBeUndefined();
	});

	it('finds the ring under a dropped point, the middle counting as the closest ring, and nothing outside', () => {
		expect(ringIndexAt(0, 0, 100)).toBe(0);
		expect(ringIndexAt(0, -RING_EDGES[0] * 100, 100)).toBe(0);
		expect(ringIndexAt(60, 0, 100)).toBe(1);
		expect(ringIndexAt(0, 90, 100)).toBe(2);
		expect(ringIndexAt(80, 80, 100)).toBeUndefined();
		expect(ringIndexAt(10, 10, 0)).toBeUndefined();
	});

	it('seats people inside their own ring band, apart from each other', () => {
		const map = seatsOnMap([4, 4, 4]);
		map.forEach((seats, ring) => {
			expect(seats).toHaveLength(4);
			for (const seat of seats) {
				expect(ringIndexAt(seat.x, seat.y, 1)).toBe(ring);
				expect(Math.hypot(seat.x, seat.y)).toBeGreaterThan(CENTRE_RADIUS);
			}
			expect(new Set(seats.map((s) => `${s.x.toFixed(3)},${s.y.toFixed(3)}`)).size).toBe(4);
		});
		expect(seatsOnMap([0, 0, 0])).toEqual([[], [], []]);
	});

	it('turns each ring away from the people inside it, so one token does not cover another', () => {
		const nearest = (counts: number[]) => {
			const seats = seatsOnMap(counts).flat();
			return Math.min(...seats.flatMap((a, i) => seats.slice(i + 1).map((b) => Math.hypot(a.x - b.x, a.y - b.y))));
		};
		// One person on "Midt imellem" and one on "Længere væk" were 0.52 radius apart: at 320 px, a token covered a name.
		expect(nearest([0, 1, 1])).toBeGreaterThan(0.9);
		expect(nearest([1, 1, 1])).toBeGreaterThan(0.65);
		expect(nearest([2, 2, 2])).toBeGreaterThan(0.4);
		// Nobody sits on a ring's name at the top, nor at a side of the map, where a token would stick out of a narrow screen.
		for (const counts of [
			[3, 3, 3],
			[0, 1, 1],
			[0, 0, 2],
			[1, 3, 2]
		]) {
			for (const seat of seatsOnMap(counts).flat()) {
				expect(Math.abs(Math.atan2(seat.y, seat.x) + Math.PI / 2)).toBeGreaterThan(0.3);
				expect(Math.abs(seat.x)).toBeLessThan(0.8);
			}
		}
	});
});
