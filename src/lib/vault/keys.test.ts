import { describe, expect, it } from 'vitest';
import { KDF_ITERATIONS } from '#lib/crypto/primitives.ts';
import { changePassphrase, changePin, createVault, unlockWithPassphrase, unlockWithPin } from './keys.ts';
import { DamagedPayloadError, openPayload, sealPayload } from './payload.ts';

const PASSPHRASE = 'spurv kobber ørken fløjte månedag';
const FEW = 1_000;

function bytesOf(value: unknown): string {
	return JSON.stringify(value, (_key, item: unknown) =>
		item instanceof ArrayBuffer ? [...new Uint8Array(item)] : item instanceof Uint8Array ? [...item] : item
	);
}

describe('tablet key hierarchy', () => {
	it('derives the passphrase key with at least 600,000 PBKDF2 iterations by default and stores its parameters', async () => {
		const { record } = await createVault(PASSPHRASE, '2468', 5);
		expect(KDF_ITERATIONS).toBeGreaterThanOrEqual(600_000);
		expect(record.kdf).toMatchObject({ name: 'PBKDF2-SHA256', iterations: KDF_ITERATIONS });
		expect(record.kdf.salt).toHaveLength(16);
	});

	it('refuses the passphrases the setup screen once showed as examples, in any case or spacing', async () => {
		await expect(createVault('Kaffe  lampe skov tirsdag cykel ', '2468', 5, 0, FEW)).rejects.toThrow('error.passphraseExample');
		const created = await createVault(PASSPHRASE, '2468', 5, 0, FEW);
		await expect(changePassphrase(created.record, PASSPHRASE, 'coffee lamp forest tuesday bicycle', FEW)).rejects.toThrow(
			'error.passphraseExample'
		);
	});

	it('opens the data key with the passphrase only; the working key is never readable by script', async () => {
		const created = await createVault(PASSPHRASE, '2468', 5, 0, FEW);
		expect(created.dataKey.key.extractable).toBe(false);
		const sealed = await sealPayload(created.dataKey, 'citizens', 'c1', { displayName: 'Anna' });
		const unlocked = await unlockWithPassphrase(created.record, PASSPHRASE);
		expect(unlocked.dataKey.key.extractable).toBe(false);
		expect(await openPayload(unlocked.dataKey, 'citizens', 'c1', sealed)).toEqual({ displayName: 'Anna' });
		await expect(unlockWithPassphrase(created.record, 'spurv kobber ørken fløjte mandag')).rejects.toThrow('error.wrongTeamPassphrase');
		// The stored record holds neither the PIN nor anything that opens without the passphrase.
		// As a whole number, not as digits inside another number (a timestamp may hold them by chance).
		expect(bytesOf(created.record)).not.toMatch(/(?<![0-9])2468(?![0-9])/);
		await expect(createVault('kort', '2468', 5, 0, FEW)).rejects.toThrow('error.passphraseShort');
		await expect(createVault(PASSPHRASE, '12', 5, 0, FEW)).rejects.toThrow('error.pinFormat');
	});

	it('lets the PIN resume the session it was armed in, and no wrong PIN', async () => {
		const created = await createVault(PASSPHRASE, '2468', 5, 0, FEW);
		const sealed = await sealPayload(created.dataKey, 'answers', 'a1', { content: 'ja' });
		expect(await unlockWithPin(created.pinLock, '1357')).toBeUndefined();
		const resumed = await unlockWithPin(created.pinLock, '2468');
		expect(await openPayload(resumed!, 'answers', 'a1', sealed)).toEqual({ content: 'ja' });
		// After a hard lock the passphrase arms a new PIN copy from the PIN stored under the data key.
		const later = await unlockWithPassphrase(created.record, PASSPHRASE);
		expect(await unlockWithPin(later.pinLock, '2468')).toBeDefined();
	});

	it('changes the passphrase and the PIN without touching the sealed records', async () => {
		const created = await createVault(PASSPHRASE, '2468', 5, 0, FEW);
		const sealed = await sealPayload(created.dataKey, 'meetings', 'm1', { place: 'Bostedet' });
		const renewed = await changePassphrase(created.record, PASSPHRASE, 'ny lang adgangssætning til holdet', FEW);
		expect(renewed.keyId).toBe(created.record.keyId);
		await expect(unlockWithPassphrase(renewed, PASSPHRASE)).rejects.toThrow('error.wrongTeamPassphrase');
		await expect(changePassphrase(created.record, 'forkert men lang nok', 'noget helt tredje her', FEW)).rejects.toThrow(
			'error.wrongTeamPassphrase'
		);
		const unlocked = await unlockWithPassphrase(renewed, 'ny lang adgangssætning til holdet');
		expect(await openPayload(unlocked.dataKey, 'meetings', 'm1', sealed)).toEqual({ place: 'Bostedet' });

		await expect(changePin(renewed, unlocked, '0000', '9753')).rejects.toThrow('lock.wrongCurrentPin');
		const withNewPin = await changePin(renewed, unlocked, '2468', '9753');
		expect(await unlockWithPin(withNewPin.pinLock, '2468')).toBeUndefined();
		expect(await unlockWithPin(withNewPin.pinLock, '9753')).toBeDefined();
		const afterRestart = await unlockWithPassphrase(withNewPin.record, 'ny lang adgangssætning til holdet');
		expect(await unlockWithPin(afterRestart.pinLock, '9753')).toBeDefined();
	});
});

describe('sealed payloads', () => {
	it('are bound to their table and record, and refuse any changed byte', async () => {
		const { dataKey } = await createVault(PASSPHRASE, '2468', 5, 0, FEW);
		const photo = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
		const sealed = await sealPayload(dataKey, 'citizens', 'c1', { displayName: 'Anna', photo });
		const opened = await openPayload<{ displayName: string; photo: Blob }>(dataKey, 'citizens', 'c1', sealed);
		expect([...new Uint8Array(await opened.photo.arrayBuffer())]).toEqual([1, 2, 3]);
		await expect(openPayload(dataKey, 'citizens', 'c2', sealed)).rejects.toBeInstanceOf(DamagedPayloadError);
		await expect(openPayload(dataKey, 'meetings', 'c1', sealed)).rejects.toBeInstanceOf(DamagedPayloadError);
		const flipped = new Uint8Array(sealed.ct.slice(0));
		flipped[0]! ^= 1;
		await expect(openPayload(dataKey, 'citizens', 'c1', { ...sealed, ct: flipped.buffer })).rejects.toBeInstanceOf(DamagedPayloadError);
		await expect(openPayload(dataKey, 'citizens', 'c1', { displayName: 'Anna' })).rejects.toBeInstanceOf(DamagedPayloadError);
		const other = await createVault(PASSPHRASE, '2468', 5, 0, FEW);
		await expect(openPayload(other.dataKey, 'citizens', 'c1', sealed)).rejects.toBeInstanceOf(DamagedPayloadError);
	});

	it('never reuse an IV (10,000 seals under one key)', async () => {
		const { dataKey } = await createVault(PASSPHRASE, '2468', 5, 0, FEW);
		const ivs = new Set<string>();
		for (let i = 0; i < 10_000; i++) ivs.add((await sealPayload(dataKey, 'answers', `a${i}`, i)).iv.join(','));
		expect(ivs.size).toBe(10_000);
	});
});
