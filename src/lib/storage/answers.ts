import { Dexie } from 'dexie';
import {
	byCreatedAtDescending,
	correctAnswer,
	createAnswer,
	restoreAnswer,
	withdrawAnswer,
	type Answer,
	type AnswerContent,
	type Provenance
} from '#lib/domain/answer.ts';
import { newId } from '#lib/domain/ids.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { getDb } from './db';
import { guardedWrite, StorageError } from './errors';
import { answerFromRecord, answerToRecord, meetingFromRecord } from './records';

/** Newest first; with a limit, only that many are read from the database. */
export async function listAnswers(meetingId: string, limit?: number): Promise<Answer[]> {
	const newestFirst = getDb().answers.where('[meetingId+createdAt]').between([meetingId, Dexie.minKey], [meetingId, Dexie.maxKey]).reverse();
	const records = await (limit === undefined ? newestFirst : newestFirst.limit(limit)).toArray();
	// Equal timestamps come back in id order; the domain order decides between them.
	return records.map(answerFromRecord).sort(byCreatedAtDescending);
}

export function countAnswers(meetingId: string): Promise<number> {
	return getDb().answers.where('meetingId').equals(meetingId).count();
}

/**
 * Stores a tapped answer. The promise resolves only after IndexedDB has committed the transaction,
 * which is what the UI's "Gemt" waits for.
 */
export async function recordAnswer(
	meeting: Meeting,
	content: AnswerContent,
	provenance: Provenance,
	now = Date.now()
): Promise<Answer> {
	const answer = createAnswer({ id: newId(), meeting, content, provenance, at: now });
	await guardedWrite(() => getDb().answers.add(answerToRecord(answer)));
	return answer;
}

async function updateAnswer(answerId: string, change: (answer: Answer, meeting: Meeting) => Answer): Promise<Answer> {
	const db = getDb();
	return guardedWrite(() =>
		db.transaction('rw', [db.answers, db.meetings], async () => {
			const record = await db.answers.get(answerId);
			const meetingRecord = record && (await db.meetings.get(record.meetingId));
			if (!record || !meetingRecord) throw new StorageError('error.notFound');
			const updated = change(answerFromRecord(record), meetingFromRecord(meetingRecord));
			await db.answers.put(answerToRecord(updated));
			return updated;
		})
	);
}

export function correctStoredAnswer(
	answerId: string,
	change: { content?: AnswerContent; provenance?: Provenance },
	now = Date.now()
): Promise<Answer> {
	return updateAnswer(answerId, (answer, meeting) => correctAnswer(answer, meeting, change, now));
}

export function withdrawStoredAnswer(answerId: string, now = Date.now()): Promise<Answer> {
	return updateAnswer(answerId, (answer) => withdrawAnswer(answer, now));
}

export function restoreStoredAnswer(answerId: string, now = Date.now()): Promise<Answer> {
	return updateAnswer(answerId, (answer) => restoreAnswer(answer, now));
}
