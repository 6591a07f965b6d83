import { MATCH, matchWord, searchWordsOf, type SearchWord, type WordMatch } from './search-words.ts';

/** One entry of symbols/manifest.json. */
export interface SymbolEntry {
	id: string;
	file: string;
	label: { da: string; en: string };
	keywords: { da: string[]; en: string[] };
	category: SymbolCategory;
	author: string;
	licence: string;
}

export const SYMBOL_CATEGORIES = [
	'kerne',
	'foelelser',
	'krop',
	'mennesker',
	'steder',
	'hverdag',
	'mad',
	'tid',
	'oensker',
	'temaer'
] as const;
export type SymbolCategory = (typeof SYMBOL_CATEGORIES)[number];

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function isText(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

function isWords(value: unknown): value is string[] {
	return Array.isArray(value) && value.length > 0 && value.every(isText);
}

/** Checks the manifest's shape and returns the problems found, one line each (empty when valid). */
export function manifestProblems(data: unknown): string[] {
	if (!Array.isArray(data)) return ['the manifest is not a list'];
	const problems: string[] = [];
	const seen = new Set<string>();
	data.forEach((entry: Partial<SymbolEntry> | null, index) => {
		const where = `entry ${index} (${entry?.id ?? '?'})`;
		if (!entry || typeof entry !== 'object') return problems.push(`${where}: not an object`);
		if (!isText(entry.id) || !ID.test(entry.id)) problems.push(`${where}: bad id`);
		else if (seen.has(entry.id)) problems.push(`${where}: duplicate id`);
		else seen.add(entry.id);
		if (entry.file !== `svg/${entry.id}.svg`) problems.push(`${where}: file must be svg/<id>.svg`);
		if (!isText(entry.label?.da) || !isText(entry.label?.en)) problems.push(`${where}: missing label`);
		if (!isWords(entry.keywords?.da) || !isWords(entry.keywords?.en)) problems.push(`${where}: missing keywords`);
		if (!SYMBOL_CATEGORIES.includes(entry.category as SymbolCategory)) problems.push(`${where}: unknown category`);
		if (!isText(entry.author) || !isText(entry.licence)) problems.push(`${where}: missing author or licence`);
	});
	return problems;
}

/** A symbol's words in one language, spelled for the search once per symbol set rather than on every keystroke. */
interface Searchable {
	entry: SymbolEntry;
	/** The label's words spelled, joined by one space, to tell the label that is the query itself. */
	label: string;
	labelWords: SearchWord[];
	keywordWords: SearchWord[];
}

const joined = (words: readonly SearchWord[]) => words.map((word) => word.spelled).join(' ');

const searchables = new WeakMap<readonly SymbolEntry[], { da?: Searchable[]; en?: Searchable[] }>();

function searchablesOf(entries: readonly SymbolEntry[], language: 'da' | 'en'): Searchable[] {
	const cached = searchables.get(entries) ?? {};
	searchables.set(entries, cached);
	cached[language] ??= entries.map((entry) => {
		const labelWords = searchWordsOf(entry.label[language], language);
		const keywordWords = entry.keywords[language].flatMap((keyword) => searchWordsOf(keyword, language));
		return { entry, label: joined(labelWords), labelWords, keywordWords };
	});
	return cached[language];
}

/** The best match of a query word among some words, or undefined when none matches. */
function bestMatch(query: SearchWord, words: readonly SearchWord[], wholeWordsOnly: boolean): WordMatch | undefined {
	let best: WordMatch | undefined;
	for (const word of words) {
		const match = matchWord(query, word, wholeWordsOnly);
		if (match !== undefined && (best === undefined || match < best)) best = match;
		if (best === MATCH.exact) break;
	}
	return best;
}

/**
 * Finds symbols by label or keyword in the chosen language, spelled and matched as search-words.ts says: every word of
 * the query must match a word of the symbol. A symbol ranks by its query word that matched worst: exact words first,
 * then a word's start, then an ending more or less, then a slip, so "mund" shows the mouth before "hund". Within a
 * rank, as before: the label that is the query, then labels, then keywords, each by label. A query of one or two
 * letters (as spelled: "gå" is "gaa", three) matches whole words only, since nearly every word starts with some such
 * pair ("ur" finds the clock, not "urolig").
 */
export function searchSymbols(entries: readonly SymbolEntry[], query: string, language: 'da' | 'en', limit = 48): SymbolEntry[] {
	const queryWords = searchWordsOf(query, language);
	const needle = joined(queryWords);
	if (!needle) return [];
	const wholeWordsOnly = needle.length <= 2;
	const ranked: Array<[number, number, SymbolEntry]> = [];
	for (const symbol of searchablesOf(entries, language)) {
		let rank: number = MATCH.exact;
		let inLabel = true;
		for (const word of queryWords) {
			const label = bestMatch(word, symbol.labelWords, wholeWordsOnly);
			const keyword = label === MATCH.exact ? undefined : bestMatch(word, symbol.keywordWords, wholeWordsOnly);
			const best = Math.min(label ?? Infinity, keyword ?? Infinity);
			if (best === Infinity) {
				rank = -1;
				break;
			}
			rank = Math.max(rank, best);
			// The label counts when it matches this word as well as anything does.
			inLabel &&= label === best;
		}
		if (rank < 0) continue;
		const place = symbol.label === needle ? 0 : inLabel ? 1 : 2;
		ranked.push([rank, place, symbol.entry]);
	}
	return ranked
		.sort(([a, p, x], [b, q, y]) => a - b || p - q || x.label[language].localeCompare(y.label[language], language))
		.slice(0, limit)
		.map(([, , entry]) => entry);
}

/**
 * The symbols a picker shows before anything is typed: a citizen answering by touch, switch or dwell cannot type, and
 * an empty search showed nothing until an adviser did. The question's own symbols (its content's `startSymbols`, in that
 * order; an id the set lacks is left out), else the feelings, which answer most open questions somehow.
 */
export function startingSymbols(entries: readonly SymbolEntry[], ids: readonly string[] = []): SymbolEntry[] {
	if (ids.length === 0) return entries.filter((entry) => entry.category === 'foelelser');
	const byId = new Map(entries.map((entry) => [entry.id, entry]));
	return ids.flatMap((id) => byId.get(id) ?? []);
}
