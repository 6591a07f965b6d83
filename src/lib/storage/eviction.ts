import { getDb } from './db.ts';

/*
 * Browsers may clear a site's IndexedDB under storage pressure when persistence was not granted.
 * A small marker in localStorage (which is cleared with it only when the whole site is cleared)
 * remembers that citizens were kept, so an empty database can be told apart from a new tablet.
 */
const MARKER = 'billedtale.hasCitizens';

export async function rememberWhetherCitizensExist(): Promise<void> {
	if ((await getDb().citizens.count()) > 0) localStorage.setItem(MARKER, '1');
	else localStorage.removeItem(MARKER);
}

/** True when citizens were kept here and the database is now empty without anyone deleting them. */
export async function storageWasEvicted(): Promise<boolean> {
	return localStorage.getItem(MARKER) === '1' && (await getDb().citizens.count()) === 0;
}

/** After telling the user, start afresh so the warning is not repeated on every start. */
export function acknowledgeEviction(): void {
	localStorage.removeItem(MARKER);
}
