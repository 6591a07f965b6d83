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

/**
 * Placing a person on a ring, as `provenance` says: the first time a new answer, later a correction of it; the same ring
 * by the same person changes nothing, by someone else it names them (singleAnswerStep).
 */
export function placeStep(
	answers: readonly Answer[],
	person: NetworkPersonSubject,
	ring: Ring,
	provenance: Provenance
): AnswerStep | undefined {
	return singleAnswerStep(answers, person, { kind: 'placement', zoneId: ring.id, label: ring.label }, ['placement'], provenance);
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

/** A box drawn on the map (a person's token, a ring's name), in CSS pixels. */
export interface BoxSize {
	width: number;
	height: number;
}

/** The drawn map: its radius, and the border every ring and the centre draw inside their edge, in CSS pixels. */
export interface MapSize {
	radius: number;
	border: number;
}

/** Where the people of one ring sit (x and y from the centre, in fractions of the radius), and how large their tokens are drawn. */
export interface RingSeats {
	seats: Seat[];
	/** 1 is the token's own size; a ring with more people than room draws them all smaller, down to MIN_TOKEN_SCALE. */
	scale: number;
	/** Even at MIN_TOKEN_SCALE the ring's people did not fit apart: they touch or overlap one another (never the centre or another ring). */
	crowded: boolean;
}

/**
 * The smallest a token is drawn: a token is a control at least the target size (3rem, 54 px) each way, and at 0.82 it
 * keeps the 44 px a finger needs (and its name 0.85 × 0.82 ≈ 0.7rem, its face about 1.85rem). A ring that needs smaller
 * tokens is crowded instead, and the list view has every person at full size.
 */
export const MIN_TOKEN_SCALE = 0.82;
// Room kept between two tokens of a ring, so their borders (and a focus ring) do not touch, in CSS pixels.
const GAP = 4;
// How finely a ring's turn is tried between two of its seats, and how finely the scale is looked for.
const TURNS_TRIED = 24;
const SCALE_STEPS = 4;

/**
 * How far from the centre a box at this angle sits wholly inside the band from `inner` to `outer`: the middle of the
 * distances that fit, or undefined if none does. Worked out, not searched for (halving both ends was half of the time
 * a ring took to place): with a and b half the box's sides and c, s the angle's |cos| and |sin|, the box's far corner is
 * at (rc + a, rs + b) and its nearest point at (max(0, rc − a), max(0, rs − b)); both grow with r.
 * `clear` is the half side of a square around the centre the box keeps off as well ("me" and the room around it): on
 * the inner ring that square, not the ring's inner edge, is what holds a token back near the axes, and the middle of the
 * band alone put a long token at the bottom over it, so that it seemed to fit nowhere.
 */
function distanceInBand(angle: number, box: BoxSize, inner: number, outer: number, clear: number): number | undefined {
	const [a, b] = [box.width / 2, box.height / 2];
	const [c, s] = [Math.abs(Math.cos(angle)), Math.abs(Math.sin(angle))];
	const p = a * c + b * s;
	const q = a * a + b * b;
	if (q > outer * outer) return undefined;
	// The farthest it may go: the far corner on the outer edge, (rc + a)² + (rs + b)² = outer², the larger root.
	const farthest = -p + Math.sqrt(p * p - q + outer * outer);
	// The nearest it may come: its nearest point on the inner edge, reached past one side of the box (rc − a = inner
	// while rs ≤ b, or the same the other way) or past its corner ((rc − a)² + (rs − b)² = inner², the larger root).
	const side = (half: number, along: number, across: number, otherHalf: number) =>
		along > 0 && ((half + inner) / along) * across <= otherHalf ? (half + inner) / along : Infinity;
	const cornerSquared = p * p - q + inner * inner;
	const corner = cornerSquared >= 0 ? p + Math.sqrt(cornerSquared) : Infinity;
	const nearest = Math.max(
		Math.min(side(a, c, s, b), side(b, s, c, a), corner * c >= a && corner * s >= b ? corner : Infinity),
		// Off the square: past it on one axis at least, rc − a ≥ clear or rs − b ≥ clear.
		Math.min(c > 0 ? (a + clear) / c : Infinity, s > 0 ? (b + clear) / s : Infinity)
	);
	return nearest <= farthest ? (nearest + farthest) / 2 : undefined;
}

function apart(a: Seat, boxA: BoxSize, b: Seat, boxB: BoxSize): boolean {
	return Math.abs(a.x - b.x) >= (boxA.width + boxB.width) / 2 + GAP || Math.abs(a.y - b.y) >= (boxA.height + boxB.height) / 2 + GAP;
}

/**
 * Where the people on each ring sit, given their tokens' sizes (inner ring first), the map's size and each ring's name
 * (drawn at the top of its band). Every token lies wholly inside its own ring's band — never over "me" in the middle (nor
 * the square around it), never across a ring's border, so which ring a person is on is plain — and apart from the other
 * tokens of its ring.
 * The people of a ring are spread evenly, the ring turned so they keep off its name and as far as can be from the people
 * on the rings inside it. A ring with more people than room draws its tokens smaller (one scale for the ring, so nobody
 * looks less important), down to MIN_TOKEN_SCALE; past that it is `crowded`: its tokens stay in the band at the
 * smallest size and may touch one another (never its name), and the map offers the list view, where everyone has a row.
 */
export function seatsOnMap(tokens: readonly (readonly BoxSize[])[], map: MapSize, names: readonly BoxSize[] = []): RingSeats[] {
	const { radius, border } = map;
	const taken: Seat[] = [];
	const outerEdge = (ringIndex: number) => (RING_EDGES[ringIndex] ?? 1) * radius - border;
	// Each ring's name sits centred at the top, just inside its border (the ring's padding of 0.35rem is about 6 px).
	const labels = tokens.map((_, ringIndex) => {
		const size = names[ringIndex] ?? { width: 0, height: 0 };
		return { size, at: { x: 0, y: -(outerEdge(ringIndex) - 6 - size.height / 2) } };
	});
	return tokens.map((boxes, ringIndex) => {
		const inner = (ringIndex === 0 ? CENTRE_RADIUS : RING_EDGES[ringIndex - 1]!) * radius;
		const outer = outerEdge(ringIndex);
		const { size: name, at: nameAt } = labels[ringIndex]!;
		// "Me" is round, but a token is kept off the square around it too: no corner of a box then seems to touch it.
		const centre = { width: 2 * CENTRE_RADIUS * radius, height: 2 * CENTRE_RADIUS * radius };
		const step = (2 * Math.PI) / Math.max(1, boxes.length);
		/*
		 * Where a token of a size may sit at each of the places around the ring: wholly in the band, off "me" and off the
		 * ring's name, or undefined. That depends on the size alone, so it is worked out once per size (the same sizes
		 * come back often, at every turn tried) and only "apart from the others" is left to check per turn.
		 */
		const fitted = new Map<string, (Seat | undefined)[]>();
		const placesInBand = (size: BoxSize) => {
			const key = `${size.width}x${size.height}`;
			let places = fitted.get(key);
			if (!places) {
				places = Array.from({ length: PLACES }, (_, place) => {
					const angle = (2 * Math.PI * place) / PLACES;
					const r = distanceInBand(angle, size, inner, outer, centre.width / 2 + GAP);
					if (r === undefined) return undefined;
					const seat = { x: r * Math.cos(angle), y: r * Math.sin(angle) };
					return apart(seat, size, { x: 0, y: 0 }, centre) && apart(seat, size, nameAt, name) ? seat : undefined;
				});
				fitted.set(key, places);
			}
			return places;
		};

		/**
		 * The seats at this turn and scale, in pixels: each person goes to the place nearest their even share of the ring
		 * where their token lies wholly in the band, off the ring's name and apart from those seated before (a box
		 * fits the band better on the axes than on a diagonal, so strictly even places often did not fit at all).
		 * Undefined when someone finds no such place; `crowded` gives up keeping apart where it must (never the name: a
		 * full ring still says which ring it is).
		 */
		const arrange = (turn: number, scale: number, crowded: boolean) => {
			const seats: Seat[] = [];
			const sizes: BoxSize[] = [];
			for (const [index, box] of boxes.entries()) {
				const size = { width: box.width * scale, height: box.height * scale };
				const places = placesInBand(size);
				const wanted = Math.round(((turn + step * index) / (2 * Math.PI)) * PLACES) + PLACES;
				// The nearest place apart from those seated; crowded, where there is none, the nearest on the fewest of them,
				// so that nobody is hidden under a pile where a place on one other would do.
				const on = (seat: Seat) =>
					crowded
						? seats.filter((other, i) => !apart(seat, size, other, sizes[i]!)).length
						: Number(!seats.every((other, i) => apart(seat, size, other, sizes[i]!)));
				let place: Seat | undefined;
				let fewest = Infinity;
				for (const offset of NEAREST_FIRST) {
					const seat = places[(wanted + offset) % PLACES];
					const others = seat ? on(seat) : Infinity;
					if (others < fewest) [place, fewest] = [seat, others];
					if (fewest === 0) break;
				}
				if (!place || (fewest > 0 && !crowded)) return undefined;
				seats.push(place);
				sizes.push(size);
			}
			return seats;
		};
		// The turns tried at every scale, starting right of the top, where the ring shows its name.
		const turns = Array.from({ length: TURNS_TRIED }, (_, tried) => -Math.PI / 2 + 0.7 + (step * tried) / TURNS_TRIED);
		/** The best turn at this scale: the most room to the people on the rings further in. */
		const best = (scale: number, crowded = false) => {
			let found: { seats: Seat[]; room: number } | undefined;
			for (const turn of turns) {
				const seats = arrange(turn, scale, crowded);
				if (!seats) continue;
				// Nobody further in: every turn has all the room, and the first that fits is the one kept.
				if (taken.length === 0) return seats;
				const room = Math.min(radius, ...seats.flatMap((seat) => taken.map((other) => Math.hypot(seat.x - other.x, seat.y - other.y))));
				if (!found || room > found.room) found = { seats, room };
			}
			return found?.seats;
		};
		/** Whether the ring's people fit apart at this scale at all: the first turn that fits says so, none need be compared. */
		const fits = (scale: number) => turns.some((turn) => arrange(turn, scale, false) !== undefined);

		let scale = 1;
		let apartFits = fits(1);
		if (!apartFits) {
			// The largest scale that fits, by halving between the smallest and the token's own size; only whether some turn
			// fits is asked on the way, and the best turn is looked for once, at the scale found.
			let [low, high] = [MIN_TOKEN_SCALE, 1];
			apartFits = fits(low);
			for (let i = 0; apartFits && i < SCALE_STEPS; i++) {
				const mid = (low + high) / 2;
				if (fits(mid)) low = mid;
				else high = mid;
			}
			scale = low;
		}
		const seats = apartFits
			? best(scale)!
			: // Crowded: the smallest tokens, each in the band as near its even share as it fits, on others where they must.
				(best(MIN_TOKEN_SCALE, true) ??
				boxes.map((box, seat) =>
					offCentre(
						-Math.PI / 2 + 0.7 + step * seat,
						{ width: box.width * MIN_TOKEN_SCALE, height: box.height * MIN_TOKEN_SCALE },
						inner,
						labels
					)
				));
		taken.push(...seats);
		return { seats: seats.map((seat) => ({ x: seat.x / radius, y: seat.y / radius })), scale, crowded: !apartFits };
	});
}

// The places around a ring a token may take (every 2.5°), and the order they are tried in: its even share, then nearer first.
const PLACES = 144;
const NEAREST_FIRST = Array.from({ length: PLACES }, (_, i) => ((i + 1) >> 1) * (i % 2 ? 1 : -1) + PLACES);

/**
 * A token too large for its band even at the smallest size: as near its ring as it can be without covering "me" in the
 * middle or any ring's name, at the place nearest its share of the ring where that can be.
 */
function offCentre(angle: number, box: BoxSize, inner: number, labels: readonly { size: BoxSize; at: Seat }[]): Seat {
	// Off the square around everything further in, which keeps it off the circle as well.
	const square = { width: 2 * inner, height: 2 * inner };
	const wanted = Math.round((angle / (2 * Math.PI)) * PLACES) + PLACES;
	let first: Seat | undefined;
	for (const offset of NEAREST_FIRST) {
		const at = (2 * Math.PI * ((wanted + offset) % PLACES)) / PLACES;
		let seat = { x: inner * Math.cos(at), y: inner * Math.sin(at) };
		for (let r = inner; !apart(seat, box, { x: 0, y: 0 }, square); r += 1) seat = { x: r * Math.cos(at), y: r * Math.sin(at) };
		if (labels.every((label) => apart(seat, box, label.at, label.size))) return seat;
		first ??= seat;
	}
	return first!;
}
