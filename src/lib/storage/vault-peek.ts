import type { VaultRecord } from '#lib/vault/keys.ts';

export const DATABASE_NAME = 'billedtale';

/**
 * The tablet key's record, read with IndexedDB itself for the first screen. Whether the tablet is set up chooses between
 * the passphrase and the setup screen, and the lock screen should not wait for the database's code and every table's (about half
 * of the app's first load) to learn it; they are fetched meanwhile, and the key is read through them again before it is
 * used (tablet-lock.svelte.ts). Read-only: a database that is not there yet is not made here, its first version is the app's (db.ts).
 */
export function peekVault(): Promise<VaultRecord | undefined> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(DATABASE_NAME);
		// Only a database that does not exist yet is upgraded by an open without a version: nothing to read, nothing made.
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onerror = (event) => {
			if (request.error?.name !== 'AbortError') return reject(request.error ?? new Error('the database could not be opened'));
			event.preventDefault();
			resolve(undefined);
		};
		request.onsuccess = () => {
			const db = request.result;
			// The app's own connection, opening meanwhile with a newer schema, must not wait for this one.
			db.onversionchange = () => db.close();
			if (!db.objectStoreNames.contains('vault')) {
				db.close();
				return resolve(undefined);
			}
			const read = db.transaction('vault', 'readonly').objectStore('vault').get('vault');
			read.onsuccess = () => resolve(read.result as VaultRecord | undefined);
			read.onerror = () => reject(read.error ?? new Error('the tablet key could not be read'));
			read.transaction!.oncomplete = () => db.close();
			read.transaction!.onabort = () => db.close();
		};
	});
}
