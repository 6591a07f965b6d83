import { describe, expect, it } from 'vitest';
import { PASSPHRASE_WORDS } from './passphrase-words.ts';

describe('passphrase word list', () => {
	it('has exactly 1024 words, so each word carries 10 bits', () => {
		expect(PASSPHRASE_WORDS).toHaveLength(1024);
	});

	it('has no duplicates', () => {
		expect(new Set(PASSPHRASE_WORDS).size).toBe(PASSPHRASE_WORDS.length);
	});

	it('holds only lowercase Danish words of 3 to 8 letters', () => {
		const invalid = PASSPHRASE_WORDS.filter((word) => !/^[a-zæøå]{3,8}$/.test(word));
		expect(invalid).toEqual([]);
	});
});
