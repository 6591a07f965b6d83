import type { Answer, AnswerContent, AnswerSubject } from './answer';

/*
 * What a tool must do with the answers it already holds when someone expresses something again: store a new
 * answer, correct the one there is (so the history shows what moved), take one back, or bring one back.
 * Pure decisions, so the rule "moving is a correction, not a new answer" is tested once for every tool.
 */

export type AnswerStep =
	| { kind: 'record'; subject: AnswerSubject; content: AnswerContent }
	| { kind: 'correct'; answerId: string; content: AnswerContent }
	| { kind: 'withdraw'; answerId: string }
	| { kind: 'restore'; answerId: string };

/** A key that is equal for equal subjects, whatever order their fields were written in. */
export function subjectKey(subject: AnswerSubject): string {
	return JSON.stringify(Object.entries(subject).sort(([a], [b]) => a.localeCompare(b)));
}

/** The answers about one subject, newest first (the order listAnswers gives). */
export function answersAbout(answers: readonly Answer[], subject: AnswerSubject): Answer[] {
	const key = subjectKey(subject);
	return answers.filter((answer) => subjectKey(answer.subject) === key);
}

/** Whether two contents say the same; a label kept "as seen" may differ by language without saying something else. */
function sameContent(a: AnswerContent, b: AnswerContent): boolean {
	if (a.kind === 'scale' && b.kind === 'scale') return a.scaleId === b.scaleId && a.pointId === b.pointId;
	if (a.kind === 'placement' && b.kind === 'placement') return a.zoneId === b.zoneId;
	return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

/**
 * For a question that has one answer at a time (a point on a scale, a ring on the map): the newest active answer
 * of the same kinds is corrected; the same answer again changes nothing; with none there, a new one is stored.
 */
export function singleAnswerStep(
	answers: readonly Answer[],
	subject: AnswerSubject,
	content: AnswerContent,
	replaces: readonly AnswerContent['kind'][]
): AnswerStep | undefined {
	const current = answersAbout(answers, subject).find((answer) => answer.status === 'active' && replaces.includes(answer.content.kind));
	if (!current) return { kind: 'record', subject, content };
	return sameContent(current.content, content) ? undefined : { kind: 'correct', answerId: current.id, content };
}

/**
 * For a yes/no mark (e.g. "vil have med til møder"): set means an active answer with that content. Unsetting takes
 * it back, setting again restores the one taken back, so one mark keeps one history.
 */
export function toggleStep(
	answers: readonly Answer[],
	subject: AnswerSubject,
	content: AnswerContent,
	on: boolean
): AnswerStep | undefined {
	const existing = answersAbout(answers, subject).find((answer) => sameContent(answer.content, content));
	if (on) {
		if (!existing) return { kind: 'record', subject, content };
		return existing.status === 'withdrawn' ? { kind: 'restore', answerId: existing.id } : undefined;
	}
	return existing?.status === 'active' ? { kind: 'withdraw', answerId: existing.id } : undefined;
}
