/*
 * The journal's on-disk format. A frame is [body length u32][CRC-32 of body u32][body]; the body is
 * [JSON length u32][JSON][binary parts]. A browser killed while writing leaves at most one torn frame
 * at the end, which the CRC finds. Records in the journal are the sealed records of IndexedDB, so the
 * only binary parts are initialisation vectors, ciphertexts, salts and wrapped keys.
 */

export type KeyRange = { lower?: string; upper?: string; lowerOpen: boolean; upperOpen: boolean };

export type JournalOp =
	| { type: 'put'; table: string; values: unknown[] }
	| { type: 'delete'; table: string; keys: string[] }
	| { type: 'deleteRange'; table: string; range: KeyRange };

export type Frame =
	| { kind: 'head'; generation: number; baseSeq: number; snapshotEnd: number }
	| { kind: 'snapshot'; table: string; value: unknown }
	| { kind: 'commit'; seq: number; ops: JournalOp[] }
	| Checkpoint;

/**
 * What a start needs from the active file as of its byte `end` (store.ts keeps it up to date at every append), so that a
 * start reads only the frames after it instead of the whole journal. `records` are the start table's records.
 */
export type Checkpoint = {
	kind: 'checkpoint';
	serial: number;
	index: 0 | 1;
	generation: number;
	baseSeq: number;
	snapshotEnd: number;
	end: number;
	maxSeq: number;
	/** Commits after the snapshot's base: with maxSeq, whether one is missing. */
	commits: number;
	holdsDeleted: boolean;
	records: unknown[];
};

const FRAME_HEADER = 8;

/*
 * CRC-32 (IEEE), eight bytes per step ("slicing-by-8"): every start checks every frame of the journal, and on a tablet
 * used for years that is over 70 MB (issue 17, years bench at 10×), which a byte at a time took seconds.
 * TABLES[k][n] is the CRC of byte n followed by k zero bytes.
 */
const TABLES = (() => {
	const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
	const [first] = tables as [Uint32Array];
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		first[n] = c >>> 0;
	}
	for (let k = 1; k < 8; k++) for (let n = 0; n < 256; n++) tables[k]![n] = (tables[k - 1]![n]! >>> 8) ^ first[tables[k - 1]![n]! & 0xff]!;
	return tables as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
})();

export function crc32(bytes: Uint8Array): number {
	const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES;
	let crc = 0xffffffff;
	let i = 0;
	for (const end = bytes.length - 8; i <= end; i += 8) {
		const low = (crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>> 0;
		crc =
			t7[low & 0xff]! ^
			t6[(low >>> 8) & 0xff]! ^
			t5[(low >>> 16) & 0xff]! ^
			t4[low >>> 24]! ^
			t3[bytes[i + 4]!]! ^
			t2[bytes[i + 5]!]! ^
			t1[bytes[i + 6]!]! ^
			t0[bytes[i + 7]!]!;
	}
	for (; i < bytes.length; i++) crc = t0[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

type BinaryRef = { $bytes: [offset: number, length: number, asBuffer: boolean] };

function pack(value: unknown, parts: Uint8Array[], offset: { at: number }): unknown {
	if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
		const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
		const ref: BinaryRef = { $bytes: [offset.at, bytes.length, value instanceof ArrayBuffer] };
		parts.push(bytes);
		offset.at += bytes.length;
		return ref;
	}
	if (Array.isArray(value)) return value.map((item) => pack(item, parts, offset));
	if (value === null || typeof value !== 'object') return value;
	if (Object.getPrototypeOf(value) !== Object.prototype)
		throw new TypeError(`The journal cannot store a ${value.constructor?.name ?? 'value'}`);
	const packed: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		if (key.startsWith('$')) throw new TypeError(`The journal reserves the key ${key}`);
		packed[key] = pack(item, parts, offset);
	}
	return packed;
}

function unpack(value: unknown, binary: Uint8Array): unknown {
	if (Array.isArray(value)) return value.map((item) => unpack(item, binary));
	if (value === null || typeof value !== 'object') return value;
	const ref = (value as Partial<BinaryRef>).$bytes;
	if (ref) {
		const [offset, length, asBuffer] = ref;
		const copy = binary.slice(offset, offset + length);
		return asBuffer ? copy.buffer : copy;
	}
	return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unpack(item, binary)]));
}

export function encodeFrame(frame: Frame): Uint8Array<ArrayBuffer> {
	const parts: Uint8Array[] = [];
	// `kind` first, whatever the caller's key order: `nextFrame` finds where a frame starts by it.
	const { kind, ...fields } = frame;
	const json = new TextEncoder().encode(JSON.stringify(pack({ kind, ...fields }, parts, { at: 0 })));
	const binaryLength = parts.reduce((sum, part) => sum + part.length, 0);
	const bodyLength = 4 + json.length + binaryLength;
	const out = new Uint8Array(FRAME_HEADER + bodyLength);
	const view = new DataView(out.buffer);
	view.setUint32(0, bodyLength);
	view.setUint32(FRAME_HEADER, json.length);
	out.set(json, FRAME_HEADER + 4);
	let at = FRAME_HEADER + 4 + json.length;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	view.setUint32(4, crc32(out.subarray(FRAME_HEADER)));
	return out;
}

