import { describe, expect, it } from 'vitest';
import { type AccessProfile, changeAccess, DEFAULT_ACCESS, switchKeyProblem, switchOf, switchPress, type KeyFocus } from './access.ts';

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

describe('whose a key press is: the switch or the keyboard', () => {
	const one = { ...DEFAULT_ACCESS, method: 'one-switch' as const };
	const two = { ...DEFAULT_ACCESS, method: 'two-switch' as const };
	const press = (profile: AccessProfile, key: string) =>
		(['citizen', 'keyboard', 'typing', 'dialog'] as KeyFocus[]).map((focus) => switchPress(profile, key, focus));

	it('Space and Enter (the defaults) are the switch, except on a control the keyboard went to, in a text field or a dialog', () => {
		expect(press(two, ' ')).toEqual(['move', undefined, undefined, undefined]);
		expect(press(two, 'Enter')).toEqual(['select', undefined, undefined, undefined]);
		expect(press(one, ' ')).toEqual(['select', undefined, undefined, undefined]);
		// Enter is no switch with one switch: it presses whatever is focused, as on any page.
		expect(press(one, 'Enter')).toEqual([undefined, undefined, undefined, undefined]);
	});

	it('a key the focused control or field does not use is the switch wherever the focus is, except in a dialog', () => {
		expect(press(changeAccess(one, { switchKey: 'F9' }), 'F9')).toEqual(['select', 'select', 'select', undefined]);
		// A digit beside a button is the switch; in a text field it is typed.
		const digits = changeAccess(two, { moveKey: '1', selectKey: '2' });
		expect(press(digits, '1')).toEqual(['move', 'move', undefined, undefined]);
		expect(press(digits, '2')).toEqual(['select', 'select', undefined, undefined]);
		// An arrow moves within a radio group or a slider the keyboard is on.
		expect(press(changeAccess(one, { switchKey: 'ArrowDown' }), 'ArrowDown')).toEqual(['select', undefined, undefined, undefined]);
	});

	it('no key is a switch for a citizen who taps or dwells, and other keys never are', () => {
		expect(press({ ...two, method: 'touch' }, ' ')).toEqual([undefined, undefined, undefined, undefined]);
		expect(press({ ...two, method: 'dwell' }, 'Enter')).toEqual([undefined, undefined, undefined, undefined]);
		expect(press(two, 'F9')).toEqual([undefined, undefined, undefined, undefined]);
	});
});
