import { decryptBytes, encryptBytes, randomBytes } from '#lib/crypto/primitives.ts';
import { newId } from '#lib/domain/ids.ts';
import type { Box, DataKey } from './keys.ts';

/*
 * One data key per citizen, so that deleting a citizen can be cryptographic: Chromium keeps deleted
 * IndexedDB records on disk until it compacts its files, but without the citizen's key what lingers
 * cannot be opened, not even with the team passphrase. The citizen key is random, wrapped by the
 * tablet's data key and kept apart from the records (storage/citizen-keys.ts), where it can be destroyed.
 */

/** A citizen's wrapped key as stored. Nothing here opens anything without the tablet's data key. */
export interface CitizenKeyRecord {
	/** The citizen's id: one key per citizen. */
	id: string;
	keyId: string;
	/** The tablet key that wraps it: a key wrapped under another tablet's key is not this tablet's. */
	wrappedBy: string;
	wrapped: Box;
}

// Bound to the citizen and both keys, so a wrapped key moved to another citizen does not open.
const context = (record: Pick<CitizenKeyRecord, 'id' | 'keyId' | 'wrappedBy'>) =>
	`billedtale|citizen-key|${record.id}|${record.keyId}|${record.wrappedBy}`;

function importKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	// Not extractable: script can use the key but never read it back out of memory.
	return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** A fresh key for a citizen, wrapped by the tablet key; the raw bytes exist only inside this call. */
export async function createCitizenKey(tabletKey: DataKey, citizenId: string): Promise<{ record: CitizenKeyRecord; key: DataKey }> {
	const raw = randomBytes(32);
	try {
		const head = { id: citizenId, keyId: newId(), wrappedBy: tabletKey.keyId };
		const wrapped = await encryptBytes(tabletKey.key, raw, context(head));
		return { record: { ...head, wrapped }, key: { keyId: head.keyId, key: await importKey(raw) } };
	} finally {
		raw.fill(0);
	}
}

/** Undefined when the record is not this citizen's key under this tablet key (changed, moved or foreign). */
export async function unwrapCitizenKey(tabletKey: DataKey, citizenId: string, record: CitizenKeyRecord): Promise<DataKey | undefined> {
	if (record.id !== citizenId || record.wrappedBy !== tabletKey.keyId) return undefined;
	let raw: Uint8Array<ArrayBuffer>;
	try {
		raw = new Uint8Array(await decryptBytes(tabletKey.key, record.wrapped.iv, record.wrapped.ct, context(record)));
	} catch {
		return undefined;
	}
	try {
		return { keyId: record.keyId, key: await importKey(raw) };
	} finally {
		raw.fill(0);
	}
}

/*
 * The file form of a wrapped key, for where it is kept outside IndexedDB: a format byte, the plain ids
 * as JSON behind their length, the 12-byte IV and the wrapped key.
 */
const FILE_FORMAT = 1;
const IV_BYTES = 12;

export function encodeCitizenKey({ id, keyId, wrappedBy, wrapped }: CitizenKeyRecord): Uint8Array<ArrayBuffer> {
	const head = new TextEncoder().encode(JSON.stringify({ id, keyId, wrappedBy }));
	const out = new Uint8Array(3 + head.length + IV_BYTES + wrapped.ct.byteLength);
	out[0] = FILE_FORMAT;
	new DataView(out.buffer).setUint16(1, head.length);
	out.set(head, 3);
	out.set(wrapped.iv, 3 + head.length);
	out.set(new Uint8Array(wrapped.ct), 3 + head.length + IV_BYTES);
	return out;
}

/** Undefined for anything that is not a wrapped key in this format (a torn or overwritten file). */
export function decodeCitizenKey(bytes: Uint8Array): CitizenKeyRecord | undefined {
	if (bytes.length < 3 || bytes[0] !== FILE_FORMAT) return undefined;
	const headLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(1);
	const ivAt = 3 + headLength;
	if (bytes.length <= ivAt + IV_BYTES) return undefined;
	try {
		const head = JSON.parse(new TextDecoder().decode(bytes.subarray(3, ivAt))) as Record<string, unknown>;
		const { id, keyId, wrappedBy } = head;
		if (typeof id !== 'string' || typeof keyId !== 'string' || typeof wrappedBy !== 'string') return undefined;
		const iv = bytes.slice(ivAt, ivAt + IV_BYTES);
		return { id, keyId, wrappedBy, wrapped: { iv, ct: bytes.slice(ivAt + IV_BYTES).buffer } };
	} catch {
		return undefined;
	}
}
