import type { IncomingPictureType } from '#lib/domain/media-types.ts';

/*
 * What raster type an image file's bytes really are. Apart from the pixel-size reader (image-size.ts): every picture
 * shown (ObjectUrlImage, e.g. the citizen's photo on a meeting's first screen) checks its type, while only pictures
 * being taken in need their size read.
 */

export const byteAt = (bytes: Uint8Array, i: number) => bytes[i] ?? 0;
export const isAscii = (b: Uint8Array, i: number, text: string) => [...text].every((char, k) => byteAt(b, i + k) === char.charCodeAt(0));

/** The raster type the bytes really are, from the allow-list in domain/media-types.ts; never SVG. */
export function rasterImageType(b: Uint8Array): IncomingPictureType | undefined {
	if (byteAt(b, 0) === 0x89 && isAscii(b, 1, 'PNG\r\n\x1a\n')) return 'image/png';
	if (byteAt(b, 0) === 0xff && byteAt(b, 1) === 0xd8 && byteAt(b, 2) === 0xff) return 'image/jpeg';
	if (isAscii(b, 0, 'GIF87a') || isAscii(b, 0, 'GIF89a')) return 'image/gif';
	if (isAscii(b, 0, 'RIFF') && isAscii(b, 8, 'WEBP')) return 'image/webp';
	return undefined;
}
