// Records and ops as the journal's tests write them: sealed the way the database stores them (clear ids, binary payload).
import type { JournalOp } from '#lib/journal/frames.ts';

export const sealed = (id: string, citizenId = 'c1') => ({
	id,
	citizenId,
	createdAt: 1_700_000_000_000,
	payload: { v: 1, keyId: 'k1', iv: new Uint8Array([1, 2, 3, id.length]), ct: new Uint8Array([9, 8, 7, 6, 5]).buffer }
});
export const put = (table: string, ...values: unknown[]): JournalOp => ({ type: 'put', table, values });
