import { heldPage, heldPageReady } from '#lib/lock/held-page.ts';
import { readsAheadBack } from '#lib/storage/read-ahead.ts';
import type { PageLoad } from './$types';

/** The page's code, held back from a direct load's passphrase screen (lock/held-page.ts). */
export const _page = heldPage(() => import('./MeetingPage.svelte'));
/**
 * The meeting read from the press of its link on (storage/read-ahead.ts) is waited for, a little, with the page's code:
 * the page is drawn whole at once, not with "Henter …" first. Longer than READS_AHEAD_WAIT_MS, "Henter …" says it is coming.
 */
const READS_AHEAD_WAIT_MS = 400;
export const load: PageLoad = async () => {
	await Promise.all([heldPageReady(_page), readsAheadBack(READS_AHEAD_WAIT_MS)]);
};
