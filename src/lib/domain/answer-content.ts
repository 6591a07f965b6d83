import * as v from 'valibot';
import type { ParticipantRole } from './meeting';

/*
 * What an answer is about (`subject`) and what was expressed (`content`). One shape for every tool:
 * the answer board, symbol boards, VUM theme cards, sheets, question cards, the recovery story, goals
 * and agreements, and the meeting's own steps. Both live inside the sealed payload; the plain indexes
 * of an answer stay random ids and dates.
 *
 * The schemas are the single definition of both shapes: stored records, backups and new input are
 * checked by them, and the TypeScript types are inferred from them.
 */

/** The meeting answer board: the answers a citizen must always be able to give. */
export const CORE_ANSWERS = ['ja', 'nej', 'ved-ikke', 'pause', 'stop', 'hjaelp', 'forstaar-ikke'] as const;
export type CoreAnswer = (typeof CORE_ANSWERS)[number];

/** "Vil ikke svare" and "ikke talt om": two different things, and neither is an answer on the scale. */
export const NO_ANSWER_REASONS = ['vil-ikke-svare', 'ikke-talt-om'] as const;
export type NoAnswerReason = (typeof NO_ANSWER_REASONS)[number];

/** "Vigtigt for mig" on a card; on the network map: "I want them at my meetings" and "I can ask them for help". */
export const MARKS = ['vigtigt', 'med-til-moeder', 'spoerg-om-hjaelp'] as const;
export type Mark = (typeof MARKS)[number];

/** The parts of a meeting that collect answers of their own. */
export const MEETING_PARTS = ['check-in', 'feedback', 'contact', 'about-me', 'preparation'] as const;

export const MESSAGE_MAX_ITEMS = 30;
export const MESSAGE_ITEM_MAX = 60;
export const SHORT_TEXT_MAX = 500;
export const LABEL_SNAPSHOT_MAX = 120;
export const DRAWING_MAX_STROKES = 200;
export const PERSON_NAME_MAX = 60;
export const STROKE_MAX_POINTS = 2000;

/** Ids of our own content (themes, sheets, questions, scales): lower-case words joined by hyphens. */
export const contentRef = v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), v.maxLength(100));
/** Random record ids (crypto.randomUUID) and imported ids of the same alphabet. */
export const recordRef = v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,100}$/));
/** An FFB code (KL's common terminology): a UUID. */
const ffbCode = v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));

const text = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(max));

export const answerSubjectSchema = v.variant('kind', [
	v.strictObject({ kind: v.literal('core-board') }),
	v.strictObject({ kind: v.literal('symbol-board'), boardId: v.optional(recordRef) }),
	v.strictObject({ kind: v.literal('vum-theme'), themeId: contentRef, ffbCode }),
	v.strictObject({ kind: v.literal('vum-subtheme'), themeId: contentRef, subthemeId: contentRef, ffbCode }),
	v.strictObject({ kind: v.literal('sheet-item'), sheetId: contentRef, itemId: contentRef }),
	v.strictObject({ kind: v.literal('question'), deckId: contentRef, questionId: contentRef }),
	v.strictObject({ kind: v.literal('canvas-item'), storyId: recordRef, itemId: recordRef }),
	v.strictObject({ kind: v.literal('goal'), planId: recordRef, goalId: recordRef }),
	v.strictObject({ kind: v.literal('agreement'), planId: recordRef, agreementId: recordRef }),
	v.strictObject({ kind: v.literal('meeting-part'), part: v.picklist(MEETING_PARTS), itemId: v.optional(contentRef) }),
	/**
	 * A person on the citizen's network map. The person lives only in the answers about them (their ring, their
	 * marks), so each answer says whom it is about without a lookup, and the map is rebuilt from the meeting's answers.
	 * `roleId` is a role of the network sheet (content); `photoId` a photo in the media table.
	 */
	v.strictObject({
		kind: v.literal('network-person'),
		personId: recordRef,
		name: text(PERSON_NAME_MAX),
		roleId: v.optional(contentRef),
		photoId: v.optional(recordRef)
	})
]);
export type AnswerSubject = v.InferOutput<typeof answerSubjectSchema>;
export type AnswerSubjectKind = AnswerSubject['kind'];

const messageItem = v.strictObject({ label: text(MESSAGE_ITEM_MAX), symbolId: v.optional(contentRef) });
const coordinate = v.pipe(v.number(), v.finite(), v.minValue(-100_000), v.maxValue(100_000));

