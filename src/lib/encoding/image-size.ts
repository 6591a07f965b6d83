/*
 * The pixel size an image file declares in its header, read without decoding it. A small file can
 * declare a huge image ("pixel flood"); decoding that would use gigabytes of memory on the tablet.
 */

export interface PixelSize {
	width: number;
	height: number;
}

/** Large enough for any tablet or phone camera, small enough to decode on a tablet. */
export const MAX_IMAGE_SIDE = 12_000;
export const MAX_IMAGE_PIXELS = 50_000_000;

export function isDecodableSize({ width, height }: PixelSize): boolean {
	return width > 0 && height > 0 && width <= MAX_IMAGE_SIDE && height <= MAX_IMAGE_SIDE && width * height <= MAX_IMAGE_PIXELS;
}

const at = (bytes: Uint8Array, i: number) => bytes[i] ?? 0;
const u16be = (b: Uint8Array, i: number) => (at(b, i) << 8) | at(b, i + 1);
const u16le = (b: Uint8Array, i: number) => at(b, i) | (at(b, i + 1) << 8);
const u24le = (b: Uint8Array, i: number) => at(b, i) | (at(b, i + 1) << 8) | (at(b, i + 2) << 16);
const u32be = (b: Uint8Array, i: number) => ((at(b, i) << 24) >>> 0) + ((at(b, i + 1) << 16) | (at(b, i + 2) << 8) | at(b, i + 3));
const isAscii = (b: Uint8Array, i: number, text: string) => [...text].every((char, k) => at(b, i + k) === char.charCodeAt(0));

function pngSize(b: Uint8Array): PixelSize | undefined {
	if (!isAscii(b, 12, 'IHDR')) return undefined;
	return { width: u32be(b, 16), height: u32be(b, 20) };
}

function gifSize(b: Uint8Array): PixelSize {
	return { width: u16le(b, 6), height: u16le(b, 8) };
}

function webpSize(b: Uint8Array): PixelSize | undefined {
	if (isAscii(b, 12, 'VP8 ')) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
	if (isAscii(b, 12, 'VP8L')) {
		const bits = at(b, 21) | (at(b, 22) << 8) | (at(b, 23) << 16) | (at(b, 24) << 24);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (isAscii(b, 12, 'VP8X')) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
	return undefined;
}

/** Walks the JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(b: Uint8Array): PixelSize | undefined {
	let i = 2;
	while (i + 9 < b.length) {
		if (at(b, i) !== 0xff) return undefined;
		const marker = at(b, i + 1);
		if (marker === 0xff) {
			i += 1;
			continue;
		}
		const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isFrame) return { width: u16be(b, i + 7), height: u16be(b, i + 5) };
		i += 2 + u16be(b, i + 2);
	}
	return undefined;
}

/** Undefined when the bytes are not PNG, JPEG, GIF or WebP, or the header is cut off before the size. */
export function readPixelSize(bytes: Uint8Array): PixelSize | undefined {
	if (isAscii(bytes, 1, 'PNG') && at(bytes, 0) === 0x89) return pngSize(bytes);
	if (at(bytes, 0) === 0xff && at(bytes, 1) === 0xd8) return jpegSize(bytes);
	if (isAscii(bytes, 0, 'GIF8')) return gifSize(bytes);
	if (isAscii(bytes, 0, 'RIFF') && isAscii(bytes, 8, 'WEBP')) return webpSize(bytes);
	return undefined;
}
