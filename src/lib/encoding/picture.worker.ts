/// <reference lib="webworker" />
import { stripJpeg } from './jpeg-strip.ts';
import { chooseStoredType, fitWithin, JPEG_QUALITY, withinLimits } from './picture-format.ts';
import type { PictureOutcome, PictureRequest, PictureResponse } from './picture-protocol.ts';

/*
 * Decodes a picture from outside and draws it anew, off the page's thread: what is stored is only the
 * pixels, so metadata (EXIF with GPS), extra frames and anything hidden in the file are left behind. The
 * page has already checked the sizes the header declares; here the real decoded frame is checked before
 * the canvas and the pixel read-back are allocated, which a lying header cannot get past.
 * A JPEG stored at its own size keeps its compressed data instead (jpeg-strip.ts): compressing it again
 * would lose a little at every import and every backup → restore. It is the stripped bytes that are
 * decoded and checked here, so what is stored is exactly what passed.
 */

async function reencode(request: PictureRequest): Promise<PictureOutcome> {
	const stripped = request.type === 'image/jpeg' ? stripJpeg(new Uint8Array(request.bytes)) : undefined;
	let bitmap: ImageBitmap;
	try {
		// stripJpeg gives bytes only for a JPEG that is not turned (EXIF orientation none or 1): it decodes the same without its EXIF.
		bitmap = await createImageBitmap(new Blob([stripped ?? request.bytes], { type: request.type }));
	} catch {
		return { ok: false, refusal: 'undecodable' };
	}
	try {
		const real = { width: bitmap.width, height: bitmap.height };
		if (!withinLimits(real, request.limits)) return { ok: false, refusal: 'tooLarge', ...real };
		const { width, height } = fitWithin(real, request.fitSide);
		if (stripped && width === real.width && height === real.height) return { ok: true, bytes: stripped.buffer, type: 'image/jpeg' };
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
