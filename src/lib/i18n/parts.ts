import type { ScreenWords } from './translate.ts';

/*
 * The Danish dictionary reaches the page in three parts, cut at build time from da.ts (vite.config.ts, `dictionaryParts`):
 * a cold start of / shows a lock screen and then the home screen, which together need only a fifth of the words, so only
 * those are part of its first load. A meeting opened on its topics (`/moede?trin=emner`, where the answer board is) needs
 * only a few more: the meeting part. Every other screen waits for the rest (routes/+layout.ts), and so do the meeting's
 * panel and its other steps (meeting/meeting-parts.ts, a step's navigation). da.ts stays one file, so a new key is still
 * added in one place. A key goes with the first part by its first segment, with the meeting part by its first segment or
 * by name.
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
	// The file button's few words: the home screen's "Tilføj borger" asks for a photo with it.
	'file',
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

/*
 * What the meeting's topics show until the answer board can be tapped, besides the first part: the page, its agenda, the
 * board, the pause, the switch buttons of the citizen's access settings and the links to the other tools (issue 17: the
 * rest of the words were 12.6 kB gzip of the first load of /moede, these are 2).
 */
export const MEETING_SCREEN_PREFIXES = ['attention', 'flow', 'meeting', 'phase', 'provenance', 'role', 'staff'] as const;
export const MEETING_SCREEN_KEYS = [
	'access.switches',
	'access.switchMove',
	'access.switchOne',
	'access.switchSelect',
	'plan.link',
	'story.open'
] as const;

export type DictionaryPart = 'first' | 'meeting' | 'rest';

export function partOf(key: string): DictionaryPart {
	const prefix = key.slice(0, key.indexOf('.'));
	if ((FIRST_SCREEN_PREFIXES as readonly string[]).includes(prefix)) return 'first';
	if ((MEETING_SCREEN_PREFIXES as readonly string[]).includes(prefix) || (MEETING_SCREEN_KEYS as readonly string[]).includes(key))
		return 'meeting';
	return 'rest';
}

/**
 * The words a page needs beyond the first part: none for the home screen, the meeting part for a meeting opened on its
 * topics (where the answer board is), all of them for every other page (routes/+layout.ts, lock/held-page.ts).
 */
export function pageWords(url: URL): ScreenWords | undefined {
	if (url.pathname === '/') return undefined;
	return url.pathname === '/moede' && url.searchParams.get('trin') === 'emner' ? 'meeting' : 'all';
}
