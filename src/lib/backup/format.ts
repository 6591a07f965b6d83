import { ValidationError } from '#lib/domain/validation.ts';
import { base64ToBytes, bytesToBase64 } from '#lib/encoding/base64.ts';
import { restoreContent, type BackupContent } from '#lib/storage/backup.ts';
import {
	checkPassphrase,
	decodeValue,
	decryptBytes,
	derivePassphraseKey,
	encodeValue,
	encryptBytes,
	KDF_ITERATIONS,
	KDF_ITERATIONS_ACCEPTED,
	randomBytes
} from '#lib/crypto/primitives.ts';

/*
 * A backup file is a small JSON envelope (format, version, KDF parameters) around one AES-GCM
 * ciphertext of every record of the chosen citizens, in their stored shapes. Reading one goes
 * through `restoreContent`, which checks every field and rejects the whole file on any fault.
 */

export const BACKUP_FORMAT = 'billedtale-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_MAX_BYTES = 300 * 1024 * 1024;
const ENVELOPE_CONTEXT = `${BACKUP_FORMAT}|${BACKUP_VERSION}`;

export { restoreContent, type BackupContent };

const fail = (): never => {
	throw new ValidationError('backup.invalid');
};

function fromBase64(text: unknown): Uint8Array<ArrayBuffer> {
	if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return fail();
	try {
		return base64ToBytes(text);
	} catch {
		return fail();
	}
}

export async function writeBackup(content: BackupContent, passphrase: string, iterations = KDF_ITERATIONS): Promise<string> {
	checkPassphrase(passphrase);
	const salt = randomBytes(16);
	const key = await derivePassphraseKey(passphrase, salt, iterations);
	const { iv, ct } = await encryptBytes(key, await encodeValue(content), ENVELOPE_CONTEXT);
	return JSON.stringify({
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		createdAt: content.createdAt,
		kdf: { name: 'PBKDF2-SHA256', iterations, salt: bytesToBase64(salt) },
		iv: bytesToBase64(iv),
		data: bytesToBase64(new Uint8Array(ct))
	});
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Opens a backup file. Errors: backup.notBackup, backup.newerVersion, backup.invalid, backup.weakKey,
 * error.wrongPassphrase. `minIterations` is for tests only (their files use few rounds to stay fast).
 */
export async function readBackup(
	text: string,
	passphrase: string,
	minIterations: number = KDF_ITERATIONS_ACCEPTED.fromFile
): Promise<BackupContent> {
	let envelope: unknown;
	try {
		envelope = JSON.parse(text);
	} catch {
		throw new ValidationError('backup.notBackup');
	}
	if (!isObject(envelope) || envelope.format !== BACKUP_FORMAT) throw new ValidationError('backup.notBackup');
	if (typeof envelope.version !== 'number' || envelope.version > BACKUP_VERSION) throw new ValidationError('backup.newerVersion');
	if (envelope.version !== 1) return fail();
	const kdf = envelope.kdf;
	if (!isObject(kdf) || kdf.name !== 'PBKDF2-SHA256') return fail();
	const iterations = kdf.iterations;
	if (typeof iterations !== 'number' || !Number.isInteger(iterations)) return fail();
	if (iterations > KDF_ITERATIONS_ACCEPTED.max) return fail();
	if (iterations < Math.max(minIterations, KDF_ITERATIONS_ACCEPTED.min)) throw new ValidationError('backup.weakKey');
	const salt = fromBase64(kdf.salt);
	const iv = fromBase64(envelope.iv);
	if (salt.length < 16 || iv.length !== 12) return fail();
	const key = await derivePassphraseKey(passphrase, salt, iterations);
	const plain = await decryptBytes(key, iv, fromBase64(envelope.data), ENVELOPE_CONTEXT);
	let raw: unknown;
	try {
		raw = decodeValue(plain);
	} catch {
		return fail();
	}
	return restoreContent(raw);
}
