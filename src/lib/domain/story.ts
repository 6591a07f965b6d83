import * as v from 'valibot';
import { citizenNamedError, type Stroke } from './answer-content';
import type { ParticipantRole } from './meeting';
import {
	STORY_HISTORY_MAX,
	storyItemPayloadSchema,
	type StoryContent,
	type StoryItem,
	type StoryProvenance,
	type StoryState
} from './story-shape';
import { ValidationError } from './validation';

/* What is done with a story's items; their stored shape is in story-shape.ts. */
export * from './story-shape';

/*
 * The citizen's recovery story: items (a symbol, a photo, a short text, a recording, a drawing) placed
 * in the areas of a template. One stored record per item, so dragging one item never rewrites another.
 * A story lives across meetings: every change keeps the state before it with its date, so a later
 * meeting can show the story as it was then beside today's ("then and now").
 * Positions are canvas units of the template, so the story looks the same on every screen.
 */

export interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface StoryArea extends Rect {
	id: string;
}

/** Where an item lies: its area and its box in canvas units. */
export interface Placement extends Rect {
	areaId: string;
}

/** Inner margin of an area: an item snapped into it never touches its border. */
export const AREA_PADDING = 12;
export const ITEM_MIN_SIDE = 60;

/*
 * An area's label is one line of text AREA_LABEL_FONT high, AREA_LABEL_INSET in from the area's top left corner, in a
 * band AREA_LABEL_HEIGHT high across the area's top. These are canvas units, so the label lies in the same place on the
 * canvas of any screen, in the plan's picture and in its PDF, and a new item can be kept off it (freeSpotIn). The band
 * spans the area's width: the label's own width follows its language and font.
 */
export const AREA_LABEL_FONT = 36;
export const AREA_LABEL_INSET = 12;
export const AREA_LABEL_HEIGHT = 72;

export function areaLabelBox(area: Rect): Rect {
	return { x: area.x, y: area.y, w: area.w, h: AREA_LABEL_HEIGHT };
}

export interface NewStoryItem {
	id: string;
	citizenId: string;
	templateId: string;
	placement: Placement;
	content: StoryContent;
	provenance: StoryProvenance;
	meetingId?: string;
	at: number;
}

function checked(item: StoryItem): StoryItem {
	const { id, citizenId, createdAt, updatedAt, ...payload } = item;
	if (!v.is(storyItemPayloadSchema, payload) || updatedAt < createdAt || !id || !citizenId) throw new ValidationError('error.storyItem');
	return item;
}

/** The citizen is never their own supporter, relayer or observer: on placing an item as on changing it. */
function refuseCitizenNamed(provenance: StoryProvenance): void {
	const citizenNamed = citizenNamedError(provenance.mode, provenance.role);
	if (citizenNamed) throw new ValidationError(citizenNamed);
}

export function createStoryItem(input: NewStoryItem): StoryItem {
	const { placement, at, meetingId } = input;
	refuseCitizenNamed(input.provenance);
	return checked({
		id: input.id,
		citizenId: input.citizenId,
		createdAt: at,
		updatedAt: at,
		templateId: input.templateId,
		...placementOf(placement),
		content: input.content,
		provenance: input.provenance,
		...(meetingId ? { meetingId, changedIn: meetingId } : {}),
		history: []
	});
}

function placementOf(p: Placement): Placement {
	return { areaId: p.areaId, x: p.x, y: p.y, w: p.w, h: p.h };
}

/**
 * The state an item is in now, in the shape of its history entries. Unchanged, it is as its placer put it; after a
 * change from before changes kept their provenance, who made it is not known.
 */
export function currentState(item: StoryItem): StoryState {
	const provenance = item.history.length === 0 ? item.provenance : item.changedBy;
	return {
		...placementOf(item),
		at: item.updatedAt,
		...(item.changedIn ? { meetingId: item.changedIn } : {}),
		...(item.removedAt !== undefined ? { removedAt: item.removedAt } : {}),
		...(provenance ? { provenance } : {})
	};
}

/** What a change sets: a new place, and whether the item is on the story. Undo and redo set the same. */
export interface ItemPosition extends Placement {
	removed: boolean;
}

export function positionOf(item: StoryItem): ItemPosition {
	return { ...placementOf(item), removed: item.removedAt !== undefined };
}

