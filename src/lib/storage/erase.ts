import { journal } from '#lib/journal/client.ts';
import { destroyEveryCitizenKey } from './citizen-keys.ts';
import { deleteDatabase } from './db.ts';
import { acknowledgeEviction } from './eviction.ts';
import { meetingsDeleted } from './forgotten-meetings.ts';
import { forgetRestore } from './restoring.ts';
import { destroyKey } from './vault.ts';

const ERASED_FLAG = 'billedtale.erased';

/**
 * "Slet alt": the journal, the citizens' keys, the tablet's key, then every citizen, meeting, answer,
 * board, photo and recording. Once begun it is finished: a start that finds the journal's erase marker
 * erases again. The citizens' keys are files overwritten and removed, so the records IndexedDB keeps in
 * its files until a compaction cannot be opened, not even with the passphrase and the stale tablet key.
 */
export async function eraseEverything(): Promise<void> {
	await journal.beginErase();
	await destroyEveryCitizenKey();
	await destroyKey();
	await deleteDatabase();
	await journal.finishErase();
	acknowledgeEviction();
	forgetRestore();
	meetingsDeleted(undefined);
	sessionStorage.setItem(ERASED_FLAG, '1');
}

/** True once after "Slet alt", so the next start can say that everything was deleted. */
export function consumeErasedFlag(): boolean {
	const erased = sessionStorage.getItem(ERASED_FLAG) === '1';
	sessionStorage.removeItem(ERASED_FLAG);
	return erased;
}
