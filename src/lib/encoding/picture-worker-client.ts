import { withTimeout } from '#lib/domain/timeout.ts';
import type { PictureRequest, PictureResponse } from './picture-protocol.ts';

/** A decode that takes longer than this is treated as a picture the tablet cannot read. */
const ANSWER_WITHIN_MS = 30_000;

type Pending = (response: PictureResponse) => void;

/**
 * The page's side of the picture worker. One picture at a time, so a board file with hundreds of
 * pictures never holds more than one decoded frame in memory. A worker that fails or hangs (a decoder
 * running out of memory) is replaced, and every picture it held is refused, never taken unchecked.
 */
class PictureWorkerClient {
	private worker: Worker | undefined;
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();
	private queue: Promise<unknown> = Promise.resolve();

	private start(): Worker {
		const worker = new Worker(new URL('./picture.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = ({ data }: MessageEvent<PictureResponse>) => {
			const waiting = this.pending.get(data.id);
			this.pending.delete(data.id);
			waiting?.(data);
		};
		worker.onerror = () => this.stop();
		return worker;
	}

	private stop(): void {
		this.worker?.terminate();
		this.worker = undefined;
		for (const [id, waiting] of this.pending) waiting({ id, ok: false, refusal: 'undecodable' });
		this.pending.clear();
	}

	private send(body: Omit<PictureRequest, 'id'>): Promise<PictureResponse> {
		this.worker ??= this.start();
		const worker = this.worker;
		const id = this.nextId++;
		const answer = new Promise<PictureResponse>((resolve) => this.pending.set(id, resolve));
		worker.postMessage({ ...body, id } satisfies PictureRequest, [body.bytes]);
		return withTimeout(answer, ANSWER_WITHIN_MS).catch((): PictureResponse => {
			this.stop();
			return { id, ok: false, refusal: 'undecodable' };
		});
	}

	decode(body: Omit<PictureRequest, 'id'>): Promise<PictureResponse> {
		const turn = this.queue.then(() => this.send(body));
		this.queue = turn.catch(() => undefined);
		return turn;
	}
}

const client = new PictureWorkerClient();

/** Decodes and re-encodes one picture in the worker. Browsers without workers refuse every picture. */
export function decodeInWorker(body: Omit<PictureRequest, 'id'>): Promise<PictureResponse> {
	if (typeof Worker !== 'function') return Promise.resolve({ id: 0, ok: false, refusal: 'undecodable' });
	return client.decode(body);
}
