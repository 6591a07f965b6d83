/*
 * Records as they lie in IndexedDB (clear fields, and a sealed payload with its IV and ciphertext as binary)
 * packed into a Blob without an await, and unpacked again. A read transaction ends at the first await that is
 * not its own request, so this is how a snapshot of many records leaves the transaction a page at a time: the
 * browser keeps the Blobs (on disk when they are many), the page holds one page of records.
 *
 *   u32 length of the JSON, the JSON (binary values replaced by {"$bin": i, "as": "u8" | "ab"}),
 *   then per binary value: u32 length, its bytes.
 */

type Binary = { $bin: number; as: 'u8' | 'ab' };

const u32 = (n: number) => {
	const bytes = new Uint8Array(4);
	new DataView(bytes.buffer).setUint32(0, n);
	return bytes;
};

export function packRecords(records: readonly unknown[]): Blob {
	const binaries: Uint8Array<ArrayBuffer>[] = [];
	const json = new TextEncoder().encode(
		JSON.stringify(records, (_key, value: unknown) => {
			if (value instanceof ArrayBuffer) return { $bin: binaries.push(new Uint8Array(value)) - 1, as: 'ab' } satisfies Binary;
			if (value instanceof Uint8Array) return { $bin: binaries.push(value as Uint8Array<ArrayBuffer>) - 1, as: 'u8' } satisfies Binary;
			return value;
		})
	);
	return new Blob([u32(json.byteLength), json, ...binaries.flatMap((bytes) => [u32(bytes.byteLength), bytes])]);
}

/** The inverse of packRecords; every binary value gets a buffer of its own, as IndexedDB would have given it. */
export function unpackRecords(bytes: ArrayBuffer): unknown[] {
	const view = new DataView(bytes);
	const jsonLength = view.getUint32(0);
	const binaries: ArrayBuffer[] = [];
	for (let offset = 4 + jsonLength; offset < bytes.byteLength;) {
		const length = view.getUint32(offset);
		binaries.push(bytes.slice(offset + 4, offset + 4 + length));
		offset += 4 + length;
	}
	return JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 4, jsonLength)), (_key, value: unknown) => {
		if (typeof value !== 'object' || value === null || !('$bin' in value)) return value;
		const { $bin, as } = value as Binary;
		const buffer = binaries[$bin]!;
		return as === 'u8' ? new Uint8Array(buffer) : buffer;
	}) as unknown[];
}
