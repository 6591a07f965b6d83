import { describe, expect, it } from 'vitest';
import { chooseStoredType, FEW_COLOURS, fitWithin, withinLimits } from './picture-format.ts';

const limits = { maxSide: 12_000, maxPixels: 50_000_000 };

/** `count` pixels, each a colour of its own (or all one colour), opaque unless `alpha` says otherwise. */
function pixels(count: number, { distinct = true, alpha = 255 } = {}): Uint8ClampedArray {
	const rgba = new Uint8ClampedArray(count * 4);
	for (let i = 0; i < count; i++) rgba.set(distinct ? [i & 0xff, (i >> 8) & 0xff, 7, alpha] : [10, 20, 30, alpha], i * 4);
	return rgba;
}

describe('the limits a decoded frame is held to', () => {
	it('take a frame up to each limit and refuse one past any of them, or an empty one', () => {
		expect(withinLimits({ width: 12_000, height: 4_000 }, limits)).toBe(true);
		expect(withinLimits({ width: 12_001, height: 1 }, limits)).toBe(false);
		expect(withinLimits({ width: 1, height: 12_001 }, limits)).toBe(false);
		expect(withinLimits({ width: 8_000, height: 6_250 }, limits)).toBe(true);
		expect(withinLimits({ width: 8_000, height: 6_251 }, limits)).toBe(false);
		expect(withinLimits({ width: 0, height: 10 }, limits)).toBe(false);
		// The fault-injection e2e test lowers the limit the page sends: a 64×48 photo is then refused.
		expect(withinLimits({ width: 64, height: 48 }, { maxSide: 12_000, maxPixels: 100 })).toBe(false);
	});
});

describe('the stored size', () => {
	it('shrinks the longer side to the limit, keeps the shape, and never enlarges', () => {
		expect(fitWithin({ width: 4000, height: 3000 }, 1024)).toEqual({ width: 1024, height: 768 });
		expect(fitWithin({ width: 300, height: 6000 }, 480)).toEqual({ width: 24, height: 480 });
		expect(fitWithin({ width: 64, height: 48 }, 1024)).toEqual({ width: 64, height: 48 });
		expect(fitWithin({ width: 10_000, height: 1 }, 480)).toEqual({ width: 480, height: 1 });
	});
});

describe('the stored format', () => {
	it('is PNG for transparency or few colours (symbols, drawings) and JPEG for a photo', () => {
		expect(chooseStoredType(pixels(10_000))).toBe('image/jpeg');
		expect(chooseStoredType(pixels(10_000, { distinct: false }))).toBe('image/png');
		expect(chooseStoredType(pixels(FEW_COLOURS))).toBe('image/png');
		expect(chooseStoredType(pixels(FEW_COLOURS + 1))).toBe('image/jpeg');
		const photoWithHole = pixels(10_000);
		photoWithHole[10_000 * 4 - 1] = 0;
		expect(chooseStoredType(photoWithHole)).toBe('image/png');
		expect(chooseStoredType(pixels(4, { alpha: 128 }))).toBe('image/png');
	});
});
