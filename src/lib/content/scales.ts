import * as v from 'valibot';
import { NO_ANSWER_REASONS, type CoreAnswer, type NoAnswerReason } from '#lib/domain/answer-content.ts';
import data from './scales.json';
import { contentId, localizedText, parseContent, type LocalizedText } from './schema.ts';

/*
 * Scales are data: ordered points, each with a symbol, a Danish and an English label and a colour.
 * Every scale also offers the two "no answer" states, which are not points on it. A municipality can
 * add a scale or reword a point in scales.json without code.
 */

const colour = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'colour: #rrggbb'));

const pointSchema = v.strictObject({ id: contentId, label: localizedText, symbolId: v.optional(contentId), colour });

const scaleSchema = v.pipe(
	v.strictObject({ id: contentId, label: localizedText, points: v.pipe(v.array(pointSchema), v.minLength(2), v.maxLength(12)) }),
	v.check((scale) => new Set(scale.points.map((p) => p.id)).size === scale.points.length, 'point ids must be unique within a scale')
);

export const scalesFileSchema = v.pipe(
	v.strictObject({
		noAnswer: v.pipe(
			v.array(v.strictObject({ id: v.picklist(NO_ANSWER_REASONS), label: localizedText, symbolId: contentId })),
			v.check((states) => NO_ANSWER_REASONS.every((id) => states.some((s) => s.id === id)), 'both no-answer states are needed')
		),
		scales: v.pipe(v.array(scaleSchema), v.minLength(1))
	}),
	v.check((file) => new Set(file.scales.map((s) => s.id)).size === file.scales.length, 'scale ids must be unique')
);

export type Scale = v.InferOutput<typeof scaleSchema>;
export type ScalePoint = Scale['points'][number];
export type NoAnswerState = v.InferOutput<typeof scalesFileSchema>['noAnswer'][number];

const file = parseContent(scalesFileSchema, data, 'scales.json');

export const SCALES: readonly Scale[] = file.scales;
export const NO_ANSWER_STATES: readonly NoAnswerState[] = file.noAnswer;

/** The scale the meeting's answer board shows, and the three-point scale that theme cards start with. */
export const CORE_SCALE_ID = 'kerne';
export const DEFAULT_SORTING_SCALE_ID = 'tre-punkt';
/** The answer board's ja, nej and ved ikke without its signals: the scale of a yes/no question. */
export const YES_NO_SCALE_ID = 'ja-nej';

export function scaleById(id: string): Scale | undefined {
	return SCALES.find((scale) => scale.id === id);
}

/** A core answer's words, from the answer board's scale. */
export function coreAnswerLabel(value: CoreAnswer, language: keyof LocalizedText): string {
	const point = scaleById(CORE_SCALE_ID)?.points.find((p) => p.id === value);
	if (!point) throw new Error(`scales.json: the answer board has no point ${value}`);
	return point.label[language];
}

/** The words of a "no answer" state. */
export function noAnswerLabel(reason: NoAnswerReason, language: keyof LocalizedText): string {
	return NO_ANSWER_STATES.find((state) => state.id === reason)!.label[language];
}

/** The content of an answer on a scale; the label is kept as the citizen saw it. */
export function scaleAnswer(scale: Scale, point: ScalePoint, language: keyof LocalizedText) {
	return { kind: 'scale' as const, scaleId: scale.id, pointId: point.id, label: point.label[language] };
}
