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
		expect(ids('Hurtig')[0]).toBe('hurtigt');
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
