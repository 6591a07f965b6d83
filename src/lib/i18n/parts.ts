/*
 * The Danish dictionary reaches the page in two parts, cut at build time from da.ts (vite.config.ts, `dictionaryParts`):
 * every load starts on a lock screen, which needs only a fifth of the words, so only those are part of every first load;
 * the rest is fetched while the passphrase is checked and is there before any other screen shows (lock/tablet-lock).
 * da.ts stays one file, so a new key is still added in one place. A key goes with the lock screens by its first segment.
 */
export const LOCK_SCREEN_PREFIXES = [
	'app',
	'common',
	'erase',
	// Any failure may be told on a lock screen (notices), and error codes are looked up by key.
	'error',
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

export type DictionaryPart = 'lock' | 'rest';

export function partOf(key: string): DictionaryPart {
	return (LOCK_SCREEN_PREFIXES as readonly string[]).includes(key.slice(0, key.indexOf('.'))) ? 'lock' : 'rest';
}
