/*
 * The Danish dictionary reaches the page in two parts, cut at build time from da.ts (vite.config.ts, `dictionaryParts`):
 * a cold start of / shows a lock screen and then the home screen, which together need only a fifth of the words, so only
 * those are part of its first load; every other screen waits for the rest (routes/+layout.ts, and the home screen's own
 * dialogs). da.ts stays one file, so a new key is still added in one place. A key goes with the first part by its first
 * segment.
 */
export const FIRST_SCREEN_PREFIXES = [
	'app',
	'citizen',
	'citizenMode',
	'common',
	'count',
	'erase',
	// Any failure may be told on a lock screen (notices), and error codes are looked up by key.
	'error',
	'home',
	'homeScreen',
	'language',
	'lazy',
	'lock',
	'nav',
	'secret',
	'setup',
	'storage',
	'unlock'
] as const;

export type DictionaryPart = 'first' | 'rest';

export function partOf(key: string): DictionaryPart {
	return (FIRST_SCREEN_PREFIXES as readonly string[]).includes(key.slice(0, key.indexOf('.'))) ? 'first' : 'rest';
}
