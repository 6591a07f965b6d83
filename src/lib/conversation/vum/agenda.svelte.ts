import { SvelteMap } from 'svelte/reactivity';
import { CORE_SCALE_ID, DEFAULT_SORTING_SCALE_ID, SCALES, scaleById, YES_NO_SCALE_ID, type Scale } from '#lib/content/scales.ts';
import { vumTheme, type VumTheme } from '#lib/content/vum.ts';
import type { Answer } from '#lib/domain/answer.ts';
import { themesTalkedAbout } from '#lib/domain/sorting.ts';
import { forgetWithMeetings, MEETING_KEY_PREFIX } from '#lib/storage/forgotten-meetings.ts';

/** What the adviser chose for today: which themes, in which order, and the scale the cards are sorted on. */
interface Chosen {
	readonly themeIds: readonly string[];
	readonly scaleId: string;
}

const NOTHING_CHOSEN: Chosen = { themeIds: [], scaleId: DEFAULT_SORTING_SCALE_ID };
const STORAGE_PREFIX = MEETING_KEY_PREFIX.themes;
// Module state, like the provenance choice: moving between the theme pages and a soft lock keep it.
const chosenByMeeting = new SvelteMap<string, Chosen>();
forgetWithMeetings(chosenByMeeting, STORAGE_PREFIX);

/**
 * The scales a card can be sorted on: every scale but the answer board's and its yes/no. A card asks how something is
 * for the citizen, which a yes or a no does not answer.
 */
export const SORTING_SCALES: readonly Scale[] = SCALES.filter((scale) => scale.id !== CORE_SCALE_ID && scale.id !== YES_NO_SCALE_ID);

/** Only known theme ids, each once, and a known sorting scale: anything else in the tab did not come from us. */
function clean(value: unknown): Chosen {
	if (typeof value !== 'object' || value === null) return NOTHING_CHOSEN;
	const { themeIds, scaleId } = value as Record<string, unknown>;
	const ids = Array.isArray(themeIds) ? themeIds.filter((id): id is string => typeof id === 'string' && vumTheme(id) !== undefined) : [];
	const scale = typeof scaleId === 'string' && SORTING_SCALES.some((s) => s.id === scaleId) ? scaleId : DEFAULT_SORTING_SCALE_ID;
	return { themeIds: [...new Set(ids)], scaleId: scale };
}

/** What this tab chose for the meeting before a reload, if it chose. */
function restore(meetingId: string): Chosen | undefined {
	if (!meetingId || typeof sessionStorage === 'undefined') return undefined;
	try {
		const kept = sessionStorage.getItem(STORAGE_PREFIX + meetingId);
		return kept === null ? undefined : clean(JSON.parse(kept));
	} catch {
		return undefined;
	}
}

/**
 * Today's themes of a meeting in this tab. A reload finds them in sessionStorage: theme ids and a scale
 * id only, never a name or an answer. A tab that never chose them (another tab, a restarted browser) starts from
 * what the meeting's answers are about, so the cards already laid lie on their own scale and the overview lists them.
 */
export class TodaysThemes {
	readonly #meetingId: () => string;
	readonly #answers: () => readonly Answer[];

	constructor(meetingId: () => string, answers: () => readonly Answer[]) {
		this.#meetingId = meetingId;
		this.#answers = answers;
	}

	get #chosen(): Chosen {
		const id = this.#meetingId();
		return chosenByMeeting.get(id) ?? restore(id) ?? clean(themesTalkedAbout(this.#answers()));
	}

	#set(chosen: Chosen): void {
		const id = this.#meetingId();
		if (!id) return;
		chosenByMeeting.set(id, chosen);
		try {
			sessionStorage.setItem(STORAGE_PREFIX + id, JSON.stringify(chosen));
		} catch (error) {
			// Without it only a reload forgets today's themes; the tab still keeps them.
			console.warn('Billedtale: the themes of today could not be kept for a reload', error);
		}
	}

	get themes(): VumTheme[] {
		return this.#chosen.themeIds.map((id) => vumTheme(id)!);
	}

	get scale(): Scale {
		return scaleById(this.#chosen.scaleId)!;
	}

	set scaleId(scaleId: string) {
		this.#set(clean({ ...this.#chosen, scaleId }));
	}

	has(themeId: string): boolean {
		return this.#chosen.themeIds.includes(themeId);
	}

	/** Taken in at the end of today's list, or left out. */
	toggle(themeId: string): void {
		const ids = this.#chosen.themeIds;
		this.#set(clean({ ...this.#chosen, themeIds: ids.includes(themeId) ? ids.filter((id) => id !== themeId) : [...ids, themeId] }));
	}

	/** One step earlier (-1) or later (+1) in today's order. */
	move(themeId: string, step: -1 | 1): void {
		const ids = [...this.#chosen.themeIds];
		const from = ids.indexOf(themeId);
		const to = from + step;
		if (from < 0 || to < 0 || to >= ids.length) return;
		[ids[from], ids[to]] = [ids[to]!, ids[from]!];
		this.#set({ ...this.#chosen, themeIds: ids });
	}

	/** The theme after (or before) one of today's themes, for "næste tema". */
	neighbour(themeId: string, step: -1 | 1): VumTheme | undefined {
		const ids = this.#chosen.themeIds;
		const at = ids.indexOf(themeId);
		return at < 0 ? undefined : vumTheme(ids[at + step] ?? '');
	}
}
