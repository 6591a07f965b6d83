import { sameProvenance, type Answer, type AnswerContent, type Provenance } from './answer';
import { givesAgain } from './answer-steps';

/*
 * Talking-Mats-style sorting of a VUM theme's sub-theme cards, as pure rules over the meeting's answers.
 * A card's place IS its answer: placing records one, moving corrects that same answer (history kept),
 * so the mat is always derived from what is stored and never kept beside it. An undone card laid again is
 * a new answer, unless it is the undone answer given again as it was (givesAgain in answer-steps).
 */

/** Where a card can lie: a point of a scale, or one of the two "no answer" states. */
export type PlaceContent = Extract<AnswerContent, { kind: 'scale' } | { kind: 'no-answer' }>;

/** A column of the mat: a scale point or a no-answer state, with the words shown for it. */
export interface MatColumn {
	key: string;
	label: string;
}

export interface MatColumnWithCards extends MatColumn {
	/** Sub-theme ids, in the order they were placed there. */
	subthemeIds: string[];
}

export type ThemeStatus = 'not-yet' | 'talked' | 'skipped';

export interface ThemeProgress {
	status: ThemeStatus;
	placed: number;
	total: number;
}

/** What storing a placement takes. */
export type PlacementStep =
	| { kind: 'record' }
	| { kind: 'correct'; answerId: string }
	/** The undone placement, laid again where it lay by the same person: it comes back, its history whole. */
	| { kind: 'restore'; answerId: string }
	| { kind: 'unchanged' };

/** The mark a card gets with "Vigtigt for mig". */
export const IMPORTANT_TO_ME = { kind: 'mark', mark: 'vigtigt' } as const satisfies AnswerContent;

export type MarkStep = { kind: 'record' } | { kind: 'withdraw'; answerId: string } | { kind: 'restore'; answerId: string };

export function isPlaceContent(content: AnswerContent): content is PlaceContent {
	return content.kind === 'scale' || content.kind === 'no-answer';
}

/** The column a placement belongs in. */
export function placeKey(content: PlaceContent): string {
	return content.kind === 'scale' ? `scale:${content.scaleId}:${content.pointId}` : `no-answer:${content.reason}`;
}

function aboutSubtheme(answer: Answer, themeId: string): string | undefined {
	const { subject } = answer;
	return subject.kind === 'vum-subtheme' && subject.themeId === themeId ? subject.subthemeId : undefined;
}

/** Newest change first, so a card placed twice (two tabs at once) lies where it was put last. */
function newestFirst(a: Answer, b: Answer): number {
	return b.updatedAt - a.updatedAt || b.createdAt - a.createdAt;
}

/** Every answer of one kind per sub-theme of the theme, the newest kept; `active` drops undone ones. */
function perSubtheme(answers: readonly Answer[], themeId: string, wanted: (a: Answer) => boolean): Map<string, Answer> {
	const found = new Map<string, Answer>();
	for (const answer of [...answers].sort(newestFirst)) {
		const subthemeId = aboutSubtheme(answer, themeId);
		if (subthemeId !== undefined && wanted(answer) && !found.has(subthemeId)) found.set(subthemeId, answer);
	}
	return found;
}

/** The active placement answer of every placed card of the theme. */
export function placementsOf(answers: readonly Answer[], themeId: string): Map<string, Answer & { content: PlaceContent }> {
	return perSubtheme(answers, themeId, (a) => a.status === 'active' && isPlaceContent(a.content)) as Map<
		string,
		Answer & { content: PlaceContent }
	>;
}

/** The active "vigtigt for mig" marks of the theme's cards. */
export function marksOf(answers: readonly Answer[], themeId: string): Map<string, Answer> {
	return perSubtheme(answers, themeId, (a) => a.status === 'active' && a.content.kind === 'mark');
}

/** The wishes for a theme, oldest first (the order they were told). */
export function wishesOf(answers: readonly Answer[], themeId: string): Answer[] {
	return answers
		.filter((a) => a.status === 'active' && a.subject.kind === 'vum-theme' && a.subject.themeId === themeId)
		.sort((a, b) => a.createdAt - b.createdAt);
}

/** The card to offer next: the first of the theme's cards not placed yet, or none when all lie on the mat. */
export function nextCard(subthemeIds: readonly string[], placed: ReadonlyMap<string, unknown>): string | undefined {
	return subthemeIds.find((id) => !placed.has(id));
}

function samePlace(a: PlaceContent, b: PlaceContent): boolean {
	return placeKey(a) === placeKey(b);
}

