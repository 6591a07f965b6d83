import { deleteDatabase } from './db.ts';
import { acknowledgeEviction } from './eviction.ts';

/** "Slet alt": every citizen, meeting, answer, board, photo and recording on this tablet. */
export async function eraseEverything(): Promise<void> {
	await deleteDatabase();
	acknowledgeEviction();
}
