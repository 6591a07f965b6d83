import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDecodableSize, readPixelSize } from './image-size.ts';

const png = (width: number, height: number) => {
	const bytes = new Uint8Array(33);
	bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
	new DataView(bytes.buffer).setUint32(16, width);
	new DataView(bytes.buffer).setUint32(20, height);
	return bytes;
};

const jpeg = (width: number, height: number) =>
	new Uint8Array([
		0xff,
		0xd8,
		// An EXIF-like segment first: the size comes after the metadata.
		0xff,
		0xe1,
		0x00,
		0x08,
		1,
		2,
		3,
		4,
		5,
		6,
		0xff,
		0xc2,
		0x00,
		0x11,
		0x08,
		height >> 8,
		height & 0xff,
		width >> 8,
		width & 0xff,
		0x03,
		0x01,
		0x22,
		0x00,
		0x02,
		0x11,
		0x01,
		0x03,
		0x11,
		0x01
	]);

const gif = (width: number, height: number) =>
	new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, width & 0xff, width >> 8, height & 0xff, height >> 8]);

const webpExtended = (width: number, height: number) => {
	const bytes = new Uint8Array(30);
	bytes.set(
		[...'RIFF'].map((c) => c.charCodeAt(0)),
		0
	);
	bytes.set(
		[...'WEBPVP8X'].map((c) => c.charCodeAt(0)),
		8
	);
	const w = width - 1;
	const h = height - 1;
	bytes.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 24);
	return bytes;
};

describe('declared image size', () => {
	it('is read from PNG, JPEG (after metadata), GIF and WebP headers', () => {
		expect(readPixelSize(png(4032, 3024))).toEqual({ width: 4032, height: 3024 });
		expect(readPixelSize(jpeg(640, 480))).toEqual({ width: 640, height: 480 });
		expect(readPixelSize(gif(32, 16))).toEqual({ width: 32, height: 16 });
		expect(readPixelSize(webpExtended(1920, 1080))).toEqual({ width: 1920, height: 1080 });
		expect(readPixelSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
		expect(readPixelSize(jpeg(640, 480).subarray(0, 14))).toBeUndefined();
	});

	it('is unknown when the file ends before or inside its size, not a size of zero', () => {
		const whole = { png: png(640, 480), jpeg: jpeg(640, 480), gif: gif(640, 480), webp: webpExtended(640, 480) };
		const sizeEnds = { png: 24, jpeg: 22, gif: 10, webp: 30 };
		for (const [type, bytes] of Object.entries(whole)) {
			const end = sizeEnds[type as keyof typeof sizeEnds];
			expect(readPixelSize(bytes.subarray(0, end)), type).toEqual({ width: 640, height: 480 });
			for (let cut = 0; cut < end; cut++) expect(readPixelSize(bytes.subarray(0, cut)), `${type} of ${cut} bytes`).toBeUndefined();
		}
	});

	it('refuses a pixel flood: a small file that declares a giant picture', () => {
		expect(isDecodableSize({ width: 4032, height: 3024 })).toBe(true);
		expect(isDecodableSize({ width: 8064, height: 6048 })).toBe(true);
		expect(isDecodableSize({ width: 65_535, height: 65_535 })).toBe(false);
		expect(isDecodableSize({ width: 12_000, height: 12_000 })).toBe(false);
		expect(isDecodableSize({ width: 0, height: 10 })).toBe(false);
		const flood = png(100_000, 100_000);
		expect(flood.length).toBeLessThan(64);
		expect(isDecodableSize(readPixelSize(flood)!)).toBe(false);
	});

	it('finds the real frame size in files that hide it from a header reader (tests/fixtures/hostile)', () => {
		const hostile = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/hostile/${name}`));
		for (const name of ['gif-frame-larger-than-screen.gif', 'jpeg-hidden-large-frame.jpg']) {
			const size = readPixelSize(hostile(name));
			expect(size, name).toEqual({ width: 16000, height: 16000 });
			expect(isDecodableSize(size!), name).toBe(false);
		}
	});

	it('never throws on arbitrary bytes (fixed seed)', () => {
		const prefixes = [png(1, 1), jpeg(1, 1), gif(1, 1), webpExtended(1, 1)];
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ maxLength: 64 }), fc.nat(40), (which, noise, cut) => {
				const bytes = new Uint8Array([...prefixes[which]!.subarray(0, cut), ...noise]);
				const size = readPixelSize(bytes);
				if (size) expect(Number.isInteger(size.width) && Number.isInteger(size.height)).toBe(true);
			}),
			{ seed: 20261123, numRuns: 5_000 }
		);
	});
});
