import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	AREA_LABEL_HEIGHT,
	AREA_PADDING,
	areaLabelBox,
	changeStoryItem,
	compareStory,
	createStoryItem,
	currentState,
	drawingFromStrokes,
	fitInArea,
	freeSpotIn,
	ITEM_MIN_SIDE,
	positionOf,
	resizeInArea,
	simplifyStroke,
	snapIntoArea,
	storyAt,
	storyMoments,
	storyItemPayloadSchema,
	storyProvenance,
	type Rect,
	type StoryArea,
	type StoryItem
} from './story';

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const areas: StoryArea[] = [
	{ id: 'haab', x: 0, y: 0, w: 1000, h: 300 },
	{ id: 'bedre', x: 0, y: 320, w: 480, h: 300 },
	{ id: 'i-vejen', x: 520, y: 320, w: 480, h: 300 }
];

const SELV = { mode: 'selv' } as const;

function item(id: string, at: number, areaId = 'haab', meetingId = 'm1'): StoryItem {
	return createStoryItem({
		id,
		citizenId: 'c1',
		templateId: 'min-historie',
		placement: { areaId, x: 20, y: 20, w: 100, h: 100 },
		content: { kind: 'symbol', symbolId: 'glad', label: 'Glad' },
		provenance: { mode: 'selv' },
		meetingId,
		at
	});
}

describe('story items', () => {
	it('keep every earlier state with its date and meeting when moved, removed and brought back', () => {
		const first = item('a', 10);
		const moved = changeStoryItem(first, { areaId: 'bedre', x: 30, y: 340, w: 100, h: 100, removed: false }, 20, SELV, 'm2');
		const removed = changeStoryItem(moved, { ...positionOf(moved), removed: true }, 30, SELV, 'm2');
		const back = changeStoryItem(removed, { ...positionOf(removed), removed: false }, 40, SELV);
		expect([moved.areaId, moved.updatedAt, moved.changedIn]).toEqual(['bedre', 20, 'm2']);
		expect(removed.removedAt).toBe(30);
		expect(back.removedAt).toBeUndefined();
		expect(back.history.map((s) => [s.areaId, s.at, s.meetingId, s.removedAt])).toEqual([
			['haab', 10, 'm1', undefined],
			['bedre', 20, 'm2', undefined],
			['bedre', 30, 'm2', 30]
		]);
		// A change from the citizen's page belongs to no meeting.
		expect(back.changedIn).toBeUndefined();
		expect(back.meetingId).toBe('m1');
	});

	it('keep who made each change and how: the latest on the item, each earlier one in its state; the placer stays', () => {
		const lise = storyProvenance('formidlet', { id: 'p-lise', name: 'Lise', role: 'paaroerende' });
		const first = item('a', 10, 'i-vejen');
		const moved = changeStoryItem(first, { ...positionOf(first), areaId: 'bedre', y: 340, removed: false }, 20, lise, 'm2');
		const removed = changeStoryItem(moved, { ...positionOf(moved), removed: true }, 30, SELV, 'm2');
		expect(moved.provenance).toEqual(SELV);
		expect(moved.changedBy).toEqual(lise);
		expect(removed.changedBy).toEqual(SELV);
		expect([...removed.history, currentState(removed)].map((s) => s.provenance)).toEqual([SELV, lise, SELV]);
	});

	it('refuse a change that names the citizen as their own supporter or relayer, as placing does', () => {
		const first = item('a', 10);
		const citizen = { id: 'p0', name: 'Karen', role: 'borger' } as const;
		const next = { ...positionOf(first), areaId: 'bedre', y: 340 };
		expect(() => changeStoryItem(first, next, 20, storyProvenance('formidlet', citizen))).toThrow('error.provenanceRelayByCitizen');
		expect(() => changeStoryItem(first, next, 20, storyProvenance('med-stoette', citizen))).toThrow('error.provenanceCitizenAsHelper');
		expect(() => changeStoryItem(first, next, 20, { mode: 'formidlet' })).toThrow('error.storyItem');
	});

	it('still read as stored before changes kept their provenance', () => {
		const moved = changeStoryItem(item('a', 10), { ...positionOf(item('a', 10)), areaId: 'bedre', y: 340 }, 20, SELV, 'm2');
		const { changedBy: _by, ...old } = { ...moved, history: moved.history.map(({ provenance: _p, ...state }) => state) };
		const { id: _id, citizenId: _c, createdAt: _a, updatedAt: _u, ...payload } = old;
		expect(v.is(storyItemPayloadSchema, payload)).toBe(true);
		// Who made that change is not known, and is not guessed to be the placer.
		expect(currentState(old).provenance).toBeUndefined();
		expect(compareStory([old], 15)).toEqual([expect.objectContaining({ change: 'moved' })]);
		expect(compareStory([old], 15)[0]?.by).toBeUndefined();
	});

	it('refuse content and provenance the story does not know', () => {
		expect(() => createStoryItem({ ...newInput(), content: { kind: 'core', value: 'ja' } as never })).toThrow('error.storyItem');
		expect(() => createStoryItem({ ...newInput(), provenance: { mode: 'formidlet' } })).toThrow('error.storyItem');
		expect(() => createStoryItem({ ...newInput(), provenance: { mode: 'selv', name: 'Lise' } })).toThrow('error.storyItem');
		expect(() => createStoryItem({ ...newInput(), content: { kind: 'text', text: '   ' } })).toThrow('error.storyItem');
		// The citizen puts the item there; they are not the one who helped, relayed or observed it.
		const citizen = { id: 'p0', name: 'Karen', role: 'borger' } as const;
		expect(() => createStoryItem({ ...newInput(), provenance: storyProvenance('med-stoette', citizen) })).toThrow(
			'error.provenanceCitizenAsHelper'
		);
		expect(() => createStoryItem({ ...newInput(), provenance: storyProvenance('formidlet', citizen) })).toThrow(
			'error.provenanceRelayByCitizen'
		);
		expect(storyProvenance('formidlet', { id: 'p1', name: 'Lise', role: 'paaroerende' })).toEqual({
			mode: 'formidlet',
			participantId: 'p1',
			name: 'Lise',
			role: 'paaroerende'
		});
		expect(storyProvenance('selv', { id: 'p1', name: 'Lise', role: 'paaroerende' })).toEqual({ mode: 'selv' });
	});
});

