import { browser } from '$app/env';
import { locale } from '#lib/i18n/index.svelte.ts';
import type { LayoutLoad } from './$types';

export const prerender = true;

/*
 * A cold start of / needs only the first part of the Danish words (i18n/parts.ts): its lock screens and the home screen.
 * A meeting's topics with the answer board need the meeting part, every other screen the rest: they wait here for them, on
 * a cold load as on a navigation (reading url.pathname and the meeting's step makes this run again on each one), so the
 * home screen's first load and the meeting board's do not fetch words they do not show. Prerendered pages show only a
 * lock screen.
 */
export const load: LayoutLoad = async ({ url }) => {
	if (!browser || url.pathname === '/') return;
	await locale.loadScreenWords(url.pathname === '/moede' && url.searchParams.get('trin') === 'emner' ? 'meeting' : 'all');
};
