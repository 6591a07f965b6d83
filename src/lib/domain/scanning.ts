/*
 * Switch scanning, dwell and tap filters as pure rules: no timers, no DOM. The access folder drives them with real time
 * and the page's targets; tests drive them with numbers.
 *
 * Scanning is row → cell: a pass highlights the rows one by one; choosing a row highlights its cells one by one;
 * choosing a cell selects it; passing a row's cells without a choice goes back to the rows. One switch: time moves the
 * highlight ("tick"), the switch chooses. Two switches: one switch moves, the other chooses, and time does nothing.
 */

export type ScanMode = 'auto' | 'step';

export interface ScanTiming {
	intervalMs: number;
	startDelayMs: number;
	/** Passes over the rows (or over a row's cells) without a choice before scanning gives up. */
	loops: number;
}

export type ScanState =
	{ phase: 'idle' } | { phase: 'rows'; row: number; pass: number } | { phase: 'cells'; row: number; cell: number; pass: number };

export type ScanEvent = 'switch' | 'move' | 'tick' | 'cancel';

export interface ScanResult {
	state: ScanState;
	/** Set when a cell was chosen: the caller activates it. */
	selected?: { row: number; cell: number };
}

export const SCAN_IDLE: ScanState = { phase: 'idle' };

/**
 * The next state. `rows` holds the number of targets in each row (rows with none are never offered).
 * In auto mode the first switch press starts a pass and later presses choose; in step mode "move" starts and moves.
 */
export function scanStep(rows: readonly number[], mode: ScanMode, timing: ScanTiming, state: ScanState, event: ScanEvent): ScanResult {
	const rowCount = rows.length;
	if (rowCount === 0 || event === 'cancel') return { state: SCAN_IDLE };
	if (event === 'tick' && mode === 'step') return { state };
	const advances = event === 'tick' || event === 'move';

	if (state.phase === 'idle') {
		if (mode === 'auto' ? event === 'switch' : event === 'move') return { state: firstRow(rows) };
		return { state };
	}

	if (state.phase === 'rows') {
		if (advances) {
			const next = state.row + 1;
			if (next < rowCount) return { state: { ...state, row: next } };
			// Wrapping round ends a pass; automatic scanning stops after the set number of passes.
			if (mode === 'auto' && state.pass + 1 >= timing.loops) return { state: SCAN_IDLE };
			return { state: { phase: 'rows', row: 0, pass: state.pass + 1 } };
		}
		// A row with one target needs no second choice.
		if (rows[state.row] === 1) return { state: SCAN_IDLE, selected: { row: state.row, cell: 0 } };
		return { state: { phase: 'cells', row: state.row, cell: 0, pass: 0 } };
	}

	if (advances) {
		const next = state.cell + 1;
		if (next < (rows[state.row] ?? 0)) return { state: { ...state, cell: next } };
		// Passing the row's cells without a choice goes back to the rows: the wrong row was probably chosen. With two
		// switches that is one pass: going round the cells for ever, the only way out was choosing one of them.
		if (mode === 'step' || state.pass + 1 >= timing.loops) return { state: { phase: 'rows', row: state.row, pass: 0 } };
		return { state: { ...state, cell: 0, pass: state.pass + 1 } };
	}
	return { state: SCAN_IDLE, selected: { row: state.row, cell: state.cell } };
}

function firstRow(rows: readonly number[]): ScanState {
	// One row goes straight to its cells: choosing the only row would be a wasted press.
	return rows.length === 1 ? { phase: 'cells', row: 0, cell: 0, pass: 0 } : { phase: 'rows', row: 0, pass: 0 };
}

/** How long the current highlight stays before the next tick; undefined when time moves nothing. */
export function scanDelay(mode: ScanMode, timing: ScanTiming, state: ScanState): number | undefined {
	if (mode === 'step' || state.phase === 'idle') return undefined;
	const first = state.pass === 0 && (state.phase === 'rows' ? state.row === 0 : state.cell === 0);
	return timing.intervalMs + (first ? timing.startDelayMs : 0);
}

/** Groups targets into rows by their position on screen: reading order, whatever order the markup has. */
export function rowsByPosition<T>(targets: readonly T[], box: (target: T) => { top: number; left: number; height: number }): T[][] {
	const placed = targets.map((target) => ({ target, ...box(target) })).sort((a, b) => a.top - b.top || a.left - b.left);
	const rows: (typeof placed)[] = [];
	for (const item of placed) {
		const row = rows.at(-1);
		// Same row when the item starts above the middle of the row's first item (cells of one grid row can differ a little).
		if (row && item.top < row[0]!.top + row[0]!.height / 2) row.push(item);
		else rows.push([item]);
	}
	return rows.map((row) => row.sort((a, b) => a.left - b.left).map((item) => item.target));
}

/* Dwell: resting the pointer on a target selects it once; moving off cancels; staying does not select again. */

export interface Point {
	x: number;
	y: number;
}

/**
 * How near a second tap (or the pointer after a dwell) must stay to where a selection happened to belong to it, in CSS
 * pixels: a tremor's second tap lands within a few pixels of the first, and a head pointer at rest jitters about as much,
 * while the next cell of a board is at least a cell (44 px) away.
 */
export const REPEAT_RADIUS_PX = 24;

