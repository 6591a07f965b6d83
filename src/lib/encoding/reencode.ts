import type { StoredPictureType } from '#lib/domain/media-types.ts';
import { isDecodableSize, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, readPixelSize } from './image-size.ts';
import { rasterImageType } from './image-type.ts';
import type { PictureRefusal } from './picture-protocol.ts';
import { decodeInWorker } from './picture-worker-client.ts';

export type { PictureRefusal };

/** A picture from outside that the tablet did not take, and why. */
export class PictureRefused extends Error {
	constructor(readonly refusal: PictureRefusal) {
		super(`picture refused: ${refusal}`);
		this.name = 'PictureRefused';
	}
}

/** Pictures from board files and backups are stored at most this large: a board cell never needs more. */
export const STORED_PICTURE_SIDE = 1024;

export interface StoredPicture {
	blob: Blob;
	type: StoredPictureType;
}

/**
 * Every picture that enters the tablet from outside goes through here. The bytes must be one of the
 * allowed raster types, and the sizes the whole file declares (header and every frame) are checked
 * before anything is decoded; then the worker decodes it, checks the real frame against the same hard
 * limits and draws it anew as PNG or JPEG, so nothing of the original file but its pixels is kept. A JPEG
 * that needs no shrinking or turning keeps its compressed pixels as they are, without its metadata
 * (jpeg-strip.ts), so it is not worn down by being compressed again at every import or restore.
 */
export async function reencodePicture(input: Blob | Uint8Array, fitSide = STORED_PICTURE_SIDE): Promise<StoredPicture> {
	const bytes = input instanceof Blob ? new Uint8Array(await input.arrayBuffer()) : input.slice();
	const type = rasterImageType(bytes);
	if (!type) throw new PictureRefused('notPicture');
	const declared = readPixelSize(bytes);
	// A header cut off before its size cannot be decoded either.
	if (!declared) throw new PictureRefused('undecodable');
	if (!isDecodableSize(declared)) throw new PictureRefused('tooLarge');
	const answer = await decodeInWorker({
		bytes: bytes.buffer,
		type,
		fitSide,
		limits: { maxSide: MAX_IMAGE_SIDE, maxPixels: MAX_IMAGE_PIXELS }
	});
	if (!answer.ok) throw new PictureRefused(answer.refusal);
	return { blob: new Blob([answer.bytes], { type: answer.type }), type: answer.type };
}
