import { heldPage, heldPageReady } from '#lib/lock/held-page.ts';
import type { PageLoad } from './$types';

/** The page's code, held back from a direct load's passphrase screen (lock/held-page.ts). */
export const _page = heldPage(() => import('./AccessibilityPage.svelte'));
export const load: PageLoad = () => heldPageReady(_page);