function newInput() {
	return {
		id: 'x',
		citizenId: 'c1',
		templateId: 'min-historie',
		placement: { areaId: 'haab', x: 20, y: 20, w: 100, h: 100 },
		content: { kind: 'text' as const, text: 'Have en hund' },
		provenance: { mode: 'selv' as const },
		at: 1
	};
}

describe('snapping', () => {
	it('puts a dropped box in the area its centre fell in, whole and inside the padding', () => {
		expect(snapIntoArea(areas, { x: 950, y: 250, w: 100, h: 100 })).toEqual({
			areaId: 'haab',
			x: 1000 - AREA_PADDING - 100,
			y: 300 - AREA_PADDING - 100,
			w: 100,
			h: 100
		});
		expect(snapIntoArea(areas, { x: 600, y: 400, w: 100, h: 100 }).areaId).toBe('i-vejen');
	});

	it('sends a drop between areas to the nearest one, and shrinks a box too big for it', () => {
		// Centre at (500, 470): 20 from "bedre", 20 from "i-vejen"; 1 more to the right tips it.
		expect(snapIntoArea(areas, { x: 451, y: 420, w: 100, h: 100 }).areaId).toBe('i-vejen');
		const big = snapIntoArea(areas, { x: 0, y: 320, w: 960, h: 600 });
		expect(big.areaId).toBe('bedre');
		expect(big.w / big.h).toBeCloseTo(960 / 600);
		expect(big.w).toBeLessThanOrEqual(480 - 2 * AREA_PADDING);
	});

	it('finds a free spot that covers no item already in the area', () => {
		const area = areas[1]!;
		const first = freeSpotIn(area, [], { w: 100, h: 100 });
		expect([first.x, first.y]).toEqual([AREA_PADDING, 320 + AREA_LABEL_HEIGHT + AREA_PADDING]);
		const second = freeSpotIn(area, [first], { w: 100, h: 100 });
		expect(second.x).toBe(first.x + 100 + AREA_PADDING);
		expect(second.y).toBe(first.y);
	});

	it('puts an item of another size beside the items in a row, not only where one of its own size would go', () => {
		const area = { id: 'skridt', x: 0, y: 0, w: 552, h: 320 };
		const symbol = freeSpotIn(area, [], { w: 150, h: 170 });
		const text = freeSpotIn(area, [symbol], { w: 260, h: 130 });
		expect([text.x, text.y]).toEqual([symbol.x + symbol.w + AREA_PADDING, symbol.y]);
	});

	it('keeps a new item off its area’s label, also in the smallest area a template may have (160 units)', () => {
		const smallest = { id: 'klein', x: 0, y: 0, w: 160, h: 160 };
		const spot = freeSpotIn(smallest, [], { w: 150, h: 170 });
		expect(overlap(spot, areaLabelBox(smallest))).toBe(false);
		// Shrunk to fit under the label, it is still as high as the smallest side an item may have.
		expect(spot.h).toBeGreaterThanOrEqual(ITEM_MIN_SIDE);
	});

	it('resizes about the centre, never below the smallest side, always inside the area', () => {
		const area = areas[0]!;
		const grown = resizeInArea(area, { x: 400, y: 100, w: 100, h: 100 }, 1.5);
		expect([grown.x, grown.y, grown.w, grown.h]).toEqual([375, 75, 150, 150]);
		expect(resizeInArea(area, { x: 400, y: 100, w: 70, h: 70 }, 0.5).w).toBe(60);
		// Grown no higher than the room under the label band.
		expect(resizeInArea(area, { x: 400, y: 100, w: 200, h: 200 }, 3).h).toBe(300 - AREA_LABEL_HEIGHT - AREA_PADDING);
	});

	it('keeps a dropped or moved item off its area’s label: onto the label it lands just below it, lower it stays', () => {
		const hopes = areas[0]!;
		const onLabel = snapIntoArea(areas, { x: 400, y: 0, w: 100, h: 100 });
		expect(onLabel).toEqual({ areaId: 'haab', x: 400, y: AREA_LABEL_HEIGHT, w: 100, h: 100 });
		expect(overlap(onLabel, areaLabelBox(hopes))).toBe(false);
		expect(snapIntoArea(areas, { x: 400, y: 90, w: 100, h: 100 })).toEqual({ areaId: 'haab', x: 400, y: 90, w: 100, h: 100 });
		// Too tall for the room under the band, it is shrunk to fit there rather than laid over the label.
		const tall = fitInArea(areas[1]!, { x: 40, y: 330, w: 250, h: 250 });
		expect(tall.y).toBe(320 + AREA_LABEL_HEIGHT);
		expect(tall.y + tall.h).toBe(620 - AREA_PADDING);
	});

	it('fits an item inside an area too low for it under the label band, as before, over the label', () => {
		const tiny = { id: 'lille', x: 0, y: 0, w: 300, h: 120 };
		expect(fitInArea(tiny, { x: 50, y: 0, w: 80, h: 80 })).toEqual({ areaId: 'lille', x: 50, y: AREA_PADDING, w: 80, h: 80 });
	});

	it('never grows an item over its area’s label band', () => {
		const hopes = areas[0]!;
		const grown = resizeInArea(hopes, { x: 400, y: 90, w: 100, h: 100 }, 1.5);
		expect([grown.x, grown.y, grown.w, grown.h]).toEqual([375, AREA_LABEL_HEIGHT, 150, 150]);
		expect(overlap(grown, areaLabelBox(hopes))).toBe(false);
	});
});

