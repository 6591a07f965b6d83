import { browser } from '$app/env';
import { locale } from '#lib/i18n/index.svelte.ts';
import { pageWords } from '#lib/i18n/parts.ts';
import { lazyPart } from '#lib/ui/lazy-part.ts';
import { tabletLock } from './tablet-lock.svelte.ts';

/** A route's page code, held back from its passphrase screen: what `heldPage` returns. */
export type HeldPage<T> = () => T | Promise<T>;

/**
 * A route's page code apart from the route itself (issue 17). A direct load of a route (a reload, a bookmark, a tablet
 * that restarts the app where it was) opens locked, and its passphrase screen then paints and responds without first
 * fetching and running the page's code (the database's among it: 70–125 kB gzip) or the page's words (the rest of the
 * Danish dictionary, ~10 kB), which it cannot use yet. Both are fetched once someone starts to open the tablet (the
 * first key on the lock screen, the unlock itself, tabletLock.whileOpening), or the code at once when the tablet is
 * open: a navigation inside the app, whose words the layout's load waits for (routes/+layout.ts), or SvelteKit's preload
 * on a link's touch or hover, which loads the route's module and so this. Call it once, at the route's module level.
 */
export function heldPage<T>(load: () => Promise<T>): HeldPage<T> {
	// Locked as its route starts, this is the page of the direct load, at its own address: its words come with its code
	// (also when its first fetch failed and the unlocked page tries again).
	const words = browser && tabletLock.status !== 'open' ? pageWords(new URL(location.href)) : undefined;
	const part = lazyPart(async () => {
		const [page] = await Promise.all([load(), words && locale.loadScreenWords(words)]);
		return page;
	});
	// A failed fetch is tried again where the page is shown (Lazy's "Prøv igen").
	if (browser) tabletLock.whileOpening(() => void Promise.resolve(part()).catch(() => {}));
	return part;
}

/**
 * A route's load, for the open tablet: the page is drawn with its code there, not "Henter …" first, so a navigation's
 * focus lands on the page's own heading. Locked (a direct load), the page waits for the unlock instead. A code that
 * could not be fetched is left to the page, which says so and offers to try again.
 */
export async function heldPageReady(page: HeldPage<unknown>): Promise<void> {
	if (!browser || tabletLock.status !== 'open') return;
	await Promise.resolve(page()).catch(() => {});
}
