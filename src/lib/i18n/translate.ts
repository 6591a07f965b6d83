import { da, type MessageKey } from './da';

/*
 * Translation with the language given explicitly: for what is written once for a reader (the plan
 * document, its PDF) rather than shown live. The live `t()` in index.svelte.ts reads the chosen
 * language and calls this.
 */

export type { MessageKey };
export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

type Dictionary = Record<MessageKey, string>;

// Danish is the default and always here. The English dictionary is as large as the Danish one and most tablets never
// show it, so it is fetched only when chosen (or when a tablet that chose it starts): it stays out of every first load.
const dictionaries: Partial<Record<Language, Dictionary>> = { da };

/** Makes a language's words available to translate(); resolves at once when they already are. */
export async function loadLanguage(language: Language): Promise<void> {
	if (dictionaries[language]) return;
	dictionaries[language] = (await import('./en')).en;
}

export function format(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
	const dictionary = dictionaries[language];
	// A programming error, not a user's: every way to English (the setting, a saved choice, a document) loads it first.
	if (!dictionary) throw new Error(`Billedtale: the ${language} dictionary is used before loadLanguage('${language}')`);
	return format(dictionary[key], params);
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
