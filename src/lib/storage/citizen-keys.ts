import { randomBytes } from '#lib/crypto/primitives.ts';
import { createCitizenKey, decodeCitizenKey, encodeCitizenKey, unwrapCitizenKey, type CitizenKeyRecord } from '#lib/vault/citizen-keys.ts';
import type { DataKey } from '#lib/vault/keys.ts';
import { citizenKeyOnce, forgetCitizenKey, requireDataKey } from '#lib/vault/session.ts';
import { getStore } from './db.ts';
import { guardedWrite } from './errors.ts';

/*
 * Where the citizens' wrapped keys are kept, and how they are destroyed. IndexedDB cannot really
 * delete: Chromium keeps deleted records in its LevelDB files until a compaction. Files of the origin
 * private file system (OPFS) are plain files in the profile; overwritten and removed, they are gone from
 * it. So the keys live there, one small file per citizen, where the browser can write files from a
 * page; elsewhere (WebKit before createWritable, and Node in the unit tests) in the `citizenKeys`
 * table, where a deleted key lingers like the records (the README says so). A key is looked for in
 * both, so a browser that gains OPFS writing later still finds the keys it kept in IndexedDB.
 */

const KEY_DIRECTORY = 'citizen-keys';
const KEY_LOCK = 'billedtale-citizen-keys';

/** Reading a record whose citizen has no key: it cannot be opened (its citizen was deleted). */
export class MissingCitizenKeyError extends Error {
	constructor(readonly citizenId: string) {
		super(`No key for citizen ${citizenId}`);
		this.name = 'MissingCitizenKeyError';
	}
}

/**
 * The origin private file system's root, where this page may write its files; undefined where it may not: the API is
 * missing (WebKit before createWritable, Node) or the browser refuses the directory (Firefox's private windows and
 * "never remember history" throw a SecurityError), and the keys are kept in the `citizenKeys` table instead. Only
 * checking for the functions left no citizen addable there: every new key's file write failed.
 */
async function fileRoot(): Promise<FileSystemDirectoryHandle | undefined> {
	const api =
		typeof navigator !== 'undefined' &&
		typeof navigator.storage?.getDirectory === 'function' &&
		typeof FileSystemFileHandle !== 'undefined' &&
		'createWritable' in FileSystemFileHandle.prototype;
	return api ? navigator.storage.getDirectory().catch(() => undefined) : undefined;
}

function keyDirectory(root: FileSystemDirectoryHandle, create: boolean): Promise<FileSystemDirectoryHandle | undefined> {
	return root.getDirectoryHandle(KEY_DIRECTORY, { create }).catch((error: unknown) => {
		if (!create && error instanceof DOMException && error.name === 'NotFoundError') return undefined;
		throw error;
	});
}

async function readKeyFile(root: FileSystemDirectoryHandle, citizenId: string): Promise<CitizenKeyRecord | undefined> {
	const directory = await keyDirectory(root, false);
	const handle = await directory?.getFileHandle(citizenId).catch(() => undefined);
	if (!handle) return undefined;
	return decodeCitizenKey(new Uint8Array(await (await handle.getFile()).arrayBuffer()));
}

async function writeFile(handle: FileSystemFileHandle, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
	const writable = await handle.createWritable();
	await writable.write(bytes);
	await writable.close();
}

/** Random bytes over the key first, then the file goes: neither the key nor its file is left in the profile. */
async function shredKeyFile(directory: FileSystemDirectoryHandle, name: string): Promise<void> {
	const handle = await directory.getFileHandle(name).catch(() => undefined);
	if (!handle) return;
	await writeFile(handle, randomBytes(Math.max((await handle.getFile()).size, 1)));
	await directory.removeEntry(name);
}

async function readKey(citizenId: string): Promise<CitizenKeyRecord | undefined> {
	const root = await fileRoot();
	return (
		(root ? await readKeyFile(root, citizenId) : undefined) ??
		(await getStore().transaction('r', ['citizenKeys'], (tx) => tx.citizenKeys.get(citizenId)))
	);
}

async function storeKey(record: CitizenKeyRecord): Promise<void> {
	const root = await fileRoot();
	if (!root) {
		await guardedWrite(() => getStore().transaction('rw', ['citizenKeys'], (tx) => tx.citizenKeys.put(record)));
		return;
	}
	const directory = (await keyDirectory(root, true))!;
	await writeFile(await directory.getFileHandle(record.id, { create: true }), encodeCitizenKey(record));
}

