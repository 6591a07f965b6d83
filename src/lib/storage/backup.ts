import type { BackupContent } from '#lib/backup/format.ts';
import { getDb } from './db.ts';
import { guardedWrite } from './errors.ts';
import { rememberWhetherCitizensExist } from './eviction.ts';
import type { AnswerRecord, BoardRecord, CitizenRecord, MediaRecord, MeetingRecord } from './records.ts';
import { openRecords, sealRecords, type SealedTable, type Stored } from './sealing.ts';

/** Every record of the given citizens (all citizens when none are named), opened: the backup file seals them itself. */
export async function collectBackup(citizenIds?: string[], now = Date.now()): Promise<BackupContent> {
	const db = getDb();
	const ids = citizenIds ?? (await db.citizens.toCollection().primaryKeys());
	const owned = <R extends { id: string; citizenId: string; payload: unknown }>(table: SealedTable, stored: Promise<Stored<R>[]>) =>
		stored.then((records) => openRecords<R>(table, records));
	const citizens = await db.citizens.bulkGet(ids).then((records) => records.filter((r) => r !== undefined));
	return {
		createdAt: now,
		citizens: await openRecords<CitizenRecord>('citizens', citizens),
		meetings: await owned<MeetingRecord>('meetings', db.meetings.where('citizenId').anyOf(ids).toArray()),
		answers: await owned<AnswerRecord>('answers', db.answers.where('citizenId').anyOf(ids).toArray()),
		boards: await owned<BoardRecord>('boards', db.boards.where('citizenId').anyOf(ids).toArray()),
		media: await owned<MediaRecord>('media', db.media.where('citizenId').anyOf(ids).toArray())
	};
}

/**
 * Adds a backup's citizens in one transaction, sealed with this tablet's key. A citizen already on this
 * tablet is left exactly as it is, with none of the backup's records for it, so a restore never
 * overwrites newer work.
 */
export async function restoreBackup(content: BackupContent): Promise<{ added: number; skipped: number }> {
	const db = getDb();
	const sealed = {
		citizens: await sealRecords('citizens', content.citizens),
		meetings: await sealRecords('meetings', content.meetings),
		answers: await sealRecords('answers', content.answers),
		boards: await sealRecords('boards', content.boards),
		media: await sealRecords('media', content.media)
	};
	const result = await guardedWrite(() =>
		db.transaction('rw', [db.citizens, db.meetings, db.answers, db.boards, db.media], async () => {
			const existing = new Set(
				await db.citizens
					.where('id')
					.anyOf(content.citizens.map((c) => c.id))
					.primaryKeys()
			);
			const fresh = <T extends { citizenId: string }>(records: T[]) => records.filter((r) => !existing.has(r.citizenId));
			await db.citizens.bulkAdd(sealed.citizens.filter((c) => !existing.has(c.id)));
			await db.meetings.bulkAdd(fresh(sealed.meetings));
			await db.answers.bulkAdd(fresh(sealed.answers));
			await db.boards.bulkAdd(fresh(sealed.boards));
			await db.media.bulkAdd(fresh(sealed.media));
			return { added: content.citizens.length - existing.size, skipped: existing.size };
		})
	);
	await rememberWhetherCitizensExist();
	return result;
}
