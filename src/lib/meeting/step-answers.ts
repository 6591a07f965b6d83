import { byProvenance, type Answer, type AnswerContent, type AnswerSubject, type Provenance } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { correctStoredAnswer, recordAnswer, withdrawStoredAnswer } from '#lib/storage/answers.ts';

/*
 * How the meeting's own steps store what the citizen chose. A question has one answer: choosing again
 * corrects it (its history keeps the earlier choice), never a second answer beside it. A picture that
 * can be chosen among many is one answer each; choosing it again takes it back (withdrawn, kept).
 */

const subjectKey = (subject: AnswerSubject) => JSON.stringify(Object.entries(subject).sort(([x], [y]) => x.localeCompare(y)));

function sameSubject(a: AnswerSubject, b: AnswerSubject): boolean {
	return subjectKey(a) === subjectKey(b);
}

/** The active answers about a subject, newest first (the meeting's answers come newest first). */
export function answersAbout(answers: readonly Answer[], subject: AnswerSubject): Answer[] {
	return answers.filter((answer) => answer.status === 'active' && sameSubject(answer.subject, subject));
}

/** The writes about one subject of a meeting, one after the other, and the answer the last of them left. */
const writes = new Map<string, { done: Promise<void>; last?: Answer }>();

/**
 * Runs a write about a subject after the ones before it, with the answers as they stand after those. The answers a
 * screen holds come from a live read that follows each save only a little later: two quick taps on a scale each saw
 * no answer yet and recorded two, both active. The answer the last write left stands in for an older copy of it.
 */
function afterEarlierWrites(
	meeting: Meeting,
	answers: readonly Answer[],
	subject: AnswerSubject,
	write: (about: Answer[]) => Promise<Answer>
): Promise<void> {
	const key = `${meeting.id} ${subjectKey(subject)}`;
	const entry = writes.get(key) ?? { done: Promise.resolve() };
	writes.set(key, entry);
	const done = entry.done.then(async () => {
		const last = entry.last;
		const shown = last && answers.find((answer) => answer.id === last.id);
		const current = last && (!shown || shown.updatedAt < last.updatedAt) ? [last, ...answers.filter((a) => a.id !== last.id)] : answers;
		entry.last = await write(answersAbout(current, subject));
	});
	// A failed write is said by its caller; the next one starts from what is stored.
	entry.done = done.catch(() => {
		entry.last = undefined;
	});
	return done;
}

/** Sets the one answer of a question: a first answer is recorded, a changed one corrects it. */
export function setAnswer(
	meeting: Meeting,
	answers: readonly Answer[],
	subject: AnswerSubject,
	content: AnswerContent,
	provenance: Provenance,
	note?: string
): Promise<void> {
	return afterEarlierWrites(meeting, answers, subject, ([current]) =>
		current
			? correctStoredAnswer(current.id, note === undefined ? { content, provenance } : { content, provenance, note })
			: recordAnswer(meeting, { subject, content, provenance, note })
	);
}

/** The label of a picture chosen as a one-picture message. */
export function chosenLabel(answer: Answer): string | undefined {
	return answer.content.kind === 'message' && answer.content.items.length === 1 ? answer.content.items[0]!.label : undefined;
}

/**
 * Chooses or takes back one picture of a list. With `one`, a new choice replaces the earlier one
 * (a correction); otherwise each chosen picture is an answer of its own.
 */
export function togglePicture(
	meeting: Meeting,
	answers: readonly Answer[],
	subject: AnswerSubject,
	picture: { label: string; symbolId?: string },
	provenance: Provenance,
	one: boolean
): Promise<void> {
	return afterEarlierWrites(meeting, answers, subject, (about) => {
		const chosen = about.find((answer) => chosenLabel(answer) === picture.label);
		if (chosen) return withdrawStoredAnswer(chosen.id, byProvenance(provenance));
		const content: AnswerContent = { kind: 'message', items: [picture.symbolId ? picture : { label: picture.label }] };
		return one && about[0]
			? correctStoredAnswer(about[0].id, { content, provenance })
			: recordAnswer(meeting, { subject, content, provenance });
	});
}
