import { da } from './da';
import { formatDateIn, formatTimeIn, languageTag, loadLanguage, translate, type Language, type MessageKey } from './translate';

export { format, LANGUAGES, type Language, type MessageKey } from './translate';
const STORAGE_KEY = 'billedtale.language';

export function isMessageKey(value: string): value is MessageKey {
	return Object.hasOwn(da, value);
}

class Locale {
	language = $state<Language>('da');

	/**
	 * Reads the saved choice; called once in the browser, since prerendering has no storage. Resolves when the page
	 * can show it (a language other than Danish is loaded first); until then the page stays in Danish.
	 */
	async restore(): Promise<void> {
		const saved = localStorage.getItem(STORAGE_KEY);
		if (saved === 'da' || saved === 'en') await this.show(saved);
		else document.documentElement.lang = this.language;
	}

	async set(language: Language): Promise<void> {
		localStorage.setItem(STORAGE_KEY, language);
		await this.show(language);
	}

	#wanted: Language = 'da';

	private async show(language: Language): Promise<void> {
		this.#wanted = language;
		// The words arrive before the language changes, so no text is ever looked up in a dictionary not yet here.
		await loadLanguage(language);
		// A quicker later choice (back to Danish while English loads) wins.
		if (this.#wanted !== language) return;
		this.language = language;
		document.documentElement.lang = language;
	}

	get dateLocale(): string {
		return languageTag(this.language);
	}
}

export const locale = new Locale();

export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate(locale.language, key, params);
}

/** Shows an error's i18n code when it carries one, and a plain fallback otherwise. */
export function errorMessage(error: unknown): string {
	const code = error instanceof Error && 'code' in error ? String(error.code) : '';
	return t(isMessageKey(code) ? code : 'error.unknown');
}

export function formatDate(isoDate: string, language: Language = locale.language): string {
	return formatDateIn(language, isoDate);
}

export function formatTime(timestamp: number, language: Language = locale.language): string {
	return formatTimeIn(language, timestamp);
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
