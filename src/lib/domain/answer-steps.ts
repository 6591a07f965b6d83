import { sameProvenance, type Answer, type AnswerContent, type AnswerSubject, type Provenance } from './answer';

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
 * of the same kinds is corrected; with none there, a new one is stored. The same answer given again as `provenance`
 * says changes nothing; given by someone else or in another way (the citizen now taps the point a relative relayed), it
 * is corrected to name who gives it now, and its history keeps who gave it before.
 */
export function singleAnswerStep(
	answers: readonly Answer[],
	subject: AnswerSubject,
	content: AnswerContent,
	replaces: readonly AnswerContent['kind'][],
	provenance: Provenance
): AnswerStep | undefined {
	const current = answersAbout(answers, subject).find((answer) => answer.status === 'active' && replaces.includes(answer.content.kind));
	if (!current) return { kind: 'record', subject, content };
	const same = sameContent(current.content, content) && sameProvenance(current.provenance, provenance);
	return same ? undefined : { kind: 'correct', answerId: current.id, content };
}

/**
 * Whether expressing `content` now, as `provenance` says, gives a withdrawn answer again as it was: only then is it
 * restored, its history whole. Said by someone else or in another way, or saying something else, it is a new answer:
 * restoring would name who gave it before, and the history would show a restore (and a correction) nobody made.
 */
export function givesAgain(withdrawn: Answer, content: AnswerContent, provenance: Provenance): boolean {
	return sameContent(withdrawn.content, content) && sameProvenance(withdrawn.provenance, provenance);
}

/**
 * For a yes/no mark (e.g. "vil have med til møder"): set means an active answer with that content. Unsetting takes
 * it back; setting again restores the mark taken back last if the same person gives it the same way (givesAgain), and
 * records a new one in the name of who gives it now otherwise.
 */
export function toggleStep(
	answers: readonly Answer[],
	subject: AnswerSubject,
	content: AnswerContent,
	on: boolean,
	provenance: Provenance
): AnswerStep | undefined {
	const marks = answersAbout(answers, subject).filter((answer) => sameContent(answer.content, content));
	const active = marks.find((answer) => answer.status === 'active');
	if (!on) return active ? { kind: 'withdraw', answerId: active.id } : undefined;
	if (active) return undefined;
	const lastUndone = marks.reduce<Answer | undefined>(
		(last, answer) => (last && last.updatedAt >= answer.updatedAt ? last : answer),
		undefined
	);
	return lastUndone && givesAgain(lastUndone, content, provenance)
		? { kind: 'restore', answerId: lastUndone.id }
		: { kind: 'record', subject, content };
}

/**
 * Whether two answers about one subject fill its one place: a point of a scale or a no-answer (a card's place, a
 * question's answer), a ring of the map, the same mark. Other answers (the board's, words, photos, wishes) stand side by
 * side.
 */
function samePlace(a: AnswerContent, b: AnswerContent): boolean {
	const onScale = (content: AnswerContent) => content.kind === 'scale' || content.kind === 'no-answer';
	if (onScale(a) || onScale(b)) return onScale(a) && onScale(b);
	if (a.kind === 'mark' && b.kind === 'mark') return a.mark === b.mark;
	return a.kind === 'placement' && b.kind === 'placement';
}

/**
 * The active answer that has taken a withdrawn answer's place since (a card laid again elsewhere, or by someone else):
 * bringing the withdrawn one back must take that one back, or the card would lie in two places at once.
 */
export function replacedBy(answer: Answer, answers: readonly Answer[]): Answer | undefined {
	if (answer.status !== 'withdrawn') return undefined;
	return answersAbout(answers, answer.subject).find(
		(other) => other.id !== answer.id && other.status === 'active' && samePlace(other.content, answer.content)
	);
}
