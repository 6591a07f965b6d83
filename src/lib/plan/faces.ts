import { create } from 'fontkit';
import type PDFDocument from 'pdfkit';
import { documentTexts, type PlanDocument } from './document.ts';
import { coverage, type Coverage } from './letters.ts';

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

/** Whether a face (its TTF bytes) has a glyph for every letter of a text. */
export function glyphCoverage(bytes: ArrayBuffer | Uint8Array): Coverage {
	const font = create(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
	return coverage((point) => font.hasGlyphForCodePoint(point));
}

/** Whether the document has a letter the body face (its TTF bytes) lacks: then the caller fetches the fallback face. */
export function needsFallback(document: PlanDocument, regular: ArrayBuffer | Uint8Array): boolean {
	const covered = glyphCoverage(regular);
	// The alt texts and the title are not drawn; the footer is, on every page.
	return ![document.footer, ...documentTexts(document)].every(covered);
}