/** A freehand stroke in canvas units: x and y in turn, so a drawing stays small when stored. */
export const strokeSchema = v.strictObject({
	points: v.pipe(
		v.array(coordinate),
		v.minLength(2),
		v.maxLength(STROKE_MAX_POINTS * 2),
		v.check((p) => p.length % 2 === 0)
	),
	width: v.pipe(v.number(), v.minValue(1), v.maxValue(64)),
	colour: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i))
});
export type Stroke = v.InferOutput<typeof strokeSchema>;

/** `quote`: the citizen's own words, written down as said. */
export const textContentSchema = v.strictObject({ kind: v.literal('text'), text: text(SHORT_TEXT_MAX), quote: v.optional(v.boolean()) });
export const photoContentSchema = v.strictObject({ kind: v.literal('photo'), mediaId: recordRef });
export const recordingContentSchema = v.strictObject({ kind: v.literal('recording'), mediaId: recordRef });
export const drawingContentSchema = v.strictObject({
	kind: v.literal('drawing'),
	strokes: v.pipe(v.array(strokeSchema), v.minLength(1), v.maxLength(DRAWING_MAX_STROKES))
});

export const answerContentSchema = v.variant('kind', [
	v.strictObject({ kind: v.literal('core'), value: v.picklist(CORE_ANSWERS) }),
	v.strictObject({ kind: v.literal('message'), items: v.pipe(v.array(messageItem), v.minLength(1), v.maxLength(MESSAGE_MAX_ITEMS)) }),
	/** The label is kept as the citizen saw it: a scale's wording may change later, the answer must not. */
	v.strictObject({ kind: v.literal('scale'), scaleId: contentRef, pointId: contentRef, label: text(LABEL_SNAPSHOT_MAX) }),
	v.strictObject({ kind: v.literal('no-answer'), reason: v.picklist(NO_ANSWER_REASONS) }),
	v.strictObject({ kind: v.literal('mark'), mark: v.picklist(MARKS) }),
	textContentSchema,
	photoContentSchema,
	recordingContentSchema,
	drawingContentSchema,
	/** Placed in a zone of a layout (a ring of the network map, an area of a sheet); the zone's label as seen. */
	v.strictObject({
		kind: v.literal('placement'),
		zoneId: contentRef,
		label: text(LABEL_SNAPSHOT_MAX),
		x: v.optional(coordinate),
		y: v.optional(coordinate)
	})
]);
export type AnswerContent = v.InferOutput<typeof answerContentSchema>;
export type AnswerContentKind = AnswerContent['kind'];
export type CoreAnswerContent = Extract<AnswerContent, { kind: 'core' }>;
export type MessageAnswerContent = Extract<AnswerContent, { kind: 'message' }>;
export type MessageItem = MessageAnswerContent['items'][number];

/**
 * How an answer reached the record: from the citizen directly, with help to point or operate,
 * relayed by someone who knows the citizen, or noticed as non-verbal feedback.
 */
export const PROVENANCE_MODES = ['selv', 'med-stoette', 'formidlet', 'observeret'] as const;
export type ProvenanceMode = (typeof PROVENANCE_MODES)[number];

/**
 * The citizen gives the answer; the person a provenance names is someone else, who relays, supports or observes it.
 * The citizen named so ("Karen med hjælp fra Karen") says nothing true. Returns the error (an i18n key) for a new
 * provenance naming a person with this role, or undefined when they may be named. Stored answers are read as stored.
 */
export function citizenNamedError(mode: ProvenanceMode, role: ParticipantRole | undefined): string | undefined {
	if (role !== 'borger' || mode === 'selv') return undefined;
	return mode === 'formidlet' ? 'error.provenanceRelayByCitizen' : 'error.provenanceCitizenAsHelper';
}

/** The shape only; who may be named depends on the meeting (validateProvenance in answer.ts). */
export const provenanceSchema = v.strictObject({ mode: v.picklist(PROVENANCE_MODES), participantId: v.optional(recordRef) });

/** For a `switch` that must handle every kind: adding a kind makes each such switch a type error. */
export function assertNever(value: never): never {
	throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

/** The media an answer's subject refers to (a network person's photo); media clean-up keeps these. */
export function mediaIdsOfSubject(subject: AnswerSubject): string[] {
	return subject.kind === 'network-person' && subject.photoId ? [subject.photoId] : [];
}

/** The media (photo, recording) an answer's content refers to; media clean-up keeps these. */
export function mediaIdsOfContent(content: AnswerContent): string[] {
	switch (content.kind) {
		case 'photo':
		case 'recording':
			return [content.mediaId];
		case 'core':
		case 'message':
		case 'scale':
		case 'no-answer':
		case 'mark':
		case 'text':
		case 'drawing':
		case 'placement':
			return [];
		default:
			return assertNever(content);
	}
}
