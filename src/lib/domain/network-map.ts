import { validateSubject, type Answer, type AnswerSubject, type Mark, type Provenance } from './answer';
import { singleAnswerStep, toggleStep, type AnswerStep } from './answer-steps';

/*
 * The citizen's network map: "me" in the middle and rings around, close to far. A person exists in the answers
 * about them: the placement answer (which ring) and the mark answers ("vil have med til møder", "kan spørge om
 * hjælp"), all with the subject `network-person`, which names the person. So the map is rebuilt from a
 * meeting's answers, a move is a correction of the placement answer, and removing a person takes their answers
 * back, with the history kept like every other answer's.
 */

export type NetworkPersonSubject = Extract<AnswerSubject, { kind: 'network-person' }>;

export const NETWORK_MARKS = ['med-til-moeder', 'spoerg-om-hjaelp'] as const satisfies readonly Mark[];
export type NetworkMark = (typeof NETWORK_MARKS)[number];

export interface NetworkPerson {
	subject: NetworkPersonSubject;
	/** The ring the person is placed on (a ring id of the map). */
	ringId: string;
	placement: Answer;
	/** The marks that are set now. */
	marks: NetworkMark[];
}

export interface Ring {
	id: string;
	label: string;
}

/** Checks a new person (name, role or photo) the way a stored answer is checked. */
export function newNetworkPerson(person: Omit<NetworkPersonSubject, 'kind'>): NetworkPersonSubject {
	const subject = { kind: 'network-person' as const, ...person };
	return validateSubject(subject) as NetworkPersonSubject;
}

/** Everyone placed on the map, in the order they were first placed, so nobody jumps around when another moves. */
export function networkPeople(answers: readonly Answer[]): NetworkPerson[] {
	const people = new Map<string, NetworkPerson>();
	const marks = new Map<string, Set<NetworkMark>>();
	// Oldest first: the newest active placement of a person wins (two tabs could each have placed them once).
	for (const answer of [...answers].sort((a, b) => a.createdAt - b.createdAt)) {
		const { subject, content } = answer;
		if (subject.kind !== 'network-person' || answer.status !== 'active') continue;
		if (content.kind === 'placement') {
			const earlier = people.get(subject.personId);
			people.set(subject.personId, { subject, ringId: content.zoneId, placement: answer, marks: earlier?.marks ?? [] });
		} else if (content.kind === 'mark' && isNetworkMark(content.mark)) {
			marks.set(subject.personId, (marks.get(subject.personId) ?? new Set()).add(content.mark));
		}
	}
	return [...people.values()]
		.sort((a, b) => a.placement.createdAt - b.placement.createdAt)
		.map((person) => ({ ...person, marks: NETWORK_MARKS.filter((mark) => marks.get(person.subject.personId)?.has(mark)) }));
}

function isNetworkMark(mark: Mark): mark is NetworkMark {
	return (NETWORK_MARKS as readonly string[]).includes(mark);
}

/** Placing a person on a ring: the first time a new answer, later a correction of it; the same ring changes nothing. */
export function placeStep(answers: readonly Answer[], person: NetworkPersonSubject, ring: Ring): AnswerStep | undefined {
	return singleAnswerStep(answers, person, { kind: 'placement', zoneId: ring.id, label: ring.label }, ['placement']);
}

/** A mark on or off, given as `provenance` says: a mark set again by someone else is theirs, not a restored old one. */
export function markStep(
	answers: readonly Answer[],
	person: NetworkPersonSubject,
	mark: NetworkMark,
	on: boolean,
	provenance: Provenance
): AnswerStep | undefined {
	return toggleStep(answers, person, { kind: 'mark', mark }, on, provenance);
}

/** Taking a person off the map takes back every answer about them that still stands. */
export function removeSteps(answers: readonly Answer[], person: NetworkPersonSubject): AnswerStep[] {
	return answers
		.filter((a) => a.subject.kind === 'network-person' && a.subject.personId === person.personId && a.status === 'active')
		.map((a) => ({ kind: 'withdraw', answerId: a.id }));
}

/** One ring closer (-1) or further away (+1), or undefined at the edge. */
export function neighbourRing<R extends Ring>(rings: readonly R[], ringId: string, direction: -1 | 1): R | undefined {
	const index = rings.findIndex((ring) => ring.id === ringId);
	return index < 0 ? undefined : rings[index + direction];
}

/*
 * Geometry of the drawn map, in fractions of its radius: "me" in the middle, then the rings as bands outwards.
 * A drop anywhere inside the outer edge lands on a ring (the middle counts as the closest one).
 */
export const CENTRE_RADIUS = 0.2;
export const RING_EDGES = [0.47, 0.74, 1] as const;

/** The ring index under a point (dx, dy from the centre, in the same unit as `radius`), or undefined outside the map. */
export function ringIndexAt(dx: number, dy: number, radius: number, rings = RING_EDGES.length): number | undefined {
	if (!(radius > 0)) return undefined;
	const distance = Math.hypot(dx, dy) / radius;
	const edges = RING_EDGES.slice(RING_EDGES.length - rings);
	const index = edges.findIndex((edge) => distance <= edge);
	return index < 0 ? undefined : index;
}

export interface Seat {
	x: number;
	y: number;
}

// How finely a ring's turn is tried between two of its seats.
const TURNS_TRIED = 48;

/**
 * Where the people on each ring sit, given how many are on each (inner ring first): spread evenly on the middle of its
 * band, each ring turned so its people are as far as can be from those on the rings inside it, from every ring's name
 * at the top and from the map's left and right sides (a token there stuck out of a 320 px screen). A fixed turn per
 * ring put one person on "Midt imellem" and one on "Længere væk" close enough for a token to cover the other's name on
 * a 320 px map. Returns x and y from the centre, in fractions of the radius.
 */
export function seatsOnMap(counts: readonly number[]): Seat[][] {
	// Each ring shows its name at the top, just inside its outer edge.
	const names: Seat[] = RING_EDGES.map((outer) => ({ x: 0, y: -(outer - 0.07) }));
	const taken: Seat[] = [];
	return counts.map((count, ringIndex) => {
		const inner = ringIndex === 0 ? CENTRE_RADIUS : RING_EDGES[ringIndex - 1]!;
		const middle = (inner + (RING_EDGES[ringIndex] ?? 1)) / 2;
		const step = (2 * Math.PI) / Math.max(1, count);
		const ring = (turn: number) =>
			Array.from({ length: count }, (_, seat) => ({ x: middle * Math.cos(turn + step * seat), y: middle * Math.sin(turn + step * seat) }));
		// A side counts double: half a token's width there is already off the map.
		const room = (seats: Seat[]) =>
			Math.min(
				...seats.flatMap((seat) => [
					2 * (1 - Math.abs(seat.x)),
					...[...taken, ...names].map((other) => Math.hypot(seat.x - other.x, seat.y - other.y))
				])
			);
		let best = ring(0);
		let bestRoom = -1;
		for (let tried = 0; tried < TURNS_TRIED; tried++) {
			// Starting right of the top, where the ring shows its name.
			const seats = ring(-Math.PI / 2 + 0.7 + (step * tried) / TURNS_TRIED);
			const space = seats.length === 0 ? 0 : room(seats);
			if (space > bestRoom) [best, bestRoom] = [seats, space];
		}
		taken.push(...best);
		return best;
	});
}
