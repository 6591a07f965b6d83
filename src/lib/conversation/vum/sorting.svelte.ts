import { NO_ANSWER_STATES, scaleAnswer, type Scale } from '#lib/content/scales.ts';
import type { VumSubtheme, VumTheme } from '#lib/content/vum.ts';
import { byProvenance, type Answer, type AnswerContent, type Provenance } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import {
	IMPORTANT_TO_ME,
	placeKey,
	planMarkToggle,
	planPlacement,
	type MatColumn,
	type MatColumnWithCards,
	type PlaceContent
} from '#lib/domain/sorting.ts';
import type { Language } from '#lib/i18n/index.svelte.ts';
import { correctStoredAnswer, recordAnswer, restoreStoredAnswer, withdrawStoredAnswer } from '#lib/storage/answers.ts';

/** A column of the mat with what placing a card there stores, and how it looks. */
export interface SortingColumn extends MatColumn {
	content: PlaceContent;
	symbolId?: string;
	colour?: string;
	noAnswer: boolean;
}

/** The scale's points, then "vil ikke svare" and "ikke talt om". */
export function sortingColumns(scale: Scale, language: Language): SortingColumn[] {
	const points = scale.points.map((point) => {
		const content = scaleAnswer(scale, point, language);
		return { key: placeKey(content), label: content.label, content, symbolId: point.symbolId, colour: point.colour, noAnswer: false };
	});
	const states = NO_ANSWER_STATES.map((state) => {
		const content: PlaceContent = { kind: 'no-answer', reason: state.id };
		return { key: placeKey(content), label: state.label[language], content, symbolId: state.symbolId, noAnswer: true };
	});
	return [...points, ...states];
}

/** A column of the mat as shown: today's columns take cards; a column kept from another scale only shows them. */
export type MatColumnView = MatColumnWithCards & { column?: SortingColumn };

export type SaveState = 'idle' | 'saving' | 'saved';

/**
 * Sorting one theme's cards in a meeting. The card in hand is the one offered next, or a placed card
 * picked up to move it; every placement, move and mark goes straight to the meeting's answers.
 */
export class ThemeSorting {
	/** A placed card picked up (tap) to be moved; undefined means the offered card is in hand. */
	picked = $state<string | undefined>();
	/** The offered card was tapped: the next tap on a column places it. */
	offeredPicked = $state(false);
	/** The card being dragged, how far it moved, and the column under it. */
	drag = $state<{ subthemeId: string; dx: number; dy: number; over?: string } | undefined>();
	saveState = $state<SaveState>('idle');
	/** What was saved last, in words ("Mine venner: Godt"). */
	saved = $state('');

	readonly #theme: () => VumTheme;
	readonly #meeting: () => Meeting | undefined;
	readonly #answers: () => readonly Answer[];

	constructor(theme: () => VumTheme, meeting: () => Meeting | undefined, answers: () => readonly Answer[]) {
		this.#theme = theme;
		this.#meeting = meeting;
		this.#answers = answers;
	}

	#subject(subtheme: VumSubtheme) {
		return { kind: 'vum-subtheme' as const, themeId: this.#theme().id, subthemeId: subtheme.id, ffbCode: subtheme.ffb.code };
	}

	async #saving(what: string, write: () => Promise<unknown>): Promise<void> {
		this.saveState = 'saving';
		try {
			await write();
			this.saved = what;
			this.saveState = 'saved';
		} catch (error) {
			this.saveState = 'idle';
			throw error;
		}
	}

	/** Lays a card under a column: the first time an answer, after that a correction of the same answer. */
	async place(subtheme: VumSubtheme, column: SortingColumn, provenance: Provenance, said: string): Promise<void> {
		const meeting = this.#meeting();
		if (!meeting) return;
		const content = column.content;
		const step = planPlacement(this.#answers(), this.#theme().id, subtheme.id, content, provenance);
		this.picked = undefined;
		this.offeredPicked = false;
		await this.#saving(said, async () => {
			switch (step.kind) {
				case 'record':
					return recordAnswer(meeting, { subject: this.#subject(subtheme), content, provenance });
				case 'restore':
					return restoreStoredAnswer(step.answerId, byProvenance(provenance));
				case 'correct':
					return correctStoredAnswer(step.answerId, { content, provenance });
				case 'unchanged':
					return undefined;
			}
		});
	}

	/** "Vigtigt for mig" on or off for a card. */
	async toggleMark(subtheme: VumSubtheme, provenance: Provenance, said: string): Promise<void> {
		const meeting = this.#meeting();
		if (!meeting) return;
		const step = planMarkToggle(this.#answers(), this.#theme().id, subtheme.id, provenance);
		await this.#saving(said, async () => {
			if (step.kind === 'withdraw') return withdrawStoredAnswer(step.answerId, byProvenance(provenance));
			if (step.kind === 'restore') return restoreStoredAnswer(step.answerId, byProvenance(provenance));
			return recordAnswer(meeting, { subject: this.#subject(subtheme), content: IMPORTANT_TO_ME, provenance });
		});
	}

	/** A wish for the whole theme: a text, symbols or a photo. */
	async addWish(content: AnswerContent, provenance: Provenance, said: string): Promise<void> {
		const meeting = this.#meeting();
		const theme = this.#theme();
		if (!meeting) return;
		await this.#saving(said, () =>
			recordAnswer(meeting, { subject: { kind: 'vum-theme', themeId: theme.id, ffbCode: theme.ffb.code }, content, provenance })
		);
	}
}