/**
 * Moves, resizes, removes or brings back an item, as `provenance` says who did it and how. The state before is kept
 * with its date and its maker, so the story can be shown as it was; the oldest states go first when the history is full.
 */
export function changeStoryItem(
	item: StoryItem,
	next: ItemPosition,
	at: number,
	provenance: StoryProvenance,
	meetingId?: string
): StoryItem {
	refuseCitizenNamed(provenance);
	const when = Math.max(at, item.updatedAt);
	const history = [...item.history, currentState(item)].slice(-STORY_HISTORY_MAX);
	const { removedAt: _removed, changedIn: _changed, changedBy: _by, ...rest } = item;
	return checked({
		...rest,
		...placementOf(next),
		updatedAt: when,
		...(meetingId ? { changedIn: meetingId } : {}),
		changedBy: provenance,
		...(next.removed ? { removedAt: item.removedAt ?? when } : {}),
		history
	});
}

function overlaps(a: Rect, b: Rect): boolean {
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function distanceToRect(px: number, py: number, r: Rect): number {
	const dx = Math.max(r.x - px, 0, px - (r.x + r.w));
	const dy = Math.max(r.y - py, 0, py - (r.y + r.h));
	return Math.hypot(dx, dy);
}

/** The area a point lies in, or the nearest one: a drop just outside every area still lands somewhere. */
export function areaAt(areas: readonly StoryArea[], px: number, py: number): StoryArea {
	if (areas.length === 0) throw new ValidationError('error.storyTemplate');
	let best = areas[0]!;
	let bestDistance = Infinity;
	for (const area of areas) {
		const distance = distanceToRect(px, py, area);
		if (distance < bestDistance) [best, bestDistance] = [area, distance];
	}
	return best;
}

/** Fits a box in an area from `top` down: shrunk (keeping its shape) if it is too big, pushed in from the edges. */
function fitFrom(area: StoryArea, top: number, box: Rect): Placement {
	const bottom = area.y + area.h - AREA_PADDING;
	const room = { w: area.w - 2 * AREA_PADDING, h: bottom - top };
	const scale = Math.min(1, room.w / box.w, room.h / box.h);
	const w = box.w * scale;
	const h = box.h * scale;
	const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);
	return {
		areaId: area.id,
		x: clamp(box.x, area.x + AREA_PADDING, area.x + area.w - AREA_PADDING - w),
		y: clamp(box.y, top, bottom - h),
		w,
		h
	};
}

/**
 * Fits a box inside an area below its label band, so a dragged, moved or resized item never hides the area's name on
 * the canvas, in the plan's picture or in its PDF: a box on the band is pushed down under it, one too tall for the
 * room there is shrunk to fit. An area too low to hold the item (or one of the smallest side) under its band, lower
 * than any template's, gets the item inside the whole area, over its label, as before: a readable item matters more.
 */
export function fitInArea(area: StoryArea, box: Rect): Placement {
	const underLabel = area.y + AREA_LABEL_HEIGHT;
	const roomUnderLabel = area.y + area.h - AREA_PADDING - underLabel;
	return fitFrom(area, roomUnderLabel >= Math.min(box.h, ITEM_MIN_SIDE) ? underLabel : area.y + AREA_PADDING, box);
}

/** A dropped box snaps into the area its centre fell in (or the nearest), and stays whole inside it. */
export function snapIntoArea(areas: readonly StoryArea[], box: Rect): Placement {
	return fitInArea(areaAt(areas, box.x + box.w / 2, box.y + box.h / 2), box);
}

/**
 * A place for a new or moved item that covers neither the area's label nor the items already in the area, row by row
 * from the top left below the label: each row starts under the label or under an item, and each spot in it at the
 * row's left or right of an item, so items of other sizes (or dragged anywhere) leave no gap unused. Tap-tap and the
 * list view need no precision; a full area stacks on its first spot.
 */
export function freeSpotIn(area: StoryArea, occupied: readonly Rect[], size: { w: number; h: number }): Placement {
	const gap = AREA_PADDING;
	const label = areaLabelBox(area);
	// Under the label, a gap below it as between rows; an item too tall for the room there is shrunk to fit.
	const first = fitFrom(area, label.y + label.h + gap, { x: 0, y: 0, ...size });
	const right = area.x + area.w - AREA_PADDING + 0.001;
	const bottom = area.y + area.h - AREA_PADDING + 0.001;
	const starts = (from: number, ends: number[]) => [...new Set([from, ...ends.filter((end) => end > from)])].sort((a, b) => a - b);
	const ys = starts(
		first.y,
		occupied.map((other) => other.y + other.h + gap)
	);
	const xs = starts(
		first.x,
		occupied.map((other) => other.x + other.w + gap)
	);
	for (const y of ys) {
		if (y + first.h > bottom) break;
		for (const x of xs) {
			if (x + first.w > right) break;
			const spot = { x, y, w: first.w, h: first.h };
			if (!occupied.some((other) => overlaps(spot, other))) return { areaId: area.id, ...spot };
		}
	}
	return first;
}