/** Random access to one journal file, as a synchronous OPFS access handle gives it. */
export interface JournalFile {
	size(): number;
	read(at: number, length: number): Uint8Array;
	write(at: number, bytes: Uint8Array): void;
	truncate(length: number): void;
	flush(): void;
}

/** How a snapshot frame's JSON starts: encodeFrame keeps the key order of `{ kind, table, value }` (store.ts writes it so). */
const SNAPSHOT_START = '{"kind":"snapshot","table":"';
const decoder = new TextDecoder();

/** The table of a snapshot frame, from the start of its JSON alone; undefined when the JSON does not start that way. */
function snapshotTable(json: Uint8Array): string | undefined {
	const start = decoder.decode(json.subarray(0, SNAPSHOT_START.length + 64));
	if (!start.startsWith(SNAPSHOT_START)) return undefined;
	const end = start.indexOf('"', SNAPSHOT_START.length);
	return end < 0 ? undefined : start.slice(SNAPSHOT_START.length, end);
}

/** Where the frame at `at` ends, once its CRC is checked, without decoding it; undefined for a torn, damaged or missing frame. */
export function checkFrame(file: JournalFile, at: number, size = file.size()): number | undefined {
	return checkedBody(file, at, size)?.next;
}

function checkedBody(file: JournalFile, at: number, size: number): { body: Uint8Array; next: number } | undefined {
	if (at + FRAME_HEADER > size) return undefined;
	const header = new DataView(file.read(at, FRAME_HEADER).slice().buffer);
	const bodyLength = header.getUint32(0);
	if (bodyLength < 4 || at + FRAME_HEADER + bodyLength > size) return undefined;
	const body = file.read(at + FRAME_HEADER, bodyLength);
	if (crc32(body) !== header.getUint32(4)) return undefined;
	return { body, next: at + FRAME_HEADER + bodyLength };
}

/** How every frame's JSON starts (encodeFrame puts `kind` first), after the frame header and the JSON length. */
const FRAME_START = new TextEncoder().encode('{"kind":"');
const FRAME_START_AT = FRAME_HEADER + 4;
/** How much of the file one read of `nextFrame` looks through. */
const SEARCH_STEP = 1024 * 1024;

/**
 * Where the first frame that passes its CRC starts at or after `from`; undefined when none does up to `size`. After a frame
 * that cannot be read, its length cannot be trusted: the next frame is looked for where a frame's JSON would start, and
 * taken only when its CRC passes (the pattern alone can come up inside a record). Reads the file a step at a time: with
 * nothing readable after the damage, it looks through all the rest.
 */
export function nextFrame(file: JournalFile, from: number, size = file.size()): number | undefined {
	for (let step = from; step + FRAME_START_AT + FRAME_START.length <= size; step += SEARCH_STEP) {
		const bytes = file.read(step + FRAME_START_AT, Math.min(SEARCH_STEP + FRAME_START.length - 1, size - step - FRAME_START_AT));
		for (let i = bytes.indexOf(FRAME_START[0]!); i >= 0 && i < SEARCH_STEP; i = bytes.indexOf(FRAME_START[0]!, i + 1)) {
			if (FRAME_START.every((byte, k) => bytes[i + k] === byte) && checkFrame(file, step + i, size) !== undefined) return step + i;
		}
	}
	return undefined;
}

/**
 * The frame at `at` and where the next one starts; undefined for a torn, damaged or missing frame. With `onlyTable`, a
 * snapshot frame of another table is checked (its CRC) but its record is not decoded (`value` stays undefined): a start
 * looks only for the tablet's key, and decoding every record of years of use took longer than the page waits (issue 17).
 */
export function readFrame(
	file: JournalFile,
	at: number,
	size = file.size(),
	onlyTable?: string
): { frame: Frame; next: number } | undefined {
	const checked = checkedBody(file, at, size);
	if (!checked) return undefined;
	const { body, next } = checked;
	try {
		const jsonLength = new DataView(body.slice(0, 4).buffer).getUint32(0);
		if (onlyTable !== undefined) {
			const table = snapshotTable(body.subarray(4, 4 + jsonLength));
			if (table !== undefined && table !== onlyTable) return { frame: { kind: 'snapshot', table, value: undefined }, next };
		}
		const json = JSON.parse(decoder.decode(body.subarray(4, 4 + jsonLength))) as unknown;
		return { frame: unpack(json, body.subarray(4 + jsonLength)) as Frame, next };
	} catch {
		return undefined;
	}
}
