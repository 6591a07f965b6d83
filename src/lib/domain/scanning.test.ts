import { describe, expect, it } from 'vitest';
import {
	DWELL_NONE,
	dwellCheck,
	dwellMove,
	dwellProgress,
	REPEAT_RADIUS_PX,
	rowsByPosition,
	SCAN_IDLE,
	scanDelay,
	scanStep,
	slidOff,
	TAP_IDLE,
	TAP_SLOP_PX,
	tapHold,
	tapPress,
	tapRelease,
	type ScanEvent,
	type ScanMode,
	type ScanState,
	type TapFilterSettings
} from './scanning.ts';

const timing = { intervalMs: 1000, startDelayMs: 500, loops: 2 };

function run(rows: number[], mode: ScanMode, events: ScanEvent[]) {
	let state: ScanState = SCAN_IDLE;
	const seen: string[] = [];
	let selected: { row: number; cell: number } | undefined;
	for (const event of events) {
		const result = scanStep(rows, mode, timing, state, event);
		state = result.state;
		selected = result.selected ?? selected;
		seen.push(state.phase === 'idle' ? 'idle' : state.phase === 'rows' ? `r${state.row}` : `c${state.row}.${state.cell}`);
	}
	return { seen, selected, state };
}

describe('one-switch automatic scanning', () => {
	it('visits rows in order, then the cells of the chosen row, and selects the highlighted cell', () => {
		const { seen, selected } = run([3, 3, 2], 'auto', ['switch', 'tick', 'switch', 'tick', 'tick', 'switch']);
		expect(seen).toEqual(['r0', 'r1', 'c1.0', 'c1.1', 'c1.2', 'idle']);
		expect(selected).toEqual({ row: 1, cell: 2 });
	});

	it('stops after the set number of passes without a choice', () => {
		const { seen } = run([1, 1, 1], 'auto', ['switch', 'tick', 'tick', 'tick', 'tick', 'tick', 'tick']);
		expect(seen).toEqual(['r0', 'r1', 'r2', 'r0', 'r1', 'r2', 'idle']);
	});

	it('goes back to the rows after passing a row’s cells the set number of times', () => {
		const { seen } = run([2, 2], 'auto', ['switch', 'switch', 'tick', 'tick', 'tick', 'tick']);
		expect(seen).toEqual(['r0', 'c0.0', 'c0.1', 'c0.0', 'c0.1', 'r0']);
	});

	it('selects a row of one target at once, and a single row starts in its cells', () => {
		expect(run([1, 4], 'auto', ['switch', 'switch']).selected).toEqual({ row: 0, cell: 0 });
		expect(run([4], 'auto', ['switch', 'tick', 'switch']).selected).toEqual({ row: 0, cell: 1 });
	});

	it('holds the first item of a pass longer by the start delay', () => {
		expect(scanDelay('auto', timing, { phase: 'rows', row: 0, pass: 0 })).toBe(1500);
		expect(scanDelay('auto', timing, { phase: 'rows', row: 1, pass: 0 })).toBe(1000);
		expect(scanDelay('auto', timing, { phase: 'rows', row: 0, pass: 1 })).toBe(1000);
		expect(scanDelay('auto', timing, { phase: 'cells', row: 1, cell: 0, pass: 0 })).toBe(1500);
		expect(scanDelay('auto', timing, SCAN_IDLE)).toBeUndefined();
	});

	it('does nothing with no targets, and cancel always ends', () => {
		expect(run([], 'auto', ['switch']).seen).toEqual(['idle']);
		expect(run([2, 2], 'auto', ['switch', 'cancel']).seen).toEqual(['r0', 'idle']);
	});
});

