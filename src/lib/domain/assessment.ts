import * as v from 'valibot';
import { ValidationError } from './validation';

/*
 * The adviser's professional view of a sub-theme: a funktionsevneniveau (FFB) with an optional note.
 * Kept in its own table, never as an answer: it is not what the citizen expressed, and the plan and
 * the answer list must never mix the two.
 */

export const ASSESSMENT_NOTE_MAX = 500;

const contentRef = v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), v.maxLength(100));
const ffbCode = v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));

export const assessmentPayloadSchema = v.strictObject({
	subthemeId: contentRef,
	/** The sub-theme's FFB code, kept with the level for the case-file version of the plan. */
	ffbCode,
	/** An id of the funktionsevneniveau scale (content/vum/levels.json). */
	levelId: contentRef,
	note: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(ASSESSMENT_NOTE_MAX)))
});

export type AssessmentContent = v.InferOutput<typeof assessmentPayloadSchema>;

export interface Assessment extends AssessmentContent {
	id: string;
	citizenId: string;
	meetingId: string;
	createdAt: number;
	updatedAt: number;
}

/** Checks what the adviser recorded; an empty note is no note. Throws ValidationError. */
export function validateAssessment(input: AssessmentContent): AssessmentContent {
	const note = input.note?.trim() ? input.note : undefined;
	const result = v.safeParse(assessmentPayloadSchema, {
		subthemeId: input.subthemeId,
		ffbCode: input.ffbCode,
		levelId: input.levelId,
		...(note ? { note } : {})
	});
	if (!result.success) throw new ValidationError('error.assessment');
	return result.output;
}
