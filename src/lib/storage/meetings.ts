import { newId } from '#lib/domain/ids.ts';
import {
	byMeetingDateDescending,
	createParticipant,
	normaliseNewMeeting,
	type Meeting,
	type NewMeeting,
	type ParticipantRole
} from '#lib/domain/meeting.ts';
import { getDb } from './db';
import { answerNamesParticipant } from '#lib/domain/answer.ts';
import { ValidationError } from '#lib/domain/validation.ts';
import { guardedWrite, StorageError } from './errors';
import { answerFromRecord, meetingFromRecord, meetingToRecord } from './records';

export async function listMeetings(citizenId: string): Promise<Meeting[]> {
	const records = await getDb().meetings.where('citizenId').equals(citizenId).toArray();
	return records.map(meetingFromRecord).sort(byMeetingDateDescending);
}

export async function getMeeting(id: string): Promise<Meeting | undefined> {
	const record = await getDb().meetings.get(id);
	return record && meetingFromRecord(record);
}

export async function createMeeting(citizenId: string, input: NewMeeting, now = Date.now()): Promise<Meeting> {
	const db = getDb();
	const meeting: Meeting = { id: newId(), citizenId, createdAt: now, ...normaliseNewMeeting(input), participants: [] };
	await guardedWrite(() =>
		db.transaction('rw', [db.citizens, db.meetings], async () => {
			if (!(await db.citizens.get(citizenId))) throw new StorageError('error.notFound');
			await db.meetings.add(meetingToRecord(meeting));
		})
	);
	return meeting;
}

async function updateMeeting(id: string, change: (meeting: Meeting) => Meeting): Promise<Meeting> {
	const db = getDb();
	return guardedWrite(() =>
		db.transaction('rw', db.meetings, async () => {
			const record = await db.meetings.get(id);
			if (!record) throw new StorageError('error.notFound');
			const updated = change(meetingFromRecord(record));
			await db.meetings.put(meetingToRecord(updated));
			return updated;
		})
	);
}

export async function addParticipant(meetingId: string, name: string, role: ParticipantRole): Promise<Meeting> {
	const participant = createParticipant(name, role);
	return updateMeeting(meetingId, (meeting) => ({ ...meeting, participants: [...meeting.participants, participant] }));
}

/** A participant named in an answer's provenance stays, so the record of who relayed what stays whole. */
export async function removeParticipant(meetingId: string, participantId: string): Promise<Meeting> {
	const db = getDb();
	return guardedWrite(() =>
		db.transaction('rw', [db.meetings, db.answers], async () => {
			const answers = await db.answers.where('meetingId').equals(meetingId).toArray();
			if (answers.some((record) => answerNamesParticipant(answerFromRecord(record), participantId))) {
				throw new ValidationError('error.participantInUse');
			}
			return updateMeeting(meetingId, (meeting) => ({
				...meeting,
				participants: meeting.participants.filter((p) => p.id !== participantId)
			}));
		})
	);
}
