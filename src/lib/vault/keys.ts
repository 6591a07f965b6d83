import { checkPassphrase, decryptBytes, derivePassphraseKey, encryptBytes, KDF_ITERATIONS, randomBytes } from '#lib/crypto/primitives.ts';
import { newId } from '#lib/domain/ids.ts';
import { ValidationError } from '#lib/domain/validation.ts';

/*
 * The tablet's key hierarchy (after Bitwarden and Standard Notes):
 *   team passphrase ─PBKDF2-SHA256→ passphrase key ─wraps→ random data key ─encrypts→ every payload.
 * Only the wrapped data key is stored. Changing the passphrase re-wraps one key and leaves the records alone.
 * The PIN is a session unlock: after a passphrase unlock the data key is also wrapped under a key derived
 * from the PIN, and that copy lives in memory only. A short PIN would not stand up to an offline attack,
 * so nothing on disk can be opened with the PIN.
 */

export const VAULT_FORMAT = 1;
const PIN_PATTERN = /^\d{4,8}$/;
/** The in-memory PIN copy is gone after a reload, so its key derivation only needs to slow down guessing on screen. */
const PIN_KDF_ITERATIONS = 100_000;

export interface Box {
	iv: Uint8Array<ArrayBuffer>;
	ct: ArrayBuffer;
}

export interface KdfParams {
	name: 'PBKDF2-SHA256';
	salt: Uint8Array<ArrayBuffer>;
	iterations: number;
}

/** What the tablet stores about its key. Nothing here opens the data without the passphrase. */
export interface VaultRecord {
	id: 'vault';
	format: typeof VAULT_FORMAT;
	keyId: string;
	kdf: KdfParams;
	/** The data key, encrypted under the passphrase key. */
	wrappedKey: Box;
	/** The PIN, encrypted under the data key, so that a passphrase unlock can arm the PIN lock again. */
	pin: Box;
	idleMinutes: number;
	createdAt: number;
}

/** The working data key: usable for encryption, never readable by script. */
export interface DataKey {
	keyId: string;
	key: CryptoKey;
}

/** The data key under the PIN, held in memory while the tablet is soft-locked or open. */
export interface PinLock {
	keyId: string;
	salt: Uint8Array<ArrayBuffer>;
	box: Box;
}

export interface Unlocked {
	dataKey: DataKey;
	pinLock: PinLock;
}

const encoder = new TextEncoder();

export function isValidPin(pin: string): boolean {
	return PIN_PATTERN.test(pin);
}

const seal = encryptBytes;

/** Undefined when the key is wrong or the box was changed: AES-GCM cannot tell the two apart. */
function unseal(key: CryptoKey, box: Box, context: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
	return decryptBytes(key, box.iv, box.ct, context).then(
		(plain) => new Uint8Array(plain),
		() => undefined
	);
}

const dataKeyContext = (keyId: string) => `billedtale|data-key|${keyId}`;
const pinContext = (keyId: string) => `billedtale|pin|${keyId}`;

function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	return derivePassphraseKey(pin, salt, PIN_KDF_ITERATIONS);
}

async function lockUnderPin(keyId: string, raw: Uint8Array<ArrayBuffer>, pin: string): Promise<PinLock> {
	const salt = randomBytes(16);
	return { keyId, salt, box: await seal(await pinKey(pin, salt), raw, dataKeyContext(keyId)) };
}

async function wrapUnderPassphrase(keyId: string, raw: Uint8Array<ArrayBuffer>, passphrase: string, iterations: number) {
	const kdf: KdfParams = { name: 'PBKDF2-SHA256', salt: randomBytes(16), iterations };
	const wrappedKey = await seal(await derivePassphraseKey(passphrase, kdf.salt, kdf.iterations), raw, dataKeyContext(keyId));
	return { kdf, wrappedKey };
}

