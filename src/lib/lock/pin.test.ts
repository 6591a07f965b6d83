import { describe, expect, it } from 'vitest';
import { hashPin, isValidPin, pinMatches } from './pin.ts';

describe('screen-lock PIN', () => {
	it('accepts 4 to 8 digits only', () => {
		expect(['1234', '12345678'].map(isValidPin)).toEqual([true, true]);
		expect(['123', '123456789', '12a4', ' 1234'].map(isValidPin)).toEqual([false, false, false, false]);
	});

	it('keeps only a salted hash that matches the right PIN and no other', async () => {
		const stored = await hashPin('2468');
		expect(JSON.stringify(stored)).not.toContain('2468');
		expect(await pinMatches('2468', stored)).toBe(true);
		expect(await pinMatches('2469', stored)).toBe(false);
		expect((await hashPin('2468')).salt).not.toBe(stored.salt);
	});
});
