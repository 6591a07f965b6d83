import { browser } from '$app/env';
import { tabletLock } from '#lib/lock/tablet-lock.svelte.ts';
import { readFirstScreen } from '#lib/meeting/first-screen.ts';
import type { PageLoad } from './$types';

/*
 * The meeting's first screen, read as a link to it is pressed (meeting/first-screen.ts says why). Only the meeting's id
 * makes this run again: a move to another step keeps the page and its live queries, and must not wait for these reads.
 * A locked tablet (every direct load starts locked) reads nothing here, not even opens the database: the page reads
 * once it is open, as before.
 */
export const load: PageLoad = async ({ url, untrack }) => {
	// Not even looked at while prerendering (the page is built without its query) or locked.
	if (!browser || tabletLock.status !== 'open') return { screen: undefined };
	const meetingId = url.searchParams.get('id') ?? '';
	return {
		screen: await readFirstScreen(
			meetingId,
			untrack(() => url.searchParams.get('trin'))
		)
	};
};
