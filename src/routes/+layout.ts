import { browser } from '$app/env';
import { loadLanguage } from '#lib/i18n/index.svelte.ts';
import type { LayoutLoad } from './$types';

export const prerender = true;

/*
 * A cold start of / needs only the first part of the Danish words (i18n/parts.ts): its lock screens and the home screen.
 * Every other screen waits here for the rest, on a cold load as on a navigation (reading url.pathname makes this run
 * again on each one), so the home screen's first load does not fetch them. Prerendered pages show only a lock screen.
 */
export const load: LayoutLoad = async ({ url }) => {
	if (browser && url.pathname !== '/') await loadLanguage('da');
};
