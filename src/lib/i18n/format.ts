import type { Language } from './translate.ts';

/*
 * Filling in words already chosen, apart from the dictionaries (translate.ts): the PDF worker writes a document's own
 * words (plan/pdf.ts) and must not carry every dictionary of the app in its code to do so.
 */

// Each template's text and {name} slots, split once: a screen translates every label and aria-label of its rows anew on
// each render, and a regular expression's replace per call was the largest part of translating (profile of open1000).
const splitTemplates = new Map<string, readonly string[]>();

/** "Slet {name}?" with `{ name: 'Anna' }` is "Slet Anna?"; a slot without a value stays as it is written. */
export function format(template: string, params: Record<string, string | number> = {}): string {
	let parts = splitTemplates.get(template);
	if (!parts) splitTemplates.set(template, (parts = template.split(/\{(\w+)\}/)));
	// split() puts each slot's name at the odd places, between the texts around it.
	let text = parts[0]!;
	for (let i = 1; i < parts.length; i += 2) {
		const name = parts[i]!;
		text += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
	}
	return text;
}

/** The BCP 47 tag of a language, for dates and for the `lang` of documents. */
export function languageTag(language: Language): string {
	return language === 'da' ? 'da-DK' : 'en-GB';
}
