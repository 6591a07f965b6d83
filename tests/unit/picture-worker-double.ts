import type { PictureRequest, PictureResponse } from '#lib/encoding/picture-protocol.ts';

/*
 * Stands in for the picture worker in Node (no workers, no canvas): what the page checks before the
 * worker (type by bytes, declared sizes) runs for real; the "re-encoding" hands the bytes back under a
 * stored type, and a test can make the next decodes fail the way the worker would refuse them.
 */

export const worker = {
	/** Pictures that reached the worker, after the page's own checks. */
	decoded: 0,
	/** The next decodes refused with these reasons, in order (as the worker does for a lying header). */
	refuse: [] as Array<Extract<PictureResponse, { ok: false }>['refusal']>
};

export async function decodeInWorker(body: Omit<PictureRequest, 'id'>): Promise<PictureResponse> {
	worker.decoded++;
	const refusal = worker.refuse.shift();
	if (refusal) return { id: 0, ok: false, refusal };
	return { id: 0, ok: true, bytes: body.bytes, type: body.type === 'image/png' ? 'image/png' : 'image/jpeg' };
}
