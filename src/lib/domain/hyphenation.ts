/*
 * Where a Danish word may break at the end of a line. A board cell's label shrinks until its longest word fits (label-
 * width.ts), down to 0.6rem; a word wider than its cell even then must break. The browser would hyphenate it by its own
 * Danish dictionary (hyphens: auto), but Chromium on Linux and many tablets have none, and the word was cut between any
 * two letters without a hyphen ("kontak/tperso/n"), which a citizen reading easy-read Danish could not follow. The
 * label shown is given soft hyphens at these syllable boundaries instead (hyphens: manual): the browser breaks there, with
 * a visible hyphen, only when the word does not fit whole. The label kept, spoken, searched and exported has none.
 *
 * The rules part a word by its syllables, as Danish spelling allows for a word that is not a compound: a single consonant
 * between vowels begins the next syllable ("ma-ve"); of two or more, the last does ("kval-me", "mad-lav-ning"), or the
 * last two or three where Danish syllables begin with them: s before k, p or t ("kæ-re-ste", "ho-spi-tal"), a stop or f
 * before l or r ("sy-ge-ple-jer-ske"), and h before j or v ("hjem-me-hjælp"). Two vowels side by side are not parted
 * ("fa-mi-lie"): they are often one sound. Neither end of a word is left with fewer than two letters. Compounds are not
 * looked up in a dictionary: the rules part most at their joint ("kon-takt-per-son", "selv-stæn-dig", "bed-ste-mor"),
 * not all: a genitive s before s, k, p or t ("arbejds-tid" as "arbejd-stid"), a first part ending in a stop before l or
 * r ("bog-reol" as "bo-greol"), and a second part beginning with a vowel ("konsulent-ordning" as "konsulen-tordning").
 */

export const SOFT_HYPHEN = '\u00ad';

const VOWELS = new Set('aeiouyæøå');
/** The two or three consonants a Danish syllable may begin with. */
const ONSETS = new Set('sk sp st skr spr str bl br fl fr gl gr kl kr pl pr tr hj hv'.split(' '));
/** Letters kept together at either end of a word. */
const EDGE = 2;

/** The letter without its accent, in small letters: "É" as "e". */
function base(letter: string): string {
	return letter.normalize('NFD').charAt(0).toLowerCase();
}

/** How many of a cluster's last consonants begin the next syllable. */
function onsetLength(cluster: string): number {
	return [3, 2].find((length) => cluster.length >= length && ONSETS.has(cluster.slice(-length))) ?? 1;
}

/** The places in a word (by letter) where a line may break. */
function breaksIn(word: string): number[] {
	// An abbreviation ("TV", "OBF") is read letter by letter and is not parted.
	if (word.length > 1 && word === word.toUpperCase()) return [];
	const letters = [...word].map(base);
	const breaks: number[] = [];
	let lastVowel = letters.findIndex((letter) => VOWELS.has(letter));
	if (lastVowel < 0) return [];
	letters.forEach((letter, index) => {
		if (index <= lastVowel || !VOWELS.has(letter)) return;
		const cluster = letters.slice(lastVowel + 1, index).join('');
		if (cluster.length > 0) {
			const at = index - onsetLength(cluster);
			if (at >= EDGE && letters.length - at >= EDGE) breaks.push(at);
		}
		lastVowel = index;
	});
	return breaks;
}

/** The text with a soft hyphen wherever one of its Danish words may break; only letters are counted as words. */
export function hyphenateDanish(text: string): string {
	return text.replace(/\p{L}+/gu, (word) => {
		const letters = [...word];
		const breaks = new Set(breaksIn(word));
		return letters.map((letter, index) => (breaks.has(index) ? SOFT_HYPHEN + letter : letter)).join('');
	});
}

/*
 * A word no wider than this fits whole in the narrowest cell a board has (44 px, less its border and padding, at the
 * label's least size, 0.6rem): its label never breaks, and keeps the plain markup, without the hyphenated copy and the
 * boxes per word that a board switch would otherwise build for every cell ("ja", "nej", "mad").
 */
const ALWAYS_FITS_EM = 3;

/** A cell's label as shown: with soft hyphens where its longest word (`wordEm`, label-width.ts) may not fit the cell. */
export function shownLabel(label: string, wordEm: number): string {
	return wordEm > ALWAYS_FITS_EM ? hyphenateDanish(label) : label;
}
