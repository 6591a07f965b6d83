import {
	byCreatedAtDescending,
	byProvenance,
	confirmAnswer,
	correctAnswer,
	createAnswer,
	restoreAnswer,
	withdrawAnswer,
	type Answer,
	type AnswerChanger,
	type AnswerContent,
	type AnswerSubject,
	type AnswerSubjectKind,
	type Provenance
} from '#lib/domain/answer.ts';
import type { AnswerStep } from '#lib/domain/answer-steps.ts';
import { newId } from '#lib/domain/ids.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { journal } from '#lib/journal/client.ts';
import { getStore, type StoreTables } from './db';
import { guardedCommit, guardedWrite, StorageError } from './errors';
import { MAX_KEY, MIN_KEY, type TypedTx } from './idb/database.ts';
import { everyRecordHasAbout } from './about-index.ts';
import { afterReadsOf } from './reads-in-flight.ts';
import { asSave, asSaveWrite, holdLiveReadsUntil } from './saves-first.ts';
import { answerFromRecord, answerToRecord, meetingFromRecord, type AnswerRecord } from './records';
import { CHANGED_MEANWHILE, openRecord, openRecords, sealRecord, unchangedSince, writeUnlessChanged, type Stored } from './sealing.ts';

/** Newest first; with a limit, only that many are read from the database. */
export async function listAnswers(meetingId: string, limit?: number): Promise<Answer[]> {
	const stored = await getStore().transaction('r', ['answers'], (tx) => {
		const newestFirst = tx.answers.where('[meetingId+createdAt]').between([meetingId, MIN_KEY], [meetingId, MAX_KEY]).reverse();
		return (limit === undefined ? newestFirst : newestFirst.limit(limit)).toArray();
	});
	const records = await openRecords('answers', stored);
	// Equal timestamps come back in id order; the domain order decides between them.
	return records.map(answerFromRecord).sort(byCreatedAtDescending);
}

export function countAnswers(meetingId: string): Promise<number> {
	return getStore().transaction('r', ['answers'], (tx) => tx.answers.where('meetingId').equals(meetingId).count());
}

/** What a tool hands over when the citizen has expressed something. */
export interface NewAnswer {
	subject: AnswerSubject;
	content: AnswerContent;
	provenance: Provenance;
	note?: string;
}

/** The name of the user-timing measure of one answer's IndexedDB write (bench/scenarios/answers.ts reads it by this name). */
const ANSWER_WRITE_MEASURE = 'billedtale:answer-write';
/**
 * A browser keeps every measure for the page's life, and a tablet may keep the app open for days, with a measure per
 * answer: they are cleared once there are this many, before the next is added, so the newest is always there to read.
 */
export const ANSWER_WRITE_MEASURES_KEPT = 1_000;
let answerWritesMeasured = 0;

function measureAnswerWrite(start: number, end: number): void {
	if (answerWritesMeasured >= ANSWER_WRITE_MEASURES_KEPT) {
		performance.clearMeasures(ANSWER_WRITE_MEASURE);
		answerWritesMeasured = 0;
	}
	answerWritesMeasured += 1;
	performance.measure(ANSWER_WRITE_MEASURE, { start, end });
}

/**
 * Resolves in the task after the page's next frame, or at once where none is painted (a hidden page, Node). The frame
 * callback runs before that frame's paint; the task after it, once the paint is done (as ui/painted-after does).
 */
function afterNextFrame(): Promise<void> {
	if (typeof requestAnimationFrame !== 'function' || document.visibilityState !== 'visible') return Promise.resolve();
	return new Promise((resolve) => {
		// A page hidden meanwhile paints no frame: the write does not wait for one.
		const fallback = setTimeout(resolve, 100);
		requestAnimationFrame(() =>
			setTimeout(() => {
				clearTimeout(fallback);
				resolve();
			})
		);
	});
}

/**
 * Stores a tapped answer. The promise resolves only after IndexedDB has committed the transaction,
 * which is what the UI's "Gemt" waits for.
 */