/**
 * How to store that a card now lies at `content`, laid there as `provenance` says: a first placement, a move, or nothing
 * to do. A card undone (off the mat) and laid again is a new placement, unless it is the undone one given again.
 */
export function planPlacement(
	answers: readonly Answer[],
	themeId: string,
	subthemeId: string,
	content: PlaceContent,
	provenance: Provenance
): PlacementStep {
	const active = placementsOf(answers, themeId).get(subthemeId);
	// Laid again where it lies by someone else, or another way, it names who laid it now (as singleAnswerStep does).
	if (active) {
		const same = samePlace(active.content, content) && sameProvenance(active.provenance, provenance);
		return same ? { kind: 'unchanged' } : { kind: 'correct', answerId: active.id };
	}
	const undone = perSubtheme(answers, themeId, (a) => a.status === 'withdrawn' && isPlaceContent(a.content)).get(subthemeId);
	return undone && givesAgain(undone, content, provenance) ? { kind: 'restore', answerId: undone.id } : { kind: 'record' };
}

/**
 * "Vigtigt for mig" on and off, pressed as `provenance` says: off withdraws the mark that stands; on again restores the
 * mark taken back last if the same person gives it the same way, and records a new one in the name of who gives it now
 * otherwise.
 */
export function planMarkToggle(answers: readonly Answer[], themeId: string, subthemeId: string, provenance: Provenance): MarkStep {
	const standing = marksOf(answers, themeId).get(subthemeId);
	if (standing) return { kind: 'withdraw', answerId: standing.id };
	const undone = perSubtheme(answers, themeId, (a) => a.content.kind === 'mark').get(subthemeId);
	return undone && givesAgain(undone, IMPORTANT_TO_ME, provenance) ? { kind: 'restore', answerId: undone.id } : { kind: 'record' };
}

/**
 * The mat: the given columns with the cards placed in each, in the order they were placed. A card placed
 * on another scale than today's keeps its own column, named by `describe` in the screen's language: the label
 * stored with the card is the one of the screen it was placed on ("Ikke godt" on an English mat otherwise).
 */
export function matColumns(
	columns: readonly MatColumn[],
	placements: ReadonlyMap<string, Answer & { content: PlaceContent }>,
	describe: (content: PlaceContent) => string
) {
	const result: MatColumnWithCards[] = columns.map((column) => ({ ...column, subthemeIds: [] }));
	const byPlacedAt = [...placements].sort(([, a], [, b]) => a.updatedAt - b.updatedAt || a.createdAt - b.createdAt);
	for (const [subthemeId, answer] of byPlacedAt) {
		const key = placeKey(answer.content);
		let column = result.find((c) => c.key === key);
		if (!column) {
			column = { key, label: describe(answer.content), subthemeIds: [] };
			result.push(column);
		}
		column.subthemeIds.push(subthemeId);
	}
	return result;
}

/**
 * Where a theme stands: not yet (nothing placed, no wish), skipped (every card placed so far lies under
 * "ikke talt om" and nothing else was said), or talked about.
 */
export function themeProgress(subthemeIds: readonly string[], answers: readonly Answer[], themeId: string): ThemeProgress {
	const placements = placementsOf(answers, themeId);
	const placed = subthemeIds.filter((id) => placements.has(id));
	const said =
		wishesOf(answers, themeId).length > 0 ||
		marksOf(answers, themeId).size > 0 ||
		placed.some((id) => {
			const content = placements.get(id)!.content;
			return content.kind !== 'no-answer' || content.reason !== 'ikke-talt-om';
		});
	const status: ThemeStatus = said ? 'talked' : placed.length > 0 ? 'skipped' : 'not-yet';
	return { status, placed: placed.length, total: subthemeIds.length };
}

/**
 * The themes the meeting's answers are about (a card laid or marked, a wish), in the order they were first talked about,
 * and the scale of the card laid last: what a tab that was not there when they were chosen (another tab, a restarted
 * browser) takes for today's themes.
 */
export function themesTalkedAbout(answers: readonly Answer[]): { themeIds: string[]; scaleId: string | undefined } {
	const themeIds = new Set<string>();
	for (const { subject } of [...answers].sort((a, b) => a.createdAt - b.createdAt)) {
		if (subject.kind === 'vum-theme' || subject.kind === 'vum-subtheme') themeIds.add(subject.themeId);
	}
	const lastLaid = answers
		.filter((a) => a.status === 'active' && a.subject.kind === 'vum-subtheme' && a.content.kind === 'scale')
		.sort(newestFirst)[0];
	return { themeIds: [...themeIds], scaleId: lastLaid?.content.kind === 'scale' ? lastLaid.content.scaleId : undefined };
}
