import { decodeValue, decryptBytes, encodeValue, encryptBytes } from '#lib/crypto/primitives.ts';
import type { DataKey } from './keys.ts';

/*
 * A record's payload on disk: AES-GCM under the data key. The additional data binds the ciphertext to
 * its table, record id, format and key, so a payload moved to another record fails to open.
 */

export const PAYLOAD_FORMAT = 1;

export interface SealedPayload {
	v: typeof PAYLOAD_FORMAT;
	keyId: string;
	iv: Uint8Array<ArrayBuffer>;
	ct: ArrayBuffer;
}

/** A payload that does not open: changed on disk, or sealed under another tablet's key. */
export class DamagedPayloadError extends Error {
	constructor(
		readonly table: string,
		readonly id: string,
		options?: { cause?: unknown }
	) {
		super(`${table} ${id}: the stored payload cannot be opened`, options);
		this.name = 'DamagedPayloadError';
	}
}

const context = (table: string, id: string, keyId: string) => `${table}|${id}|${PAYLOAD_FORMAT}|${keyId}`;

export function isSealedPayload(value: unknown): value is SealedPayload {
	if (typeof value !== 'object' || value === null) return false;
	const { v, keyId, iv, ct } = value as Partial<SealedPayload>;
	return v === PAYLOAD_FORMAT && typeof keyId === 'string' && iv instanceof Uint8Array && ct instanceof ArrayBuffer;
}

export async function sealPayload(dataKey: DataKey, table: string, id: string, value: unknown): Promise<SealedPayload> {
	const { iv, ct } = await encryptBytes(dataKey.key, await encodeValue(value), context(table, id, dataKey.keyId));
	return { v: PAYLOAD_FORMAT, keyId: dataKey.keyId, iv, ct };
}

export async function openPayload<T>(dataKey: DataKey, table: string, id: string, sealed: unknown): Promise<T> {
	if (!isSealedPayload(sealed) || sealed.keyId !== dataKey.keyId) throw new DamagedPayloadError(table, id);
	try {
		return decodeValue(await decryptBytes(dataKey.key, sealed.iv, sealed.ct, context(table, id, sealed.keyId))) as T;
	} catch (error) {
		throw new DamagedPayloadError(table, id, { cause: error });
	}
}
