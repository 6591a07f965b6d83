import { afterEach, describe, expect, it, vi } from 'vitest';
import { READ_AHEAD_MS, readAhead, readsAheadBack, sameRead, takeReadAhead } from './read-ahead.ts';

afterEach(() => {
	vi.useRealTimers();
});

describe('readAhead', () => {
	it('hands a read to the first page that asks for its key, once', async () => {
		readAhead('meeting/1', async () => 'the meeting');
		const taken = takeReadAhead<string>('meeting/1');
		expect(await taken?.read).toBe('the meeting');
		expect(takeReadAhead('meeting/1')).toBeUndefined();
		expect(takeReadAhead('meeting/2')).toBeUndefined();
	});

	it('holds the result once the read has come back, for a page made after that', async () => {
		readAhead('meeting/1', async () => 'the meeting');
		await Promise.resolve();
		await Promise.resolve();
		expect(takeReadAhead<string>('meeting/1')?.result).toEqual({ value: 'the meeting' });
	});

	it('is waited for by the page it is for until it is back, or for so long at the most', async () => {
		vi.useFakeTimers();
		let back: (value: string) => void = () => {};
		readAhead('meeting/1', () => new Promise<string>((resolve) => (back = resolve)));
		let waited = false;
		void readsAheadBack(400).then(() => (waited = true));
		await vi.advanceTimersByTimeAsync(399);
		expect(waited).toBe(false);
		back('the meeting');
		await vi.advanceTimersByTimeAsync(0);
		// Back before the page is made: its first render has it.
		expect(waited).toBe(true);
		expect(takeReadAhead<string>('meeting/1')?.result).toEqual({ value: 'the meeting' });

		readAhead('meeting/2', () => new Promise(() => {}));
		let gaveUp = false;
		void readsAheadBack(400).then(() => (gaveUp = true));
		await vi.advanceTimersByTimeAsync(400);
		expect(gaveUp).toBe(true);
		takeReadAhead('meeting/2');
	});

	it('lets a read no page took go after a while', () => {
		vi.useFakeTimers();
		readAhead('meeting/1', () => new Promise(() => {}));
		vi.advanceTimersByTime(READ_AHEAD_MS - 1);
		readAhead('meeting/2', () => new Promise(() => {}));
		vi.advanceTimersByTime(1);
		expect(takeReadAhead('meeting/1')).toBeUndefined();
		expect(takeReadAhead('meeting/2')).toBeDefined();
	});

	it('lets a failed read go: the page reads for itself', async () => {
		readAhead('meeting/1', () => Promise.reject(new Error('locked')));
		await new Promise((resolve) => setTimeout(resolve));
		expect(takeReadAhead('meeting/1')).toBeUndefined();
	});

	it('keeps the newer of two reads of the same key when the older one is let go', async () => {
		vi.useFakeTimers();
		readAhead('meeting/1', async () => 'older');
		vi.advanceTimersByTime(READ_AHEAD_MS / 2);
		readAhead('meeting/1', async () => 'newer');
		vi.advanceTimersByTime(READ_AHEAD_MS / 2);
		expect(await takeReadAhead('meeting/1')?.read).toBe('newer');
	});
});

describe('sameRead', () => {
	const content = { kind: 'symbol', value: 'ja' };
	const answer = { id: 'a1', createdAt: 1, content };

	it('finds records rebuilt around the same opened parts the same', () => {
		expect(sameRead([{ ...answer }, { ...answer, id: 'a2' }], [{ ...answer }, { ...answer, id: 'a2' }])).toBe(true);
		expect(sameRead({ meeting: { ...answer }, citizen: undefined }, { meeting: { ...answer }, citizen: undefined })).toBe(true);
		expect(sameRead(7, 7)).toBe(true);
	});

	it('finds a changed, added, removed or reordered record different', () => {
		expect(sameRead([answer], [{ ...answer, createdAt: 2 }])).toBe(false);
		expect(sameRead([answer], [answer, answer])).toBe(false);
		expect(sameRead([answer, { ...answer, id: 'a2' }], [{ ...answer, id: 'a2' }, answer])).toBe(false);
		expect(sameRead({ meeting: answer }, { meeting: answer, citizen: answer })).toBe(false);
		expect(sameRead({ meeting: answer, citizen: undefined }, { meeting: answer, other: undefined })).toBe(false);
		expect(sameRead(7, 8)).toBe(false);
	});

	it('does not look into parts that are not the very same object: equal content read anew counts as changed', () => {
		expect(sameRead([answer], [{ ...answer, content: { ...content } }])).toBe(false);
	});

	it('compares only plain objects and arrays by their parts', () => {
		const blob = new Blob(['a']);
		expect(sameRead({ photo: blob }, { photo: blob })).toBe(true);
		expect(sameRead({ photo: blob }, { photo: new Blob(['a']) })).toBe(false);
		expect(sameRead(new Map(), new Map())).toBe(false);
		expect(sameRead([], {})).toBe(false);
		expect(sameRead(undefined, null)).toBe(false);
	});
});
