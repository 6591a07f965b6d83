import { da, type MessageKey } from './da';
import { en } from './en';

/*
 * Translation with the language given explicitly: for what is written once for a reader (the plan
 * document, its PDF) rather than shown live. The live `t()` in index.svelte.ts reads the chosen
 * language and calls this.
 */

export type { MessageKey };
export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const dictionaries: Record<Language, Record<MessageKey, string>> = { da, en };

export function format(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
	return format(dictionaries[language][key], params);
}

/** The BCP 47 tag of a language, for dates and for the `lang` of documents. */
export function languageTag(language: Language): string {
	return language === 'da' ? 'da-DK' : 'en-GB';
}

// Building an Intl formatter is slow next to using one, and a long meeting formats every answer's time.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'time', language: Language): Intl.DateTimeFormat {
	const key = `${kind}|${language}`;
	let cached = formatters.get(key);
	if (!cached) {
		const options: Intl.DateTimeFormatOptions =
			kind === 'date' ? { day: 'numeric', month: 'long', year: 'numeric' } : { hour: '2-digit', minute: '2-digit', second: '2-digit' };
		cached = new Intl.DateTimeFormat(languageTag(language), options);
		formatters.set(key, cached);
	}
	return cached;
}

/** "2. december 2026" from a calendar date (YYYY-MM-DD), read as a local date. */
export function formatDateIn(language: Language, isoDate: string): string {
	const [year, month, day] = isoDate.split('-').map(Number);
	return formatter('date', language).format(new Date(year!, month! - 1, day!));
}

export function formatTimeIn(language: Language, timestamp: number): string {
	return formatter('time', language).format(timestamp);
}
