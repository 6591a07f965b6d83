import { isSealedPayload, sealPayload } from '#lib/vault/payload.ts';
import type { DataKey, VaultRecord } from '#lib/vault/keys.ts';
import { getStore } from './db.ts';
import { guardedWrite, StorageError } from './errors.ts';
import { SEALED_TABLES } from './sealing.ts';

export function readVault(): Promise<VaultRecord | undefined> {
	return getStore().transaction('r', ['vault'], (tx) => tx.vault.get('vault'));
}

/** What every change of the record changes: the passphrase's salt, the random ivs of its boxes, or the idle time. */
function fingerprint(record: VaultRecord): string {
	const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
	return [hex(record.kdf.salt), hex(record.wrappedKey.iv), hex(record.pin.iv), record.idleMinutes].join(':');
}

/**
 * Settings that change the vault record (PIN, passphrase, idle time) replace it whole: `next`, made from `read`, is
 * stored only if the record is still `read`. Another tab may have changed it meanwhile (a new key for the passphrase takes
 * a second to derive), and a record made from the one before would bring its old PIN or passphrase back. False then: the
 * change is to be made again from the record as it is now.
 */
export async function replaceVault(read: VaultRecord, next: VaultRecord): Promise<boolean> {
	return guardedWrite(() =>
		getStore().transaction('rw', ['vault'], async (tx) => {
			const stored = await tx.vault.get('vault');
			if (!stored || fingerprint(stored) !== fingerprint(read)) return false;
			await tx.vault.put(next);
			return true;
		})
	);
}

type AnyRecord = { id: string; payload: unknown };

/**
 * Stores a new tablet key. Records written before the tablet had a key (schema 3 and older) are sealed
 * with it in the same transaction, so no plain payload is left behind and nothing is lost half way.
 * Records sealed under a key that no longer exists (a "Slet alt" cut short) can never be opened and go.
 */
export async function storeNewVault(record: VaultRecord, dataKey: DataKey): Promise<{ sealed: number; removed: number }> {
	const store = getStore();
	const all = await store.transaction('r', SEALED_TABLES, (tx) =>
		Promise.all(SEALED_TABLES.map((name) => tx.table<AnyRecord>(name).toArray()))
	);
	const plain = all.map((records) => records.filter((r) => !isSealedPayload(r.payload)));
	const orphans = all.map((records) => records.filter((r) => isSealedPayload(r.payload)).map((r) => r.id));
	const sealed = await Promise.all(
		plain.map((records, i) =>
			Promise.all(records.map(async (r) => ({ ...r, payload: await sealPayload(dataKey, SEALED_TABLES[i]!, r.id, r.payload) })))
		)
	);
	await guardedWrite(() =>
		store.transaction('rw', ['vault', ...SEALED_TABLES], async (tx) => {
			if (await tx.vault.get('vault')) throw new StorageError('error.vaultExists');
			const tables = SEALED_TABLES.map((name) => tx.table<AnyRecord>(name));
			const countsNow = await Promise.all(tables.map((table) => table.count()));
			if (countsNow.some((count, i) => count !== all[i]!.length)) throw new StorageError('error.storageWrite');
			await Promise.all(tables.map((table, i) => table.bulkDelete(orphans[i]!)));
			await Promise.all(tables.map((table, i) => table.bulkPut(sealed[i]!)));
			await tx.vault.add(record);
		})
	);
	const total = (lists: unknown[][]) => lists.reduce((sum, list) => sum + list.length, 0);
	return { sealed: total(sealed), removed: total(orphans) };
}

/** "Slet alt" removes the key first: should deleting the rest fail, what is left cannot be opened. */
export async function destroyKey(): Promise<void> {
	await guardedWrite(() => getStore().transaction('rw', ['vault'], (tx) => tx.vault.delete('vault')));
}
