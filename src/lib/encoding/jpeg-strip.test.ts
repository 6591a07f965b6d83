import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stripJpeg } from './jpeg-strip.ts';

const hostile = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/hostile/${name}`));
/** jpeg-with-gps.jpg: SOI, APP1 EXIF with GPS (bytes 2–139), APP0 JFIF, APP2 ICC, DQT ×2, SOF0, DHT ×4, one scan, EOI. */
const GPS_PHOTO = hostile('jpeg-with-gps.jpg');
/** The same photo made progressive with a restart marker every block and a comment added (see the fixtures' README). */
const PROGRESSIVE = hostile('jpeg-progressive-restarts.jpg');
// The latitude's seconds in the fixtures' GPS block (3000/100, big-endian rationals).
const GPS_SECONDS = Uint8Array.of(0, 0, 0x0b, 0xb8, 0, 0, 0, 0x64);

const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	parts.reduce((offset, part) => (out.set(part, offset), offset + part.length), 0);
	return out;
};
const contains = (bytes: Uint8Array, part: Uint8Array | string) => {
	const needle = typeof part === 'string' ? new TextEncoder().encode(part) : part;
	return Buffer.from(bytes).includes(Buffer.from(needle));
};
/** A segment with its marker and length. */
const segment = (marker: number, ...payload: number[]) =>
	Uint8Array.of(0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
/** An APP1 EXIF segment whose first IFD holds one orientation entry (SHORT, count 1). */
const exifOrientation = (orientation: number, little = false) => {
	const u16 = (n: number) => (little ? [n & 0xff, n >> 8] : [n >> 8, n & 0xff]);
	const u32 = (n: number) => (little ? [...u16(n & 0xffff), ...u16(n >>> 16)] : [...u16(n >>> 16), ...u16(n & 0xffff)]);
	const tiff = [
		...(little ? ascii('II*\0') : ascii('MM\0*')),
		...u32(8),
		...u16(1),
		...u16(0x0112),
		...u16(3),
		...u32(1),
		...u16(orientation),
		0,
		0,
		...u32(0)
	];
	return segment(0xe1, ...ascii('Exif\0\0'), ...tiff);
};
/** The photo with `segments` put in just after SOI. */
const withSegments = (...segments: Uint8Array[]) => concat(GPS_PHOTO.subarray(0, 2), ...segments, GPS_PHOTO.subarray(2));
/** The photo with its EXIF block taken out, as the strip should leave it. */
const GPS_PHOTO_STRIPPED = concat(GPS_PHOTO.subarray(0, 2), GPS_PHOTO.subarray(140));

describe('copying a JPEG without its metadata', () => {
	it('leaves the EXIF block with the GPS position behind and copies every other segment byte for byte', () => {
		expect(contains(GPS_PHOTO, 'Exif') && contains(GPS_PHOTO, GPS_SECONDS)).toBe(true);
		const stripped = stripJpeg(GPS_PHOTO)!;
		expect(stripped).toEqual(GPS_PHOTO_STRIPPED);
		expect(contains(stripped, 'Exif') || contains(stripped, GPS_SECONDS)).toBe(false);
		// The colour profile and the JFIF header stay: the picture is shown in the same colours.
		expect(contains(stripped, 'ICC_PROFILE\0') && contains(stripped, 'JFIF\0')).toBe(true);
		// The result is its own array, which the worker transfers back whole.
		expect(stripped.byteOffset).toBe(0);
		expect(stripped.buffer.byteLength).toBe(stripped.length);
	});

	it('keeps a progressive JPEG whole: every scan, its Huffman tables and restart markers; the comment goes', () => {
		// The fixture: APP1 EXIF (2–139), APP0, APP2, DQT ×2, COM (770–787), SOF2, DHT ×2, DRI, then 10 scans with DHTs between.
		expect(PROGRESSIVE[771]).toBe(0xfe);
		expect(contains(PROGRESSIVE, 'Oda ved havnen')).toBe(true);
		const stripped = stripJpeg(PROGRESSIVE)!;
		expect(stripped).toEqual(concat(PROGRESSIVE.subarray(0, 2), PROGRESSIVE.subarray(140, 770), PROGRESSIVE.subarray(788)));
		expect(contains(stripped, 'Oda ved havnen') || contains(stripped, GPS_SECONDS)).toBe(false);
		const markers = (bytes: Uint8Array, from: number, to: number) =>
			[...bytes].filter((b, i) => b === 0xff && bytes[i + 1]! >= from && bytes[i + 1]! <= to).length;
		expect(markers(stripped, 0xd0, 0xd7)).toBe(markers(PROGRESSIVE, 0xd0, 0xd7));
		expect(markers(stripped, 0xd0, 0xd7)).toBeGreaterThan(100);
		expect(markers(stripped, 0xda, 0xda)).toBe(10);
	});

	it('drops whatever comes after the end of the picture, and other APPn segments such as XMP and extra frames', () => {
		expect(stripJpeg(concat(GPS_PHOTO, new TextEncoder().encode('hidden after EOI'), GPS_PHOTO))).toEqual(GPS_PHOTO_STRIPPED);
		const xmp = segment(0xe1, ...ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>'));
		const mpf = segment(0xe2, ...ascii('MPF\0'), 1, 2, 3, 4);
		const photoshop = segment(0xed, ...ascii('Photoshop 3.0\0'), 9, 9);
		const comment = segment(0xfe, ...ascii('GPS 55.675 12.582'));
		expect(stripJpeg(withSegments(xmp, mpf, photoshop, comment))).toEqual(GPS_PHOTO_STRIPPED);
		// Fill bytes before a marker are allowed and not copied.
		expect(stripJpeg(withSegments(Uint8Array.of(0xff, 0xff, 0xff)))).toEqual(GPS_PHOTO_STRIPPED);
	});

	it('keeps a JFIF header without its thumbnail, and one Adobe colour-transform header of its own 12 bytes', () => {
		const jfifWithThumbnail = segment(0xe0, ...ascii('JFIF\0'), 1, 2, 1, 0, 72, 0, 72, 1, 1, 0xaa, 0xbb, 0xcc);
		const adobe = segment(0xee, ...ascii('Adobe'), 0, 100, 0, 0, 0, 0, 1, 0xde, 0xad);
		const stripped = stripJpeg(withSegments(jfifWithThumbnail, adobe, adobe))!;
		const jfif = segment(0xe0, ...ascii('JFIF\0'), 1, 2, 1, 0, 72, 0, 72, 0, 0);
		expect(stripped).toEqual(
			concat(GPS_PHOTO.subarray(0, 2), jfif, segment(0xee, ...ascii('Adobe'), 0, 100, 0, 0, 0, 0, 1), GPS_PHOTO_STRIPPED.subarray(2 + 18))
		);
		expect(contains(stripped, Uint8Array.of(0xaa, 0xbb, 0xcc)) || contains(stripped, Uint8Array.of(0xde, 0xad))).toBe(false);
	});

	it('copies a JPEG whose EXIF says it is not turned, and leaves a turned one to be re-encoded (the turn is drawn in)', () => {
		for (const little of [false, true]) {
			expect(stripJpeg(withSegments(exifOrientation(1, little))), little ? 'II' : 'MM').toEqual(GPS_PHOTO_STRIPPED);
			for (const turned of [2, 3, 6, 8]) expect(stripJpeg(withSegments(exifOrientation(turned, little)))).toBeUndefined();
		}
		// An orientation we cannot read the way a decoder might (out of range, or an IFD past the segment): re-encoded.
		expect(stripJpeg(withSegments(exifOrientation(9)))).toBeUndefined();
		const pastTheEnd = exifOrientation(6);
		pastTheEnd[4 + 6 + 7] = 0xff;
		expect(stripJpeg(withSegments(pastTheEnd))).toBeUndefined();
	});

	it('leaves to the re-encoding the frames it does not copy: lossless, arithmetic, 12-bit, CMYK, a second frame', () => {
		const sof0 = GPS_PHOTO.indexOf(0xc0, 770) - 1;
		expect([GPS_PHOTO[sof0], GPS_PHOTO[sof0 + 1]]).toEqual([0xff, 0xc0]);
		const changed = (...bytes: Array<[number, number]>) => {
			const copy = GPS_PHOTO.slice();
			for (const [offset, value] of bytes) copy[offset] = value;
			return copy;
		};
		for (const frame of [0xc3, 0xc5, 0xc9, 0xca]) expect(stripJpeg(changed([sof0 + 1, frame])), frame.toString(16)).toBeUndefined();
		expect(stripJpeg(changed([sof0 + 4, 12]))).toBeUndefined();
		expect(stripJpeg(changed([sof0 + 9, 4]))).toBeUndefined();
		// A height of 0 leaves it to a DNL marker after the first scan.
		expect(stripJpeg(changed([sof0 + 5, 0], [sof0 + 6, 0]))).toBeUndefined();
		const frame = GPS_PHOTO.subarray(sof0, sof0 + 19);
		expect(stripJpeg(withSegments(frame))).toBeUndefined();
	});

	it('refuses what is cut off, garbled or lies about its lengths, without throwing', () => {
		for (let cut = 0; cut < GPS_PHOTO.length; cut++) expect(stripJpeg(GPS_PHOTO.subarray(0, cut)), `cut at ${cut}`).toBeUndefined();
		for (let cut = 0; cut < PROGRESSIVE.length; cut += 7) expect(stripJpeg(PROGRESSIVE.subarray(0, cut))).toBeUndefined();
		// A segment length of 0 or 1, or past the end of the file.
		for (const length of [0, 1, 0xffff])
			expect(stripJpeg(withSegments(Uint8Array.of(0xff, 0xfe, length >> 8, length & 0xff)))).toBeUndefined();
		// A standalone restart marker before the frame (the hidden-large-frame trick) and a scan before any frame.
		expect(stripJpeg(hostile('jpeg-hidden-large-frame.jpg'))).toBeUndefined();
		expect(stripJpeg(withSegments(segment(0xda, 1, 1, 0, 0, 63, 0)))).toBeUndefined();
		expect(stripJpeg(new TextEncoder().encode('not a jpeg'))).toBeUndefined();
		expect(stripJpeg(concat(new TextEncoder().encode('junk'), GPS_PHOTO))).toBeUndefined();
	});

	it('never throws on changed bytes, and what it gives is an SOI … EOI no longer than the file', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(GPS_PHOTO, PROGRESSIVE),
				fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
				(photo, changes) => {
					const bytes = photo.slice();
					for (const [offset, value] of changes) bytes[offset % bytes.length] = value;
					const stripped = stripJpeg(bytes);
					if (!stripped) return;
					expect(stripped.length).toBeLessThanOrEqual(bytes.length);
					expect([...stripped.subarray(0, 2), ...stripped.subarray(-2)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('walks a file of a hundred thousand metadata segments in one pass', () => {
		const comments = new Uint8Array(100_000 * 4);
		for (let i = 0; i < comments.length; i += 4) comments.set([0xff, 0xfe, 0, 2], i);
		expect(stripJpeg(withSegments(comments))).toEqual(GPS_PHOTO_STRIPPED);
	});
});
