import { describe, expect, it } from 'vitest';
import { pageWords } from './parts.ts';

describe('the words a page waits for', () => {
	const at = (address: string) => pageWords(new URL(address, 'https://tablet.example'));

	it('the home screen has them with its first part', () => {
		expect(at('/')).toBeUndefined();
		expect(at('/?x=1')).toBeUndefined();
	});

	it('a meeting on its topics needs only the meeting part, its other steps and every other page all of them', () => {
		expect(at('/moede?id=m1&trin=emner')).toBe('meeting');
		expect(at('/moede?id=m1&trin=tjek-ind')).toBe('all');
		expect(at('/moede?id=m1')).toBe('all');
		// The board's address is not the meeting's, whatever its query says.
		expect(at('/tavle?borger=c1&trin=emner')).toBe('all');
		expect(at('/indstillinger')).toBe('all');
		expect(at('/om')).toBe('all');
	});
});