export async function recordAnswer(meeting: Meeting, input: NewAnswer, now = Date.now()): Promise<Answer> {
	const answer = createAnswer({ id: newId(), meeting, ...input, at: now });
	const saved = saveAnswer(answer);
	// The lists read the new answer once "Gemt" is drawn: the frame after this resolves (saves-first.ts).
	holdLiveReadsUntil(saved.then(afterNextFrame, afterNextFrame));
	await saved;
	return answer;
}

async function saveAnswer(answer: Answer): Promise<void> {
	// From the tap on: background batches wait, so the answer's transaction is not queued behind one (saves-first.ts).
	await asSave(async () => {
		const sealed = await sealRecord('answers', answerToRecord(answer));
		// The tap's own frame (the pressed cell, "Gemmer …") first, then the transaction. Opened in the tap's task, the add's
		// clone and the library's steps ran before that frame, and IndexedDB's answers waited behind the frame's style, layout and
		// paint (the profile of the real save: 25–45 ms of the tap's rendering inside each write, at 4× CPU). "Gemt" needs a
		// frame after the commit either way; an answer not yet shown as saved may be lost to a crash, as before.
		await afterNextFrame();
		// Nor while the live queries' reads of the answers are still being answered: IndexedDB would start it only after them.
		await afterReadsOf('answers');
		await guardedCommit(async () => {
			// A user-timing entry for `npm run bench` ("database write"): the IndexedDB transaction alone, from its opening to
			// IndexedDB's word that it committed. One small entry per answer.
			const start = performance.now();
			// Other work of the tap that comes meanwhile waits for its commit (asSaveWrite).
			await asSaveWrite(() =>
				getStore().transaction('rw', ['answers'], (tx) => {
					// Measured in the listener, at the event's own time (when the page's thread took IndexedDB's word, before any
					// listener ran): this listener runs after the layer's own, which tells the journal and the live reads, and the
					// code after `await` runs between them, so a measure ended there counted the journal's and the live reads'
					// work as the database's. (fake-indexeddb stamps events with Date.now(), hence the bound.)
					tx.idb.addEventListener('complete', (event) => measureAnswerWrite(start, Math.min(event.timeStamp, performance.now())));
					const added = tx.answers.add(sealed);
					// The add (and the journal's commit number) has been asked for by now; committing at once lets IndexedDB
					// finish without first handing each request's answer to this thread, which a tap keeps busy painting and
					// speaking.
					tx.commit();
					return added;
				})
			);
		});
	});
	// "Gemt" waits for the journal too, but no longer holds back background work: the journal's catch-up (client.ts), which
	// this may wait for, reads the database in background transactions, and those wait until no save is under way.
	await journal.settled();
}

function updateAnswer(answerId: string, change: (answer: Answer, meeting: Meeting) => Answer): Promise<Answer> {
	const store = getStore();
	return writeUnlessChanged(async () => {
		const [stored, storedMeeting] = await store.transaction('r', ['answers', 'meetings'], async (tx) => {
			const answer = await tx.answers.get(answerId);
			return [answer, answer && (await tx.meetings.get(answer.meetingId))] as const;
		});
		if (!stored || !storedMeeting) throw new StorageError('error.notFound');
		const answer = answerFromRecord(await openRecord('answers', stored));
		const updated = change(answer, meetingFromRecord(await openRecord('meetings', storedMeeting)));
		const sealed = await sealRecord('answers', answerToRecord(updated));
		return guardedWrite(() =>
			store.transaction('rw', ['answers', 'meetings'], async (tx) => {
				const unchanged =
					unchangedSince(stored, await tx.answers.get(answerId)) && unchangedSince(storedMeeting, await tx.meetings.get(stored.meetingId));
				if (!unchanged) return CHANGED_MEANWHILE;
				await tx.answers.put(sealed);
				return updated;
			})
		);
	});
}

export function correctStoredAnswer(
	answerId: string,
	change: { content?: AnswerContent; provenance?: Provenance; note?: string },
	now = Date.now()
): Promise<Answer> {
	return updateAnswer(answerId, (answer, meeting) => correctAnswer(answer, meeting, change, now));
}

