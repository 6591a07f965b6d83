import { DEFAULT_BOARDS, ROOT_TEMPLATE } from '#lib/content/default-boards.ts';
import { symbolById } from '#lib/content/symbol-set.ts';
import { ensureBoardSet, getBoardSet, getMediaOfCitizen } from '#lib/storage/boards.ts';
import { getCitizen } from '#lib/storage/citizens.ts';
import { LiveQuery } from '#lib/storage/live.svelte.ts';
import { attempt } from '#lib/ui/notices.svelte.ts';
import { instantiateTemplates } from './defaults.ts';

/**
 * A citizen with their boards and media, kept live; the first visit gives the citizen the default boards.
 * Must be created while a component initialises.
 */
export class LiveBoardSet {
	readonly citizen;
	readonly boards;
	readonly media;

	constructor(citizenId: () => string) {
		this.citizen = new LiveQuery(() => {
			const id = citizenId();
			return () => getCitizen(id);
		});
		this.boards = new LiveQuery(() => {
			const id = citizenId();
			return () => getBoardSet(id);
		});
		this.media = new LiveQuery(() => {
			const id = citizenId();
			return () => getMediaOfCitizen(id);
		});
		// Only a citizen on the tablet gets boards; an old link to a deleted one must not try.
		const existing = $derived(this.citizen.current?.id);
		$effect(() => {
			const id = existing;
			if (id) {
				void attempt(() =>
					ensureBoardSet(id, () => instantiateTemplates(DEFAULT_BOARDS, ROOT_TEMPLATE, (symbol) => symbolById(symbol)?.label.da))
				);
			}
		});
	}

	/**
	 * What a board page can show. Without this a failed read or an unknown citizen would leave the
	 * page saying "Henter …" for ever, since the boards never arrive.
	 */
	get status(): 'loading' | 'failed' | 'noCitizen' | 'ready' {
		if (this.citizen.failed || this.boards.failed || this.media.failed) return 'failed';
		if (this.citizen.loaded && !this.citizen.current) return 'noCitizen';
		return this.boards.current ? 'ready' : 'loading';
	}
}