describe('stroke simplification (Ramer–Douglas–Peucker)', () => {
	it('drops points on a straight line and keeps the corner', () => {
		const line = Array.from({ length: 50 }, (_, i) => [i, i < 25 ? 0 : i - 24]).flat();
		expect(simplifyStroke(line, 0.5)).toEqual([0, 0, 24, 0, 49, 25]);
	});

	it('keeps a wobble wider than the tolerance and drops one within it', () => {
		const wobble = [0, 0, 5, 3, 10, 0];
		expect(simplifyStroke(wobble, 2)).toEqual(wobble);
		expect(simplifyStroke(wobble, 4)).toEqual([0, 0, 10, 0]);
		expect(simplifyStroke([4, 4], 1)).toEqual([4, 4]);
	});

	it('turns strokes into a drawing item stored relative to its box', () => {
		const drawing = drawingFromStrokes([{ points: [100, 100, 150, 150, 200, 200, 300, 100], width: 6, colour: '#222222' }])!;
		expect(drawing.box.x).toBeLessThan(100);
		expect(drawing.box.w).toBeGreaterThan(200);
		const [stroke] = drawing.strokes;
		// The straight first half is one segment now.
		expect(stroke!.points).toHaveLength(6);
		expect(Math.min(...stroke!.points)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...stroke!.points)).toBeLessThanOrEqual(1000);
	});
});

