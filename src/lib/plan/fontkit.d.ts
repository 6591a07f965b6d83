// fontkit 2 ships no TypeScript types; this declares the part the plan writer uses (the same fontkit PDFKit parses with).
declare module 'fontkit' {
	export interface Font {
		hasGlyphForCodePoint(codePoint: number): boolean;
		/** Every code point the font has a glyph for. */
		readonly characterSet: number[];
	}
	export function create(buffer: Uint8Array): Font;
}
