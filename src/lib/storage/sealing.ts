import { openPayload, sealPayload, type SealedPayload } from '#lib/vault/payload.ts';
import { StorageError } from './errors.ts';
import { requireDataKey } from '#lib/vault/session.ts';

/*
 * Records are sealed before a transaction opens and opened after the reads: a crypto await inside a
 * Dexie transaction would let IndexedDB commit it early.
 */

export const SEALED_TABLES = ['citizens', 'meetings', 'answers', 'boards', 'media'] as const;
export type SealedTable = (typeof SEALED_TABLES)[number];

/** A record as it lies on disk: its ids and dates in the clear, everything else sealed. */
export type Stored<R extends { payload: unknown }> = Omit<R, 'payload'> & { payload: SealedPayload };

export async function sealRecord<R extends { id: string; payload: unknown }>(table: SealedTable, record: R): Promise<Stored<R>> {
	return { ...record, payload: await sealPayload(requireDataKey(), table, record.id, record.payload) };
}

export async function openRecord<R extends { id: string; payload: unknown }>(table: SealedTable, stored: Stored<R>): Promise<R> {
	return { ...stored, payload: await openPayload<R['payload']>(requireDataKey(), table, stored.id, stored.payload) } as R;
}

export function sealRecords<R extends { id: string; payload: unknown }>(table: SealedTable, records: readonly R[]): Promise<Stored<R>[]> {
	return Promise.all(records.map((record) => sealRecord(table, record)));
}

export function openRecords<R extends { id: string; payload: unknown }>(table: SealedTable, stored: readonly Stored<R>[]): Promise<R[]> {
	return Promise.all(stored.map((record) => openRecord<R>(table, record)));
}

/** Whether a record is still the one read earlier: every sealing draws a fresh IV. */
export function unchangedSince(read: { payload: SealedPayload } | undefined, now: { payload: SealedPayload } | undefined): boolean {
	if (!read || !now) return read === now;
	const a = read.payload.iv;
	const b = now.payload.iv;
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Returned by a write that found its records changed since they were read. */
export const CHANGED_MEANWHILE = Symbol('changed meanwhile');
const ATTEMPTS = 3;

/**
 * Read, open, change and seal outside a transaction; then a short transaction checks that nothing
 * changed meanwhile and writes. A change in between (another tab) means starting over.
 */
export async function writeUnlessChanged<T>(attempt: () => Promise<T | typeof CHANGED_MEANWHILE>): Promise<T> {
	for (let tries = 1; ; tries++) {
		const result = await attempt();
		if (result !== CHANGED_MEANWHILE) return result;
		if (tries >= ATTEMPTS) throw new StorageError('error.storageWrite');
	}
}
