import { describe, expect, it } from 'vitest';
import { isCallForAction } from '#lib/domain/answer.ts';
import { searchSymbols, startingSymbols } from './symbol-manifest.ts';
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
		// Within a rank the label comes before a keyword, as before: "hurtigt" is the label, "hurtig" a keyword of løbe.
		expect(ids('Hurti')).toEqual(['hurtigt', 'loebe']);
	});

	it('finds a word with a Danish ending more or less, as people say it', () => {
		for (const query of ['hunde', 'hunden', 'hundene']) expect(ids(query)).toEqual(['hund']);
		for (const query of ['æbler', 'æblet', 'æblerne']) expect(ids(query)).toEqual(['aeble', 'frugt']);
		// "spiser" is spise + r; "spiste" and "spise" share "spis". The symbol spise, then sulten, which has it as a keyword.
		for (const query of ['spiser', 'spiste', 'spisende']) expect(ids(query)).toEqual(['spise', 'sulten']);
		expect(ids('kattene')).toEqual(['kat']);
		expect(ids('busser')).toContain('bus');
	});

	it('finds the same symbols for æ ø å as for ae oe aa, and for accents typed or not', () => {
		expect(ids('aeble')).toEqual(ids('æble'));
		expect(ids('aeble')).toEqual(['aeble', 'frugt']);
		expect(ids('oel')).toEqual(ids('øl'));
		expect(ids('oel')).toEqual(['alkohol']);
		expect(ids('gaa')).toEqual(ids('gå'));
		expect(ids('gaa')).toContain('gaa');
		expect(ids('GÅ')).toEqual(ids('gå'));
		// Typed as a + combining ring, as some keyboards send it.
		expect(ids('ga\u030A')).toEqual(ids('gå'));
		expect(ids('gaa tur')[0]).toBe('gaa-tur');
		expect(ids('cafe')).toEqual(['cafe']);
		expect(ids('café')).toEqual(['cafe']);
	});

	it('finds a word of four letters or more with one slip: a letter swapped, left out, added or wrong', () => {
		expect(ids('hnud')).toEqual(['hund']);
		expect(ids('aeblle')).toEqual(['aeble', 'frugt']);
		expect(ids('æblle')).toEqual(['aeble', 'frugt']);
		expect(ids('hudn')).toEqual(['hund']);
		expect(ids('kjem')).toContain('hjem');
	});

	it('allows no slip in a word of three letters or fewer, nor two slips in a longer one', () => {
		// "hus" is one letter from "bus", and "mus" from "hus": short words have too many neighbours.
		expect(ids('hus')).not.toContain('bus');
		expect(ids('mus')).not.toEqual(expect.arrayContaining(['hjem', 'nabo']));
		expect(ids('hnd')).toEqual([]);
		expect(ids('nuhd')).toEqual([]);
	});

	it('never matches everything: an ending or a letter alone finds only the few words that are it', () => {
		for (const query of ['e', 'r', 'n', 's', 't', 'en', 'er', 'et', 'te', 'de', 'ene', 'ede', 'erne', 'ende']) {
			expect(ids(query).length, query).toBeLessThan(3);
		}
		expect(ids('xyzzy')).toEqual([]);
	});

	it('ranks exact words first, then starts of words, then endings, then slips', () => {
		// svømme has "bade" as a keyword; badeværelse starts with it; bad and brusebad are "bad" + e; "både" and "gade"
		// (nabo) are one slip away.
		expect(ids('bade')).toEqual(['svoemme', 'badevaerelse', 'bad', 'brusebad', 'baade-og', 'nabo']);
		// The mouth before the dog one letter off, though the dog's label comes first in the alphabet.
		expect(ids('mund').slice(0, 2)).toEqual(['mund', 'hund']);
		// An exact keyword before a label that starts with the query.
		expect(ids('hurtig')).toEqual(['loebe', 'hurtigt']);
	});

	it('needs every word of the query, the last one perhaps half typed', () => {
		expect(ids('vil ger')).toEqual(['vil-gerne']);
		expect(ids('gå t')).toEqual(['gaa-tur']);
		expect(ids('hund kat')).toEqual([]);
	});

	it('takes English endings in English, and not the Danish ones', () => {
		const english = (query: string) => searchSymbols(SYMBOLS, query, 'en').map((entry) => entry.id);
		expect(english('dogs')).toEqual(['hund']);
		expect(english('apples')).toEqual(['aeble', 'frugt']);
		expect(english('eating')).toEqual(['spise', 'sulten']);
		expect(english('buses')).toContain('bus');
		expect(english('walked')).toContain('gaa');
		expect(english('dogene')).toEqual([]);
	});

	it('keeps its limit', () => {
		expect(searchSymbols(SYMBOLS, 'se', 'da', 2)).toHaveLength(2);
	});
});

describe('the symbols a picker starts with, before anything is typed', () => {
	it("are the question's own, in its order, leaving out an id the set does not have", () => {
		expect(startingSymbols(SYMBOLS, ['musik', 'hund', 'findes-ikke', 'ven']).map((entry) => entry.id)).toEqual(['musik', 'hund', 'ven']);
	});

	it('are the feelings for a question that names none, and never one of the meeting’s signals', () => {
		const feelings = SYMBOLS.filter((entry) => entry.category === 'foelelser');
		for (const start of [startingSymbols(SYMBOLS), startingSymbols(SYMBOLS, [])]) {
			expect(start).toEqual(feelings);
			expect(start.map((entry) => entry.id)).toEqual(expect.arrayContaining(['glad', 'ked-af-det', 'vred', 'bange', 'rolig']));
			expect(start.filter((entry) => isCallForAction(entry.id))).toEqual([]);
		}
	});
});
