import { describe, expect, it } from 'vitest';
import { packRecords, unpackRecords } from './packed-records.ts';

describe('packed records', () => {
	it('come back with their clear fields, IVs and ciphertexts, each binary value in a buffer of its own', async () => {
		const ct = new Uint8Array([9, 8, 7, 6, 5]).buffer;
		// An IV that is a view into a larger buffer: only its own bytes are packed.
		const iv = new Uint8Array(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]).buffer, 1, 12);
		const records = [
			{ id: 'a1', citizenId: 'c1', createdAt: 3, mediaIds: ['m1'], payload: { v: 1, keyId: 'k', iv, ct } },
			{ id: 'a2', citizenId: 'c1', createdAt: 4, payload: { v: 1, keyId: 'k', iv: new Uint8Array(12), ct: new ArrayBuffer(0) } }
		];
		const back = unpackRecords(await packRecords(records).arrayBuffer()) as typeof records;
		expect(back).toHaveLength(2);
		expect(back[0]!.payload.iv).toBeInstanceOf(Uint8Array);
		expect([...back[0]!.payload.iv]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		expect(back[0]!.payload.ct).toBeInstanceOf(ArrayBuffer);
		expect([...new Uint8Array(back[0]!.payload.ct)]).toEqual([9, 8, 7, 6, 5]);
		expect(back[0]!.payload.iv.buffer).not.toBe(back[1]!.payload.iv.buffer);
		expect(back[1]!.payload.ct.byteLength).toBe(0);
		expect({ ...back[0], payload: undefined }).toEqual({ ...records[0], payload: undefined });
		expect(back[1]!.createdAt).toBe(4);
	});
});
