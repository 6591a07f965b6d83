import { lazyPart } from '#lib/ui/lazy-part.ts';

/**
 * Citizen mode's toggle, drawn by the layout on the screens with a citizen face (CITIZEN_PATHS). One loader, fetched
 * ahead with the meeting's parts (meeting/meeting-parts.ts): fetched as the meeting opened, its ~18 files each got a link
 * added to the document in the navigation's task (issue 17, profile of open1000), and a module handed over as a promise
 * is drawn a task later.
 */
export const loadCitizenMode = lazyPart(() => import('./CitizenMode.svelte'));
