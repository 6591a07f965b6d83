/// <reference lib="webworker" />
import { chooseStoredType, fitWithin, JPEG_QUALITY, withinLimits } from './picture-format.ts';
import type { PictureOutcome, PictureRequest, PictureResponse } from './picture-protocol.ts';

/*
 * Decodes a picture from outside and draws it anew, off the page's thread: what is stored is only the
 * pixels, so metadata (EXIF with GPS), extra frames and anything hidden in the file are left behind. The
 * page has already checked the sizes the header declares; here the real decoded frame is checked before
 * the canvas and the pixel read-back are allocated, which a lying header cannot get past.
 */

async function reencode(request: PictureRequest): Promise<PictureOutcome> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(new Blob([request.bytes], { type: request.type }));
	} catch {
		return { ok: false, refusal: 'undecodable' };
	}
	try {
		const real = { width: bitmap.width, height: bitmap.height };
		if (!withinLimits(real, request.limits)) return { ok: false, refusal: 'tooLarge', ...real };
		const { width, height } = fitWithin(real, request.fitSide);
		const canvas = new OffscreenCanvas(width, height);
		const context = canvas.getContext('2d', { willReadFrequently: true });
		if (!context) return { ok: false, refusal: 'undecodable' };
		context.drawImage(bitmap, 0, 0, width, height);
		const type = chooseStoredType(context.getImageData(0, 0, width, height).data);
		const blob = await canvas.convertToBlob(type === 'image/jpeg' ? { type, quality: JPEG_QUALITY } : { type });
		return { ok: true, bytes: await blob.arrayBuffer(), type };
	} finally {
		bitmap.close();
	}
}

self.onmessage = async ({ data }: MessageEvent<PictureRequest>) => {
	let response: PictureResponse;
	try {
		response = { id: data.id, ...(await reencode(data)) };
	} catch {
		response = { id: data.id, ok: false, refusal: 'undecodable' };
	}
	self.postMessage(response, response.ok ? [response.bytes] : []);
};