describe('two-switch step scanning', () => {
	it('one switch moves, the other selects; time moves nothing', () => {
		const { seen, selected } = run([2, 3], 'step', ['move', 'tick', 'move', 'switch', 'move', 'tick', 'move', 'switch']);
		expect(seen).toEqual(['r0', 'r0', 'r1', 'c1.0', 'c1.1', 'c1.1', 'c1.2', 'idle']);
		expect(selected).toEqual({ row: 1, cell: 2 });
		expect(scanDelay('step', timing, { phase: 'rows', row: 0, pass: 0 })).toBeUndefined();
	});

	it('goes back to the rows after one pass over a row’s cells, so a row chosen by mistake can be left', () => {
		const { seen, selected } = run([3, 2], 'step', ['move', 'switch', 'move', 'move', 'move', 'move', 'switch', 'move', 'switch']);
		expect(seen).toEqual(['r0', 'c0.0', 'c0.1', 'c0.2', 'r0', 'r1', 'c1.0', 'c1.1', 'idle']);
		expect(selected).toEqual({ row: 1, cell: 1 });
		// A single row starts in its cells and comes back to itself.
		expect(run([2], 'step', ['move', 'move', 'move', 'switch']).seen).toEqual(['c0.0', 'c0.1', 'r0', 'c0.0']);
	});

	it('wraps round without giving up, and the select switch alone does not start', () => {
		expect(run([1, 1], 'step', ['move', 'move', 'move', 'move', 'move']).seen).toEqual(['r0', 'r1', 'r0', 'r1', 'r0']);
		expect(run([1, 1], 'step', ['switch']).seen).toEqual(['idle']);
	});
});

describe('rows by position', () => {
	it('puts targets in reading order whatever their order in the markup', () => {
		const boxes = { b: { top: 0, left: 100 }, a: { top: 2, left: 0 }, d: { top: 100, left: 90 }, c: { top: 100, left: 10 } };
		const rows = rowsByPosition(Object.keys(boxes) as (keyof typeof boxes)[], (key) => ({ ...boxes[key], height: 80 }));
		expect(rows).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
	});
});

describe('dwell', () => {
	it('selects once after resting the set time, restarts on a new target, never repeats without leaving', () => {
		let state = dwellMove(DWELL_NONE, 'ja', 0);
		expect(dwellProgress(state, 1000, 500)).toBe(0.5);
		expect(dwellCheck(state, 1000, 999).select).toBeUndefined();
		state = dwellMove(state, 'nej', 600);
		expect(dwellCheck(state, 1000, 1200).select).toBeUndefined();
		const fired = dwellCheck(state, 1000, 1600);
		expect(fired.select).toBe('nej');
		expect(dwellCheck(fired.state, 1000, 5000).select).toBeUndefined();
		expect(dwellMove(fired.state, 'nej', 6000)).toBe(fired.state);
		const back = dwellMove(dwellMove(fired.state, undefined, 6000), 'nej', 6100);
		expect(dwellCheck(back, 1000, 7100).select).toBe('nej');
	});

	it('after a dwell fires, a target that appears under the resting pointer waits until the pointer moves away', () => {
		const folder = dwellMove(DWELL_NONE, 'mappe', 0, { x: 100, y: 100 });
		const fired = dwellCheck(folder, 1000, 1000, { x: 102, y: 101 });
		expect(fired.select).toBe('mappe');
		// The folder's board replaced it: its cell under the pointer, and the pointer's jitter, start nothing.
		expect(dwellMove(fired.state, 'glad', 1100, { x: 110, y: 95 })).toBe(fired.state);
		expect(dwellMove(fired.state, 'glad', 1200, { x: 100 + REPEAT_RADIUS_PX, y: 100 })).toBe(fired.state);
		// Looking at another cell, or coming back after that, dwells as usual.
		const moved = dwellMove(fired.state, 'vred', 1300, { x: 160, y: 100 });
		expect(dwellCheck(moved, 1000, 2300, { x: 160, y: 100 }).select).toBe('vred');
		const again = dwellMove(moved, 'glad', 2400, { x: 100, y: 100 });
		expect(dwellCheck(again, 1000, 3400).select).toBe('glad');
	});
});

