import { DEFAULT_BOARDS, ROOT_TEMPLATE } from '#lib/content/default-boards.ts';
import { symbolById } from '#lib/content/symbols.ts';
import { ensureBoardSet, getBoardSet, getMediaOfCitizen } from '#lib/storage/boards.ts';
import { LiveQuery } from '#lib/storage/live.svelte.ts';
import { attempt } from '#lib/ui/notices.svelte.ts';
import { instantiateTemplates } from './defaults.ts';

/** A citizen's boards and media, kept live; the first visit gives the citizen the default boards. */
export function liveBoardSet(citizenId: () => string) {
	const boards = new LiveQuery(() => {
		const id = citizenId();
		return () => getBoardSet(id);
	});
	const media = new LiveQuery(() => {
		const id = citizenId();
		return () => getMediaOfCitizen(id);
	});
	$effect(() => {
		const id = citizenId();
		if (id) {
			void attempt(() =>
				ensureBoardSet(id, () => instantiateTemplates(DEFAULT_BOARDS, ROOT_TEMPLATE, (symbol) => symbolById(symbol)?.label.da))
			);
		}
	});
	return { boards, media };
}
