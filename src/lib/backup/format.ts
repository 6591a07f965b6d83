import { ValidationError } from '#lib/domain/validation.ts';
import { base64ToBytes, bytesToBase64 } from '#lib/encoding/base64.ts';
import { checkedContent, createdAtOf, wholeContent, type UncheckedBackup, type UncheckedGroup } from '#lib/storage/backup-check.ts';
import { groupsOfContent, restoreContent, type BackupContent, type BackupSource } from '#lib/storage/backup.ts';
import { SEALED_TABLES } from '#lib/storage/tables.ts';
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
 * A backup file, version 2, is read and written a chunk at a time, so a tablet with 500 MB of photos and
 * recordings needs memory for about one chunk, not for the whole backup several times over:
 *
 *   header   one line of JSON: format, version, createdAt, KDF parameters with a fresh salt; then "\n"
 *   chunk*   4-byte big-endian length n, then n bytes: a random 12-byte IV and the AES-GCM ciphertext (tag
 *            included) of one group of records of one table (encodeValue: JSON + blob bytes); a media
 *            record is a chunk of its own
 *   final    the last chunk, holding {"end": true}
 *
 * The additional data binds each chunk to the header line (with the file's own salt), its index and
 * whether it is the last, so a chunk changed, moved, dropped, repeated or cut off, or a header changed,
 * fails its tag. A restore reads the file twice, a group at a time (storage/backup.ts): first to check every
 * chunk and record, then to write. The second read decrypts under the header and key of the first, so it can
 * only find the chunks the first one checked (another file under the same passphrase has another salt).
 * Version 1 (one JSON envelope around one ciphertext of everything, in base64) is still read.
 */

export const BACKUP_FORMAT = 'billedtale-backup';
export const BACKUP_VERSION = 2;
/**
 * A file is read a chunk at a time, so its size no longer sets the memory it needs; the cap keeps a wrong
 * or forged file from filling the tablet's storage (a tablet's photos and recordings fit in far less).
 */
export const BACKUP_MAX_BYTES = 1024 * 1024 * 1024;
/** A version 1 file is read whole, as text, several copies at once: its cap stays where it was. */
const VERSION1_MAX_BYTES = 300 * 1024 * 1024;
/** One media record (at most 20 MB) with its fields; the writer never makes a bigger chunk. */
const CHUNK_MAX_BYTES = 24 * 1024 * 1024;
const HEADER_MAX_BYTES = 4096;
const READ_WINDOW_BYTES = 1024 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MIME_TYPE = 'application/octet-stream';

export { restoreContent, type BackupContent };

const fail = (): never => {
	throw new ValidationError('backup.invalid');
};

/**
 * Why a file whose first line is no JSON cannot be restored: one that starts as every backup's first line does is a
 * backup cut short (a copy that stopped early) or changed, and was told it was "no backup from Billedtale".
 */
const unreadableStart = (text: string) =>
	new ValidationError(text.startsWith(`{"format":"${BACKUP_FORMAT}"`) ? 'backup.invalid' : 'backup.notBackup');

function fromBase64(text: unknown): Uint8Array<ArrayBuffer> {
	if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return fail();
	try {
		return base64ToBytes(text);
	} catch {
		return fail();
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The additional data of chunk `index`: the header line it belongs to, where it stands, and whether it ends the file. */
const chunkContext = (header: string, index: number, final: boolean) => `${header}|${index}|${final ? 'final' : 'more'}`;

/**
 * Sealed chunks are handed to the browser as a Blob about every megabyte. A Blob per chunk cost a round trip to the
 * browser's blob store each, one per photo or recording (the years bench's backup profile: 7 % of its time in the Blob
 * constructor); the page holds at most this much of them besides the group being sealed.
 */
const SEALED_BATCH_BYTES = 1 << 20;

/**
 * Writes a backup file. The chunks are handed to the Blob as they are sealed, a batch at a time, so the browser keeps
 * them (on disk when they are many) while the page holds one group and one batch.
 */
export async function writeBackup(source: BackupSource | BackupContent, passphrase: string, iterations = KDF_ITERATIONS): Promise<Blob> {
	checkPassphrase(passphrase);
	const { createdAt, groups } = 'groups' in source ? source : { createdAt: source.createdAt, groups: groupsOfContent(source) };
	const salt = randomBytes(16);
	const key = await derivePassphraseKey(passphrase, salt, iterations);
	const header = JSON.stringify({
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		createdAt,
		kdf: { name: 'PBKDF2-SHA256', iterations, salt: bytesToBase64(salt) }
	});
	const parts: BlobPart[] = [header + '\n'];
	let batch: Uint8Array<ArrayBuffer>[] = [];
	let batchBytes = 0;
	const handOver = () => {
		parts.push(new Blob(batch));
		batch = [];
		batchBytes = 0;
	};
	let index = 0;
	const seal = async (value: unknown, final: boolean) => {
		const { iv, ct } = await encryptBytes(key, await encodeValue(value), chunkContext(header, index, final));
		const length = new Uint8Array(4);
		new DataView(length.buffer).setUint32(0, IV_BYTES + ct.byteLength);
		batch.push(length, iv, new Uint8Array(ct));
		batchBytes += length.byteLength + iv.byteLength + ct.byteLength;
		if (batchBytes >= SEALED_BATCH_BYTES) handOver();
		index++;
	};
	for await (const group of groups) await seal(group, false);
	await seal({ end: true }, true);
	handOver();
	return new Blob(parts, { type: MIME_TYPE });
}

async function fileKey(kdf: unknown, passphrase: string, minIterations: number): Promise<CryptoKey> {
	if (!isObject(kdf) || kdf.name !== 'PBKDF2-SHA256') return fail();
	const iterations = kdf.iterations;
	if (typeof iterations !== 'number' || !Number.isInteger(iterations)) return fail();
	if (iterations > KDF_ITERATIONS_ACCEPTED.max) return fail();
	if (iterations < Math.max(minIterations, KDF_ITERATIONS_ACCEPTED.min)) throw new ValidationError('backup.weakKey');
	const salt = fromBase64(kdf.salt);
	if (salt.length < 16) return fail();
	return derivePassphraseKey(passphrase, salt, iterations);
}

/**
 * Opens a backup file: its header and key. Its groups are decrypted as they are read, each time they are
 * asked for. Nothing is checked beyond the chunks (storage/backup-check.ts
 * checks the records) and nothing is written. Errors: backup.notBackup, backup.newerVersion, backup.tooLarge,
 * backup.invalid, backup.weakKey, and error.wrongPassphrase from the first chunk read. `minIterations` is for
 * tests only (their files use few rounds to stay fast).
 */
export async function openBackup(
	file: Blob,
	passphrase: string,
	minIterations: number = KDF_ITERATIONS_ACCEPTED.fromFile
): Promise<UncheckedBackup> {
	if (file.size > BACKUP_MAX_BYTES) throw new ValidationError('backup.tooLarge');
	const head = new Uint8Array(await file.slice(0, HEADER_MAX_BYTES).arrayBuffer());
	const end = head.indexOf(0x0a);
	// A version 1 file is one line of JSON with no line break.
	if (end < 0) return openVersion1(file, passphrase, minIterations);
	let header: unknown;
	const headerText = new TextDecoder().decode(head.subarray(0, end));
	try {
		header = JSON.parse(headerText);
	} catch {
		throw unreadableStart(headerText);
	}
	checkFormat(header);
	if (header.version !== 2) return fail();
	const key = await fileKey(header.kdf, passphrase, minIterations);
	const createdAt = createdAtOf(header.createdAt);
	return { createdAt, groups: () => readGroups(file, headerText, key) };
}

/** Opens a backup file and checks every chunk and record; nothing is written. Errors: those of openBackup and restoreContent. */
export async function readBackup(file: Blob, passphrase: string, minIterations?: number): Promise<BackupContent> {
	return checkedContent(await openBackup(file, passphrase, minIterations));
}

function checkFormat(header: unknown): asserts header is Record<string, unknown> & { version: number } {
	if (!isObject(header) || header.format !== BACKUP_FORMAT) throw new ValidationError('backup.notBackup');
	// Only a whole version number above ours was written by a newer app; anything else there ("2", 1.5, -1) is damage.
	if (typeof header.version !== 'number' || !Number.isInteger(header.version) || header.version < 1) {
		throw new ValidationError('backup.invalid');
	}
	if (header.version > BACKUP_VERSION) throw new ValidationError('backup.newerVersion');
}

/**
 * Reads a file forward a window at a time. Read with a slice of its own, each chunk and each length before it cost a
 * trip to the browser's blob store: 6 s of a 32 s restore at 1× (years bench, CPU profile: Blob.slice + arrayBuffer),
 * for chunks of 13 kB on average. A window holds at least the chunk asked for, so memory still follows the largest.
 */
class ForwardReader {
	private window = new Uint8Array(0);
	/** Where the window starts in the file. */
	private start = 0;

	constructor(private readonly file: Blob) {}

	async bytes(offset: number, length: number): Promise<Uint8Array<ArrayBuffer>> {
		if (offset < this.start || offset + length > this.start + this.window.byteLength) {
			const end = Math.min(this.file.size, offset + Math.max(length, READ_WINDOW_BYTES));
			this.window = new Uint8Array(await this.file.slice(offset, end).arrayBuffer());
			this.start = offset;
		}
		return this.window.subarray(offset - this.start, offset - this.start + length);
	}
}

async function* readGroups(file: Blob, headerText: string, key: CryptoKey): AsyncGenerator<UncheckedGroup> {
	const reader = new ForwardReader(file);
	let offset = new TextEncoder().encode(headerText).byteLength + 1;
	for (let index = 0; ; index++) {
		// A file that stops before its final chunk was cut off.
		if (offset + 4 > file.size) return fail();
		const prefix = await reader.bytes(offset, 4);
		const length = new DataView(prefix.buffer, prefix.byteOffset, 4).getUint32(0);
		if (length < IV_BYTES + TAG_BYTES || length > CHUNK_MAX_BYTES || offset + 4 + length > file.size) return fail();
		offset += 4 + length;
		const final = offset === file.size;
		const chunk = await reader.bytes(offset - length, length);
		const iv = chunk.slice(0, IV_BYTES);
		let value: unknown;
		try {
			value = decodeValue(await decryptBytes(key, iv, chunk.subarray(IV_BYTES), chunkContext(headerText, index, final)));
		} catch (error) {
			// Past the first chunk the passphrase is known to be right: the file itself was changed.
			if (index > 0 || !(error instanceof ValidationError)) return fail();
			throw error;
		}
		if (final) {
			if (!isObject(value) || value.end !== true) return fail();
			return;
		}
		yield groupOf(value);
	}
}

function groupOf(value: unknown): UncheckedGroup {
	if (!isObject(value) || !Array.isArray(value.records) || typeof value.table !== 'string') return fail();
	// A table this app does not know yet came with a newer Billedtale (as plans, assessments and story items once did).
	const table = SEALED_TABLES.find((name) => name === value.table);
	if (!table) throw new ValidationError('backup.newerVersion');
	return { table, records: value.records };
}

async function openVersion1(file: Blob, passphrase: string, minIterations: number): Promise<UncheckedBackup> {
	if (file.size > VERSION1_MAX_BYTES) throw new ValidationError('backup.tooLarge');
	let envelope: unknown;
	const text = await file.text();
	try {
		envelope = JSON.parse(text);
	} catch {
		throw unreadableStart(text);
	}
	checkFormat(envelope);
	if (envelope.version !== 1) return fail();
	const key = await fileKey(envelope.kdf, passphrase, minIterations);
	const iv = fromBase64(envelope.iv);
	if (iv.length !== 12) return fail();
	const plain = await decryptBytes(key, iv, fromBase64(envelope.data), `${BACKUP_FORMAT}|1`);
	let raw: unknown;
	try {
		raw = decodeValue(plain);
	} catch {
		return fail();
	}
	return wholeContent(raw);
}
