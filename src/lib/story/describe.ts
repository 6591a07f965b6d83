import type { StoryProvenance } from '#lib/domain/story.ts';
import { t } from '#lib/i18n/index.svelte.ts';

/** The small mark on an item: one letter per way, spelled out in its title and in the list view. */
export function provenanceMark(provenance: StoryProvenance): string {
	return t(`story.mark.${provenance.mode}`);
}