describe('then and now', () => {
	const a = item('a', 10);
	const b = changeStoryItem(item('b', 11), { areaId: 'bedre', x: 20, y: 340, w: 100, h: 100, removed: false }, 50, SELV, 'm2');
	const c = changeStoryItem(item('c', 12), { ...positionOf(item('c', 12)), removed: true }, 51, SELV, 'm2');
	const d = item('d', 52, 'i-vejen', 'm2');
	const nudged = changeStoryItem(a, { ...positionOf(a), x: 200 }, 53, SELV, 'm2');
	const story = [nudged, b, c, d];

	it('shows the story as it was at a moment', () => {
		const then = storyAt(story, 20);
		expect([...then.keys()].sort()).toEqual(['a', 'b', 'c']);
		expect(then.get('b')?.areaId).toBe('haab');
		expect(then.get('a')?.x).toBe(20);
		expect([...storyAt(story, Infinity).keys()].sort()).toEqual(['a', 'b', 'd']);
	});

	it('marks what is new, moved to another area, removed, and the same (a shift inside an area)', () => {
		const changes = Object.fromEntries(compareStory(story, 20).map((c) => [c.itemId, c.change]));
		expect(changes).toEqual({ a: 'same', b: 'moved', c: 'removed', d: 'new' });
		expect(compareStory(story, 20, 20).every((c) => c.change === 'same')).toBe(true);
	});

	it('says who moved or removed an item, also when another person shifted it inside its new area afterwards', () => {
		const lise = storyProvenance('formidlet', { id: 'p-lise', name: 'Lise', role: 'paaroerende' });
		const jonas = storyProvenance('observeret', { id: 'p-jonas', name: 'Jonas', role: 'udfoerer' });
		const karens = item('k', 10, 'i-vejen');
		const moved = changeStoryItem(karens, { ...positionOf(karens), areaId: 'bedre', y: 340 }, 20, lise, 'm2');
		const shifted = changeStoryItem(moved, { ...positionOf(moved), x: 200 }, 25, SELV, 'm2');
		const gone = changeStoryItem(item('g', 11), { ...positionOf(item('g', 11)), removed: true }, 30, jonas, 'm2');
		const byId = Object.fromEntries(compareStory([shifted, gone], 15).map((c) => [c.itemId, [c.change, c.by]]));
		expect(byId).toEqual({ k: ['moved', lise], g: ['removed', jonas] });
		// Placed by the citizen and moved by nobody since: nothing to name.
		expect(compareStory([shifted], 22)[0]).toMatchObject({ change: 'same' });
		expect(compareStory([shifted], 22)[0]?.by).toBeUndefined();
	});

	it('offers each meeting the story was worked on in, at its last change there', () => {
		expect(storyMoments(story)).toEqual([
			{ meetingId: 'm1', at: 12 },
			{ meetingId: 'm2', at: 53 }
		]);
	});
});
