import type { Provenance } from '#lib/domain/answer.ts';
import { findParticipant, type Meeting } from '#lib/domain/meeting.ts';
// The stored shape only: the story's placing and history rules stay out of the first load of every page that names who answered.
import { otherChanger, type StoryItem, type StoryProvenance } from '#lib/domain/story-shape.ts';
import { locale } from '#lib/i18n/index.svelte.ts';
import { translate, type Language } from '#lib/i18n/translate.ts';

/** "Formidlet af (Mor Anne)": how an answer's provenance reads in lists, history and status lines. */
export function describeProvenance(provenance: Provenance, meeting: Meeting, language: Language = locale.language): string {
	const mode = translate(language, `provenance.${provenance.mode}`);
	const participant = findParticipant(meeting, provenance.participantId);
	if (!participant) return mode;
	return translate(language, 'provenance.by', { mode, name: `${participant.name}, ${translate(language, `role.${participant.role}`)}` });
}

/** A story item's provenance in full, from the name and role kept on the item: "Formidlet af (Lise, Pårørende)". */
export function describeStoryProvenance(provenance: StoryProvenance, language: Language = locale.language): string {
	const mode = translate(language, `provenance.${provenance.mode}`);
	if (!provenance.name) return mode;
	const role = provenance.role ? `, ${translate(language, `role.${provenance.role}`)}` : '';
	return translate(language, 'provenance.by', { mode, name: `${provenance.name}${role}` });
}

/**
 * The line naming who put a story item there (`placed`, as the view words it), followed by who made its latest change
 * when that was someone else or another way: "Borgeren selv · sidst ændret: Formidlet af (Ole, Pårørende)".
 */
export function withLatestChanger(
	placed: string,
	item: Pick<StoryItem, 'provenance' | 'changedBy'>,
	language: Language = locale.language
): string {
	const changer = otherChanger(item);
	if (!changer) return placed;
	return translate(language, 'story.changedBy', { placed, by: describeStoryProvenance(changer, language) });
}
