import wasmUrl from 'espeak-ng/dist/espeak-ng.wasm?url';

/** What the page asks the offline voice's worker (offline-tts.worker.ts) for, and what it answers. */
export interface OfflineSpeechRequest {
	id: number;
	text: string;
	rate: number;
	pitch: number;
	wasmUrl: string;
}
export type OfflineSpeechResponse = { id: number; clip: Blob; error?: undefined } | { id: number; error: string };

type Pending = { resolve(clip: Blob): void; reject(error: Error): void };

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/** A worker that failed is dropped with what it held, so the next utterance starts a fresh one. */
function stop(reason: string): void {
	worker?.terminate();
	worker = undefined;
	for (const waiting of pending.values()) waiting.reject(new Error(reason));
	pending.clear();
}

function start(): Worker {
	const started = new Worker(new URL('./offline-tts.worker.ts', import.meta.url), { type: 'module' });
	started.onmessage = ({ data }: MessageEvent<OfflineSpeechResponse>) => {
		const waiting = pending.get(data.id);
		pending.delete(data.id);
		if (data.error === undefined) waiting?.resolve(data.clip);
		else waiting?.reject(new Error(data.error));
	};
	started.onerror = (event) => stop(event.message || 'The offline voice failed');
	return started;
}

/** Speaks `text` with the offline Danish voice into a WAV clip, in a worker (the module is compiled there once). */
export function synthesizeInWorker(text: string, rate: number, pitch: number): Promise<Blob> {
	worker ??= start();
	const id = nextId++;
	const clip = new Promise<Blob>((resolve, reject) => pending.set(id, { resolve, reject }));
	worker.postMessage({ id, text, rate, pitch, wasmUrl } satisfies OfflineSpeechRequest);
	return clip;
}