/** Grows or shrinks a box about its centre, keeping its shape, then fits it back into its area. */
export function resizeInArea(area: StoryArea, box: Rect, factor: number): Placement {
	const smallest = Math.max(ITEM_MIN_SIDE / box.w, ITEM_MIN_SIDE / box.h);
	const scale = Math.max(factor, Math.min(1, smallest));
	const w = box.w * scale;
	const h = box.h * scale;
	return fitInArea(area, { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h });
}

/**
 * Ramer–Douglas–Peucker on a flat [x0, y0, x1, y1, …] list: drops the points that lie within
 * `tolerance` of the line between the points kept, so a stroke is stored as few points as still
 * draw it. The first and last points are always kept.
 */
export function simplifyStroke(points: readonly number[], tolerance: number): number[] {
	const count = Math.floor(points.length / 2);
	if (count <= 2) return points.slice(0, count * 2);
	const keep = new Uint8Array(count);
	keep[0] = 1;
	keep[count - 1] = 1;
	const stack: Array<[number, number]> = [[0, count - 1]];
	while (stack.length > 0) {
		const [start, end] = stack.pop()!;
		const [ax, ay, bx, by] = [points[start * 2]!, points[start * 2 + 1]!, points[end * 2]!, points[end * 2 + 1]!];
		const length = Math.hypot(bx - ax, by - ay);
		let farthest = -1;
		let farthestDistance = tolerance;
		for (let i = start + 1; i < end; i++) {
			const [px, py] = [points[i * 2]!, points[i * 2 + 1]!];
			const distance = length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
			if (distance > farthestDistance) [farthest, farthestDistance] = [i, distance];
		}
		if (farthest > 0) {
			keep[farthest] = 1;
			stack.push([start, farthest], [farthest, end]);
		}
	}
	const kept: number[] = [];
	for (let i = 0; i < count; i++) if (keep[i]) kept.push(points[i * 2]!, points[i * 2 + 1]!);
	return kept;
}

/** Side of the box a drawing's strokes are stored in: the drawing scales with its item. */
export const DRAWING_BOX = 1000;
const DRAWING_MARGIN = 8;

/**
 * Turns strokes drawn in canvas units into a drawing item: its box on the canvas, and the strokes
 * simplified and stored relative to that box, so moving or resizing the item moves the drawing with it.
 */
export function drawingFromStrokes(strokes: readonly Stroke[], tolerance = 2): { box: Rect; strokes: Stroke[] } | undefined {
	const xs = strokes.flatMap((s) => s.points.filter((_, i) => i % 2 === 0));
	const ys = strokes.flatMap((s) => s.points.filter((_, i) => i % 2 === 1));
	if (xs.length === 0) return undefined;
	const margin = DRAWING_MARGIN + Math.max(...strokes.map((s) => s.width)) / 2;
	const x = Math.max(0, Math.min(...xs) - margin);
	const y = Math.max(0, Math.min(...ys) - margin);
	const w = Math.max(ITEM_MIN_SIDE, Math.max(...xs) + margin - x);
	const h = Math.max(ITEM_MIN_SIDE, Math.max(...ys) + margin - y);
	const scale = DRAWING_BOX / Math.max(w, h);
	const local = strokes.map((stroke) => ({
		...stroke,
		width: Math.min(64, Math.max(1, stroke.width * scale)),
		points: simplifyStroke(stroke.points, tolerance).map((value, i) => Math.round((value - (i % 2 === 0 ? x : y)) * scale * 10) / 10)
	}));
	// A tap draws a dot: a stroke needs two points, so the one point is doubled.
	const whole = local.map((s) => (s.points.length === 2 ? { ...s, points: [...s.points, ...s.points] } : s));
	return { box: { x, y, w, h }, strokes: whole };
}

