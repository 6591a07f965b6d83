import { byteAt as at, isAscii } from './image-type.ts';

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

const u16be = (b: Uint8Array, i: number) => (at(b, i) << 8) | at(b, i + 1);
const u16le = (b: Uint8Array, i: number) => at(b, i) | (at(b, i + 1) << 8);
const u24le = (b: Uint8Array, i: number) => at(b, i) | (at(b, i + 1) << 8) | (at(b, i + 2) << 16);
const u32be = (b: Uint8Array, i: number) => ((at(b, i) << 24) >>> 0) + ((at(b, i + 1) << 16) | (at(b, i + 2) << 8) | at(b, i + 3));

/*
 * Each reader needs the bytes of the size itself: a file cut off inside it (a download that stopped early) read its
 * missing bytes as 0, and was refused as too large instead of as unreadable, by an import and by a restore alike.
 */

function pngSize(b: Uint8Array): PixelSize | undefined {
	if (!isAscii(b, 12, 'IHDR') || b.length < 24) return undefined;
	return { width: u32be(b, 16), height: u32be(b, 20) };
}

/**
 * The logical screen and every frame: Chromium draws a first frame that is larger than the screen
 * the header declares at the frame's size, so a 34-byte file could otherwise ask for gigabytes.
 */
function gifSize(b: Uint8Array): PixelSize | undefined {
	if (b.length < 10) return undefined;
	let size = { width: u16le(b, 6), height: u16le(b, 8) };
	const table = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
	const skipSubBlocks = (i: number) => {
		while (i < b.length && at(b, i) !== 0) i += at(b, i) + 1;
		return i + 1;
	};
	let i = 13 + table(at(b, 10));
	while (i < b.length) {
		const block = at(b, i);
		if (block === 0x21) i = skipSubBlocks(i + 2);
		else if (block === 0x2c) {
			const frame = { width: u16le(b, i + 1) + u16le(b, i + 5), height: u16le(b, i + 3) + u16le(b, i + 7) };
			size = { width: Math.max(size.width, frame.width), height: Math.max(size.height, frame.height) };
			i = skipSubBlocks(i + 10 + table(at(b, i + 9)) + 1);
		} else break;
	}
	return size;
}

function webpSize(b: Uint8Array): PixelSize | undefined {
	if (isAscii(b, 12, 'VP8 ')) return b.length < 30 ? undefined : { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
	if (isAscii(b, 12, 'VP8L')) {
		if (b.length < 25) return undefined;
		const bits = at(b, 21) | (at(b, 22) << 8) | (at(b, 23) << 16) | (at(b, 24) << 24);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (isAscii(b, 12, 'VP8X')) return b.length < 30 ? undefined : { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
	return undefined;
}

const isJpegFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * Walks the JPEG segments to the first start-of-frame marker, then takes the largest size of any
 * start-of-frame marker anywhere in the file: a file can lead a segment walk to a small frame while the
 * decoder finds a huge one. Coded data cannot hold such a marker (0xFF is always followed by 0 there),
 * so only metadata could add a false one, and that can only make the check stricter.
 */
function jpegSize(b: Uint8Array): PixelSize | undefined {
	let walked: PixelSize | undefined;
	for (let i = 2; i + 9 < b.length && !walked;) {
		if (at(b, i) !== 0xff) return undefined;
		const marker = at(b, i + 1);
		if (marker === 0xff) i += 1;
		else if (isJpegFrame(marker)) walked = { width: u16be(b, i + 7), height: u16be(b, i + 5) };
		else i += 2 + u16be(b, i + 2);
	}
	if (!walked) return undefined;
	let largest = walked;
	for (let i = 2; i + 9 < b.length; i++) {
		if (at(b, i) !== 0xff || !isJpegFrame(at(b, i + 1))) continue;
		const found = { width: u16be(b, i + 7), height: u16be(b, i + 5) };
		if (found.width * found.height > largest.width * largest.height) largest = found;
	}
	return largest;
}

/** Undefined when the bytes are not PNG, JPEG, GIF or WebP, or the header is cut off before the size. */
export function readPixelSize(bytes: Uint8Array): PixelSize | undefined {
	if (isAscii(bytes, 1, 'PNG') && at(bytes, 0) === 0x89) return pngSize(bytes);
	if (at(bytes, 0) === 0xff && at(bytes, 1) === 0xd8) return jpegSize(bytes);
	if (isAscii(bytes, 0, 'GIF8')) return gifSize(bytes);
	if (isAscii(bytes, 0, 'RIFF') && isAscii(bytes, 8, 'WEBP')) return webpSize(bytes);
	return undefined;
}
