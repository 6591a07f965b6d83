import { expect, it } from 'vitest';
import { safeFileName } from './download.ts';

it('makes a file name of a board or person name that every file system and browser keeps as it is', () => {
	expect(safeFileName('Mad/Drikke')).toBe('Mad-Drikke');
	expect(safeFileName('a:b*c?"<>|')).toBe('a-b-c');
	expect(safeFileName('  Følelser og   ønsker ')).toBe('Følelser-og-ønsker');
	expect(safeFileName('..')).toBe('billedtale');
	expect(safeFileName('.skjult.')).toBe('skjult');
	expect(safeFileName('v. 2.0')).toBe('v.-2.0');
	expect(safeFileName('   ')).toBe('billedtale');
});
