import type { BackupContent } from '#lib/backup/format.ts';
import { getDb } from './db.ts';
import { guardedWrite } from './errors.ts';
import { rememberWhetherCitizensExist } from './eviction.ts';

/** Every stored record of the given citizens (all citizens when none are named), as stored. */
export async function collectBackup(citizenIds?: string[], now = Date.now()): Promise<BackupContent> {
	const db = getDb();
	const ids = citizenIds ?? (await db.citizens.toCollection().primaryKeys());
	const owned = <T>(table: { where(index: string): { anyOf(keys: string[]): { toArray(): Promise<T[]> } } }) =>
		table.where('citizenId').anyOf(ids).toArray();
	return {
		createdAt: now,
		citizens: await db.citizens.bulkGet(ids).then((records) => records.filter((r) => r !== undefined)),
		meetings: await owned(db.meetings),
		answers: await owned(db.answers),
		boards: await owned(db.boards),
		media: await owned(db.media)
	};
}

/**
 * Adds a backup's citizens in one transaction. A citizen already on this tablet is left exactly as it
 * is, with none of the backup's records for it, so a restore never overwrites newer work.
 */
export async function restoreBackup(content: BackupContent): Promise<{ added: number; skipped: number }> {
	const db = getDb();
	const result = await guardedWrite(() =>
		db.transaction('rw', [db.citizens, db.meetings, db.answers, db.boards, db.media], async () => {
			const existing = new Set(await db.citizens.where('id').anyOf(content.citizens.map((c) => c.id)).primaryKeys());
			const fresh = <T extends { citizenId: string }>(records: T[]) => records.filter((r) => !existing.has(r.citizenId));
			await db.citizens.bulkAdd(content.citizens.filter((c) => !existing.has(c.id)));
			await db.meetings.bulkAdd(fresh(content.meetings));
			await db.answers.bulkAdd(fresh(content.answers));
			await db.boards.bulkAdd(fresh(content.boards));
			await db.media.bulkAdd(fresh(content.media));
			return { added: content.citizens.length - existing.size, skipped: existing.size };
		})
	);
	await rememberWhetherCitizensExist();
	return result;
}
