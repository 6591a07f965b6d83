import { newId } from '#lib/domain/ids.ts';
import { validatePlan, type Plan, type PlanContent } from '#lib/domain/plan.ts';
import { getStore, type StoreTables } from './db.ts';
import { guardedWrite, StorageError } from './errors.ts';
import type { TypedTx } from './idb/database.ts';
import { planFromRecord, planToRecord } from './records.ts';
import { CHANGED_MEANWHILE, openRecord, openRecords, sealRecord, unchangedSince, writeUnlessChanged } from './sealing.ts';

/**
 * The meeting's plan as stored. Only one of the meeting's own citizen counts: a plan under another citizen (put there by
 * a forged backup before restores checked it) is not this meeting's, is never shown here and never takes her goals.
 */
async function storedPlan(tx: TypedTx<StoreTables>, meetingId: string, citizenId: string) {
	return (await tx.plans.where('meetingId').equals(meetingId).toArray()).find((plan) => plan.citizenId === citizenId);
}

/** The plan of a meeting, if one has been started. */
export async function getPlan(meetingId: string): Promise<Plan | undefined> {
	// Side by side, not one after the other: the meeting page's first render waits for the plan (meeting-open.spec).
	const [meeting, plans] = await getStore().transaction('r', ['meetings', 'plans'], (tx) =>
		Promise.all([tx.meetings.get(meetingId), tx.plans.where('meetingId').equals(meetingId).toArray()])
	);
	const stored = meeting && plans.find((plan) => plan.citizenId === meeting.citizenId);
	return stored && planFromRecord(await openRecord('plans', stored));
}

/** Every plan of a citizen, in the order they were created; which one is followed up goes by the meetings' dates (domain earlierGoals). */
export async function listPlans(citizenId: string): Promise<Plan[]> {
	const stored = await getStore().transaction('r', ['plans'], (tx) => tx.plans.where('citizenId').equals(citizenId).toArray());
	return (await openRecords('plans', stored)).map(planFromRecord).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Changes the plan of a meeting, creating it on first use. `change` gets the plan as stored now (or an
 * empty one) and returns the new content; a change made meanwhile in another tab means starting over,
 * so nothing another person wrote is overwritten.
 */
export function updatePlan(meetingId: string, change: (plan: PlanContent) => PlanContent, now = Date.now()): Promise<Plan> {
	const store = getStore();
	return writeUnlessChanged(async () => {
		const [storedMeeting, stored] = await store.transaction('r', ['meetings', 'plans'], async (tx) => {
			const meeting = await tx.meetings.get(meetingId);
			return [meeting, meeting && (await storedPlan(tx, meetingId, meeting.citizenId))] as const;
		});
		if (!storedMeeting) throw new StorageError('error.notFound');
		const current: Plan = stored
			? planFromRecord(await openRecord('plans', stored))
			: { id: newId(), citizenId: storedMeeting.citizenId, meetingId, createdAt: now, updatedAt: now, goals: [], agreements: [] };
		const content = validatePlan(change(current));
		const updated: Plan = { ...current, ...content, updatedAt: now };
		const sealed = await sealRecord('plans', planToRecord(updated));
		return guardedWrite(() =>
			store.transaction('rw', ['meetings', 'plans'], async (tx) => {
				if (!(await tx.meetings.get(meetingId))) throw new StorageError('error.notFound');
				const now = await storedPlan(tx, meetingId, storedMeeting.citizenId);
				if (!unchangedSince(stored, now)) return CHANGED_MEANWHILE;
				await tx.plans.put(sealed);
				return updated;
			})
		);
	});
}
