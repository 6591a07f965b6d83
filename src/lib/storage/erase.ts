import { journal } from '#lib/journal/client.ts';
import { deleteDatabase } from './db.ts';
import { acknowledgeEviction } from './eviction.ts';
import { destroyKey } from './vault.ts';

const ERASED_FLAG = 'billedtale.erased';

/**
 * "Slet alt": the journal, the tablet's key, then every citizen, meeting, answer, board, photo and
 * recording. Once begun it is finished: a start that finds the journal's erase marker erases again.
 */
export async function eraseEverything(): Promise<void> {
	await journal.beginErase();
	await destroyKey();
	await deleteDatabase();
	await journal.finishErase();
	acknowledgeEviction();
	sessionStorage.setItem(ERASED_FLAG, '1');
}

/** True once after "Slet alt", so the next start can say that everything was deleted. */
export function consumeErasedFlag(): boolean {
	const erased = sessionStorage.getItem(ERASED_FLAG) === '1';
	sessionStorage.removeItem(ERASED_FLAG);
	return erased;
}
