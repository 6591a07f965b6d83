import { replacedBy } from '#lib/domain/answer-steps.ts';
import type { Answer, AnswerChanger } from '#lib/domain/answer.ts';
import { restoreStoredAnswer, withdrawStoredAnswer } from './answers.ts';

/*
 * Apart from answers.ts, which the meeting's first screen loads to save a tap: only the answer list and the summary,
 * opened later, restore answers, and the answer steps' rules need not be fetched before the board can be tapped.
 */

/**
 * "Gendan" in a list of the meeting's answers: the answer comes back in its place, and one given there since (replacedBy:
 * the card laid again elsewhere) is taken back first, with both changes and who made them (`by`) in their histories.
 */
export async function restoreInItsPlace(answer: Answer, answers: readonly Answer[], by: AnswerChanger, now = Date.now()): Promise<Answer> {
	const since = replacedBy(answer, answers);
	if (since) await withdrawStoredAnswer(since.id, by, now);
	return restoreStoredAnswer(answer.id, by, now);
}
