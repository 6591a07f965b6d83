import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OFFLINE_VOICE_RETRY_MS, OFFLINE_VOICE_START_MS, synthesizeInWorker } from './offline-voice.ts';

/** A worker whose module never arrives (its wasm request is never answered): it takes requests and never answers. */
class HangingWorker {
	static started: HangingWorker[] = [];
	terminated = false;
	onmessage: ((event: MessageEvent) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	constructor() {
		HangingWorker.started.push(this);
	}
	postMessage(): void {}
	terminate(): void {
		this.terminated = true;
	}
}

/** Whether the promise has settled, and how. */
function watch(promise: Promise<unknown>) {
	const state = { settled: false, error: undefined as unknown };
	promise.then(
		() => (state.settled = true),
		(error: unknown) => Object.assign(state, { settled: true, error })
	);
	return state;
}

describe('the offline voice that hangs', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		HangingWorker.started = [];
		vi.stubGlobal('Worker', HangingWorker);
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('is given up at its time from the first tap, ended, and not waited for again until a while later', async () => {
		const first = watch(synthesizeInWorker('ja', 1, 1));
		await vi.advanceTimersByTimeAsync(3_000);
		// A second tap while it gets ready does not restart the wait.
		const second = watch(synthesizeInWorker('nej', 1, 1));
		await vi.advanceTimersByTimeAsync(OFFLINE_VOICE_START_MS - 3_000 - 1);
		expect(first.settled || second.settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(first.error).toBeInstanceOf(Error);
		expect(second.error).toBeInstanceOf(Error);
		expect(HangingWorker.started).toHaveLength(1);
		expect(HangingWorker.started[0]!.terminated).toBe(true);

		// The next tap is told at once, without a new worker to wait for.
		const third = watch(synthesizeInWorker('ja', 1, 1));
		await vi.advanceTimersByTimeAsync(0);
		expect(third.error).toBeInstanceOf(Error);
		expect(HangingWorker.started).toHaveLength(1);

		// Later one fresh worker gets its full time.
		await vi.advanceTimersByTimeAsync(OFFLINE_VOICE_RETRY_MS);
		const later = watch(synthesizeInWorker('ja', 1, 1));
		expect(HangingWorker.started).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(OFFLINE_VOICE_START_MS);
		expect(later.error).toBeInstanceOf(Error);
		expect(HangingWorker.started[1]!.terminated).toBe(true);
	});
});
