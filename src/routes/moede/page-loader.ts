import { lazyPart } from '#lib/ui/lazy-part.ts';

/**
 * The meeting page's code (MeetingPage.svelte and the database code under it), apart from the /moede route: a direct load
 * of /moede opens locked, and its passphrase screen then paints and responds without first fetching and running ~75 kB
 * gzip it cannot use yet (issue 17). It is fetched once the passphrase is typed or submitted (tabletLock.whileOpening),
 * or ahead from the citizen page.
 */
export const loadMeetingPage = lazyPart(() => import('./MeetingPage.svelte'));
