import { documentTexts, type Block, type CellText, type PlanDocument } from './document.ts';

/*
 * Which letters the PDF can draw, known on the page too: the faces' files (half a megabyte and more) are fetched by the PDF
 * worker only, and the adviser must be told before the file is made that some of the citizen's words cannot be in it.
 * Neither face has emoji, Arabic, Hebrew, Thai or Chinese: such a letter was drawn as the font's empty box (.notdef,
 * which PDF/A forbids) and was gone from the text. The PDF shows MISSING in its place instead.
 */

/** Code points in hex, a range as first-last, apart by spaces: the faces' letters, short enough to read. */
type Letters = string;

/** The letters of Atkinson Hyperlegible, regular and bold alike (checked against the font files in letters.test.ts). */
export const BODY_LETTERS =
	'd 20-7e a0-107 10a-113 116-11b 11e-123 126-127 12a-12b 12e-12f 131 136-137 13b-13e 141-148 150-155 ' +
	'158-15b 15e-165 16a-16b 16e-173 178-17e 192 218-21b 2c6-2c7 2d8-2dd 300-304 306-308 30a-30c 326-328 394 ' +
	'3a9 3bc 3c0 2013-2014 2018-201a 201c-201e 2020-2022 2026 2030 2039-203a 2044 2074 20ac 2113 2122 212e ' +
	'2202 220f 2211-2212 2215 2219-221a 221e 222b 2248 2260 2264-2265 25ca ffff';

/** The letters of Noto Sans, the fallback face, regular and bold alike (letters.test.ts). */
export const FALLBACK_LETTERS =
	'0 d 20-7e a0-377 37a-37f 384-38a 38c 38e-3a1 3a3-3e1 3f0-52f 900-97f 10fb 1ab0-1ac0 1ac5 1ac7-1ace ' +
	'1c80-1c88 1d00-1df9 1dfb-1f15 1f18-1f1d 1f20-1f45 1f48-1f4d 1f50-1f57 1f59 1f5b 1f5d 1f5f-1f7d 1f80-1fb4 ' +
	'1fb6-1fc4 1fc6-1fd3 1fd6-1fdb 1fdd-1fef 1ff2-1ff4 1ff6-1ffe 2000-2064 2066-2071 2074-208e 2090-209c ' +
	'20a0-20c0 20f0 2100-215f 2183-2184 2189 2212 25cc 2c60-2c7f 2de0-2e5d a640-a69f a700-a7ca a7d0-a7d1 a7d3 ' +
	'a7d5-a7d9 a7f2-a7ff a8ff a92e ab30-ab6b fb00-fb06 fe00 fe20-fe2f feff fffc-fffd 10780-10785 10787-107b0 ' +
	'107b2-107ba 1df00-1df1e';

/** What the PDF shows for a letter (or an emoji, whole) that neither face has: a sign both have. */
const MISSING = '?';

/** Letters no text draws, which a face need not have: PDFKit breaks at a soft hyphen and draws no zero-width mark. */
const UNDRAWN = new Set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/** Whether a face has a glyph for every letter of a text. */
export type Coverage = (text: string) => boolean;

/** A face's coverage from whether it has one code point; control characters and undrawn marks need no glyph. */
export function coverage(has: (point: number) => boolean): Coverage {
	const known = new Map<number, boolean>();
	const drawn = (point: number) => {
		let found = known.get(point);
		if (found === undefined) known.set(point, (found = point < 0x20 || UNDRAWN.has(point) || has(point)));
		return found;
	};
	return (text) => {
		for (const letter of text) if (!drawn(letter.codePointAt(0)!)) return false;
		return true;
	};
}

/** The ranges of code points, first and last, that `letters` names. */
export function letterRanges(letters: Letters): [number, number][] {
	return letters.split(' ').map((entry) => {
		const [first, last = first] = entry.split('-').map((hex) => parseInt(hex, 16));
		return [first!, last!];
	});
}

function within(letters: Letters): (point: number) => boolean {
	const ranges = letterRanges(letters);
	return (point) => ranges.some(([first, last]) => first <= point && point <= last);
}

/** The letters as the user sees them: an emoji with its skin tone, a flag, a letter with its accent, each one. */
function graphemes(text: string): string[] {
	segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
	return Array.from(segmenter.segment(text), (part) => part.segment);
}
let segmenter: Intl.Segmenter | undefined;

/** The first `max` letters of a text, with "…" when there were more: an emoji is never cut in half (a lone surrogate). */
export function shortened(text: string, max: number): string {
	const letters = graphemes(text);
	if (letters.length <= max) return text;
	return `${letters
		.slice(0, max - 1)
		.join('')
		.trimEnd()}…`;
}

/**
 * A text as the PDF draws it in its faces, `body` and `fallback` (pdf.ts sets a text in the body face when that has every
 * letter, else all of it in the fallback face): each letter that the face it is set in lacks is MISSING, an emoji made of
 * several code points one MISSING.
 */
export function drawnText(text: string, body: Coverage, fallback: Coverage | undefined): string {
	if (body(text) || (fallback && fallback(text))) return text;
	const mark = (keep: Coverage, from: string) =>
		graphemes(from)
			.map((letter) => (keep(letter) ? letter : MISSING))
			.join('');
	const either = mark((letter) => body(letter) || fallback?.(letter) === true, text);
	// A body-only sign (≤) in a text with a letter only the fallback has: the fallback sets it all, without that sign.
	return body(either) || !fallback ? either : mark(fallback, either);
}

/** A document with each text it draws as drawnText gives it; the alt texts and the title are not drawn and stay as written. */
export function drawnDocument(document: PlanDocument, body: Coverage, fallback: Coverage | undefined): PlanDocument {
	const drawn = (text: string) => drawnText(text, body, fallback);
	const cell = (text: CellText): CellText =>
		typeof text === 'string' ? drawn(text) : text.map((phrase) => ({ ...phrase, text: drawn(phrase.text) }));
	const blocks = document.blocks.map((block): Block => {
		switch (block.kind) {
			case 'heading':
			case 'paragraph':
				return { ...block, text: drawn(block.text) };
			case 'list':
				return { ...block, items: block.items.map(drawn) };
			case 'table':
				return { ...block, columns: block.columns.map(drawn), rows: block.rows.map((row) => row.map(cell)) };
			case 'row':
				return { ...block, lines: block.lines.map(drawn) };
			case 'story': {
				const { picture } = block;
				const labelled = <T extends { label: string }>(part: T): T => ({ ...part, label: drawn(part.label) });
				return { ...block, picture: { ...picture, areas: picture.areas.map(labelled), items: picture.items.map(labelled) } };
			}
		}
	});
	return { ...document, footer: drawn(document.footer), blocks };
}

const bodyCoverage = coverage(within(BODY_LETTERS));
const fallbackCoverage = coverage(within(FALLBACK_LETTERS));

/**
 * The texts of a document that its PDF cannot show as they are, once each, in reading order: for the question before the
 * file is made. The alt texts are not drawn: a screen reader reads them as written.
 */
export function undrawnTexts(document: PlanDocument): string[] {
	const texts = new Set([...documentTexts(document), document.footer]);
	return [...texts].filter((text) => drawnText(text, bodyCoverage, fallbackCoverage) !== text);
}
