import type { Answer, AnswerSubject } from '#lib/domain/answer.ts';
import { answersAbout, chosenLabel } from './step-answers.ts';

/*
 * Forberedelse: what the citizen wants to talk about, what goes well, what is hard, who should be
 * there, where and when — each a set of pictures, each choice an answer about the meeting part
 * 'preparation' with the question's id. What the citizen wants to talk about is the proposed agenda.
 * Apart from the pictures (preparation.ts), so the agenda shown on every step needs no theme or sheet content.
 */

export const PREPARATION_ITEMS = ['tale-om', 'gaar-godt', 'svaert', 'hvem', 'hvor', 'hvornaar'] as const;
export type PreparationItem = (typeof PREPARATION_ITEMS)[number];

export function preparationSubject(itemId: PreparationItem): AnswerSubject {
	return { kind: 'meeting-part', part: 'preparation', itemId };
}

/** The proposed agenda: what the citizen chose to talk about, in the order chosen. */
export function proposedTopics(answers: readonly Answer[]): string[] {
	return answersAbout(answers, preparationSubject('tale-om'))
		.reverse()
		.flatMap((answer) => chosenLabel(answer) ?? []);
}
