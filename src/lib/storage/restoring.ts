import { deleteCitizen } from './citizens.ts';
import { getStore } from './db.ts';

/*
 * A restore writes a file's records a batch per transaction, and its citizens last, in a transaction of their own. Held
 * for one transaction at the end, every sealed record of the file was in the page's memory at once, and the journal
 * took a copy of that transaction whole (issue 17: 210 MB of JS heap and array buffers for a 56 MB file, years bench
 * at 10×). Until its citizens are written, what a restore has written belongs to no citizen the app shows or backs up.
 *
 * Which citizens a restore is adding is kept outside IndexedDB (a database brought back from the journal finds it all
 * the same) from before its first write until it has finished, or has taken back what it wrote. A restore cut short (the
 * tab closed, the browser killed) is taken back at the next unlock. Restores take turns across tabs, and the next
 * unlock leaves one that is under way in another tab alone.
 */
const MARKER = 'billedtale.restoring';
const LOCK = 'billedtale-restore';

const locks = () => (typeof navigator === 'undefined' ? undefined : navigator.locks);

/** A restore, from reading which citizens the tablet has to its last write: one at a time across tabs. */
export function inRestoreTurn<T>(restore: () => Promise<T>): Promise<T> {
	return locks()?.request(LOCK, restore) ?? restore();
}

/** A restore's writes, in its turn: `citizenIds` are the citizens it adds, all taken back should a write fail. */
export async function writeRestore(citizenIds: readonly string[], write: () => Promise<void>): Promise<void> {
	localStorage.setItem(MARKER, JSON.stringify(citizenIds));
	try {
		await write();
	} catch (error) {
		// Should taking back fail too (the storage refuses every write), the next unlock tries again.
		await takeBack(citizenIds).catch((failure: unknown) =>
			console.warn('Billedtale: a failed restore could not be taken back yet', failure)
		);
		throw error;
	}
	localStorage.removeItem(MARKER);
}

/** The citizens a restore cut short was adding, or none. */
function markedCitizens(): string[] {
	try {
		const ids: unknown = JSON.parse(localStorage.getItem(MARKER) ?? '[]');
		return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
	} catch {
		return [];
	}
}

/** Removes what a restore wrote for the citizens it had not yet written, and their keys; a citizen written stays. */
async function takeBack(citizenIds: readonly string[]): Promise<void> {
	const written = new Set(
		await getStore().transaction('r', ['citizens'], (tx) => tx.citizens.where(':id').anyOf(citizenIds).primaryKeys())
	);
	for (const id of citizenIds) if (!written.has(id)) await deleteCitizen(id);
	localStorage.removeItem(MARKER);
}

/** After unlock: takes back a restore cut short, unless a restore is under way in another tab. */
export async function takeBackCutShortRestore(): Promise<void> {
	const takeBackMarked = async () => {
		const ids = markedCitizens();
		if (ids.length > 0) await takeBack(ids);
	};
	const held = locks();
	await (held ? held.request(LOCK, { ifAvailable: true }, (lock) => lock && takeBackMarked()) : takeBackMarked());
}

/** "Slet alt" leaves nothing: not even which citizens a restore was adding. */
export function forgetRestore(): void {
	localStorage.removeItem(MARKER);
}
