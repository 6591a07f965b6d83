import { byteAt as at, isAscii } from './image-type.ts';

/*
 * A JPEG that the tablet would store at its own size is kept as the same compressed data instead of being
 * decoded and compressed again: every re-compression loses a little (generation loss), and a photo went
 * through one at every backup → restore. Only the segments a decoder needs for the pixels and their colours
 * are copied; metadata (EXIF with GPS, XMP, comments, other APPn such as extra frames) and anything after the
 * end of the image are left behind, as the re-encoding leaves them. Whatever this walk does not fully
 * understand is not copied: the caller re-encodes it as before. One pass over the bytes, every segment length
 * checked against what is there.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DQT = 0xdb;
const DHT = 0xc4;
const DRI = 0xdd;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
/** Huffman-coded baseline, extended and progressive frames: what every browser and PDF writer reads. */
const COPIED_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
/** Markers without a length: RST0–7 (only inside a scan), SOI, EOI and TEM. */
const isStandalone = (marker: number) => (marker >= 0xd0 && marker <= 0xd9) || marker === 0x01;
/** Other APPn and COM are metadata: dropped. Anything else we do not copy (arithmetic, hierarchical, DNL…). */
const isMetadata = (marker: number) => (marker >= APP0 && marker <= 0xef) || marker === 0xfe;

const u16be = (b: Uint8Array, i: number) => (at(b, i) << 8) | at(b, i + 1);

/** The EXIF orientation (1–8) in an APP1 segment's payload; 1 when it says none, undefined when it cannot be read. */
function exifOrientation(b: Uint8Array, start: number, end: number): number | undefined {
	const tiff = start + 6;
	const little = isAscii(b, tiff, 'II*\0');
	if (!little && !isAscii(b, tiff, 'MM\0*')) return undefined;
	const u16 = (i: number) => (little ? at(b, i) | (at(b, i + 1) << 8) : u16be(b, i));
	const u32 = (i: number) => (little ? u16(i) + u16(i + 2) * 0x10000 : u16(i) * 0x10000 + u16(i + 2));
	if (tiff + 8 > end) return undefined;
	const ifd = tiff + u32(tiff + 4);
	if (ifd + 2 > end) return undefined;
	const entries = u16(ifd);
	if (ifd + 2 + 12 * entries > end) return undefined;
	for (let k = 0; k < entries; k++) {
		const entry = ifd + 2 + 12 * k;
		if (u16(entry) !== 0x0112) continue;
		const orientation = u16(entry + 8);
		// SHORT, one value, 1–8: anything else is a tag a decoder may read differently from us.
		return u16(entry + 2) === 3 && u32(entry + 4) === 1 && orientation >= 1 && orientation <= 8 ? orientation : undefined;
	}
	return 1;
}

/** Where the entropy-coded data that starts at `i` ends: the 0xFF of the next marker that is not RSTn. */
function scanEnd(b: Uint8Array, i: number): number | undefined {
	while (i + 1 < b.length) {
		if (b[i] !== 0xff) i++;
		else {
			const next = b[i + 1]!;
			// A stuffed 0xFF00 or a restart marker belongs to the scan; a run of 0xFF is fill before a marker.
			if (next === 0 || (next >= 0xd0 && next <= 0xd7)) i += 2;
			else if (next === 0xff) i++;
			else return i;
		}
	}
	return undefined;
}

/**
 * The JPEG's decoding segments copied as they are (SOI, DQT, DHT, SOF0/1/2, DRI, every SOS with its
 * entropy-coded data, one JFIF APP0 without thumbnail, APP2 ICC profile, one APP14 Adobe, EOI), or undefined
 * when it must be re-encoded instead: an EXIF orientation other than 1 (the decoder turns the picture, so the
 * turn must be drawn into the pixels), a frame type or colour model we do not copy, or a structure that is
 * cut off or does not add up. The bytes are a new array of their own, ready to be transferred.
 */
export function stripJpeg(b: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
	if (at(b, 0) !== 0xff || at(b, 1) !== SOI) return undefined;
	const kept: Array<Uint8Array> = [b.subarray(0, 2)];
	let frame = false;
	let scans = 0;
	let jfif = false;
	let adobe = false;
	for (let i = 2; ;) {
		if (at(b, i) !== 0xff) return undefined;
		const marker = at(b, i + 1);
		if (marker === 0xff) {
			i++;
			continue;
		}
		if (marker === EOI) {
			if (!frame || scans === 0) return undefined;
			kept.push(b.subarray(i, i + 2));
			break;
		}
		if (isStandalone(marker) || i + 4 > b.length) return undefined;
		const length = u16be(b, i + 2);
		const end = i + 2 + length;
		if (length < 2 || end > b.length) return undefined;
		const payload = i + 4;
		// A segment names its kind in its first bytes; a segment too short to hold the name is not that kind.
		const names = (name: string) => length - 2 >= name.length && isAscii(b, payload, name);
		if (COPIED_FRAMES.has(marker)) {
			const components = at(b, payload + 5);
			// One frame, 8-bit, grey or three components (YCbCr/RGB); CMYK and 12-bit are re-encoded.
			if (frame || at(b, payload) !== 8 || u16be(b, payload + 1) === 0 || ![1, 3].includes(components)) return undefined;
			if (length !== 8 + 3 * components) return undefined;
			frame = true;
			kept.push(b.subarray(i, end));
		} else if (marker === DQT || marker === DHT || marker === DRI) {
			kept.push(b.subarray(i, end));
		} else if (marker === SOS) {
			if (!frame) return undefined;
			const data = scanEnd(b, end);
			if (data === undefined) return undefined;
			scans++;
			kept.push(b.subarray(i, data));
			i = data;
			continue;
		} else if (marker === APP1 && names('Exif\0\0')) {
			if (exifOrientation(b, payload, end) !== 1) return undefined;
		} else if (marker === APP0 && names('JFIF\0') && length >= 16) {
			// Version, units and density; a thumbnail after them is a second picture and is not copied.
			if (!jfif) kept.push(Uint8Array.of(0xff, APP0, 0, 16), b.subarray(payload, payload + 12), Uint8Array.of(0, 0));
			jfif = true;
		} else if (marker === APP2 && names('ICC_PROFILE\0')) {
			kept.push(b.subarray(i, end));
		} else if (marker === APP14 && names('Adobe') && length >= 14) {
			// Its colour transform tells RGB from YCbCr; the 12 bytes that say so are all a decoder reads.
			if (!adobe) kept.push(Uint8Array.of(0xff, APP14, 0, 14), b.subarray(payload, payload + 12));
			adobe = true;
		} else if (!isMetadata(marker)) return undefined;
		i = end;
	}
	const out = new Uint8Array(kept.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of kept) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}