/** The viewBox a drawing's strokes are drawn in, for an item box of this shape. */
export function drawingViewBox(box: { w: number; h: number }): string {
	const scale = DRAWING_BOX / Math.max(box.w, box.h);
	return `0 0 ${box.w * scale} ${box.h * scale}`;
}

/** The items on the story at a moment, each in the state it was in then. Removed items are not on it. */
export function storyAt(items: readonly StoryItem[], at: number): Map<string, StoryState> {
	const result = new Map<string, StoryState>();
	for (const item of items) {
		if (item.createdAt > at) continue;
		const states = [...item.history, currentState(item)];
		let then: StoryState | undefined;
		for (const state of states) if (state.at <= at) then = state;
		if (then && then.removedAt === undefined) result.set(item.id, then);
	}
	return result;
}

export type StoryChangeKind = 'new' | 'moved' | 'removed' | 'same';

export interface StoryChange {
	itemId: string;
	change: StoryChangeKind;
	then?: StoryState;
	now?: StoryState;
	/** Who moved or removed the item, when that change kept it: the person may be another than the placer. */
	by?: StoryProvenance;
}

/** Where a state puts an item, as far as its meaning goes: its area, or off the story. */
const meaningOf = (state: StoryState) => (state.removedAt === undefined ? state.areaId : undefined);

/**
 * The state that last changed an item's meaning (another area, removed, or back) after `then` and by `now`, the move
 * or removal then-and-now shows. A shift inside an area after it does not take its place.
 */
export function meaningChangeOf(item: StoryItem, then: number, now = Infinity): StoryState | undefined {
	const states = [...item.history, currentState(item)];
	let found: StoryState | undefined;
	states.forEach((state, i) => {
		const before = states[i - 1];
		if (before && state.at > then && state.at <= now && meaningOf(state) !== meaningOf(before)) found = state;
	});
	return found;
}

/**
 * Then and now: every item on either story, marked new (not there then), removed (not there now),
 * moved (in another area) or the same. A shift inside the same area is not a change of meaning.
 */
export function compareStory(items: readonly StoryItem[], then: number, now = Infinity): StoryChange[] {
	const before = storyAt(items, then);
	const after = storyAt(items, now);
	const changes: StoryChange[] = [];
	for (const item of items) {
		const a = before.get(item.id);
		const b = after.get(item.id);
		if (!a && !b) continue;
		const change: StoryChangeKind = !a ? 'new' : !b ? 'removed' : a.areaId !== b.areaId ? 'moved' : 'same';
		const by = change === 'moved' || change === 'removed' ? meaningChangeOf(item, then, now)?.provenance : undefined;
		changes.push({ itemId: item.id, change, ...(a ? { then: a } : {}), ...(b ? { now: b } : {}), ...(by ? { by } : {}) });
	}
	return changes;
}

/** A meeting the story was worked on in, and the time of its last change there: a "then" to compare with. */
export interface StoryMoment {
	meetingId: string;
	at: number;
}

export function storyMoments(items: readonly StoryItem[]): StoryMoment[] {
	const latest = new Map<string, number>();
	for (const item of items) {
		for (const state of [...item.history, currentState(item)]) {
			if (state.meetingId) latest.set(state.meetingId, Math.max(latest.get(state.meetingId) ?? 0, state.at));
		}
	}
	return [...latest].map(([meetingId, at]) => ({ meetingId, at })).sort((a, b) => a.at - b.at);
}

/**
 * The moment a meeting's plan shows the story at: after the meeting's last change to it, or, where the meeting changed
 * nothing, at the end of the meeting's day. A plan made again later showed the story as it was then, with what later
 * meetings moved, removed and added.
 */
export function storyMomentOf(items: readonly StoryItem[], meeting: { id: string; date: string }): number {
	const own = storyMoments(items).find((moment) => moment.meetingId === meeting.id);
	if (own) return own.at;
	const [year, month, day] = meeting.date.split('-').map(Number) as [number, number, number];
	return new Date(year, month - 1, day + 1).getTime() - 1;
}

/** A person named in an item's provenance, as the meeting showed them. */
export interface NamedPerson {
	id: string;
	name: string;
	role: ParticipantRole;
}

export function storyProvenance(mode: StoryProvenance['mode'], person?: NamedPerson): StoryProvenance {
	if (mode === 'selv' || !person) return { mode };
	return { mode, participantId: person.id, name: person.name, role: person.role };
}