async function unwrapWithPassphrase(record: VaultRecord, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
	const passphraseKey = await derivePassphraseKey(passphrase, record.kdf.salt, record.kdf.iterations);
	const raw = await unseal(passphraseKey, record.wrappedKey, dataKeyContext(record.keyId));
	if (!raw) throw new ValidationError('error.wrongTeamPassphrase');
	return raw;
}

export async function createVault(
	passphrase: string,
	pin: string,
	idleMinutes: number,
	now = Date.now(),
	iterations = KDF_ITERATIONS
): Promise<{ record: VaultRecord } & Unlocked> {
	checkPassphrase(passphrase);
	if (!isValidPin(pin)) throw new ValidationError('error.pinFormat');
	const keyId = newId();
	const raw = randomBytes(32);
	// The raw key bytes exist only inside these blocks and are overwritten after.
	try {
		const { kdf, wrappedKey } = await wrapUnderPassphrase(keyId, raw, passphrase, iterations);
		const key = await importDataKey(raw);
		const pinBox = await seal(key, encoder.encode(pin), pinContext(keyId));
		const record: VaultRecord = { id: 'vault', format: VAULT_FORMAT, keyId, kdf, wrappedKey, pin: pinBox, idleMinutes, createdAt: now };
		return { record, dataKey: { keyId, key }, pinLock: await lockUnderPin(keyId, raw, pin) };
	} finally {
		raw.fill(0);
	}
}

/** The hard unlock. Also arms the PIN lock for this session. Throws error.wrongTeamPassphrase. */
export async function unlockWithPassphrase(record: VaultRecord, passphrase: string): Promise<Unlocked> {
	const raw = await unwrapWithPassphrase(record, passphrase);
	try {
		const key = await importDataKey(raw);
		const pin = await unseal(key, record.pin, pinContext(record.keyId));
		if (!pin) throw new ValidationError('error.wrongTeamPassphrase');
		return { dataKey: { keyId: record.keyId, key }, pinLock: await lockUnderPin(record.keyId, raw, new TextDecoder().decode(pin)) };
	} finally {
		raw.fill(0);
	}
}

/** The soft unlock; undefined for a wrong PIN (the caller counts the tries). */
export async function unlockWithPin(pinLock: PinLock, pin: string): Promise<DataKey | undefined> {
	const raw = await unseal(await pinKey(pin, pinLock.salt), pinLock.box, dataKeyContext(pinLock.keyId));
	if (!raw) return undefined;
	try {
		return { keyId: pinLock.keyId, key: await importDataKey(raw) };
	} finally {
		raw.fill(0);
	}
}

/** Re-wraps the data key under a new passphrase; the stored records need no change. */
export async function changePassphrase(
	record: VaultRecord,
	current: string,
	next: string,
	iterations = KDF_ITERATIONS
): Promise<VaultRecord> {
	checkPassphrase(next);
	const raw = await unwrapWithPassphrase(record, current);
	try {
		return { ...record, ...(await wrapUnderPassphrase(record.keyId, raw, next, iterations)) };
	} finally {
		raw.fill(0);
	}
}

/** Needs the current PIN, so a passer-by at an open tablet cannot take over the soft lock. */
export async function changePin(
	record: VaultRecord,
	unlocked: Unlocked,
	current: string,
	next: string
): Promise<{ record: VaultRecord; pinLock: PinLock }> {
	if (!isValidPin(next)) throw new ValidationError('error.pinFormat');
	const { pinLock, dataKey } = unlocked;
	const raw = await unseal(await pinKey(current, pinLock.salt), pinLock.box, dataKeyContext(pinLock.keyId));
	if (!raw) throw new ValidationError('lock.wrongCurrentPin');
	try {
		const nextLock = await lockUnderPin(record.keyId, raw, next);
		return { record: { ...record, pin: await seal(dataKey.key, encoder.encode(next), pinContext(record.keyId)) }, pinLock: nextLock };
	} finally {
		raw.fill(0);
	}
}
