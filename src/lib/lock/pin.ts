import { bytesToBase64, base64ToBytes } from '#lib/encoding/base64.ts';
import { randomBytes } from '#lib/backup/crypto.ts';

/*
 * The screen-lock PIN. Only a salted PBKDF2 hash is kept. A PIN is short, so the hash would not stand
 * up to an offline attack on its own; it guards the screen of an unlocked tablet, not the data on disk.
 */

export const PIN_PATTERN = /^\d{4,8}$/;
const ITERATIONS = 100_000;

export interface PinHash {
	salt: string;
	hash: string;
	iterations: number;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
	const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
	return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256));
}

export function isValidPin(pin: string): boolean {
	return PIN_PATTERN.test(pin);
}

export async function hashPin(pin: string): Promise<PinHash> {
	const salt = randomBytes(16);
	return { salt: bytesToBase64(salt), hash: bytesToBase64(await derive(pin, salt, ITERATIONS)), iterations: ITERATIONS };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
	const actual = await derive(pin, base64ToBytes(stored.salt), stored.iterations);
	const expected = base64ToBytes(stored.hash);
	// Compare every byte, so the time taken does not tell how much of the PIN was right.
	let difference = actual.length ^ expected.length;
	for (let i = 0; i < expected.length; i++) difference |= (actual[i] ?? 0) ^ expected[i]!;
	return difference === 0;
}
