import { ValidationError } from '#lib/domain/validation.ts';
import { journal } from '#lib/journal/client.ts';

/** A write that did not reach the disk. `code` is an i18n key for a message the user can act on. */
export class StorageError extends Error {
	constructor(
		readonly code: 'error.storageFull' | 'error.storageWrite' | 'error.storageEvicted' | 'error.notFound' | 'error.vaultExists',
		options?: { cause?: unknown }
	) {
		super(code, options);
		this.name = 'StorageError';
	}
}

function isQuotaError(error: unknown): boolean {
	if (!(error instanceof Error || error instanceof DOMException)) return false;
	const inner = (error as { inner?: unknown }).inner;
	return error.name === 'QuotaExceededError' || (inner !== undefined && isQuotaError(inner));
}

/**
 * Runs a write and turns any failure into a StorageError, so the caller never loses it silently. Resolves once IndexedDB
 * has committed it; the screen may say "Gemt" only once the journal has it too (`guardedWrite`, or `journal.settled()`).
 */
export async function guardedCommit<T>(write: () => Promise<T>): Promise<T> {
	try {
		return await write();
	} catch (error) {
		// By type: any error can be given the name "ValidationError", and a failed write must never pass as a broken rule.
		if (error instanceof StorageError || error instanceof ValidationError) throw error;
		throw new StorageError(isQuotaError(error) ? 'error.storageFull' : 'error.storageWrite', { cause: error });
	}
}

/** A guarded write that resolves once it is in the journal too: only then may the screen say "Gemt". */
export async function guardedWrite<T>(write: () => Promise<T>): Promise<T> {
	const result = await guardedCommit(write);
	await journal.settled();
	return result;
}
