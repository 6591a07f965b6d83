import { browser } from '$app/env';
import { locale } from '#lib/i18n/index.svelte.ts';
import { pageWords } from '#lib/i18n/parts.ts';
import { tabletLock } from '#lib/lock/tablet-lock.svelte.ts';
import type { LayoutLoad } from './$types';

export const prerender = true;

/*
 * A cold start of / needs only the first part of the Danish words (i18n/parts.ts): its lock screens and the home screen.
 * A meeting's topics with the answer board need the meeting part, every other page the rest. On a navigation inside the
 * open app a page waits here for its words (reading url.pathname and the meeting's step makes this run again on each
 * one), so the home screen's first load and the meeting board's do not fetch words they do not show. A direct load opens
 * locked, and its passphrase screen needs only the first part: there the page's words come with its code, once someone
 * starts to open the tablet (lock/held-page.ts), and the lock screen is not held up by words it does not show (issue 17).
 * Prerendered pages show only a lock screen.
 */
export const load: LayoutLoad = async ({ url }) => {
	if (!browser) return;
	// Read also when locked: the next navigation runs this again only if it read the address (pathname, step).
	const words = pageWords(url);
	if (words && tabletLock.status === 'open') await locale.loadScreenWords(words);
};
