import { create } from 'fontkit';
import type PDFDocument from 'pdfkit';
import { documentTexts, type PlanDocument } from './document.ts';

/*
 * The PDF's faces beyond its own: which letters Atkinson Hyperlegible has, whether a document needs the fallback face
 * (Noto Sans) for a letter it lacks, and how that face lays text out. Kept apart from the writer, which asks.
 */

/**
 * Noto Sans's ccmp feature splits a letter with a dot below (ị, ạ, ộ) into the plain letter and a combining dot, and
 * PDFKit maps each glyph to text once, for the whole file: the plain letter's glyph read as "ị" wherever it stood, or
 * the dot was lost when the name was copied. The face's current font (set, not yet drawn: PDFKit embeds a font only
 * once a page uses it) lays text out without ccmp, with the glyphs of the whole letters, which the face has.
 */
export function wholeLetters(doc: PDFDocument): void {
	const { font } = (doc as unknown as { _font: { font: { layout(text: string, features?: unknown): unknown } } })._font;
	const layout = font.layout.bind(font);
	font.layout = (text, features) => layout(text, features ?? { ccmp: false });
}

/** Letters no text draws, which a face need not have: PDFKit breaks at a soft hyphen and draws no zero-width mark. */
const UNDRAWN = new Set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/** Whether a face (its TTF bytes) has a glyph for every letter of a text. */
export function glyphCoverage(bytes: ArrayBuffer | Uint8Array): (text: string) => boolean {
	const font = create(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
	const known = new Map<number, boolean>();
	const has = (point: number) => {
		let found = known.get(point);
		if (found === undefined) known.set(point, (found = point < 0x20 || UNDRAWN.has(point) || font.hasGlyphForCodePoint(point)));
		return found;
	};
	return (text) => {
		for (const letter of text) if (!has(letter.codePointAt(0)!)) return false;
		return true;
	};
}

/** Whether the document has a letter the body face (its TTF bytes) lacks: then the caller fetches the fallback face. */
export function needsFallback(document: PlanDocument, regular: ArrayBuffer | Uint8Array): boolean {
	const covered = glyphCoverage(regular);
	// The alt texts and the title are not drawn; the footer is, on every page.
	return ![document.footer, ...documentTexts(document)].every(covered);
}
