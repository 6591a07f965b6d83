import type { StoredPictureType } from '#lib/domain/media-types.ts';
import type { PixelLimits } from './picture-format.ts';

/** Why a picture was not taken: not a picture we accept, larger than the limits, or not decodable. */
export type PictureRefusal = 'notPicture' | 'tooLarge' | 'undecodable';

/**
 * The page asks the picture worker to decode one picture and re-encode it, or keep a JPEG's own compressed
 * data without its metadata when it needs no shrinking (the bytes are transferred).
 */
export interface PictureRequest {
	id: number;
	bytes: ArrayBuffer;
	type: string;
	/** The stored picture's longer side at most. */
	fitSide: number;
	limits: PixelLimits;
}

/** What became of one picture: its new bytes, or why it was refused (with the real size when that was why). */
export type PictureOutcome =
	{ ok: true; bytes: ArrayBuffer; type: StoredPictureType } | { ok: false; refusal: PictureRefusal; width?: number; height?: number };

export type PictureResponse = PictureOutcome & { id: number };
