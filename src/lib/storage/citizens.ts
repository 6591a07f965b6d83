import { byDisplayName, normaliseNewCitizen, type Citizen, type NewCitizen } from '#lib/domain/citizen.ts';
import { newId } from '#lib/domain/ids.ts';
import { getDb } from './db';
import { guardedWrite } from './errors';
import { rememberWhetherCitizensExist } from './eviction.ts';
import { citizenFromRecord, citizenToRecord } from './records';

export async function listCitizens(): Promise<Citizen[]> {
	const records = await getDb().citizens.toArray();
	return records.map(citizenFromRecord).sort(byDisplayName);
}

export async function getCitizen(id: string): Promise<Citizen | undefined> {
	const record = await getDb().citizens.get(id);
	return record && citizenFromRecord(record);
}

export async function createCitizen(input: NewCitizen, now = Date.now()): Promise<Citizen> {
	const citizen: Citizen = { id: newId(), createdAt: now, ...normaliseNewCitizen(input) };
	await guardedWrite(() => getDb().citizens.add(citizenToRecord(citizen)));
	await rememberWhetherCitizensExist();
	return citizen;
}

/** Removes the citizen and every record that belongs to them, in one transaction. */
export async function deleteCitizen(id: string): Promise<void> {
	const db = getDb();
	await guardedWrite(() =>
		db.transaction('rw', [db.citizens, db.meetings, db.answers, db.boards, db.media], async () => {
			await db.media.where('citizenId').equals(id).delete();
			await db.boards.where('citizenId').equals(id).delete();
			await db.answers.where('citizenId').equals(id).delete();
			await db.meetings.where('citizenId').equals(id).delete();
			await db.citizens.delete(id);
		})
	);
	await rememberWhetherCitizensExist();
}
