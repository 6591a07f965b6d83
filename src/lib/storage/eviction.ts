import { getStore } from './db.ts';
import { persistenceState, requestPersistence } from './persistence.ts';

/*
 * Browsers may clear a site's IndexedDB under storage pressure when persistence was not granted, and
 * Chromium deletes a database it finds torn. A marker kept outside IndexedDB remembers that citizens
 * were kept, so an empty database can be told apart from a new tablet. It is kept twice, in
 * localStorage and in Cache Storage, so that either surviving is enough. What clears the whole site
 * (Safari after 7 days in a tab, "clear website data") takes both: the first-start screen says so.
 */
const MARKER = 'billedtale.hasCitizens';
const MARKER_CACHE = 'kept-marker';
const MARKER_URL = '/kept-marker';
const PERSISTENCE_REFUSED = 'billedtale.persistenceRefused';

async function markInCache(kept: boolean): Promise<void> {
	if (typeof caches === 'undefined') return;
	if (!kept) return void (await caches.delete(MARKER_CACHE));
	await (await caches.open(MARKER_CACHE)).put(MARKER_URL, new Response('1'));
}

async function cacheRemembers(): Promise<boolean> {
	if (typeof caches === 'undefined') return false;
	return (await caches.has(MARKER_CACHE)) && (await (await caches.open(MARKER_CACHE)).match(MARKER_URL)) !== undefined;
}

function countCitizens(): Promise<number> {
	return getStore().transaction('r', ['citizens'], (tx) => tx.citizens.count());
}

export async function rememberWhetherCitizensExist(): Promise<void> {
	const kept = (await countCitizens()) > 0;
	if (kept) localStorage.setItem(MARKER, '1');
	else localStorage.removeItem(MARKER);
	await markInCache(kept).catch((error: unknown) => console.warn('Billedtale: the storage marker could not be kept in the cache', error));
	// Now there is something worth keeping: ask the browser not to clear it (asking at every start only trains it to say no).
	// Once: Firefox asks the person with a prompt of its own, and one dismissed was asked again at every citizen added,
	// deleted or restored. After a no, "Bed om varig lagring" in the settings asks again.
	if (kept && localStorage.getItem(PERSISTENCE_REFUSED) === null && (await persistenceState()) === 'not-persisted') {
		void requestPersistence()
			.then((state) => state === 'not-persisted' && localStorage.setItem(PERSISTENCE_REFUSED, '1'))
			.catch((error: unknown) => console.warn('Billedtale: persistent storage could not be requested', error));
	}
}

/** True when citizens were kept here and the database is now empty without anyone deleting them. */
export async function storageWasEvicted(): Promise<boolean> {
	const remembered = localStorage.getItem(MARKER) === '1' || (await cacheRemembers().catch(() => false));
	return remembered && (await countCitizens()) === 0;
}

/** After telling the user, start afresh so the warning is not repeated on every start. */
export function acknowledgeEviction(): void {
	localStorage.removeItem(MARKER);
	void markInCache(false).catch(() => undefined);
}
