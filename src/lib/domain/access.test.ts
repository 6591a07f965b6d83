import { describe, expect, it } from 'vitest';
import { changeAccess, DEFAULT_ACCESS, switchKeyProblem, switchOf } from './access.ts';

describe('switch keys', () => {
	it('are Space for one switch, and Space to move and Enter to select for two, until chosen', () => {
		const one = { ...DEFAULT_ACCESS, method: 'one-switch' as const };
		expect(switchOf(one, ' ')).toBe('select');
		expect(switchOf(one, 'Enter')).toBeUndefined();
		const two = { ...DEFAULT_ACCESS, method: 'two-switch' as const };
		expect([switchOf(two, ' '), switchOf(two, 'Enter'), switchOf(two, 'F9')]).toEqual(['move', 'select', undefined]);
	});

	it('follow the chosen keys, and no key is a switch when the citizen taps or dwells', () => {
		const one = changeAccess(DEFAULT_ACCESS, { method: 'one-switch', switchKey: 'F9' });
		expect([switchOf(one, 'F9'), switchOf(one, ' ')]).toEqual(['select', undefined]);
		const two = changeAccess(DEFAULT_ACCESS, { method: 'two-switch', moveKey: '1', selectKey: '2' });
		expect([switchOf(two, '1'), switchOf(two, '2'), switchOf(two, ' ')]).toEqual(['move', 'select', undefined]);
		expect(switchOf({ ...one, method: 'touch' }, 'F9')).toBeUndefined();
		expect(switchOf({ ...one, method: 'dwell' }, 'F9')).toBeUndefined();
	});

	it('refuse the keys an adviser needs to get around, and the same key for both switches', () => {
		for (const key of ['Tab', 'Escape', 'Shift', ''])
			expect(switchKeyProblem(DEFAULT_ACCESS, 'switchKey', key), key).toBe('access.keyReserved');
		expect(switchKeyProblem(DEFAULT_ACCESS, 'moveKey', 'Enter')).toBe('access.keySameAsOther');
		expect(switchKeyProblem(DEFAULT_ACCESS, 'selectKey', ' ')).toBe('access.keySameAsOther');
		// The one switch may be the same key as a two-switch key: only one of them is in use at a time.
		expect(switchKeyProblem(DEFAULT_ACCESS, 'switchKey', 'Enter')).toBeUndefined();
		expect(switchKeyProblem(DEFAULT_ACCESS, 'moveKey', 'F9')).toBeUndefined();
		expect(() => changeAccess(DEFAULT_ACCESS, { switchKey: 'Tab' })).toThrow();
	});
});
