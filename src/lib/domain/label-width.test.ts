import { describe, expect, it } from 'vitest';
import { longestWordEm, textEm } from './label-width.ts';

describe('textEm', () => {
	it('is the whole line: every letter and space, an accented letter as wide as its letter', () => {
		expect(textEm('il i')).toBeCloseTo(4 * 0.35);
		expect(textEm('Næste skridt')).toBeGreaterThan(longestWordEm('Næste skridt') * 2);
		expect(textEm('håb')).toBe(textEm('hab'));
	});
});

describe('longestWordEm', () => {
	it('is the longest word of the label, each letter as wide as DejaVu Sans Bold draws it or wider', () => {
		// Widths drawn by the test browser's Chromium (the e2e suite's font), in em: the sum is never below them, and at most
		// a few hundredths above, so a word that fits is not made smaller.
		const drawn: Array<[string, number]> = [
			['Følelser', 4.469],
			['bange', 3.501],
			['Krop og helbred', 4.343],
			['overrasket', 6.078],
			['bedstemor', 6.091],
			['kontaktperson', 8.229],
			['svømmehal', 6.435],
			['Mødetavle', 5.911]
		];
		for (const [label, em] of drawn) {
			expect(longestWordEm(label), label).toBeGreaterThanOrEqual(em);
			expect(longestWordEm(label), label).toBeLessThanOrEqual(em * 1.03);
		}
	});

	it('reckons narrow and wide letters by their width, not by their count', () => {
		expect(longestWordEm('lilletil')).toBeLessThan(longestWordEm('mæmmæm'));
		expect(longestWordEm('WWW')).toBeGreaterThan(longestWordEm('www'));
	});

	it('gives an accented letter the width of its letter, and other scripts and emoji a wide one', () => {
		expect(longestWordEm('café')).toBe(longestWordEm('cafe'));
		expect(longestWordEm('Å')).toBe(longestWordEm('A'));
		expect(longestWordEm('日本')).toBe(2.5);
		expect(longestWordEm('🙂')).toBe(1.25);
	});

	it('breaks words at spaces and after hyphens, where a line may break', () => {
		expect(longestWordEm('ked af det')).toBe(longestWordEm('ked'));
		expect(longestWordEm('T-shirt')).toBe(longestWordEm('shirt'));
		expect(longestWordEm('  ja  ')).toBe(longestWordEm('ja'));
	});
});
