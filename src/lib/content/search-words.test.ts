import { describe, expect, it } from 'vitest';
import { MATCH, matchWord, oneEditApart, searchWordsOf } from './search-words.ts';

const word = (text: string, language: 'da' | 'en' = 'da') => {
	const [only, ...more] = searchWordsOf(text, language);
	if (!only || more.length > 0) throw new Error(`not one word: ${text}`);
	return only;
};
const match = (query: string, symbolWord: string, language: 'da' | 'en' = 'da') =>
	matchWord(word(query, language), word(symbolWord, language), false);

describe('the words a search compares', () => {
	it('are split where a word ends, lower case', () => {
		expect(searchWordsOf('Vil gerne', 'da').map((w) => w.spelled)).toEqual(['vil', 'gerne']);
		expect(searchWordsOf('T-shirt, ja!', 'da').map((w) => w.spelled)).toEqual(['t', 'shirt', 'ja']);
		expect(searchWordsOf(' ,- ', 'da')).toEqual([]);
	});

	it('spell æ ø å as ae oe aa, and ä ö as the æ ø of Swedish and German keyboards', () => {
		expect(word('Æble').spelled).toBe('aeble');
		expect(word('ØL').spelled).toBe('oel');
		expect(word('gå').spelled).toBe('gaa');
		expect(word('ga\u030A').spelled).toBe('gaa');
		expect(word('Smör').spelled).toBe('smoer');
		expect(word('händer').spelled).toBe('haender');
	});

	it('fold other accents away', () => {
		expect(word('Café').spelled).toBe('cafe');
		expect(word('idé').spelled).toBe('ide');
		expect(word('naïve').spelled).toBe('naive');
	});
});

describe('a query word against a symbol word', () => {
	it('is exact when spelled alike, however typed', () => {
		expect(match('hund', 'hund')).toBe(MATCH.exact);
		expect(match('aeble', 'æble')).toBe(MATCH.exact);
		expect(match('æble', 'aeble')).toBe(MATCH.exact);
		expect(match('gaa', 'gå')).toBe(MATCH.exact);
	});

	it("is a prefix where the symbol word starts with it, but only whole words count for the query's one or two letters", () => {
		expect(match('hun', 'hund')).toBe(MATCH.prefix);
		expect(match('aebl', 'æble')).toBe(MATCH.prefix);
		expect(matchWord(word('ur'), word('urolig'), true)).toBeUndefined();
		expect(matchWord(word('ur'), word('ur'), true)).toBe(MATCH.exact);
		expect(matchWord(word('hunde'), word('hund'), true)).toBeUndefined();
	});

	it('is inflected when one is the other plus a Danish ending, or both are one base with different endings', () => {
		const pairs = [
			['hunde', 'hund'],
			['hunden', 'hund'],
			['hundene', 'hund'],
			['hundens', 'hunden'],
			['æbler', 'æble'],
			['æblet', 'æble'],
			['æblerne', 'æble'],
			['aebler', 'æble'],
			['spiser', 'spise'],
			['spiste', 'spise'],
			['spisende', 'spise'],
			['badede', 'bad'],
			['hørte', 'høre'],
			['kattene', 'kat'],
			['katten', 'kat'],
			['busser', 'bus'],
			['gaar', 'gå'],
			['ser', 'se']
		];
		for (const [query = '', symbolWord = ''] of pairs) {
			expect(match(query, symbolWord), `${query} → ${symbolWord}`).toBe(MATCH.inflected);
			expect(match(symbolWord, query), `${symbolWord} → ${query}`).toBeLessThanOrEqual(MATCH.inflected);
		}
	});

	it('is inflected in English by -s, -es, -ing and -ed only', () => {
		expect(match('dogs', 'dog', 'en')).toBe(MATCH.inflected);
		expect(match('buses', 'bus', 'en')).toBe(MATCH.inflected);
		expect(match('eating', 'eat', 'en')).toBe(MATCH.inflected);
		expect(match('running', 'run', 'en')).toBe(MATCH.inflected);
		expect(match('walked', 'walk', 'en')).toBe(MATCH.inflected);
		expect(match('dogen', 'dog', 'en')).toBeUndefined();
	});

	it('is not inflected when the words only share one or two letters, or an ending alone', () => {
		// "ser" and "sen" both lose an ending to "se", too short a base to tell them apart.
		expect(match('ser', 'sen')).toBeUndefined();
		expect(match('ene', 'erne')).toBeUndefined();
		// "kø" is spelled "koe", but its "e" is the ø, no ending: "kø" is not "ko" (a cow) plus e.
		expect([...word('kø').bases]).toEqual([]);
		expect([...word('køen').bases]).toEqual(expect.arrayContaining(['koe']));
		expect(match('hund', 'hest')).toBeUndefined();
	});

	it('is a typo when a word of four letters or more is one edit from it', () => {
		expect(match('hnud', 'hund')).toBe(MATCH.typo);
		expect(match('aebel', 'æble')).toBe(MATCH.typo);
		expect(match('æbel', 'æble')).toBe(MATCH.typo);
		// A doubled letter before an ending may be single ("katten" → kat), so "aeblle" is "æble" by its base already.
		expect(match('aeblle', 'æble')).toBe(MATCH.inflected);
		expect(match('mund', 'hund')).toBe(MATCH.typo);
		expect(match('hundd', 'hund')).toBe(MATCH.typo);
		expect(match('heat', 'hest')).toBe(MATCH.typo);
	});

	it('is no typo for a word of three letters or fewer, nor two edits away', () => {
		expect(match('hus', 'mus')).toBeUndefined();
		expect(match('hus', 'bus')).toBeUndefined();
		expect(match('hnd', 'hund')).toBeUndefined();
		expect(match('nuhd', 'hund')).toBeUndefined();
		expect(match('hudnee', 'hund')).toBeUndefined();
	});
});

describe('one edit apart', () => {
	it('counts a letter added, left out, changed or two swapped as one edit', () => {
		expect(oneEditApart('hund', 'hund')).toBe(true);
		expect(oneEditApart('hund', 'hunde')).toBe(true);
		expect(oneEditApart('hunde', 'hund')).toBe(true);
		expect(oneEditApart('hund', 'hand')).toBe(true);
		expect(oneEditApart('hnud', 'hund')).toBe(true);
		expect(oneEditApart('uhnd', 'hund')).toBe(true);
		expect(oneEditApart('hudn', 'hund')).toBe(true);
		expect(oneEditApart('xhund', 'hund')).toBe(true);
	});

	it('counts anything more as more', () => {
		expect(oneEditApart('hund', 'hu')).toBe(false);
		expect(oneEditApart('hund', 'hnd')).toBe(true);
		expect(oneEditApart('hund', 'nuhd')).toBe(false);
		expect(oneEditApart('hund', 'hasd')).toBe(false);
		expect(oneEditApart('hund', 'udnh')).toBe(false);
		expect(oneEditApart('abc', 'bca')).toBe(false);
	});
});
