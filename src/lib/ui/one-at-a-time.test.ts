import { describe, expect, it, vi } from 'vitest';
import { oneAfterAnother, oneAtATime, singleClick } from './one-at-a-time.ts';

describe('oneAtATime', () => {
	it('with a key, drops a second call for the same key only', async () => {
		const finishes: Array<() => void> = [];
		const action = vi.fn((_goal: string) => new Promise<void>((resolve) => finishes.push(resolve)));
		const carry = oneAtATime(action, (goal) => goal);
		const first = carry('bage');
		void carry('bage');
		const second = carry('cykle');
		expect(action.mock.calls).toEqual([['bage'], ['cykle']]);
		finishes.forEach((finish) => finish());
		await Promise.all([first, second]);
	});

	it('lets the next call run after one that failed', async () => {
		const action = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValueOnce(undefined);
		const submit = oneAtATime(action);
		await expect(submit()).rejects.toThrow('disk full');
		await submit();
		expect(action).toHaveBeenCalledTimes(2);
	});
});

describe('oneAfterAnother', () => {
	// A form: the action stores what the field holds and empties it when that is still what it holds.
	function form() {
		const stored: string[] = [];
		const finishes: Array<() => void> = [];
		const state = { field: '' };
		const submit = oneAfterAnother(async () => {
			const text = state.field;
			if (text === '') return;
			await new Promise<void>((resolve) => finishes.push(resolve));
			stored.push(text);
			if (state.field === text) state.field = '';
		});
		const finishNext = async () => {
			await vi.waitFor(() => expect(finishes.length).toBeGreaterThan(0));
			finishes.shift()!();
		};
		return { stored, state, submit, finishNext, finishes };
	}

	it("stores a double click's text once: the second submit runs after the first and finds the field empty", async () => {
		const { stored, state, submit, finishNext, finishes } = form();
		state.field = 'Jeg vil bage boller';
		const first = submit();
		const second = submit();
		await finishNext();
		await Promise.all([first, second]);
		expect(stored).toEqual(['Jeg vil bage boller']);
		expect(finishes).toEqual([]);
	});

	it('stores the next text typed and sent while the first is still being stored, after it', async () => {
		const { stored, state, submit, finishNext } = form();
		state.field = 'Jeg vil bage boller';
		const first = submit();
		state.field = 'Jeg vil cykle';
		const second = submit();
		const third = submit();
		await finishNext();
		await finishNext();
		await Promise.all([first, second, third]);
		expect(stored).toEqual(['Jeg vil bage boller', 'Jeg vil cykle']);
		expect(state.field).toBe('');
	});

	it('runs the waiting submit after one that failed, and hands each caller its own outcome', async () => {
		const action = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValueOnce(undefined);
		const submit = oneAfterAnother(action);
		const first = submit();
		const second = submit();
		await expect(first).rejects.toThrow('disk full');
		await expect(second).resolves.toBeUndefined();
		expect(action).toHaveBeenCalledTimes(2);
	});
});

describe('singleClick', () => {
	it('acts on a click, a tap or a key, not on the second click of a double click', () => {
		const act = vi.fn();
		const onclick = singleClick(act);
		for (const detail of [1, 0, 2, 3]) onclick({ detail } as MouseEvent);
		expect(act).toHaveBeenCalledTimes(2);
	});
});
