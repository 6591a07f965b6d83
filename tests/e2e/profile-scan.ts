import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HEAD_REGION } from '#lib/journal/files.ts';
import { readFrame, type JournalFile } from '#lib/journal/frames.ts';
import { decodeCitizenKey } from '#lib/vault/citizen-keys.ts';

/*
 * What an attacker with a copy of the browser profile can collect: every sealed box (a 12-byte IV and
 * the ciphertext after it) in every file, whether IndexedDB still lists it or not. Chromium's IndexedDB
 * is a LevelDB: its write-ahead logs (.log) hold records in 32 KiB blocks, its tables (.ldb) hold
 * Snappy-compressed blocks; values are in V8's serialization format. The journal and the citizens' key
 * files live in the origin private file system as plain files. Each is read the way its format says,
 * deleted and superseded entries included.
 */

export interface SealedBox {
	iv: Uint8Array<ArrayBuffer>;
	ct: Uint8Array<ArrayBuffer>;
	file: string;
}

export function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		const stat = statSync(path, { throwIfNoEntry: false });
		if (!stat) return [];
		return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
	});
}

function varint(bytes: Uint8Array, at: number): [value: number, next: number] {
	let value = 0;
	for (let shift = 0; at < bytes.length && shift < 35; shift += 7) {
		const byte = bytes[at++]!;
		value += (byte & 0x7f) * 2 ** shift;
		if (byte < 0x80) return [value, at];
	}
	return [-1, at];
}

/** Snappy's raw block format (as LevelDB uses it); undefined when the bytes are not a valid block. */
export function snappyDecompress(input: Uint8Array): Uint8Array | undefined {
	const [length, start] = varint(input, 0);
	if (length < 0 || length > 64 * 1024 * 1024) return undefined;
	const out = new Uint8Array(length);
	let at = start;
	let pos = 0;
	while (at < input.length) {
		const tag = input[at++]!;
		const type = tag & 3;
		if (type === 0) {
			let len = tag >> 2;
			if (len >= 60) {
				const extra = len - 59;
				len = 0;
				for (let i = 0; i < extra; i++) len |= input[at++]! << (8 * i);
			}
			len += 1;
			if (at + len > input.length || pos + len > length) return undefined;
			out.set(input.subarray(at, at + len), pos);
			at += len;
			pos += len;
			continue;
		}
		let len: number;
		let offset: number;
		if (type === 1) {
			len = ((tag >> 2) & 7) + 4;
			offset = ((tag >> 5) << 8) | input[at++]!;
		} else if (type === 2) {
			len = (tag >> 2) + 1;
			offset = input[at]! | (input[at + 1]! << 8);
			at += 2;
		} else {
			len = (tag >> 2) + 1;
			offset = (input[at]! | (input[at + 1]! << 8) | (input[at + 2]! << 16) | (input[at + 3]! << 24)) >>> 0;
			at += 4;
		}
		if (offset === 0 || offset > pos || pos + len > length) return undefined;
		for (let i = 0; i < len; i++, pos++) out[pos] = out[pos - offset]!;
	}
	return pos === length ? out : undefined;
}

/** The payloads of a LevelDB write-ahead log, fragments joined (a record may span 32 KiB blocks). */
function logRecords(bytes: Uint8Array): Uint8Array[] {
	const BLOCK = 32 * 1024;
	const records: Uint8Array[] = [];
	let pending: Uint8Array[] = [];
	for (let block = 0; block < bytes.length; block += BLOCK) {
		let at = block;
		const end = Math.min(block + BLOCK, bytes.length);
		while (at + 7 <= end) {
			const length = bytes[at + 4]! | (bytes[at + 5]! << 8);
			const type = bytes[at + 6]!;
			if (type === 0 && length === 0) break;
			const data = bytes.subarray(at + 7, Math.min(at + 7 + length, end));
			at += 7 + length;
			if (type === 1) records.push(data);
			else if (type === 2) pending = [data];
			else if (type === 3) pending.push(data);
			else if (type === 4) {
				pending.push(data);
				records.push(Buffer.concat(pending));
				pending = [];
			}
		}
	}
	return records;
}

