import type { Answer, Provenance } from '#lib/domain/answer.ts';
import type { AnswerStep } from '#lib/domain/answer-steps.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { correctStoredAnswer, recordAnswer, restoreStoredAnswer, withdrawStoredAnswer } from '#lib/storage/answers.ts';

/**
 * Carries out what the domain decided. A correction is given by whoever is answering now: when a relative
 * moves a person on the map, the new state is theirs, while the history keeps who said the earlier one.
 */
export function applyStep(meeting: Meeting, step: AnswerStep, provenance: Provenance): Promise<Answer> {
	switch (step.kind) {
		case 'record':
			return recordAnswer(meeting, { subject: step.subject, content: step.content, provenance });
		case 'correct':
			return correctStoredAnswer(step.answerId, { content: step.content, provenance });
		case 'withdraw':
			return withdrawStoredAnswer(step.answerId);
		case 'restore':
			return restoreStoredAnswer(step.answerId);
	}
}
