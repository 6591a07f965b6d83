import type { MessageKey } from './da';
import firstScreenWords from 'virtual:dictionary/da/first';
import { format, languageTag } from './format.ts';

/*
 * Translation with the language given explicitly: for what is written once for a reader (the plan
 * document, its PDF) rather than shown live. The live `t()` in index.svelte.ts reads the chosen
 * language and calls this.
 */

export type { MessageKey };
export { format, languageTag };
export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

type Dictionary = Record<MessageKey, string>;

// Danish is the default: the first screens' words (lock screens, home) are always here, the meeting's topics add a few and
// the rest arrives before any other screen shows (parts.ts). The English dictionary is as large as the Danish one and most
// tablets never show it, so it is fetched only when chosen (or when a tablet that chose it starts): it stays out of every
// first load.
const dictionaries: Partial<Record<Language, Partial<Dictionary>>> = { da: firstScreenWords };
const complete = new Set<Language>();

const LATER_DANISH = {
	meeting: () => import('virtual:dictionary/da/meeting'),
	rest: () => import('virtual:dictionary/da/rest')
} as const;
type LaterDanish = keyof typeof LATER_DANISH;
const danishParts = new Set<LaterDanish>();

async function loadDanish(parts: readonly LaterDanish[]): Promise<void> {
	const missing = parts.filter((part) => !danishParts.has(part));
	const words = await Promise.all(missing.map((part) => LATER_DANISH[part]()));
	dictionaries.da = Object.assign({}, dictionaries.da, ...words.map((part) => part.default));
	for (const part of missing) danishParts.add(part);
}

/** The words a screen needs: the meeting's topics need only part of the Danish (parts.ts); English is loaded whole. */
export type ScreenWords = 'meeting' | 'all';

/** Makes a language's words available to translate(), all or a screen's; resolves at once when they already are. */
export async function loadLanguage(language: Language, screen: ScreenWords = 'all'): Promise<void> {
	if (complete.has(language)) return;
	if (language === 'en') dictionaries.en = (await import('./en')).en;
	else if (screen === 'meeting') return loadDanish(['meeting']);
	else await loadDanish(['meeting', 'rest']);
	complete.add(language);
}

/**
 * Whether a key has words in a dictionary loaded so far (an error's code, say). The chosen language's is loaded whole, so
 * an English tablet, which never loads the later Danish parts, still finds every code (it showed "An unexpected error"
 * for a file that is not a backup, where Danish names what is wrong).
 */
export function isLoadedKey(value: string): value is MessageKey {
	return Object.values(dictionaries).some((words) => words !== undefined && Object.hasOwn(words, value));
}

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
	const text = dictionaries[language]?.[key];
	// A programming error, not a user's: every way to English (the setting, a saved choice, a document) loads it first,
	// and no screen shows before its part of the Danish words is here.
	if (text === undefined) throw new Error(`Billedtale: '${key}' in ${language} is used before loadLanguage('${language}')`);
	return format(text, params);
}

// Building an Intl formatter is slow next to using one, and a long meeting formats every answer's time.
const formatters = new Map<string, Intl.DateTimeFormat>();

const FORMATS: Record<'date' | 'time' | 'clock', Intl.DateTimeFormatOptions> = {
	date: { day: 'numeric', month: 'long', year: 'numeric' },
	time: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
	// A time of day as a letter gives it: "kl. 9.30", not the answer table's "09.30.00".
	clock: { hour: 'numeric', minute: '2-digit' }
};

function formatter(kind: keyof typeof FORMATS, language: Language): Intl.DateTimeFormat {
	const key = `${kind}|${language}`;
	let cached = formatters.get(key);
	if (!cached) {
		cached = new Intl.DateTimeFormat(languageTag(language), FORMATS[kind]);
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

/** "9.30" in Danish, "9:30" in English, from a time of day HH:MM. */
function formatClockIn(language: Language, time: string): string {
	const [hours, minutes] = time.split(':').map(Number);
	return formatter('clock', language).format(new Date(2000, 0, 1, hours, minutes));
}

/** When a meeting is, wherever it is named by it: "3. februar 2027 kl. 10.00", or its day alone when it has no time. */
export function formatMeetingWhenIn(language: Language, meeting: { date: string; time?: string }): string {
	const date = formatDateIn(language, meeting.date);
	return meeting.time ? translate(language, 'meeting.when', { date, time: formatClockIn(language, meeting.time) }) : date;
}
