import { describe, expect, it } from 'vitest';
import { searchSymbols } from './symbol-manifest.ts';
import { SYMBOLS } from './symbol-set.ts';

const ids = (query: string) => searchSymbols(SYMBOLS, query, 'da').map((entry) => entry.id);

describe('symbol search', () => {
	it('matches whole words for one or two letters: "ur" is the clock, not "sur" (vred) or "urolig"', () => {
		expect(ids('ur')).toEqual(['ur']);
	});

	it('matches where a word starts, in labels and keywords, never inside a word', () => {
		expect(ids('uro')).toEqual(['urolig']);
		expect(ids('tur')).toEqual(expect.arrayContaining(['gaa-tur', 'min-tur', 'din-tur']));
		expect(ids('tur')).not.toContain('natur');
		expect(ids('sur')).toContain('vred');
		expect(ids('Hurtig')[0]).toBe('hurtigt');
	});
});