/** "Fortryd": `by` is who takes it back, as the meeting's provenance choice says, or the adviser's own action. */
export function withdrawStoredAnswer(answerId: string, by: AnswerChanger, now = Date.now()): Promise<Answer> {
	return updateAnswer(answerId, (answer, meeting) => withdrawAnswer(answer, meeting, by, now));
}

/** "Rigtigt" in the summary: who confirmed the answer as it stands, and how. */
export function confirmStoredAnswer(answerId: string, provenance: Provenance, now = Date.now()): Promise<Answer> {
	return updateAnswer(answerId, (answer, meeting) => confirmAnswer(answer, meeting, provenance, now));
}

export function restoreStoredAnswer(answerId: string, by: AnswerChanger, now = Date.now()): Promise<Answer> {
	return updateAnswer(answerId, (answer, meeting) => restoreAnswer(answer, meeting, by, now));
}

/**
 * The answers of a citizen or of a meeting about the given kinds of subject, newest first, read through the
 * `[citizenId+about]` or `[meetingId+about]` index. While any answer of that citizen or meeting lacks `about` (written
 * before it and not yet given it by the migration pass, or written back from an older journal), that answer is in no
 * such index, so every answer of theirs is read and the kinds are picked once opened.
 */
async function listAnswersAbout(owner: 'citizenId' | 'meetingId', id: string, about: readonly AnswerSubjectKind[]): Promise<Answer[]> {
	return openAbout(await getStore().transaction('r', ['answers'], (tx) => readAbout(tx, owner, id, about)), about);
}

/** The stored answers of one citizen or meeting about the given kinds, read in `tx`. */
async function readAbout(
	tx: TypedTx<StoreTables>,
	owner: 'citizenId' | 'meetingId',
	id: string,
	about: readonly AnswerSubjectKind[]
): Promise<Stored<AnswerRecord>[]> {
	const { answers } = tx;
	// One `equals` per kind, each read in one go (getAll); `anyOf` walks a cursor, a task per record: ~550 on the
	// years bench's "Over tid" (trace, issue 17). Asked for beside the check that the indexes hold every answer, not after
	// it: each answer from IndexedDB waits for a task on the page's thread, busy drawing the page that asked, so the check
	// first cost a round of those tasks ("Over tid" reads a dozen meetings). Read for nothing only until the migration
	// pass has given every answer its `about`; after that pass, not checked at all (about-index.ts).
	const [indexed, ofKinds] = await Promise.all([
		everyAnswerHasAbout(tx, owner, id),
		Promise.all(about.map((kind) => answers.where(`[${owner}+about]`).equals([id, kind]).toArray()))
	]);
	return indexed ? ofKinds.flat() : answers.where(owner).equals(id).toArray();
}

/**
 * Whether every answer of the citizen or meeting is in the `about` indexes (see listAnswersAbout). Once the pass has
 * found that for the whole tablet, nothing is counted. A record without `about` can then come only from the journal
 * written back at start-up, before any page reads.
 */
async function everyAnswerHasAbout(tx: TypedTx<StoreTables>, owner: 'citizenId' | 'meetingId', id: string): Promise<boolean> {
	if (everyRecordHasAbout()) return true;
	const { answers } = tx;
	const [all, indexed] = await Promise.all([
		answers.where(owner).equals(id).count(),
		answers.where(`[${owner}+about]`).between([id, MIN_KEY], [id, MAX_KEY]).count()
	]);
	return all === indexed;
}

/** Opens stored answers and keeps those about the given kinds (all of a fallback read are opened), newest first. */
async function openAbout(stored: Stored<AnswerRecord>[], about: readonly AnswerSubjectKind[]): Promise<Answer[]> {
	const wanted = new Set<string>(about);
	return (await openRecords('answers', stored))
		.map(answerFromRecord)
		.filter((answer) => wanted.has(answer.subject.kind))
		.sort(byCreatedAtDescending);
}

/**
 * A citizen's answers from all their meetings about the given kinds of subject: "Om mig", "Over tid" and the network
 * map's people each read only their own tools' answers, not years of every answer (issue 17).
 */
