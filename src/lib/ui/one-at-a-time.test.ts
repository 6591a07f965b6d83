import { describe, expect, it, vi } from 'vitest';
import { oneAtATime, singleClick } from './one-at-a-time.ts';

describe('oneAtATime', () => {
	it('drops a call made while the last one runs, and runs one made after it finished', async () => {
		let finish: () => void = () => {};
		const action = vi.fn((_text: string) => new Promise<void>((resolve) => (finish = resolve)));
		const submit = oneAtATime(action);
		const first = submit('Jeg vil bage boller');
		await submit('Jeg vil bage boller');
		expect(action).toHaveBeenCalledTimes(1);
		finish();
		await first;
		const next = submit('Mor køber mel');
		finish();
		await next;
		expect(action.mock.calls).toEqual([['Jeg vil bage boller'], ['Mor køber mel']]);
	});

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

describe('singleClick', () => {
	it('acts on a click, a tap or a key, not on the second click of a double click', () => {
		const act = vi.fn();
		const onclick = singleClick(act);
		for (const detail of [1, 0, 2, 3]) onclick({ detail } as MouseEvent);
		expect(act).toHaveBeenCalledTimes(2);
	});
});
