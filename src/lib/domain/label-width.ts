/*
 * A board cell's label shrinks until its longest word fits the cell's width (BoardGrid), so that a word is not broken
 * in the middle ("Følelse/r", "bang/e") when a smaller size would hold it whole. The width is reckoned from the letters
 * alone, before anything is drawn: the page measures nothing, and a board of 144 cells is laid out once.
 *
 * The tablet draws labels in its own system font (app.css), bold. The letters' widths are those of DejaVu Sans Bold
 * (Linux's system-ui, where the e2e tests run), rounded up: the widest of the system fonts, so a word fits wherever the
 * sum says so; in the narrower fonts of an iPad or an Android tablet a word near its cell's width is made a little
 * smaller than it had to be. Coarser classes (0.72 em for any small letter) shrank words that already fitted, as
 * "overrasket" on an upright tablet.
 */

/** Letters and signs by their width in em, rounded up; a letter with an accent is as wide as the letter ("é" as "e"). */
const WIDTHS: ReadonlyArray<readonly [string, number]> = [
	["ijl'", 0.35],
	['IJ|/', 0.38],
	['.,:;’', 0.41],
	['f-‐', 0.44],
	['()[]!', 0.46],
	['rt', 0.5],
	['csz?–', 0.6],
	['vxy', 0.66],
	['kaeoø', 0.69],
	['bdghnpqu0123456789', 0.72],
	['w', 0.93],
	['mæ', 1.05],
	['œ', 1.1],
	['L', 0.64],
	['EFT', 0.69],
	['SYZ', 0.73],
	['CP', 0.74],
	['ABKRVX', 0.78],
	['U', 0.82],
	['DGHN', 0.84],
	['OØQ', 0.85],
	['M', 1],
	['WÆ', 1.11],
	['Œ', 1.17]
];
const WIDTH = new Map(WIDTHS.flatMap(([letters, em]) => [...letters].map((letter) => [letter, em] as const)));
/** Letters not in the table (ß, ð, Greek …): as the usual small letter or the widest usual capital above. */
const SMALL_EM = 0.72;
const CAPITAL_EM = 0.85;
/** Letters of other scripts, signs and emoji: a CJK character is 1 em, an emoji up to 1.25 em. */
const OTHER_EM = 1.25;

function letterEm(letter: string): number {
	return WIDTH.get(letter) ?? (/\p{Lu}/u.test(letter) ? CAPITAL_EM : /\p{Ll}/u.test(letter) ? SMALL_EM : OTHER_EM);
}

/** How wide a text is drawn on one line, in em, at most (a space as wide as "i"). */
export function textEm(text: string): number {
	return [...text.normalize('NFD').replace(/\p{M}/gu, '')].reduce(
		(sum, letter) => sum + (letter === ' ' ? WIDTH.get('i')! : letterEm(letter)),
		0
	);
}

/**
 * How wide the label's longest word is drawn, in em, at most. A line may break only at a space or after a hyphen, so
 * "T-shirt" is reckoned as "T-" and "shirt".
 */
export function longestWordEm(label: string): number {
	const words =
		label
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			.match(/[^\s‐–-]*[‐–-]|[^\s‐–-]+/g) ?? [];
	const widths = words.map((word) => [...word].reduce((sum, letter) => sum + letterEm(letter), 0));
	// Two decimals are plenty for a font size and keep the style attribute short; rounded up, never to a narrower word.
	return Math.ceil(Math.max(0, ...widths) * 100) / 100;
}
