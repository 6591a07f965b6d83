/**
 * How a symbol search compares what someone typed with a symbol's words. People type as they speak and spell: "hunde"
 * for the dog, "aeble" on a keyboard without æ, "hnud" in a hurry. So both sides are spelled alike (lower case, accents
 * folded, æ ø å written ae oe aa), a word matches another with a common ending more or less, and a word of four letters
 * or more may be one slip away. A small rule of our own, not a dictionary: it errs on finding a few too many, which the
 * ranking puts last, rather than finding nothing.
 */

/** How well a query word matches a symbol word; lower is better, and the search ranks by it. */
export const MATCH = { exact: 0, prefix: 1, inflected: 2, typo: 3 } as const;
export type WordMatch = (typeof MATCH)[keyof typeof MATCH];

/**
 * Endings a Danish word takes or drops: plural and definite (hund-e, hund-en, hund-ene, æble-r, æble-t, æble-rne,
 * hund-erne), verbs (spise-r, spis-te, spis-ende, bad-ede, hør-te, lev-ede), genitive -s. Longest first is not
 * needed: every ending that fits is tried.
 */
const DANISH_ENDINGS = ['e', 'en', 'et', 'er', 'ene', 'erne', 'rne', 'r', 's', 'n', 't', 'ede', 'te', 'de', 'ende'];
/** English second: plural (dog-s, bus-es) and the verb's -ing and -ed (eat-ing, walk-ed). */
const ENGLISH_ENDINGS = ['s', 'es', 'ing', 'ed'];

/** Letters that are never doubled before an ending; any other doubled last letter may be ("katt-en" → kat). */
const VOWELS = new Set('aeiouyæøå');
/** The shortest part left once an ending is taken off: "se-r" still finds "se", a lone letter never counts. */
const MIN_BASE = 2;
/** The shortest part two words may share while neither is the other plus an ending: "spis" in spiste and spise. */
const MIN_SHARED = 3;
/**
 * A query word this long may be one slip off; shorter words have too many neighbours ("hus" is not "mus"). Counted as
 * spelled, so "øje" and "oeje" are alike.
 */
const MIN_TYPO = 4;

/** Folds a text's letters, keeping æ ø å (the endings are taken off before they become two letters each). */
function foldLetters(text: string): string {
	return (
		text
			.toLocaleLowerCase('da')
			.normalize('NFC')
			// Swedish and German keyboards have ä and ö where Danish has æ and ø.
			.replace(/ä/g, 'æ')
			.replace(/ö/g, 'ø')
			// é → e, ü → u: accents fold away, but not the ring of å, which NFD would split into a and a mark.
			.replace(/[^\p{ASCII}æøå]/gu, (letter) => letter.normalize('NFD').replace(/\p{M}/gu, ''))
	);
}

/** Writes æ ø å as keyboards without them do, so "æble" and "aeble", "gå" and "gaa" are the same word. */
function spell(folded: string): string {
	return folded.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
}

/** One word ready to be compared: spelled, and the bases it has without one of its language's endings. */
export interface SearchWord {
	spelled: string;
	bases: ReadonlySet<string>;
}

/** The bases of a folded word: each ending that fits taken off, and a doubled last letter made single ("katt" → kat). */
function basesOf(folded: string, endings: readonly string[]): Set<string> {
	const bases = new Set<string>();
	for (const ending of endings) {
		if (!folded.endsWith(ending) || folded.length - ending.length < MIN_BASE) continue;
		const base = folded.slice(0, -ending.length);
		bases.add(spell(base));
		const last = base.at(-1) ?? '';
		if (base.length > MIN_BASE && base.at(-2) === last && !VOWELS.has(last)) bases.add(spell(base.slice(0, -1)));
	}
	return bases;
}

/** The words of a text ("vil gerne" → vil, gerne), each ready to be compared, in the language's endings. */
export function searchWordsOf(text: string, language: 'da' | 'en'): SearchWord[] {
	const endings = language === 'da' ? DANISH_ENDINGS : ENGLISH_ENDINGS;
	return foldLetters(text)
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.map((folded) => ({ spelled: spell(folded), bases: basesOf(folded, endings) }));
}

/** Whether one is the other plus an ending ("hunde", "hund"), or both are one base with different endings ("spiste", "spise"). */
function inflected(a: SearchWord, b: SearchWord): boolean {
	if (a.bases.has(b.spelled) || b.bases.has(a.spelled)) return true;
	for (const base of a.bases) if (base.length >= MIN_SHARED && b.bases.has(base)) return true;
	return false;
}

/**
 * Whether two words are at most one edit apart (Damerau-Levenshtein, adjacent swaps counted once): a letter added,
 * left out, changed, or two side by side swapped. Linear, as it runs for every symbol word on every keystroke.
 */
export function oneEditApart(a: string, b: string): boolean {
	if (Math.abs(a.length - b.length) > 1) return false;
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	if (a.length === b.length) {
		return (
			i === a.length || a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
		);
	}
	return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * How a query word matches a symbol word, if at all. In a query of one or two letters only whole words count, as nearly
 * every word starts with some such pair or is one ending from it ("ur" is the clock, not "urolig"); past that a word's
 * start counts too, then an ending more or less, and from four letters one slip.
 */
export function matchWord(query: SearchWord, word: SearchWord, wholeWordsOnly: boolean): WordMatch | undefined {
	if (word.spelled === query.spelled) return MATCH.exact;
	if (wholeWordsOnly) return undefined;
	if (word.spelled.startsWith(query.spelled)) return MATCH.prefix;
	if (inflected(query, word)) return MATCH.inflected;
	if (query.spelled.length >= MIN_TYPO && oneEditApart(query.spelled, word.spelled)) return MATCH.typo;
	return undefined;
}
