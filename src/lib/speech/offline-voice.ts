import wasmUrl from 'espeak-ng/dist/espeak-ng.wasm?url';

/**
 * What the page asks the offline voice's worker (offline-tts.worker.ts) for, and what it answers: a clip, or (`prepare`,
 * no answer) eSpeak NG made ready before the first word.
 */
export type OfflineSpeechRequest =
	{ kind: 'speak'; id: number; text: string; rate: number; pitch: number; wasmUrl: string } | { kind: 'prepare'; wasmUrl: string };
export type OfflineSpeechResponse = { id: number; clip: Blob; error?: undefined } | { id: number; error: string };

/** eSpeak NG is compiled on first use (an 18 MB module), so the offline voice gets this long to make its first clip. */
export const OFFLINE_VOICE_START_MS = 25_000;
/**
 * After a worker that did not answer in time, the offline voice is not tried again for this long: each tap in between
 * says "Ingen lyd" at once instead of waiting 25 s for a voice that just hung. Then one fresh worker gets its full time.
 */
export const OFFLINE_VOICE_RETRY_MS = 60_000;

type Pending = { resolve(clip: Blob): void; reject(error: Error): void };

let worker: Worker | undefined;
/** When the worker must have answered: set from its start, not from each tap, so taps while it gets ready do not wait anew. */
let answerBy = 0;
let deadline: ReturnType<typeof setTimeout> | undefined;
/** Until then the offline voice is not tried: its last worker hung. */
let restingUntil = 0;
let nextId = 1;
const pending = new Map<number, Pending>();

/** A worker that failed or hung is ended with what it held, so the next utterance starts a fresh one. */
function stop(reason: string): void {
	clearTimeout(deadline);
	worker?.terminate();
	worker = undefined;
	for (const waiting of pending.values()) waiting.reject(new Error(reason));
	pending.clear();
}

/** Ends the worker when it has not answered by `answerBy`. */
function watch(): void {
	clearTimeout(deadline);
	deadline = setTimeout(() => {
		restingUntil = Date.now() + OFFLINE_VOICE_RETRY_MS;
		stop(`The offline voice did not answer within ${OFFLINE_VOICE_START_MS} ms`);
	}, answerBy - Date.now());
}

function start(): Worker {
	const started = new Worker(new URL('./offline-tts.worker.ts', import.meta.url), { type: 'module' });
	started.onmessage = ({ data }: MessageEvent<OfflineSpeechResponse>) => {
		const waiting = pending.get(data.id);
		pending.delete(data.id);
		// It answers: what is still asked of it gets its own time, counted from now.
		if (pending.size === 0) clearTimeout(deadline);
		else {
			answerBy = Date.now() + OFFLINE_VOICE_START_MS;
			watch();
		}
		if (data.error === undefined) waiting?.resolve(data.clip);
		else waiting?.reject(new Error(data.error));
	};
	started.onerror = (event) => stop(event.message || 'The offline voice failed');
	return started;
}

/*
 * Clips already made, newest last: a citizen taps the same few words again and again ("Ja", "Pause", a board's folder),
 * and each new clip runs the whole of eSpeak NG anew (100–200 ms of a thread on a slow tablet, beside the tap's save on
 * a 2-core tablet). A word said before sounds at once. Kept in this tab's memory only, and forgotten with the words on
 * screen when a page opens for another citizen (forgetClips, from speech.svelte.ts forgetSpeech).
 */
const CLIPS_KEPT = 64;
const clips = new Map<string, Promise<Blob>>();

export function forgetClips(): void {
	clips.clear();
}

/**
 * Speaks `text` with the offline Danish voice into a WAV clip, in a worker (the module is compiled there once); a text
 * said before at the same speed and pitch comes from the clips kept. Rejects when the worker has not answered in its
 * time (the worker is then ended), and at once while resting after that.
 */
export function synthesizeInWorker(text: string, rate: number, pitch: number): Promise<Blob> {
	const key = JSON.stringify([text, rate, pitch]);
	const kept = clips.get(key);
	if (kept) {
		// Said again: newest now, so the words in use stay while others go.
		clips.delete(key);
		clips.set(key, kept);
		return kept;
	}
	const clip = synthesize(text, rate, pitch);
	clips.set(key, clip);
	if (clips.size > CLIPS_KEPT) clips.delete(clips.keys().next().value!);
	// A clip that failed is not kept: the next tap tries again.
	clip.catch(() => clips.get(key) === clip && clips.delete(key));
	return clip;
}

function synthesize(text: string, rate: number, pitch: number): Promise<Blob> {
	if (Date.now() < restingUntil) return Promise.reject(new Error('The offline voice hung a moment ago'));
	if (!worker) {
		worker = start();
		answerBy = Date.now() + OFFLINE_VOICE_START_MS;
	} else if (pending.size === 0) answerBy = Date.now() + OFFLINE_VOICE_START_MS;
	const id = nextId++;
	const clip = new Promise<Blob>((resolve, reject) => pending.set(id, { resolve, reject }));
	watch();
	worker.postMessage({ kind: 'speak', id, text, rate, pitch, wasmUrl } satisfies OfflineSpeechRequest);
	return clip;
}

/**
 * Starts the worker and has it compile and start eSpeak NG before any word is asked of it, so the first word said waits
 * for no 18 MB module. Nothing is watched here: a worker that hangs meanwhile is given up in the first word's own time.
 */
export function prepareOfflineVoice(): void {
	if (worker || Date.now() < restingUntil) return;
	worker = start();
	worker.postMessage({ kind: 'prepare', wasmUrl } satisfies OfflineSpeechRequest);
}