/** The data blocks of a LevelDB table file, decompressed; found through the footer and the index block. */
function tableBlocks(bytes: Uint8Array): Uint8Array[] {
	if (bytes.length < 48) return [];
	const block = (offset: number, size: number): Uint8Array | undefined => {
		if (offset + size + 5 > bytes.length) return undefined;
		const raw = bytes.subarray(offset, offset + size);
		const type = bytes[offset + size]!;
		return type === 1 ? snappyDecompress(raw) : type === 0 ? raw : undefined;
	};
	const footer = bytes.subarray(bytes.length - 48);
	let [, at] = varint(footer, 0);
	[, at] = varint(footer, at);
	const [indexOffset, next] = varint(footer, at);
	const [indexSize] = varint(footer, next);
	const index = block(indexOffset, indexSize);
	if (!index) return [];
	// Entries until the restart array: shared, unshared and value lengths, the key's tail, then the value (a block handle).
	const restarts = new DataView(index.buffer, index.byteOffset, index.byteLength).getUint32(index.length - 4, true);
	const entriesEnd = index.length - 4 - 4 * restarts;
	const blocks: Uint8Array[] = [];
	for (let pos = 0; pos < entriesEnd;) {
		const [, a] = varint(index, pos);
		const [unshared, b] = varint(index, a);
		const [valueLength, c] = varint(index, b);
		const value = index.subarray(c + unshared, c + unshared + valueLength);
		const [offset, d] = varint(value, 0);
		const [size] = varint(value, d);
		const data = block(offset, size);
		if (data) blocks.push(data);
		pos = c + unshared + valueLength;
	}
	return blocks;
}

const ONE_BYTE_STRING = 0x22;
const ARRAY_BUFFER = 0x42;

/** Finds `"iv"` followed by a 12-byte buffer and `"ct"` followed by a buffer, as V8 writes `{ iv, ct }`. */
function v8Boxes(bytes: Uint8Array, file: string): SealedBox[] {
	const boxes: SealedBox[] = [];
	const ivKey = Buffer.from([ONE_BYTE_STRING, 2, 0x69, 0x76]);
	const ctKey = Buffer.from([ONE_BYTE_STRING, 2, 0x63, 0x74]);
	const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	for (let at = haystack.indexOf(ivKey); at >= 0; at = haystack.indexOf(ivKey, at + 1)) {
		const ivTag = haystack.indexOf(Buffer.from([ARRAY_BUFFER, 12]), at + 4);
		if (ivTag < 0 || ivTag > at + 8) continue;
		const iv = bytes.slice(ivTag + 2, ivTag + 14);
		const ctAt = haystack.indexOf(ctKey, ivTag + 14);
		if (ctAt < 0 || ctAt > ivTag + 40) continue;
		const ctTag = haystack.indexOf(ARRAY_BUFFER, ctAt + 4);
		if (ctTag < 0 || ctTag > ctAt + 8) continue;
		const [length, start] = varint(bytes, ctTag + 1);
		if (length < 16 || start + length > bytes.length) continue;
		boxes.push({ iv, ct: bytes.slice(start, start + length), file });
	}
	return boxes;
}

/** Every `{ iv, ct }` inside a journal's frames (records and wrapped keys alike). */
function journalBoxes(bytes: Uint8Array, file: string): SealedBox[] {
	const journalFile: JournalFile = {
		size: () => bytes.length,
		read: (at, length) => bytes.subarray(at, at + length),
		write: () => undefined,
		truncate: () => undefined,
		flush: () => undefined
	};
	const boxes: SealedBox[] = [];
	const visit = (value: unknown): void => {
		if (Array.isArray(value)) value.forEach(visit);
		else if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof ArrayBuffer)) {
			const { iv, ct } = value as { iv?: unknown; ct?: unknown };
			if (iv instanceof Uint8Array && iv.length === 12 && ct instanceof ArrayBuffer)
				boxes.push({ iv: iv.slice(), ct: new Uint8Array(ct), file });
			Object.values(value).forEach(visit);
		}
	};
	for (const start of [0, HEAD_REGION]) {
		for (let found = readFrame(journalFile, start); found; found = readFrame(journalFile, found.next)) visit(found.frame);
	}
	return boxes;
}

/** Every sealed box in every file of the profile, by the formats that can hold one. */
export function sealedBoxesIn(files: string[]): SealedBox[] {
	return files.flatMap((file) => {
		const bytes = new Uint8Array(readFileSync(file));
		// The raw bytes too: a reader of the format that missed a part must not hide a box.
		if (file.endsWith('.log')) return [...logRecords(bytes), bytes].flatMap((record) => v8Boxes(record, file));
		if (file.endsWith('.ldb')) return [...tableBlocks(bytes), bytes].flatMap((block) => v8Boxes(block, file));
		if (!file.includes(join('File System', ''))) return v8Boxes(bytes, file);
		const key = decodeCitizenKey(bytes);
		const asKey = key ? [{ iv: key.wrapped.iv, ct: new Uint8Array(key.wrapped.ct), file }] : [];
		return [...asKey, ...journalBoxes(bytes, file), ...v8Boxes(bytes, file)];
	});
}
