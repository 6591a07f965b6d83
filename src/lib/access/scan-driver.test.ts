import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScanMode, ScanState } from '#lib/domain/scanning.ts';
import { ScanDriver } from './scan-driver.ts';

function label(state: ScanState): string {
	return state.phase === 'idle' ? 'idle' : state.phase === 'rows' ? `r${state.row}` : `c${state.row}.${state.cell}`;
}

function driver(mode: ScanMode, rows: number[]) {
	const seen: string[] = [];
	const selected: string[] = [];
	const scan = new ScanDriver({
		mode: () => mode,
		timing: () => ({ intervalMs: 1000, startDelayMs: 500, loops: 1 }),
		rows: () => rows,
		onchange: (state) => seen.push(label(state)),
		onselect: (row, cell) => selected.push(`${row}.${cell}`)
	});
	return { scan, seen, selected };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the scan driver in real time', () => {
	it('moves the highlight by the interval, holding the first item longer, and selects on the switch', () => {
		const { scan, seen, selected } = driver('auto', [2, 2]);
		scan.press('switch');
		vi.advanceTimersByTime(1499);
		expect(seen).toEqual(['r0']);
		vi.advanceTimersByTime(1);
		expect(seen).toEqual(['r0', 'r1']);
		scan.press('switch');
		vi.advanceTimersByTime(1500);
		expect(seen).toEqual(['r0', 'r1', 'c1.0', 'c1.1']);
		scan.press('switch');
		expect(selected).toEqual(['1.1']);
		vi.advanceTimersByTime(60_000);
		expect(seen.at(-1)).toBe('idle');
		expect(vi.getTimerCount()).toBe(0);
	});

	it('stops by itself after its passes, leaving no timer behind', () => {
		const { scan, seen } = driver('auto', [1, 1]);
		scan.press('switch');
		vi.advanceTimersByTime(1500 + 1000);
		expect(seen).toEqual(['r0', 'r1', 'idle']);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('step mode waits for the move switch and never moves on its own', () => {
		const { scan, seen, selected } = driver('step', [3]);
		scan.press('move');
		vi.advanceTimersByTime(10_000);
		scan.press('move');
		scan.press('switch');
		expect(seen).toEqual(['c0.0', 'c0.1', 'idle']);
		expect(selected).toEqual(['0.1']);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('reads the targets again at the start of each pass', () => {
		const rows = [1];
		const { scan, selected } = driver('auto', rows);
		scan.press('switch');
		rows.push(1);
		scan.press('switch');
		expect(selected).toEqual(['0.0']);
	});
});
