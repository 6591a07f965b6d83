import type { Answer, AnswerContent, AnswerSubject, Provenance } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { correctStoredAnswer, recordAnswer, withdrawStoredAnswer } from '#lib/storage/answers.ts';

/*
 * How the meeting's own steps store what the citizen chose. A question has one answer: choosing again
 * corrects it (its history keeps the earlier choice), never a second answer beside it. A picture that
 * can be chosen among many is one answer each; choosing it again takes it back (withdrawn, kept).
 */

function sameSubject(a: AnswerSubject, b: AnswerSubject): boolean {
	const entries = (subject: AnswerSubject) => JSON.stringify(Object.entries(subject).sort(([x], [y]) => x.localeCompare(y)));
	return entries(a) === entries(b);
}

/** The active answers about a subject, newest first (the meeting's answers come newest first). */
export function answersAbout(answers: readonly Answer[], subject: AnswerSubject): Answer[] {
	return answers.filter((answer) => answer.status === 'active' && sameSubject(answer.subject, subject));
}

/** Sets the one answer of a question: a first answer is recorded, a changed one corrects it. */
export async function setAnswer(
	meeting: Meeting,
	answers: readonly Answer[],
	subject: AnswerSubject,
	content: AnswerContent,
	provenance: Provenance,
	note?: string
): Promise<void> {
	const [current] = answersAbout(answers, subject);
	if (current) await correctStoredAnswer(current.id, note === undefined ? { content, provenance } : { content, provenance, note });
	else await recordAnswer(meeting, { subject, content, provenance, note });
}

/** The label of a picture chosen as a one-picture message. */
export function chosenLabel(answer: Answer): string | undefined {
	return answer.content.kind === 'message' && answer.content.items.length === 1 ? answer.content.items[0]!.label : undefined;
}

/**
 * Chooses or takes back one picture of a list. With `one`, a new choice replaces the earlier one
 * (a correction); otherwise each chosen picture is an answer of its own.
 */
export async function togglePicture(
	meeting: Meeting,
	answers: readonly Answer[],
	subject: AnswerSubject,
	picture: { label: string; symbolId?: string },
	provenance: Provenance,
	one: boolean
): Promise<void> {
	const about = answersAbout(answers, subject);
	const chosen = about.find((answer) => chosenLabel(answer) === picture.label);
	if (chosen) return void (await withdrawStoredAnswer(chosen.id));
	const content: AnswerContent = { kind: 'message', items: [picture.symbolId ? picture : { label: picture.label }] };
	if (one && about[0]) await correctStoredAnswer(about[0].id, { content, provenance });
	else await recordAnswer(meeting, { subject, content, provenance });
}
