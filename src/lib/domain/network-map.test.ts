import { describe, expect, it } from 'vitest';
import { byProvenance, correctAnswer, createAnswer, restoreAnswer, withdrawAnswer, type Answer, type Provenance } from './answer';
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
	MIN_TOKEN_SCALE,
	RING_EDGES,
	seatsOnMap
} from './network-map';

/** Taken back or brought back by the citizen herself, where who did it is not what is tested. */
const bySelf = byProvenance({ mode: 'selv' });

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
		return step.kind === 'withdraw' ? withdrawAnswer(answer, meeting, bySelf, at) : restoreAnswer(answer, meeting, bySelf, at);
	});
}

const mor = newNetworkPerson({ personId: 'person-1', name: 'Mor', roleId: 'familie' });
const kim = newNetworkPerson({ personId: 'person-2', name: 'Kim', photoId: 'photo-1' });

describe('the network map', () => {
	it('places a person with one answer and moves them by correcting it, keeping where they were', () => {
		let answers = apply([], placeStep([], mor, rings[0]!, selv));
		answers = apply(answers, placeStep(answers, kim, rings[2]!, selv));
		expect(networkPeople(answers).map((p) => [p.subject.name, p.ringId])).toEqual([
			['Mor', 'taet-paa'],
			['Kim', 'laengere-vaek']
		]);

		const move = placeStep(answers, mor, rings[1]!, selv);
		expect(move).toMatchObject({ kind: 'correct', answerId: networkPeople(answers)[0]!.placement.id });
		answers = apply(answers, move);
		expect(answers).toHaveLength(2);
		const moved = networkPeople(answers)[0]!;
		expect(moved.ringId).toBe('midt-imellem');
		expect(moved.placement.content).toEqual({ kind: 'placement', zoneId: 'midt-imellem', label: 'Midt imellem' });
		expect(moved.placement.history.map((h) => h.content)).toEqual([{ kind: 'placement', zoneId: 'taet-paa', label: 'Tæt på' }]);
		// The same ring again is no change at all.
		expect(placeStep(answers, mor, rings[1]!, selv)).toBeUndefined();
	});

	it('sets, unsets and sets a mark again on one answer, and keeps marks apart per person', () => {
		let answers = apply([], placeStep([], mor, rings[0]!, selv));
		answers = apply(answers, placeStep(answers, kim, rings[0]!, selv));
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
		let answers = apply([], placeStep([], mor, rings[0]!, selv));
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
		let answers = apply([], placeStep([], mor, rings[0]!, selv));
		answers = apply(answers, placeStep(answers, kim, rings[1]!, selv));
		answers = apply(answers, markStep(answers, mor, 'spoerg-om-hjaelp', true, selv));
		const steps = removeSteps(answers, mor);
		expect(steps).toHaveLength(2);
		for (const step of steps) answers = apply(answers, step);
		expect(networkPeople(answers).map((p) => p.subject.name)).toEqual(['Kim']);
		expect(answers.filter((a) => a.status === 'withdrawn')).toHaveLength(2);
		// Placed again, the person comes back as a new placement, not as a restored old one.
		answers = apply(answers, placeStep(answers, mor, rings[2]!, selv));
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

	// Tokens as the map draws them: a name alone is a button's smallest square, with a role's symbol or a photo it is
	// taller. The longest names as drawn (measured in Chromium): alone on two lines of 6rem, under a face on one line of
	// 3.8rem, cut with "…". Under a face on two lines, as the map drew a long name before, a token was too large for the
	// inner ring's band of the narrowest map at any scale.
	const token = { width: 54, height: 54 };
	const withFace = { width: 68, height: 81 };
	const longNameAlone = { width: 127, height: 54 };
	const longNameWithFace = { width: 87, height: 72 };
	const tooLarge = { width: 127, height: 98 };
	const names = [
		{ width: 60, height: 24 },
		{ width: 110, height: 24 },
		{ width: 100, height: 24 }
	];
	// The map's smallest (30rem across at the 18 px root font) and its largest (36rem across), as NetworkMap draws them.
	const narrow = { radius: 15 * 18, border: 3 };
	const wide = { radius: 18 * 18, border: 3 };

	/** Every token's box, in pixels, from the seats in fractions of the radius. */
	function boxes(people: (typeof token)[][], map: typeof narrow) {
		return seatsOnMap(people, map, names).map((ring, index) => ({
			...ring,
			boxes: ring.seats.map((seat, i) => {
				const size = { width: people[index]![i]!.width * ring.scale, height: people[index]![i]!.height * ring.scale };
				const x = seat.x * map.radius;
				const y = seat.y * map.radius;
				return { left: x - size.width / 2, right: x + size.width / 2, top: y - size.height / 2, bottom: y + size.height / 2 };
			})
		}));
	}
	type Box = ReturnType<typeof boxes>[number]['boxes'][number];
	const corners = (b: Box) => [
		[b.left, b.top],
		[b.right, b.top],
		[b.left, b.bottom],
		[b.right, b.bottom]
	];
	const far = (b: Box) => Math.max(...corners(b).map(([x, y]) => Math.hypot(x!, y!)));
	const near = (b: Box) => Math.hypot(Math.max(0, b.left, -b.right), Math.max(0, b.top, -b.bottom));
	const overlap = (a: Box, b: Box) =>
		Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
	/** A ring's name as the map draws it: centred at the top of its band, just inside its border. */
	const nameBox = (index: number, map: typeof narrow): Box => {
		const outer = RING_EDGES[index]! * map.radius - map.border;
		return { left: -names[index]!.width / 2, right: names[index]!.width / 2, top: -outer + 6, bottom: -outer + 6 + names[index]!.height };
	};

	it('seats every token wholly inside its own ring band, off the centre and apart from the others, narrow and wide', () => {
		// As many on every ring as the inner ring holds without crowding and at 44 px or more: 6 names alone or 2 with a
		// symbol on the narrowest map, 8 and 5 on a tablet.
		for (const [map, size, most] of [
			[narrow, token, 6],
			[narrow, withFace, 2],
			[wide, token, 8],
			[wide, withFace, 5]
		] as const) {
			for (let count = 1; count <= most; count++) {
				const people = [0, 1, 2].map(() => Array.from({ length: count }, () => size));
				boxes(people, map).forEach((ring, index) => {
					const what = `${count} × ${size.width}×${size.height} on ring ${index}, radius ${map.radius}`;
					expect(ring.crowded, what).toBe(false);
					expect(ring.boxes).toHaveLength(count);
					for (const box of ring.boxes) {
						const inner = (index === 0 ? CENTRE_RADIUS : RING_EDGES[index - 1]!) * map.radius;
						expect(near(box), what).toBeGreaterThanOrEqual(inner - 0.01);
						expect(far(box), what).toBeLessThanOrEqual(RING_EDGES[index]! * map.radius - map.border + 0.01);
						// "Mig": no point of the box lies inside its circle, nor inside the square around it.
						expect(near(box), what).toBeGreaterThanOrEqual(CENTRE_RADIUS * map.radius - 0.01);
						const c = CENTRE_RADIUS * map.radius;
						expect(overlap(box, { left: -c, right: c, top: -c, bottom: c }), what).toBe(false);
					}
					ring.boxes.forEach((a, i) => ring.boxes.slice(i + 1).forEach((b) => expect(overlap(a, b), what).toBe(false)));
				});
			}
		}
		expect(seatsOnMap([[], [], []], wide)).toEqual([0, 1, 2].map(() => ({ seats: [], scale: 1, crowded: false })));
	});

	it("draws a full ring's tokens smaller, down to a readable size, and then says it is crowded", () => {
		// A few people close by keep their size on a tablet; more make the whole ring's tokens smaller, alike.
		const few = boxes([[withFace, withFace], [], []], wide)[0]!;
		expect(few.scale).toBe(1);
		const more = boxes([Array.from({ length: 5 }, () => withFace), [], []], wide)[0]!;
		expect(more.scale).toBeLessThan(1);
		expect(more.scale).toBeGreaterThanOrEqual(MIN_TOKEN_SCALE);
		expect(more.crowded).toBe(false);
		more.boxes.forEach((a, i) => more.boxes.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
		// Past the smallest readable size, the ring is crowded: its tokens stay in the band at that size, touching.
		const crowded = boxes([Array.from({ length: 16 }, () => withFace), [], []], narrow)[0]!;
		expect(crowded).toMatchObject({ crowded: true, scale: MIN_TOKEN_SCALE });
		for (const box of crowded.boxes) {
			expect(near(box)).toBeGreaterThanOrEqual(CENTRE_RADIUS * narrow.radius - 0.01);
			expect(far(box)).toBeLessThanOrEqual(RING_EDGES[0] * narrow.radius - narrow.border + 0.01);
		}
		// A token too large for the band even at that size crosses the ring's outer border, never "Mig".
		const huge = boxes([[tooLarge, tooLarge], [], []], narrow)[0]!;
		expect(huge).toMatchObject({ crowded: true, scale: MIN_TOKEN_SCALE });
		const c = CENTRE_RADIUS * narrow.radius;
		for (const box of huge.boxes) expect(overlap(box, { left: -c, right: c, top: -c, bottom: c })).toBe(false);
	});

	it("keeps people off their ring's name and turns each ring away from the people inside it", () => {
		const nearest = (people: (typeof token)[][]) => {
			const seats = seatsOnMap(people, wide, names).flatMap((ring) => ring.seats);
			return Math.min(...seats.flatMap((a, i) => seats.slice(i + 1).map((b) => Math.hypot(a.x - b.x, a.y - b.y))));
		};
		// One person on "Midt imellem" and one on "Længere væk" were 0.52 radius apart: at 320 px, a token covered a name.
		expect(nearest([[], [token], [token]])).toBeGreaterThan(0.9);
		expect(nearest([[token], [token], [token]])).toBeGreaterThan(0.65);
		for (const people of [
			[[withFace], [withFace, withFace], [withFace, withFace, withFace]],
			[[token, token, token], [token, token], [longNameWithFace]]
		]) {
			for (const map of [narrow, wide]) {
				boxes(people, map).forEach((ring, index) => {
					for (const box of ring.boxes) expect(overlap(box, nameBox(index, map))).toBe(false);
				});
			}
		}
	});

	it("keeps a full ring's people off every ring's name, even where they no longer fit apart", () => {
		// A crowded ring gave up keeping its tokens off its name with keeping them apart: the name was hidden under them.
		for (const map of [narrow, wide]) {
			for (const [size, count] of [
				[token, 30],
				[withFace, 16],
				[tooLarge, 2]
			] as const) {
				for (const index of [0, 1, 2]) {
					const people = [0, 1, 2].map((ring) => (ring === index ? Array.from({ length: count }, () => size) : []));
					const ring = boxes(people, map)[index]!;
					const what = `${count} × ${size.width}×${size.height} on ring ${index}, radius ${map.radius}`;
					expect(ring.boxes, what).toHaveLength(count);
					for (const box of ring.boxes) {
						for (const name of [0, 1, 2]) expect(overlap(box, nameBox(name, map)), `${what}: name ${name}`).toBe(false);
					}
				}
			}
		}
	});

	it('fits the longest names the map draws on every ring, the narrowest map too, with 44 px targets', () => {
		// A long name with a photo crossed the inner ring's border of the 30rem map even at the smallest scale.
		for (const map of [narrow, wide]) {
			for (const size of [longNameAlone, longNameWithFace]) {
				for (const index of [0, 1, 2]) {
					const ring = boxes(
						[0, 1, 2].map((r) => (r === index ? [size] : [])),
						map
					)[index]!;
					const what = `${size.width}×${size.height} on ring ${index}, radius ${map.radius}`;
					expect(ring.crowded, what).toBe(false);
					expect(Math.min(size.width, size.height) * ring.scale, what).toBeGreaterThanOrEqual(44);
					const [box] = ring.boxes;
					expect(near(box!), what).toBeGreaterThanOrEqual((index === 0 ? CENTRE_RADIUS : RING_EDGES[index - 1]!) * map.radius - 0.01);
					expect(far(box!), what).toBeLessThanOrEqual(RING_EDGES[index]! * map.radius - map.border + 0.01);
				}
			}
		}
	});

	it('keeps apart in a crowded ring whom it can, instead of seating everyone on the few places that fit', () => {
		// The two long names fit the inner ring of the narrowest map only near its bottom; the short name fits elsewhere,
		// and was drawn on top of them all the same.
		const ring = boxes([[longNameWithFace, token, longNameAlone], [], []], narrow)[0]!;
		expect(ring.crowded).toBe(true);
		const [first, short, last] = ring.boxes;
		expect(overlap(short!, first!)).toBe(false);
		expect(overlap(short!, last!)).toBe(false);
	});
});
