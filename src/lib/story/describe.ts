import { assertNever } from '#lib/domain/answer-content.ts';
import type { StoryContent, StoryProvenance } from '#lib/domain/story.ts';
import { t } from '#lib/i18n/index.svelte.ts';

/** What an item shows, in words: its accessible name on the canvas and its line in the list view. */
export function describeStoryContent(content: StoryContent): string {
	switch (content.kind) {
		case 'symbol':
			return t('story.item.symbol', { label: content.label });
		case 'text':
			return t('story.item.text', { text: content.text });
		case 'photo':
			return t('story.item.photo');
		case 'recording':
			return t('story.item.recording');
		case 'drawing':
			return t('story.item.drawing');
		default:
			return assertNever(content);
	}
}

/** Who put the item there and how, in full: "Formidlet af (Lise, Pårørende)". */
export function describeStoryProvenance(provenance: StoryProvenance): string {
	const mode = t(`provenance.${provenance.mode}`);
	if (!provenance.name) return mode;
	const role = provenance.role ? `, ${t(`role.${provenance.role}`)}` : '';
	return t('provenance.by', { mode, name: `${provenance.name}${role}` });
}

/** The small mark on an item: one letter per way, spelled out in its title and in the list view. */
export function provenanceMark(provenance: StoryProvenance): string {
	return t(`story.mark.${provenance.mode}`);
}
