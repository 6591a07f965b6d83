import {
	formatDateIn,
	formatMeetingWhenIn,
	formatTimeIn,
	isLoadedKey,
	languageTag,
	loadLanguage,
	translate,
	type Language,
	type MessageKey,
	type ScreenWords
} from './translate';

export { format, LANGUAGES, loadLanguage, type Language, type MessageKey } from './translate';
const STORAGE_KEY = 'billedtale.language';

/** A language's words could not be fetched; `code` says so in the language still shown. */
export class LanguageLoadError extends Error {
	readonly code = 'error.languageLoad';
	constructor(options?: { cause?: unknown }) {
		super('the dictionary could not be loaded', options);
		this.name = 'LanguageLoadError';
	}
}

export function isMessageKey(value: string): value is MessageKey {
	return isLoadedKey(value);
}

class Locale {
	language = $state<Language>('da');

	/**
	 * Reads the saved choice; called once in the browser, since prerendering has no storage. Resolves when the page
	 * can show it (a language other than Danish is loaded first); until then the page stays in Danish.
	 */
	async restore(): Promise<void> {
		const saved = localStorage.getItem(STORAGE_KEY);
		try {
			if (saved === 'da' || saved === 'en') await this.show(saved);
			else document.documentElement.lang = this.language;
		} finally {
			this.#restored = true;
		}
	}

	#restored = false;

	/**
	 * The words a screen needs before it shows (routes/+layout.ts), in the language it will show: the one shown, or before
	 * restore() the saved one it is about to show. A tablet showing English fetches no Danish beyond the lock screen's,
	 * which every start has (issue 17). English that does not arrive leaves the page in Danish (restore()), so Danish then.
	 */
	async loadScreenWords(screen: ScreenWords): Promise<void> {
		const english = this.#restored ? this.language === 'en' : localStorage.getItem(STORAGE_KEY) === 'en';
		if (english) {
			try {
				return await loadLanguage('en');
			} catch {
				// restore() tells of it; the page stays in Danish.
			}
		}
		await loadLanguage('da', screen);
	}

	/**
	 * Shows a language chosen in the settings and keeps the choice for the next start. A dictionary that does not arrive
	 * (offline before the app was cached) throws LanguageLoadError: the page stays as it was and nothing is kept, so the
	 * next start does not try it again unasked; choosing it again fetches it again.
	 */
	async set(language: Language): Promise<void> {
		if (await this.show(language)) localStorage.setItem(STORAGE_KEY, language);
	}

	#wanted: Language = 'da';

	/** Resolves to whether the language is shown now; false when a later choice overtook it. */
	private async show(language: Language): Promise<boolean> {
		this.#wanted = language;
		// The words arrive before the language changes, so no text is ever looked up in a dictionary not yet here.
		try {
			await loadLanguage(language);
		} catch (error) {
			throw new LanguageLoadError({ cause: error });
		}
		// A quicker later choice (back to Danish while English loads) wins.
		if (this.#wanted !== language) return false;
		this.language = language;
		document.documentElement.lang = language;
		return true;
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

export function formatMeetingWhen(meeting: { date: string; time?: string }, language: Language = locale.language): string {
	return formatMeetingWhenIn(language, meeting);
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
