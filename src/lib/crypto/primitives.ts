import { ValidationError } from '#lib/domain/validation.ts';

/*
 * Passphrase encryption for backup files: PBKDF2-SHA256 turns the passphrase into an AES-256-GCM key.
 * The iteration count and salt travel in the file, so older files open after the default is raised.
 */

export const KDF_ITERATIONS = 600_000;
/**
 * Iterations accepted from a file: bounded so a file cannot hang the tablet, and never so few that a
 * stolen file is cheap to guess (the app writes 600,000). Unit tests write files with few rounds to stay
 * fast; they pass their own minimum (`minIterations`), never lower than `min`.
 */
export const KDF_ITERATIONS_ACCEPTED = { min: 1_000, fromFile: 100_000, max: 10_000_000 } as const;
export const PASSPHRASE_MIN_LENGTH = 12;

const encoder = new TextEncoder();

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
	return crypto.getRandomValues(new Uint8Array(length));
}

/** Passphrases the app's own help text once showed as examples: anyone who saw the screen could guess them. */
const PUBLISHED_EXAMPLES = new Set(['kaffe lampe skov tirsdag cykel', 'coffee lamp forest tuesday bicycle']);

export function checkPassphrase(passphrase: string): void {
	if (passphrase.trim().length < PASSPHRASE_MIN_LENGTH) throw new ValidationError('error.passphraseShort');
	const words = passphrase.normalize('NFC').toLowerCase().trim().split(/\s+/).join(' ');
	if (PUBLISHED_EXAMPLES.has(words)) throw new ValidationError('error.passphraseExample');
}

export async function derivePassphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
	return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
		'encrypt',
		'decrypt'
	]);
}

/*
 * Value encoding: JSON with every Blob replaced by {"$blob": index, "type": ...}, followed by the
 * blobs' bytes. Layout: 4-byte length of the JSON, the JSON, then each blob as 4-byte length + bytes.
 */
export async function encodeValue(value: unknown): Promise<Uint8Array<ArrayBuffer>> {
	const blobs: Blob[] = [];
	const json = JSON.stringify(value, (_key, item: unknown) => {
		if (item instanceof Blob) {
			blobs.push(item);
			return { $blob: blobs.length - 1, type: item.type };
		}
		return item;
	});
	const parts = [encoder.encode(json), ...(await Promise.all(blobs.map(async (b) => new Uint8Array(await b.arrayBuffer()))))];
	const out = new Uint8Array(parts.reduce((sum, part) => sum + 4 + part.byteLength, 0));
	const view = new DataView(out.buffer);
	let offset = 0;
	for (const part of parts) {
		view.setUint32(offset, part.byteLength);
		out.set(part, offset + 4);
		offset += 4 + part.byteLength;
	}
	return out;
}

/** The inverse of encodeValue; throws on anything malformed (the caller turns that into a Danish message). */
export function decodeValue(bytes: ArrayBuffer): unknown {
	const view = new DataView(bytes);
	const parts: Uint8Array[] = [];
	for (let offset = 0; offset < bytes.byteLength;) {
		if (offset + 4 > bytes.byteLength) throw new RangeError('truncated length');
		const length = view.getUint32(offset);
		if (offset + 4 + length > bytes.byteLength) throw new RangeError('truncated part');
		parts.push(new Uint8Array(bytes, offset + 4, length));
		offset += 4 + length;
	}
	const [json, ...blobs] = parts;
	if (!json) throw new RangeError('empty');
	return JSON.parse(new TextDecoder().decode(json), (_key, item: unknown) => {
		if (item && typeof item === 'object' && '$blob' in item) {
			const { $blob, type } = item as { $blob: unknown; type: unknown };
			const bytesOfBlob = typeof $blob === 'number' ? blobs[$blob] : undefined;
			if (!bytesOfBlob || typeof type !== 'string') throw new RangeError('bad blob reference');
			return new Blob([new Uint8Array(bytesOfBlob)], { type });
		}
		return item;
	});
}

export async function encryptBytes(
	key: CryptoKey,
	bytes: Uint8Array<ArrayBuffer>,
	context: string
): Promise<{ iv: Uint8Array<ArrayBuffer>; ct: ArrayBuffer }> {
	const iv = randomBytes(12);
	const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, bytes);
	return { iv, ct };
}

/** A wrong passphrase and a changed file look the same to AES-GCM: both fail authentication. */
export async function decryptBytes(
	key: CryptoKey,
	iv: Uint8Array<ArrayBuffer>,
	ct: Uint8Array<ArrayBuffer> | ArrayBuffer,
	context: string
): Promise<ArrayBuffer> {
	try {
		return await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, ct);
	} catch (error) {
		throw new ValidationError('error.wrongPassphrase', { cause: error });
	}
}
