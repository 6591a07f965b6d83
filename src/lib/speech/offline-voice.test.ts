import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	forgetClips,
	OFFLINE_VOICE_RETRY_MS,
	OFFLINE_VOICE_START_MS,
	prepareOfflineVoice,
	synthesizeInWorker,
	type OfflineSpeechRequest
} from './offline-voice.ts';

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

/** A worker that keeps what it is asked and makes a clip of each word. */
class ReadyingWorker {
	static started: ReadyingWorker[] = [];
	asked: OfflineSpeechRequest[] = [];
	onmessage: ((event: MessageEvent) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	constructor() {
		ReadyingWorker.started.push(this);
	}
	postMessage(request: OfflineSpeechRequest): void {
		this.asked.push(request);
		if (request.kind === 'speak')
			queueMicrotask(() => this.onmessage?.({ data: { id: request.id, clip: new Blob([request.text]) } } as MessageEvent));
	}
	terminate(): void {}
}

describe('the offline voice made ready ahead', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('starts one worker that readies eSpeak NG before any word, and that worker says the first word', async () => {
		vi.stubGlobal('Worker', ReadyingWorker);
		prepareOfflineVoice();
		prepareOfflineVoice();
		expect(ReadyingWorker.started).toHaveLength(1);
		const worker = ReadyingWorker.started[0]!;
		expect(worker.asked).toEqual([{ kind: 'prepare', wasmUrl: expect.any(String) }]);
		expect(await (await synthesizeInWorker('hej', 1, 1)).text()).toBe('hej');
		expect(ReadyingWorker.started).toHaveLength(1);
		expect(worker.asked.map((request) => request.kind)).toEqual(['prepare', 'speak']);
		// A worker that fails is ended, and the next readying starts a fresh one.
		worker.onerror?.({ message: 'broken' } as ErrorEvent);
		prepareOfflineVoice();
		expect(ReadyingWorker.started).toHaveLength(2);
		ReadyingWorker.started[1]!.onerror?.({ message: 'broken' } as ErrorEvent);
		forgetClips();
	});
});

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

		// The next tap is told at once, without a new worker to wait for; nor is one made ready meanwhile.
		const third = watch(synthesizeInWorker('ja', 1, 1));
		await vi.advanceTimersByTimeAsync(0);
		expect(third.error).toBeInstanceOf(Error);
		prepareOfflineVoice();
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

/** A worker that makes a clip of each text asked, or fails on "feil"; it counts what it was asked. */
class AnsweringWorker {
	static asked: string[] = [];
	onmessage: ((event: MessageEvent) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	postMessage({ id, text }: { id: number; text: string }): void {
		AnsweringWorker.asked.push(text);
		const data = text === 'feil' ? { id, error: 'eSpeak failed' } : { id, clip: new Blob([text], { type: 'audio/wav' }) };
		queueMicrotask(() => this.onmessage?.({ data } as MessageEvent));
	}
	terminate(): void {}
}

describe('the offline voice keeps the clips it made', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		// Past any rest the test above left the module in.
		vi.setSystemTime(Date.now() + 10 * OFFLINE_VOICE_RETRY_MS);
		AnsweringWorker.asked = [];
		vi.stubGlobal('Worker', AnsweringWorker);
		forgetClips();
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('says a word again from its clip, anew at another speed, after a failure and once forgotten', async () => {
		const first = await synthesizeInWorker('ja', 1, 1);
		expect(await first.text()).toBe('ja');
		expect(await synthesizeInWorker('ja', 1, 1)).toBe(first);
		expect(AnsweringWorker.asked).toEqual(['ja']);
		await synthesizeInWorker('ja', 0.8, 1);
		expect(AnsweringWorker.asked).toEqual(['ja', 'ja']);

		await expect(synthesizeInWorker('feil', 1, 1)).rejects.toThrow('eSpeak failed');
		await expect(synthesizeInWorker('feil', 1, 1)).rejects.toThrow('eSpeak failed');
		expect(AnsweringWorker.asked).toEqual(['ja', 'ja', 'feil', 'feil']);

		// Another citizen's screen: the words said for this one are not kept.
		forgetClips();
		expect(await synthesizeInWorker('ja', 1, 1)).not.toBe(first);
		expect(AnsweringWorker.asked).toEqual(['ja', 'ja', 'feil', 'feil', 'ja']);
	});

	it('keeps the 64 words said last, a word said again staying', async () => {
		await synthesizeInWorker('ja', 1, 1);
		for (let i = 0; i < 63; i++) await synthesizeInWorker(`ord ${i}`, 1, 1);
		// "ja" said again is the newest, so the next new word pushes out "ord 0", the oldest.
		await synthesizeInWorker('ja', 1, 1);
		await synthesizeInWorker('nyt', 1, 1);
		AnsweringWorker.asked = [];
		await synthesizeInWorker('ja', 1, 1);
		await synthesizeInWorker('ord 1', 1, 1);
		expect(AnsweringWorker.asked).toEqual([]);
		await synthesizeInWorker('ord 0', 1, 1);
		expect(AnsweringWorker.asked).toEqual(['ord 0']);
	});
});
