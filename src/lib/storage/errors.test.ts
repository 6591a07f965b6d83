import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/domain/validation.ts';
import { StorageError, guardedWrite } from './errors.ts';

describe('guardedWrite', () => {
	it('lets a broken rule through unchanged, so the user is told which rule', async () => {
		const broken = new ValidationError('error.boardName');
		await expect(guardedWrite(() => Promise.reject(broken))).rejects.toBe(broken);
	});

	it('tells a failed write by its type, not by a name any error can carry', async () => {
		const impostor = new TypeError('cannot read the record');
		impostor.name = 'ValidationError';
		const error = await guardedWrite(() => Promise.reject(impostor)).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(StorageError);
		expect(error).toMatchObject({ code: 'error.storageWrite', cause: impostor });
	});

	it('names a full disk', async () => {
		const quota = new DOMException('full', 'QuotaExceededError');
		const error = await guardedWrite(() => Promise.reject(quota)).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(StorageError);
		expect(error).toMatchObject({ code: 'error.storageFull', cause: quota });
	});
});