const near = (a: Point | undefined, b: Point | undefined) =>
	a !== undefined && b !== undefined && Math.hypot(a.x - b.x, a.y - b.y) <= REPEAT_RADIUS_PX;

export interface DwellState {
	target?: string;
	since: number;
	fired: boolean;
	/** Where the pointer was when the dwell fired: a target the choice put there (a folder's cell) waits until it moves away. */
	firedAt?: Point;
}

export const DWELL_NONE: DwellState = { since: 0, fired: false };

/**
 * The pointer is now over `target` (or over nothing) at `at`. Entering a new target restarts the clock, except while the
 * pointer rests where a dwell has just fired: the new board's cell under it was not looked at, it appeared there.
 */
export function dwellMove(state: DwellState, target: string | undefined, now: number, at?: Point): DwellState {
	if (target === state.target) return state;
	if (state.fired && target !== undefined && near(state.firedAt, at)) return state;
	return { target, since: now, fired: false };
}

/** Progress 0…1 of the current dwell, for the ring. */
export function dwellProgress(state: DwellState, dwellMs: number, now: number): number {
	if (!state.target || state.fired) return 0;
	return Math.min(1, Math.max(0, (now - state.since) / dwellMs));
}

/** Whether the dwell is complete now, the pointer at `at`; the returned state remembers that, and where, it fired. */
export function dwellCheck(state: DwellState, dwellMs: number, now: number, at?: Point): { state: DwellState; select?: string } {
	if (!state.target || state.fired || now - state.since < dwellMs) return { state };
	return { state: { ...state, fired: true, firedAt: at }, select: state.target };
}

/* Tap filter: which presses and releases count as a selection. */

export interface TapFilterSettings {
	ignoreRepeatsMs: number;
	holdMs: number;
	activateOn: 'press' | 'release';
}

export interface TapState {
	pressedAt?: number;
	pressed?: string;
	pressedPoint?: Point;
	/** When, on which target and where, the last selection (or swallowed repeat) happened. */
	lastAt?: number;
	last?: string;
	lastPoint?: Point;
	/** Whether the current press already selected (activate on press). */
	done: boolean;
}

export const TAP_IDLE: TapState = { done: false };

type TapStep = { state: TapState; select: boolean };

/**
 * A repeat is a second tap on the same target, or on the same spot: tapping two different pictures quickly is deliberate,
 * but a tremor's second tap on a folder lands on the cell of the new board that took the folder's place.
 */
function repeated(settings: TapFilterSettings, state: TapState, now: number, target: string, at?: Point): boolean {
	const soon = state.lastAt !== undefined && settings.ignoreRepeatsMs > 0 && now - state.lastAt < settings.ignoreRepeatsMs;
	return soon && (state.last === target || near(state.lastPoint, at));
}

/** A finger or pointer goes down on a target at `at`. On-press selection without a hold time selects here. */
export function tapPress(settings: TapFilterSettings, state: TapState, now: number, target: string, at?: Point): TapStep {
	const pressed = { ...state, pressedAt: now, pressed: target, pressedPoint: at, done: false };
	if (settings.activateOn === 'press' && settings.holdMs === 0) return tapAccept(settings, pressed, now, target, at);
	return { state: pressed, select: false };
}

/** Time passes while held: on-press selection with a hold time selects once the hold is reached. */
export function tapHold(settings: TapFilterSettings, state: TapState, now: number): TapStep {
	const { pressedAt, pressed } = state;
	if (settings.activateOn !== 'press' || pressedAt === undefined || pressed === undefined || state.done) return { state, select: false };
	if (now - pressedAt < settings.holdMs) return { state, select: false };
	return tapAccept(settings, state, now, pressed, state.pressedPoint);
}

/** The finger is lifted at `at`; `target` is what it is over now (undefined: it slid off, which cancels). */
export function tapRelease(settings: TapFilterSettings, state: TapState, now: number, target: string | undefined, at?: Point): TapStep {
	const { pressedAt, pressed } = state;
	const released = { ...state, pressedAt: undefined, pressed: undefined, pressedPoint: undefined, done: false };
	if (settings.activateOn === 'press' || pressedAt === undefined || target === undefined || target !== pressed) {
		return { state: released, select: false };
	}
	if (now - pressedAt < settings.holdMs) return { state: released, select: false };
	return tapAccept(settings, released, now, target, at);
}

/**
 * How far a finger may move between press and release and still tap, in CSS pixels: further is a drag or a slide off
 * the target (with a finger the press's target keeps receiving the release wherever it lands, so the distance decides).
 * About what the browser's own tap detection allows before it makes no click.
 */
export const TAP_SLOP_PX = 10;

/** Whether a finger lifted at `up` after pressing at `down` moved too far for a tap. */
export function slidOff(down: { x: number; y: number }, up: { x: number; y: number }): boolean {
	return Math.hypot(up.x - down.x, up.y - down.y) > TAP_SLOP_PX;
}

/** A selection (`at` where a pointer made it; none for a key's or a script's click): only the repeat filter applies. */
export function tapAccept(settings: TapFilterSettings, state: TapState, now: number, target: string, at?: Point): TapStep {
	// A repeat is swallowed but still counts as the last tap: a tremor of five taps gives one selection, not three.
	const next = { ...state, done: true, lastAt: now, last: target, lastPoint: at };
	return { state: next, select: !repeated(settings, state, now, target, at) };
}
