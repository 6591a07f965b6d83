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

export function formatDate(isoDate: string): string {
	const [year, month, day] = isoDate.split('-').map(Number);
	return new Date(year!, month! - 1, day!).toLocaleDateString(locale.dateLocale, {
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	});
}

export function formatTime(timestamp: number): string {
	return new Date(timestamp).toLocaleTimeString(locale.dateLocale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

