import { newId } from '#lib/domain/ids.ts';
import {
	byMeetingDateDescending,
	createParticipant,
	normaliseNewMeeting,
	withParticipantBack,
	type Meeting,
	type NewMeeting,
	type Participant,
	type ParticipantRole
} from '#lib/domain/meeting.ts';
import { meetingsDeleted } from './forgotten-meetings.ts';
import { getStore, type StoreTables } from './db';
import { MAX_KEY, type TypedTx } from './idb/database.ts';
import { MEETING_OWNED_TABLES } from './registry.ts';
import { answerNamesParticipant } from '#lib/domain/answer.ts';
import { ValidationError } from '#lib/domain/validation.ts';
import { guardedWrite, StorageError } from './errors';
import { answerFromRecord, citizenFromRecord, meetingFromRecord, meetingToRecord, type AnswerRecord } from './records';
import { CHANGED_MEANWHILE, openRecord, openRecords, sealRecord, unchangedSince, writeUnlessChanged } from './sealing.ts';

export async function listMeetings(citizenId: string): Promise<Meeting[]> {
	const stored = await getStore().transaction('r', ['meetings'], (tx) => tx.meetings.where('citizenId').equals(citizenId).toArray());
	const records = await openRecords('meetings', stored);
	return records.map(meetingFromRecord).sort(byMeetingDateDescending);
}

/**
 * The citizen's `limit` newest meetings, newest first (byMeetingDateDescending), and whether there are older ones: only
 * these are read and opened, through `[citizenId+date+createdAt]`, so the citizen's page does not grow with the years
 * (issue 17). One record more is read, not opened, to know whether to offer more.
 */
export async function listNewestMeetings(citizenId: string, limit: number): Promise<{ meetings: Meeting[]; more: boolean }> {
	const stored = await getStore().transaction('r', ['meetings'], (tx) =>
		tx.meetings
			.where('[citizenId+date+createdAt]')
			// Every key of the citizen lies between these: a key is never one array twice (IndexedDB refuses it as a cycle).
			.between([citizenId], [citizenId, MAX_KEY])
			.reverse()
			.limit(limit + 1)
			.toArray()
	);
	const records = await openRecords('meetings', stored.slice(0, limit));
	// Equal date and time come back in id order; the domain order decides between them.
	return { meetings: records.map(meetingFromRecord).sort(byMeetingDateDescending), more: stored.length > limit };
}

export async function getMeeting(id: string): Promise<Meeting | undefined> {
	const stored = await getStore().transaction('r', ['meetings'], (tx) => tx.meetings.get(id));
	return stored && meetingFromRecord(await openRecord('meetings', stored));
}

/**
 * The meetings with these ids that exist, each opened once, in the order asked. The story's "Før og nu" names the meetings
 * the story was changed in, and reads only those: the citizen's every meeting grew with the years (issue 17).
 */
export async function getMeetings(ids: readonly string[]): Promise<Meeting[]> {
	const found = await getStore().transaction('r', ['meetings'], (tx) => tx.meetings.bulkGet([...new Set(ids)]));
	const stored = found.filter((record) => record !== undefined);
	return (await openRecords('meetings', stored)).map(meetingFromRecord);
}

/** The citizen takes part in their own meeting from the start, named as they are on the tablet. */
export async function createMeeting(citizenId: string, input: NewMeeting, now = Date.now()): Promise<Meeting> {
	const store = getStore();
	const details = normaliseNewMeeting(input);
	const storedCitizen = await store.transaction('r', ['citizens'], (tx) => tx.citizens.get(citizenId));
	if (!storedCitizen) throw new StorageError('error.notFound');
	const citizen = citizenFromRecord(await openRecord('citizens', storedCitizen));
	const meeting: Meeting = {
		id: newId(),
		citizenId,
		createdAt: now,
		...details,
		participants: [createParticipant(citizen.displayName, 'borger')]
	};
	const sealed = await sealRecord('meetings', meetingToRecord(meeting));
	await guardedWrite(() =>
		store.transaction('rw', ['citizens', 'meetings'], async (tx) => {
			if (!(await tx.citizens.get(citizenId))) throw new StorageError('error.notFound');
			await tx.meetings.add(sealed);
		})
	);
	return meeting;
}

