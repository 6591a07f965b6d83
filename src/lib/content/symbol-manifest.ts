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

function fold(text: string): string {
	return text.toLocaleLowerCase('da').normalize('NFC').trim();
}

/** The words of a label or keyword ("vil gerne" → vil, gerne), so a query can match where a word begins. */
function wordsOf(text: string): string[] {
	return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Finds symbols by label or keyword in the chosen language. Only the start of a word matches, never its inside ("ur"
 * never finds "sur"); a query of one or two letters matches whole words only, since nearly every word starts with some
 * such pair ("ur" finds the clock, not "urolig"). Labels come first, then keywords.
 */
export function searchSymbols(entries: readonly SymbolEntry[], query: string, language: 'da' | 'en', limit = 48): SymbolEntry[] {
	const needle = fold(query);
	if (!needle) return [];
	const short = needle.length <= 2;
	const matches = (text: string) =>
		text === needle ||
		(!short && (text.startsWith(needle) || wordsOf(text).some((w) => w.startsWith(needle)))) ||
		(short && wordsOf(text).includes(needle));
	const ranked: Array<[number, SymbolEntry]> = [];
	for (const entry of entries) {
		const label = fold(entry.label[language]);
		const keywords = entry.keywords[language].map(fold);
		let rank = -1;
		if (label === needle) rank = 0;
		else if (matches(label)) rank = 1;
		else if (keywords.some(matches)) rank = 2;
		if (rank >= 0) ranked.push([rank, entry]);
	}
	return ranked
		.sort(([a, x], [b, y]) => a - b || x.label[language].localeCompare(y.label[language], language))
		.slice(0, limit)
		.map(([, entry]) => entry);
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
