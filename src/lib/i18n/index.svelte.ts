import { da, type MessageKey } from './da';
import { en } from './en';

export type { MessageKey };
export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const dictionaries: Record<Language, Record<MessageKey, string>> = { da, en };
const STORAGE_KEY = 'billedtale.language';

export function isMessageKey(value: string): value is MessageKey {
	return Object.hasOwn(da, value);
}

export function format(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

class Locale {
	language = $state<Language>('da');

	/** Reads the saved choice; called once in the browser, since prerendering has no storage. */
	restore(): void {
		const saved = localStorage.getItem(STORAGE_KEY);
		if (saved === 'da' || saved === 'en') this.language = saved;
		document.documentElement.lang = this.language;
	}

	set(language: Language): void {
		this.language = language;
		localStorage.setItem(STORAGE_KEY, language);
		document.documentElement.lang = language;
	}

	get dateLocale(): string {
		return this.language === 'da' ? 'da-DK' : 'en-GB';
	}
}

export const locale = new Locale();

export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return format(dictionaries[locale.language][key], params);
}

/** Shows an error's i18n code when it carries one, and a plain fallback otherwise. */
export function errorMessage(error: unknown): string {
	const code = error instanceof Error && 'code' in error ? String(error.code) : '';
	return t(isMessageKey(code) ? code : 'error.unknown');
}

// Building an Intl formatter is slow next to using one, and a long meeting formats every answer's time.
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache: nothing renders it, so it needs no reactivity
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'time', dateLocale: string): Intl.DateTimeFormat {
	const key = `${kind}|${dateLocale}`;
	let cached = formatters.get(key);
	if (!cached) {
		const options: Intl.DateTimeFormatOptions =
			kind === 'date' ? { day: 'numeric', month: 'long', year: 'numeric' } : { hour: '2-digit', minute: '2-digit', second: '2-digit' };
		cached = new Intl.DateTimeFormat(dateLocale, options);
		formatters.set(key, cached);
	}
	return cached;
}

export function formatDate(isoDate: string): string {
	const [year, month, day] = isoDate.split('-').map(Number);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- formatted at once and dropped, never kept as state
	return formatter('date', locale.dateLocale).format(new Date(year!, month! - 1, day!));
}

export function formatTime(timestamp: number): string {
	return formatter('time', locale.dateLocale).format(timestamp);
}

/** The words the dictionaries can count: each has a `count.<noun>.one` and a `count.<noun>.other` form. */
export type CountedNoun = MessageKey extends infer K ? (K extends `count.${infer Noun}.one` ? Noun : never) : never;

/** "1 foto", "3 fotos", "0 fotos": Danish and English both use the singular for one alone. */
export function countOf(noun: CountedNoun, count: number): string {
	return t(`count.${noun}.${count === 1 ? 'one' : 'other'}`, { count });
}

/** A number with one decimal in the language shown: "0,8" in Danish, "0.8" in English. */
export function formatDecimal(value: number): string {
	return new Intl.NumberFormat(locale.dateLocale, { minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value);
}

/** "3 fotos og 2 lydoptagelser", "a, b and c", in the language shown. */
export function formatList(items: string[]): string {
	return new Intl.ListFormat(locale.dateLocale, { style: 'long', type: 'conjunction' }).format(items);
}
