import { DEFAULT_ACCESS, type AccessProfile } from '#lib/domain/access.ts';
import { byDisplayName, normaliseNewCitizen, type Citizen, type NewCitizen } from '#lib/domain/citizen.ts';
import { newId } from '#lib/domain/ids.ts';
import { destroyCitizenKey } from './citizen-keys.ts';
import { getStore } from './db';
import { guardedWrite, StorageError } from './errors';
import { rememberWhetherCitizensExist } from './eviction.ts';
import { citizenFromRecord, citizenToRecord } from './records';
import { CHANGED_MEANWHILE, openRecord, openRecords, sealRecord, unchangedSince, writeUnlessChanged } from './sealing.ts';
import { OWNED_TABLES, SEALED_TABLES } from './tables.ts';
import { meetingsDeleted } from './forgotten-meetings.ts';

export async function listCitizens(): Promise<Citizen[]> {
	const stored = await getStore().transaction('r', ['citizens'], (tx) => tx.citizens.toArray());
	const records = await openRecords('citizens', stored);
	return records.map(citizenFromRecord).sort(byDisplayName);
}

export async function getCitizen(id: string): Promise<Citizen | undefined> {
	const stored = await getStore().transaction('r', ['citizens'], (tx) => tx.citizens.get(id));
	return stored && citizenFromRecord(await openRecord('citizens', stored));
}

export async function createCitizen(input: NewCitizen, now = Date.now()): Promise<Citizen> {
	const citizen: Citizen = { id: newId(), createdAt: now, ...normaliseNewCitizen(input), access: { ...DEFAULT_ACCESS } };
	const sealed = await sealRecord('citizens', citizenToRecord(citizen));
	await guardedWrite(() => getStore().transaction('rw', ['citizens'], (tx) => tx.citizens.add(sealed)));
	await rememberWhetherCitizensExist();
	return citizen;
}

/**
 * Destroys the citizen's key, then removes the citizen and every record that belongs to them, in one
 * transaction, whatever tables exist. The key goes first: should the rest fail, or linger in the
 * browser's files, it can no longer be opened.
 */
export async function deleteCitizen(id: string): Promise<void> {
	await destroyCitizenKey(id);
	const meetingIds = await guardedWrite(() =>
		getStore().transaction('rw', SEALED_TABLES, async (tx) => {
			const meetings = (await tx.meetings.where('citizenId').equals(id).primaryKeys()) as string[];
			for (const name of OWNED_TABLES) await tx.table(name).where('citizenId').equals(id).delete();
			await tx.citizens.delete(id);
			return meetings;
		})
	);
	meetingsDeleted(meetingIds);
	await rememberWhetherCitizensExist();
}

/** Stores the citizen's access and visual settings; a change from another tab meanwhile is read again, not overwritten. */
export function saveCitizenAccess(id: string, access: AccessProfile): Promise<Citizen> {
	const store = getStore();
	return writeUnlessChanged(async () => {
		const stored = await store.transaction('r', ['citizens'], (tx) => tx.citizens.get(id));
		if (!stored) throw new StorageError('error.notFound');
		const citizen = { ...citizenFromRecord(await openRecord('citizens', stored)), access };
		const sealed = await sealRecord('citizens', citizenToRecord(citizen));
		return guardedWrite(() =>
			store.transaction('rw', ['citizens'], async (tx) => {
				if (!unchangedSince(stored, await tx.citizens.get(id))) return CHANGED_MEANWHILE;
				await tx.citizens.put(sealed);
				return citizen;
			})
		);
	});
}
