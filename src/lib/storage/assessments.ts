import { validateAssessment, type Assessment, type AssessmentContent } from '#lib/domain/assessment.ts';
import { newId } from '#lib/domain/ids.ts';
import { ValidationError } from '#lib/domain/validation.ts';
import { FUNCTION_LEVELS, vumSubtheme } from '#lib/content/vum.ts';
import { getStore, type StoreTables } from './db.ts';
import { guardedWrite, StorageError } from './errors.ts';
import type { TypedTx } from './idb/database.ts';
import { assessmentFromRecord, assessmentToRecord, type AssessmentRecord } from './records.ts';
import { CHANGED_MEANWHILE, openRecords, sealRecord, unchangedSince, writeUnlessChanged, type Stored } from './sealing.ts';

/*
 * The adviser's funktionsevneniveau per sub-theme of a meeting: at most one per sub-theme. Which
 * sub-theme a record is about is sealed, so finding it means opening the meeting's few records.
 */

/**
 * The meeting's records as stored. Only those of the meeting's own citizen count: one under another citizen (put there by
 * a forged backup before restores checked it) is not this meeting's assessment and is never shown in her case file.
 */
async function storedOf(tx: TypedTx<StoreTables>, meetingId: string): Promise<Stored<AssessmentRecord>[]> {
	// Side by side, not one after the other: the case file and the adviser's panel wait for them.
	const [meeting, stored] = await Promise.all([tx.meetings.get(meetingId), tx.assessments.where('meetingId').equals(meetingId).toArray()]);
	return meeting ? stored.filter((record) => record.citizenId === meeting.citizenId) : [];
}

/** Every level the adviser recorded in a meeting, in the order they were first set. */
export async function listAssessments(meetingId: string): Promise<Assessment[]> {
	const stored = await getStore().transaction('r', ['meetings', 'assessments'], (tx) => storedOf(tx, meetingId));
	return (await openRecords('assessments', stored)).map(assessmentFromRecord).sort((a, b) => a.createdAt - b.createdAt);
}

/** Only sub-themes of Aktivitet og deltagelse carry a level, with their own FFB code and a level of the scale. */
function checkAgainstContent(input: AssessmentContent): void {
	const place = vumSubtheme(input.subthemeId);
	const leveled = place?.area.leveled === true && place.subtheme.ffb.code === input.ffbCode;
	if (!leveled || !FUNCTION_LEVELS.some((level) => level.id === input.levelId)) throw new ValidationError('error.assessment');
}

/** The meeting's stored records and the one about the sub-theme, opened. */
async function readFor(meetingId: string, subthemeId: string) {
	const all = await getStore().transaction('r', ['meetings', 'assessments'], (tx) => storedOf(tx, meetingId));
	const opened = (await openRecords('assessments', all)).find((record) => record.payload.subthemeId === subthemeId);
	const stored = opened && all.find((record) => record.id === opened.id);
	return { ids: all.map((record) => record.id).sort(), opened, stored };
}

/**
 * Sets (or changes) the level of a sub-theme in a meeting. Another tab's change meanwhile, or a level it
 * added for the same meeting, means starting over, so a sub-theme never gets two levels.
 */
export async function setAssessment(meetingId: string, input: AssessmentContent, now = Date.now()): Promise<Assessment> {
	const content = validateAssessment(input);
	checkAgainstContent(content);
	const store = getStore();
	return writeUnlessChanged(async () => {
		const meeting = await store.transaction('r', ['meetings'], (tx) => tx.meetings.get(meetingId));
		if (!meeting) throw new StorageError('error.notFound');
		const { ids, opened, stored } = await readFor(meetingId, content.subthemeId);
		const keys = opened
			? { id: opened.id, citizenId: opened.citizenId, meetingId, createdAt: opened.createdAt }
			: { id: newId(), citizenId: meeting.citizenId, meetingId, createdAt: now };
		const assessment: Assessment = { ...keys, updatedAt: now, ...content };
		const sealed = await sealRecord('assessments', assessmentToRecord(assessment));
		return guardedWrite(() =>
			store.transaction('rw', ['meetings', 'assessments'], async (tx) => {
				if (!(await tx.meetings.get(meetingId))) throw new StorageError('error.notFound');
				const idsNow = (await storedOf(tx, meetingId)).map((record) => record.id).sort();
				const same = idsNow.length === ids.length && idsNow.every((id, i) => id === ids[i]);
				if (!same || (stored && !unchangedSince(stored, await tx.assessments.get(stored.id)))) return CHANGED_MEANWHILE;
				await tx.assessments.put(sealed);
				return assessment;
			})
		);
	});
}

/** Takes the level of a sub-theme away again (e.g. set by mistake). */
export async function clearAssessment(meetingId: string, subthemeId: string): Promise<void> {
	const { stored } = await readFor(meetingId, subthemeId);
	if (stored) await guardedWrite(() => getStore().transaction('rw', ['assessments'], (tx) => tx.assessments.delete(stored.id)));
}
