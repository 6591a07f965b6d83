import type { StoredPictureType } from '#lib/domain/media-types.ts';
import type { PixelSize } from './image-size.ts';

/*
 * The pure rules of re-encoding a picture on the device (picture.worker.ts does the decoding):
 * how large a decoded frame may be, how small it is stored, and which format it is stored in.
 */

/** The hard limits a decoded frame is held to, whatever its header said. */
export interface PixelLimits {
	maxSide: number;
	maxPixels: number;
}

export function withinLimits({ width, height }: PixelSize, limits: PixelLimits): boolean {
	return width > 0 && height > 0 && width <= limits.maxSide && height <= limits.maxSide && width * height <= limits.maxPixels;
}

/** The size a picture is stored at: never larger than it was, its longer side at most `maxSide`. */
export function fitWithin({ width, height }: PixelSize, maxSide: number): PixelSize {
	const scale = Math.min(1, maxSide / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Up to this many colours a picture is a symbol or drawing rather than a photo. */
export const FEW_COLOURS = 256;
export const JPEG_QUALITY = 0.85;

/**
 * PNG keeps transparency and the sharp edges of a picture with few colours (JPEG would blur them and be
 * larger); everything else is a photo and becomes JPEG. `rgba` is the stored-size frame, 4 bytes a pixel.
 */
export function chooseStoredType(rgba: Uint8ClampedArray | Uint8Array): StoredPictureType {
	const colours = new Set<number>();
	for (let i = 0; i + 3 < rgba.length; i += 4) {
		if (rgba[i + 3]! < 255) return 'image/png';
		if (colours.size <= FEW_COLOURS) colours.add((rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!);
	}
	return colours.size <= FEW_COLOURS ? 'image/png' : 'image/jpeg';
}
