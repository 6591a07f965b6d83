import { DEFAULT_ACCESS, type AccessProfile } from '#lib/domain/access.ts';
import { byDisplayName, normaliseNewCitizen, type Citizen, type NewCitizen } from '#lib/domain/citizen.ts';
import { newId } from '#lib/domain/ids.ts';
import { destroyCitizenKey } from './citizen-keys.ts';
import { getDb } from './db';
import { guardedWrite, StorageError } from './errors';
import { rememberWhetherCitizensExist } from './eviction.ts';
import { citizenFromRecord, citizenToRecord } from './records';
import { CHANGED_MEANWHILE, openRecord, openRecords, sealRecord, unchangedSince, writeUnlessChanged } from './sealing.ts';
import { OWNED_TABLES, SEALED_TABLES } from './tables.ts';
import { meetingsDeleted } from './forgotten-meetings.ts';

export async function listCitizens(): Promise<Citizen[]> {
	const stored = await getDb().citizens.toArray();
	const records = await openRecords('citizens', stored);
	return records.map(citizenFromRecord).sort(byDisplayName);
}

export async function getCitizen(id: string): Promise<Citizen | undefined> {
	const stored = await getDb().citizens.get(id);
	return stored && citizenFromRecord(await openRecord('citizens', stored));
}

export async function createCitizen(input: NewCitizen, now = Date.now()): Promise<Citizen> {
	const citizen: Citizen = { id: newId(), createdAt: now, ...normaliseNewCitizen(input), access: { ...DEFAULT_ACCESS } };
	const sealed = await sealRecord('citizens', citizenToRecord(citizen));
	await guardedWrite(() => getDb().citizens.add(sealed));
	await rememberWhetherCitizensExist();
	return citizen;
}

/**
 * Destroys the citizen's key, then removes the citizen and every record that belongs to them, in one
 * transaction, whatever tables exist. The key goes first: should the rest fail, or linger in the
 * browser's files, it can no longer be opened.
 */
export async function deleteCitizen(id: string): Promise<void> {
	const db = getDb();
	await destroyCitizenKey(id);
	const meetingIds = await guardedWrite(() =>
		db.transaction('rw', [...SEALED_TABLES], async () => {
			const meetings = await db.meetings.where('citizenId').equals(id).primaryKeys();
			for (const name of OWNED_TABLES) await db.table(name).where('citizenId').equals(id).delete();
			await db.citizens.delete(id);
			return meetings;
		})
	);
	meetingsDeleted(meetingIds);
	await rememberWhetherCitizensExist();
}

/** Stores the citizen's access and visual settings; a change from another tab meanwhile is read again, not overwritten. */
export function saveCitizenAccess(id: string, access: AccessProfile): Promise<Citizen> {
	const db = getDb();
	return writeUnlessChanged(async () => {
		const stored = await db.citizens.get(id);
		if (!stored) throw new StorageError('error.notFound');
		const citizen = { ...citizenFromRecord(await openRecord('citizens', stored)), access };
		const sealed = await sealRecord('citizens', citizenToRecord(citizen));
		return guardedWrite(() =>
			db.transaction('rw', db.citizens, async () => {
				if (!unchangedSince(stored, await db.citizens.get(id))) return CHANGED_MEANWHILE;
				await db.citizens.put(sealed);
				return citizen;
			})
		);
	});
}