/**
 * `check` sees the meeting's answers, for changes that depend on them; the write then also requires
 * that no answer of the meeting changed meanwhile.
 */
function updateMeeting(id: string, change: (meeting: Meeting) => Meeting, check?: (answers: AnswerRecord[]) => void): Promise<Meeting> {
	const store = getStore();
	const readAnswers = (tx: TypedTx<StoreTables>) => (check ? tx.answers.where('meetingId').equals(id).toArray() : Promise.resolve([]));
	return writeUnlessChanged(async () => {
		const [stored, storedAnswers] = await store.transaction('r', ['meetings', 'answers'], (tx) =>
			Promise.all([tx.meetings.get(id), readAnswers(tx)])
		);
		if (!stored) throw new StorageError('error.notFound');
		check?.(await openRecords('answers', storedAnswers));
		const updated = change(meetingFromRecord(await openRecord('meetings', stored)));
		const sealed = await sealRecord('meetings', meetingToRecord(updated));
		return guardedWrite(() =>
			store.transaction('rw', ['meetings', 'answers'], async (tx) => {
				const answersNow = await readAnswers(tx);
				const answersUnchanged =
					answersNow.length === storedAnswers.length && answersNow.every((a, i) => unchangedSince(storedAnswers[i], a));
				if (!answersUnchanged || !unchangedSince(stored, await tx.meetings.get(id))) return CHANGED_MEANWHILE;
				await tx.meetings.put(sealed);
				return updated;
			})
		);
	});
}

/**
 * A changed date, time, place or phase; who took part and what was answered stay as they are. A time left out of the
 * form is taken off the meeting: the earlier one would otherwise stay under the new details.
 */
export async function editMeeting(id: string, input: NewMeeting): Promise<Meeting> {
	const details = normaliseNewMeeting(input);
	return updateMeeting(id, ({ time: _, ...meeting }) => ({ ...meeting, ...details }));
}

/**
 * Deletes a meeting with everything of it — its answers, its plan, any record of a table whose keys
 * name a meeting (read from the registry, so a table added later is included) — in one transaction.
 * Its photos and recordings belong to the citizen and may be used elsewhere (a board, the story): the media clean-up
 * after it deletes those nothing else refers to, unless a tab holds the citizen's media, whose own clean-up then does.
 */
export async function deleteMeeting(id: string): Promise<void> {
	const citizenId = await guardedWrite(() =>
		getStore().transaction('rw', ['meetings', ...MEETING_OWNED_TABLES], async (tx) => {
			const meeting = await tx.meetings.get(id);
			for (const name of MEETING_OWNED_TABLES) await tx.table(name).where('meetingId').equals(id).delete();
			await tx.meetings.delete(id);
			return meeting?.citizenId;
		})
	);
	meetingsDeleted([id]);
	// The meeting is gone whatever the clean-up meets (a lock just now): what it leaves, the next one takes. The boards'
	// code is fetched for it: the meeting page, which loads this module, would otherwise bring it on its first load.
	if (citizenId) await import('./boards.ts').then(({ pruneUnusedMedia }) => pruneUnusedMedia(citizenId)).catch(() => undefined);
}

export async function addParticipant(meetingId: string, name: string, role: ParticipantRole): Promise<Meeting> {
	const participant = createParticipant(name, role);
	return updateMeeting(meetingId, (meeting) => ({ ...meeting, participants: [...meeting.participants, participant] }));
}

/** "Fortryd" after removing a participant. */
export async function restoreParticipant(meetingId: string, participant: Participant, index: number): Promise<Meeting> {
	return updateMeeting(meetingId, (meeting) => withParticipantBack(meeting, participant, index));
}

/** A participant named in an answer's provenance stays, so the record of who relayed what stays whole. */
export async function removeParticipant(meetingId: string, participantId: string): Promise<Meeting> {
	return updateMeeting(
		meetingId,
		(meeting) => ({ ...meeting, participants: meeting.participants.filter((p) => p.id !== participantId) }),
		(answers) => {
			if (answers.some((record) => answerNamesParticipant(answerFromRecord(record), participantId))) {
				throw new ValidationError('error.participantInUse');
			}
		}
	);
}
