import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { speakFirstThatStarts, type SpeechAttempt } from './chain.ts';

/** A way of speaking that starts, fails, or never answers, and remembers whether it was stopped. */
function fake(engine: SpeechAttempt['engine'], behaviour: 'starts' | 'fails' | 'hangs', startWithinMs = 1_000) {
	const record = { called: false, aborted: false };
	const attempt: SpeechAttempt = {
		engine,
		startWithinMs,
		start(signal) {
			record.called = true;
			signal.addEventListener('abort', () => (record.aborted = true));
			if (behaviour === 'starts') return Promise.resolve();
			if (behaviour === 'fails') return Promise.reject(new Error('cannot play'));
			return new Promise<void>(() => {});
		}
	};
	return { attempt, record };
}

describe('the speech fallback chain', () => {
	const warnings: string[] = [];
	const warn = (message: string) => warnings.push(message);
	beforeEach(() => {
		vi.useFakeTimers();
		warnings.length = 0;
	});
	afterEach(() => vi.useRealTimers());

	it('uses the first way that starts and does not try the rest', async () => {
		const recording = fake('recording', 'starts');
		const device = fake('web', 'starts');
		await expect(speakFirstThatStarts([recording.attempt, device.attempt], warn)).resolves.toBe('recording');
		expect(device.record.called).toBe(false);
		expect(warnings).toEqual([]);
	});

	it('starts the first way in the caller’s own task, before any await', () => {
		const device = fake('web', 'starts');
		void speakFirstThatStarts([device.attempt], warn);
		expect(device.record.called).toBe(true);
	});

	it('goes on after a way that fails at once', async () => {
		const recording = fake('recording', 'fails');
		const device = fake('web', 'starts');
		await expect(speakFirstThatStarts([recording.attempt, device.attempt], warn)).resolves.toBe('web');
		expect(recording.record.aborted).toBe(true);
		expect(warnings).toEqual(['Billedtale: speech through recording did not start']);
	});

	it('gives up a way that never starts after its time, stops it, and goes on', async () => {
		const recording = fake('recording', 'hangs', 6_000);
		const device = fake('web', 'hangs', 3_000);
		const offline = fake('offline', 'starts');
		const spoken = speakFirstThatStarts([recording.attempt, device.attempt, offline.attempt], warn);
		await vi.advanceTimersByTimeAsync(5_999);
		expect(device.record.called).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(recording.record.aborted).toBe(true);
		expect(device.record.called).toBe(true);
		await vi.advanceTimersByTimeAsync(3_000);
		await expect(spoken).resolves.toBe('offline');
		expect(device.record.aborted).toBe(true);
		expect(offline.record.aborted).toBe(false);
	});

	it('ends with none, never hanging, when every way hangs or fails', async () => {
		const spoken = speakFirstThatStarts(
			[fake('recording', 'fails').attempt, fake('web', 'hangs').attempt, fake('offline', 'hangs', 25_000).attempt],
			warn
		);
		await vi.advanceTimersByTimeAsync(26_000);
		await expect(spoken).resolves.toBe('none');
		expect(warnings).toHaveLength(3);
	});

	it('a newer text stops the attempt under way and the ways after it, so an old word is never said late', async () => {
		const offline = fake('offline', 'hangs', 25_000);
		const later = fake('offline', 'starts');
		const newer = new AbortController();
		const spoken = speakFirstThatStarts([offline.attempt, later.attempt], warn, newer.signal);
		await vi.advanceTimersByTimeAsync(1_000);
		newer.abort();
		await expect(spoken).resolves.toBe('none');
		expect(offline.record.aborted).toBe(true);
		expect(later.record.called).toBe(false);
		expect(warnings).toEqual([]);
	});
});