/** One tab at a time creates keys: two tabs creating a key for one citizen would lose one tab's records. */
function oneTabAtATime<T>(work: () => Promise<T>): Promise<T> {
	return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request(KEY_LOCK, work) : work();
}

async function unwrap(tabletKey: DataKey, citizenId: string, record: CitizenKeyRecord): Promise<DataKey> {
	const key = await unwrapCitizenKey(tabletKey, citizenId, record);
	if (!key) throw new MissingCitizenKeyError(citizenId);
	return key;
}

/*
 * A deleted citizen's key must leave every tab's memory, not only the tab that deleted them: other tabs
 * would otherwise open lingering copies of the records until their next lock. A tab listens once it has
 * loaded a key (before that it holds none to forget).
 */
const FORGET_CHANNEL = 'billedtale-citizen-keys';
let forgetting: BroadcastChannel | undefined;

function listenForDeletions(): void {
	if (forgetting || typeof BroadcastChannel === 'undefined') return;
	forgetting = new BroadcastChannel(FORGET_CHANNEL);
	forgetting.onmessage = (event: MessageEvent<{ forget: string | null }>) => forgetCitizenKey(event.data.forget ?? undefined);
}

function tellOtherTabsToForget(citizenId: string | null): void {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(FORGET_CHANNEL);
	channel.postMessage({ forget: citizenId });
	channel.close();
}

async function loadKey(citizenId: string, create: boolean): Promise<DataKey> {
	listenForDeletions();
	const tabletKey = requireDataKey();
	const found = await readKey(citizenId);
	if (found && (found.wrappedBy === tabletKey.keyId || !create)) return unwrap(tabletKey, citizenId, found);
	if (!create) throw new MissingCitizenKeyError(citizenId);
	return oneTabAtATime(async () => {
		const meanwhile = await readKey(citizenId);
		// A key left by an earlier tablet key (a "Slet alt" cut short) opens nothing here and is replaced.
		if (meanwhile && meanwhile.wrappedBy === tabletKey.keyId) return unwrap(tabletKey, citizenId, meanwhile);
		const { record, key } = await createCitizenKey(tabletKey, citizenId);
		await storeKey(record);
		return key;
	});
}

/** The key that opens a citizen's records; throws MissingCitizenKeyError when there is none. */
export function citizenKey(citizenId: string): Promise<DataKey> {
	return citizenKeyOnce(citizenId, () => loadKey(citizenId, false));
}

/** The key that seals a citizen's records, created on the citizen's first record (a new or restored citizen). */
export async function citizenKeyForSealing(citizenId: string): Promise<DataKey> {
	try {
		return await citizenKeyOnce(citizenId, () => loadKey(citizenId, true));
	} catch (error) {
		// A read that found no key may have been under way; its failure is not cached, so this load creates one.
		if (!(error instanceof MissingCitizenKeyError)) throw error;
		return citizenKeyOnce(citizenId, () => loadKey(citizenId, true));
	}
}

/** Destroys a citizen's key wherever it is kept; what is left of their records can then never be opened. */
export async function destroyCitizenKey(citizenId: string): Promise<void> {
	forgetCitizenKey(citizenId);
	tellOtherTabsToForget(citizenId);
	const root = await fileRoot();
	const directory = root && (await keyDirectory(root, false));
	if (directory) await shredKeyFile(directory, citizenId);
	await guardedWrite(() => getStore().transaction('rw', ['citizenKeys'], (tx) => tx.citizenKeys.delete(citizenId)));
}

/** "Slet alt": every citizen key file is overwritten and removed, then the directory goes. */
export async function destroyEveryCitizenKey(): Promise<void> {
	forgetCitizenKey();
	tellOtherTabsToForget(null);
	const root = await fileRoot();
	const directory = root && (await keyDirectory(root, false));
	if (!root || !directory) return;
	// Names first: removing entries while iterating the directory could skip some.
	const names: string[] = [];
	for await (const name of directory.keys()) names.push(name);
	for (const name of names) await shredKeyFile(directory, name);
	await root.removeEntry(KEY_DIRECTORY, { recursive: true });
}