export function listCitizenAnswers(citizenId: string, about: readonly AnswerSubjectKind[]): Promise<Answer[]> {
	return listAnswersAbout('citizenId', citizenId, about);
}

/** A meeting's answers about the given kinds of subject: a tool's page reads only its own tool's answers. */
export function listMeetingAnswers(meetingId: string, about: readonly AnswerSubjectKind[]): Promise<Answer[]> {
	return listAnswersAbout('meetingId', meetingId, about);
}

/** The answers about the given kinds of subject of the meetings shown ("Over tid" of the newest meetings), newest first. */
export async function listMeetingsAnswers(meetingIds: readonly string[], about: readonly AnswerSubjectKind[]): Promise<Answer[]> {
	// One transaction for every meeting, and the records opened together: a transaction per meeting cost a dozen rounds of
	// tasks on the main thread before "Over tid" could be drawn (trace, years bench, issue 17).
	const stored = await getStore().transaction('r', ['answers'], (tx) =>
		Promise.all(meetingIds.map((id) => readAbout(tx, 'meetingId', id, about)))
	);
	return openAbout(stored.flat(), about);
}

/** The first page of listLatestCitizenAnswers; each next page is twice as long, so years of answers take few rounds. */
const FIRST_PAGE = 50;

/**
 * A citizen's answers about the given kinds of subject, newest first, read through `[citizenId+about+createdAt]` a page at
 * a time until `enough` finds what it shows among those read ("Om mig": the newest entry of each item), or all are read.
 * Per kind the answers read are the newest ones, so a view that shows the newest answer of each thing shows the same as
 * from all of them, without opening years of answers (issue 17). Falls back as listCitizenAnswers does.
 */
export async function listLatestCitizenAnswers(
	citizenId: string,
	about: readonly AnswerSubjectKind[],
	enough: (newestFirst: readonly Answer[]) => boolean
): Promise<Answer[]> {
	const store = getStore();
	// Counted in a transaction of its own only while the pass has not yet found every answer in the indexes (about-index.ts).
	const indexed =
		everyRecordHasAbout() || (await store.transaction('r', ['answers'], (tx) => everyAnswerHasAbout(tx, 'citizenId', citizenId)));
	if (!indexed) return listCitizenAnswers(citizenId, about);
	const read: Answer[] = [];
	let offset = 0;
	for (let page = FIRST_PAGE; ; offset += page, page *= 2) {
		// Every kind's page in one read transaction; their records are opened (decrypted) after it, never inside.
		const pages = await store.transaction('r', ['answers'], (tx) =>
			Promise.all(
				about.map((kind) =>
					tx.answers
						.where('[citizenId+about+createdAt]')
						.between([citizenId, kind, MIN_KEY], [citizenId, kind, MAX_KEY])
						.reverse()
						.offset(offset)
						.limit(page)
						.toArray()
				)
			)
		);
		read.push(...(await openAbout(pages.flat(), about)));
		read.sort(byCreatedAtDescending);
		if (pages.every((stored) => stored.length < page) || enough(read)) return read;
	}
}

/**
 * Carries out what the domain decided (answer-steps). A correction is given by whoever is answering now: when a relative
 * moves a person on the map, the new state is theirs, while the history keeps who said the earlier one. A withdrawal or a
 * restore is made the same way, by the same person: the history keeps who took it back (the domain restores only an answer
 * given again the same way by the same person, givesAgain).
 */
export function applyAnswerStep(meeting: Meeting, step: AnswerStep, provenance: Provenance): Promise<Answer> {
	switch (step.kind) {
		case 'record':
			return recordAnswer(meeting, { subject: step.subject, content: step.content, provenance });
		case 'correct':
			return correctStoredAnswer(step.answerId, { content: step.content, provenance });
		case 'withdraw':
			return withdrawStoredAnswer(step.answerId, byProvenance(provenance));
		case 'restore':
			return restoreStoredAnswer(step.answerId, byProvenance(provenance));
	}
}
