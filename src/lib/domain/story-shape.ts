import * as v from 'valibot';
import { storedTime } from './stored-time.ts';
import {
	contentRef,
	drawingContentSchema,
	LABEL_SNAPSHOT_MAX,
	photoContentSchema,
	PROVENANCE_MODES,
	recordingContentSchema,
	recordRef,
	textContentSchema
} from './answer-content';
import { PARTICIPANT_NAME_MAX, PARTICIPANT_ROLES } from './meeting';

/*
 * The stored shape of a recovery story's items, apart from what is done with them (story.ts): what every start checks
 * stored records against (storage/registry.ts) needs only this, and the first screen loads no more of the story.
 */

export const STORY_HISTORY_MAX = 500;

const unit = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100_000));
const side = v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(100_000));
const time = storedTime;

export const symbolItemSchema = v.strictObject({
	kind: v.literal('symbol'),
	symbolId: contentRef,
	/** As the citizen saw it: the symbol set's wording may change later, the story must not. */
	label: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(LABEL_SNAPSHOT_MAX))
});

/** What an item shows: the answer content kinds that fit a story, plus a symbol. */
export const storyContentSchema = v.variant('kind', [
	symbolItemSchema,
	textContentSchema,
	photoContentSchema,
	recordingContentSchema,
	drawingContentSchema
]);
export type StoryContent = v.InferOutput<typeof storyContentSchema>;
export type StoryContentKind = StoryContent['kind'];

/**
 * Who put the item there and how. The person's name and role are kept as shown then: a story outlives
 * the meeting whose participant list named them.
 */
export const storyProvenanceSchema = v.pipe(
	v.strictObject({
		mode: v.picklist(PROVENANCE_MODES),
		participantId: v.optional(recordRef),
		name: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(PARTICIPANT_NAME_MAX))),
		role: v.optional(v.picklist(PARTICIPANT_ROLES))
	}),
	v.check((p) => p.mode !== 'selv' || (p.participantId === undefined && p.name === undefined), '"selv" names nobody'),
	v.check((p) => p.mode !== 'formidlet' || p.name !== undefined, 'a relayed item names who relayed it')
);
export type StoryProvenance = v.InferOutput<typeof storyProvenanceSchema>;

const placementEntries = { areaId: contentRef, x: unit, y: unit, w: side, h: side };

/**
 * An earlier state of an item: where it lay (or that it was removed) from `at` on, in which meeting, and who brought it
 * there and how. States stored before changes kept their provenance have none: who made them is not known.
 */
const stateSchema = v.strictObject({
	...placementEntries,
	at: time,
	meetingId: v.optional(recordRef),
	removedAt: v.optional(time),
	provenance: v.optional(storyProvenanceSchema)
});
export type StoryState = v.InferOutput<typeof stateSchema>;

/** The stored part of an item (keys id, citizenId, createdAt, updatedAt stay plain). */
export const storyItemPayloadSchema = v.strictObject({
	templateId: contentRef,
	...placementEntries,
	content: storyContentSchema,
	provenance: storyProvenanceSchema,
	/** The meeting the item was put on the story in. */
	meetingId: v.optional(recordRef),
	/** The meeting of the latest change; the latest change itself is `updatedAt`. */
	changedIn: v.optional(recordRef),
	/** Who made the latest change and how: another person may move or remove what the citizen put there. */
	changedBy: v.optional(storyProvenanceSchema),
	removedAt: v.optional(time),
	history: v.pipe(v.array(stateSchema), v.maxLength(STORY_HISTORY_MAX))
});
export type StoryItemPayload = v.InferOutput<typeof storyItemPayloadSchema>;

export interface StoryItem extends StoryItemPayload {
	id: string;
	citizenId: string;
	createdAt: number;
	updatedAt: number;
}

/** Media an item refers to; media clean-up keeps these. */
export function mediaIdsOfStoryContent(content: StoryContent): string[] {
	return content.kind === 'photo' || content.kind === 'recording' ? [content.mediaId] : [];
}

/**
 * Who made the item's latest change, when that was not its placer in the way it was placed: a relative who moves what the
 * citizen put there changes what the story says. Compared as shown (mode, name, role), so the same person in another
 * meeting is no one else. A change from before changes kept their maker names nobody.
 */
export function otherChanger(item: Pick<StoryItem, 'provenance' | 'changedBy'>): StoryProvenance | undefined {
	const { provenance: placer, changedBy: changer } = item;
	if (!changer) return undefined;
	return changer.mode === placer.mode && changer.name === placer.name && changer.role === placer.role ? undefined : changer;
}
