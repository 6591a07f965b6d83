import { contactGroupById, networkSheet } from '#lib/content/conversation.ts';
import { symbolUrl } from '#lib/content/symbols.ts';
import { themeIllustrationUrl, VUM_THEMES } from '#lib/content/vum.ts';
import type { Answer, AnswerSubject } from '#lib/domain/answer.ts';
import { locale } from '#lib/i18n/index.svelte.ts';
import type { Picture } from './PictureChoices.svelte';
import { answersAbout, chosenLabel } from './step-answers.ts';

/*
 * Forberedelse: what the citizen wants to talk about, what goes well, what is hard, who should be
 * there, where and when — each a set of pictures, each choice an answer about the meeting part
 * 'preparation' with the question's id. What the citizen wants to talk about is the proposed agenda.
 */

export const PREPARATION_ITEMS = ['tale-om', 'gaar-godt', 'svaert', 'hvem', 'hvor', 'hvornaar'] as const;
export type PreparationItem = (typeof PREPARATION_ITEMS)[number];

export function preparationSubject(itemId: PreparationItem): AnswerSubject {
	return { kind: 'meeting-part', part: 'preparation', itemId };
}

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

/** The proposed agenda: what the citizen chose to talk about, in the order chosen. */
export function proposedTopics(answers: readonly Answer[]): string[] {
	return answersAbout(answers, preparationSubject('tale-om'))
		.reverse()
		.flatMap((answer) => chosenLabel(answer) ?? []);
}
