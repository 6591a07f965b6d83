import { describe, expect, it } from 'vitest';
import { loadLanguage, translate } from './translate.ts';

describe('loading a language', () => {
	it('has Danish at once, and English only once it has been loaded', async () => {
		expect(translate('da', 'nav.home')).toBe('Borgere');
		expect(() => translate('en', 'nav.home')).toThrow(/before loadLanguage\('en'\)/);
		await loadLanguage('en');
		expect(translate('en', 'nav.home')).toBe('Citizens');
	});
});
