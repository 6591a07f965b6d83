import { describe, expect, it } from 'vitest';
import { da } from './da.ts';
import { FIRST_SCREEN_PREFIXES, partOf } from './parts.ts';
import firstScreenWords from 'virtual:dictionary/da/first';
import rest from 'virtual:dictionary/da/rest';
import { loadLanguage, translate } from './translate.ts';

describe('loading a language', () => {
	it('has Danish at once, and English only once it has been loaded', async () => {
		expect(translate('da', 'nav.home')).toBe('Borgere');
		expect(() => translate('en', 'nav.home')).toThrow(/before loadLanguage\('en'\)/);
		await loadLanguage('en');
		expect(translate('en', 'nav.home')).toBe('Citizens');
	});
});

describe('the two parts of the Danish dictionary', () => {
	it('hold every Danish key once, the first screens’ by their first segment', () => {
		expect({ ...firstScreenWords, ...rest }).toEqual(da);
		expect(Object.keys(firstScreenWords).filter((key) => key in rest)).toEqual([]);
		for (const key of Object.keys(firstScreenWords)) expect(FIRST_SCREEN_PREFIXES, key).toContain(key.split('.')[0]);
		expect(partOf('lock.title')).toBe('first');
		expect(partOf('home.title')).toBe('first');
		expect(partOf('plan.title')).toBe('rest');
	});

	it('leave most words out of the first load', () => {
		const size = (words: object) => JSON.stringify(words).length;
		expect(size(firstScreenWords)).toBeLessThan(size(rest) / 2);
	});
});
