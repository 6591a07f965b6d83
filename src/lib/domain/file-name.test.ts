import { expect, it } from 'vitest';
import { fileNameOf } from './file-name.ts';

it('names a file by what it is, a date and the start of a random id, so no name leaves the tablet with it', () => {
	expect(fileNameOf('tavler', '2026-12-07', 'A1B2-c3d4-e5f6', 'obz')).toBe('tavler-2026-12-07-a1b2c3d4.obz');
	expect(fileNameOf('tavle', '2026-12-07', '1a2b', 'obf')).toBe('tavle-2026-12-07-1a2b.obf');
});
