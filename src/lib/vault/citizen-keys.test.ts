import { describe, expect, it } from 'vitest';
import { createCitizenKey, decodeCitizenKey, encodeCitizenKey, unwrapCitizenKey } from './citizen-keys.ts';
import { createVault } from './keys.ts';
import { openPayload, sealPayload } from './payload.ts';

const tablet = async () => (await createVault('spurv kobber ørken fløjte månedag', '2468', 5, 0, 1_000)).dataKey;

describe('citizen keys', () => {
	it('wrap a random key under the tablet key that opens what it sealed, and is never readable by script', async () => {
		const tabletKey = await tablet();
		const { record, key } = await createCitizenKey(tabletKey, 'c1');
		expect(record).toMatchObject({ id: 'c1', wrappedBy: tabletKey.keyId, keyId: key.keyId });
		expect(key.key.extractable).toBe(false);
		const sealed = await sealPayload(key, 'answers', 'a1', { text: 'ja' });
		const unwrapped = await unwrapCitizenKey(tabletKey, 'c1', record);
		expect(await openPayload(unwrapped!, 'answers', 'a1', sealed)).toEqual({ text: 'ja' });
		// The tablet key itself does not open a citizen's records.
		await expect(openPayload(tabletKey, 'answers', 'a1', sealed)).rejects.toThrow();
	});

	it('give every citizen a key of their own', async () => {
		const tabletKey = await tablet();
		const [a, b] = await Promise.all([createCitizenKey(tabletKey, 'c1'), createCitizenKey(tabletKey, 'c2')]);
		expect(a.key.keyId).not.toBe(b.key.keyId);
		const sealed = await sealPayload(a.key, 'answers', 'a1', { text: 'ja' });
		await expect(openPayload(b.key, 'answers', 'a1', sealed)).rejects.toThrow();
	});

	it('refuse a wrapped key moved to another citizen, under another tablet key, or changed', async () => {
		const tabletKey = await tablet();
		const { record } = await createCitizenKey(tabletKey, 'c1');
		expect(await unwrapCitizenKey(tabletKey, 'c2', { ...record, id: 'c2' })).toBeUndefined();
		expect(await unwrapCitizenKey(await tablet(), 'c1', record)).toBeUndefined();
		const ct = new Uint8Array(record.wrapped.ct.slice(0));
		ct[0]! ^= 1;
		expect(await unwrapCitizenKey(tabletKey, 'c1', { ...record, wrapped: { ...record.wrapped, ct: ct.buffer } })).toBeUndefined();
	});

	it('survive the file form unchanged and refuse a torn or overwritten file', async () => {
		const tabletKey = await tablet();
		const { record, key } = await createCitizenKey(tabletKey, 'c1');
		const bytes = encodeCitizenKey(record);
		const decoded = decodeCitizenKey(bytes)!;
		expect((await unwrapCitizenKey(tabletKey, 'c1', decoded))?.keyId).toBe(key.keyId);
		expect(decodeCitizenKey(bytes.subarray(0, 20))).toBeUndefined();
		expect(decodeCitizenKey(crypto.getRandomValues(new Uint8Array(bytes.length)).fill(2, 0, 1))).toBeUndefined();
		expect(decodeCitizenKey(new Uint8Array())).toBeUndefined();
	});
});
