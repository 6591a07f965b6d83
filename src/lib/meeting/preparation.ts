import { contactGroupById, networkSheet } from '#lib/content/conversation.ts';
import { symbolUrl } from '#lib/content/symbols.ts';
import { themeIllustrationUrl, VUM_THEMES } from '#lib/content/vum.ts';
import { locale } from '#lib/i18n/index.svelte.ts';
import type { Picture } from './PictureChoices.svelte';
import type { PreparationItem } from './topics.ts';

export { PREPARATION_ITEMS, preparationSubject, type PreparationItem } from './topics.ts';

/* Forberedelse's pictures: the themes and the sheets' choices. Its questions and answers are in topics.ts. */

function themePictures(): Picture[] {
	return VUM_THEMES.map((theme) => ({ id: theme.id, label: theme.label[locale.language], imageUrl: themeIllustrationUrl(theme.id) }));
}

function choicePictures(options: readonly { id: string; label: { da: string; en: string }; symbolId: string }[]): Picture[] {
	return options.map((option) => ({
		id: option.id,
		label: option.label[locale.language],
		symbolId: option.symbolId,
		imageUrl: symbolUrl(option.symbolId)
	}));
}

export function preparationPictures(item: PreparationItem): Picture[] {
	switch (item) {
		case 'tale-om':
		case 'gaar-godt':
		case 'svaert':
			return themePictures();
		case 'hvem':
			return choicePictures(networkSheet().network.roles);
		case 'hvor':
			return choicePictures(contactGroupById('sted').options);
		case 'hvornaar':
			return choicePictures(contactGroupById('tidspunkt').options);
	}
}