describe('tap filter', () => {
	const release: TapFilterSettings = { ignoreRepeatsMs: 400, holdMs: 0, activateOn: 'release' };

	function taps(settings: TapFilterSettings, presses: [down: number, up: number, target?: string][]): number[] {
		let state = TAP_IDLE;
		const selectedAt: number[] = [];
		for (const [down, up, target = 'ja'] of presses) {
			let step = tapPress(settings, state, down, target);
			if (step.select) selectedAt.push(down);
			step = tapHold(settings, step.state, up);
			if (step.select) selectedAt.push(up);
			step = tapRelease(settings, step.state, up, target);
			if (step.select) selectedAt.push(up);
			state = step.state;
		}
		return selectedAt;
	}

	it('ignores a second tap within the repeat time, and counts one after it', () => {
		expect(
			taps(release, [
				[0, 80],
				[200, 260],
				[1000, 1080]
			])
		).toEqual([80, 1080]);
	});

	it('a tremor of quick taps gives one selection', () => {
		expect(
			taps(release, [
				[0, 50],
				[300, 350],
				[600, 650],
				[900, 950]
			])
		).toEqual([50]);
	});

	it('on press selects when the finger goes down; a hold time must be reached first', () => {
		expect(taps({ ...release, activateOn: 'press' }, [[100, 180]])).toEqual([100]);
		expect(taps({ ...release, holdMs: 300 }, [[0, 200]])).toEqual([]);
		expect(taps({ ...release, holdMs: 300 }, [[0, 400]])).toEqual([400]);
		expect(taps({ ignoreRepeatsMs: 0, holdMs: 300, activateOn: 'press' }, [[0, 500]])).toEqual([500]);
	});

	it('a quick tap on another target is not a repeat, and sliding off before lifting cancels', () => {
		expect(
			taps(release, [
				[0, 50, 'ja'],
				[100, 150, 'nej']
			])
		).toEqual([50, 150]);
		const pressed = tapPress(release, TAP_IDLE, 0, 'ja').state;
		expect(tapRelease(release, pressed, 100, 'nej').select).toBe(false);
		expect(tapRelease(release, pressed, 100, undefined).select).toBe(false);
	});

	it('a second tap on the same spot within the repeat time is a repeat, even on the cell a folder put there', () => {
		const spot = { x: 200, y: 300 };
		let state = tapRelease(release, tapPress(release, TAP_IDLE, 0, 'mappe', spot).state, 60, 'mappe', spot).state;
		const second = tapPress(release, state, 150, 'tryg', { x: 205, y: 296 });
		expect(tapRelease(release, second.state, 210, 'tryg', { x: 205, y: 296 }).select).toBe(false);
		// A quick tap on the next cell (a cell away) is deliberate; after the repeat time the same spot taps again.
		state = tapRelease(release, tapPress(release, TAP_IDLE, 0, 'ja', spot).state, 60, 'ja', spot).state;
		const next = { x: spot.x + REPEAT_RADIUS_PX + 20, y: spot.y };
		expect(tapRelease(release, tapPress(release, state, 150, 'nej', next).state, 210, 'nej', next).select).toBe(true);
		expect(tapRelease(release, tapPress(release, state, 500, 'tryg', spot).state, 560, 'tryg', spot).select).toBe(true);
		// On press, the press's place counts.
		const press = { ...release, activateOn: 'press' as const };
		state = tapPress(press, TAP_IDLE, 0, 'mappe', spot).state;
		expect(tapPress(press, state, 150, 'tryg', spot).select).toBe(false);
	});

	it('a finger that moved further than a tap allows slid off or dragged: its release is no tap', () => {
		const down = { x: 100, y: 100 };
		expect(slidOff(down, { x: 100, y: 100 })).toBe(false);
		expect(slidOff(down, { x: 100 + TAP_SLOP_PX, y: 100 })).toBe(false);
		expect(slidOff(down, { x: 108, y: 108 })).toBe(true);
		expect(slidOff(down, { x: 40, y: 100 })).toBe(true);
	});

	it('with the filter off every tap counts', () => {
		expect(
			taps({ ...release, ignoreRepeatsMs: 0 }, [
				[0, 10],
				[20, 30]
			])
		).toEqual([10, 30]);
	});
});
