import { readNewestAnswersAhead } from '#lib/answers/newest-answers.svelte.ts';
import { FLOW_STEPS } from '#lib/domain/meeting-flow.ts';
import { locale } from '#lib/i18n/index.svelte.ts';
import { readMeetingAhead } from '#lib/storage/meeting-reads.svelte.ts';
import { lazyPart } from '#lib/ui/lazy-part.ts';
import { warmPictures } from '#lib/ui/warm-pictures.ts';
import { stepSymbolUrl } from './steps.ts';

/*
 * The meeting page's parts that are fetched when shown (Lazy), and fetched ahead only from inside the app. On a direct
 * load of /moede they are not: there the page opens locked, on the step its address names, and the parts of another
 * step or of a closed panel would only add to what the first screen loads (issue 17: the first-load JS of /moede went
 * from 145 to 176 kB gzip when the page's own code fetched them).
 */

/**
 * The adviser's panel stays as the adviser left it in this tab: through a reload and a visit to the symbol board. Only
 * whether it is open is kept, nothing about the meeting.
 */
export const STAFF_PANEL_KEY = 'billedtale.staffPanel';

export const staffPanelOpen = (): boolean => sessionStorage.getItem(STAFF_PANEL_KEY) === 'open';

// The panel shows words beyond the meeting part of the dictionary, which is all a meeting opened on its topics has (parts.ts).
export const loadStaffPanel = lazyPart(async () => (await Promise.all([import('./StaffPanel.svelte'), locale.loadScreenWords('all')]))[0]);
// The parts of the check-in, where a meeting opens (FIRST_MEETING_STEP).
export const loadAboutMe = lazyPart(() => import('./AboutMe.svelte'));
export const loadCheckIn = lazyPart(() => import('./CheckInStep.svelte'));

/**
 * Fetches the first step's parts and pictures and, when it is open in this tab, the panel's, for a meeting about to be opened from a
 * page of the app (the citizen page, once its meetings are listed). Fetching a lazy part first adds a link to the
 * document for each of its files (~50 for the panel), which took 150 ms of the tap at 4× CPU when it waited for the
 * meeting to open (issue 17, profile of open1000); the loaders then hand the parts over at once. A failed fetch is tried
 * again where the part is shown.
 */
export function warmMeetingParts(): void {
	if (staffPanelOpen()) Promise.resolve(loadStaffPanel()).catch(() => {});
	// And the pictures the meeting opens with: the agenda strip's, "Om mig"'s and the check-in's (ui/warm-pictures.ts says why).
	warmPictures(FLOW_STEPS.map(stepSymbolUrl));
	Promise.resolve(loadAboutMe())
		.then(({ aboutMePictures }) => warmPictures(aboutMePictures()))
		.catch(() => {});
	Promise.resolve(loadCheckIn())
		.then(({ checkInPictures }) => warmPictures(checkInPictures()))
		.catch(() => {});
}

/**
 * Reads what a meeting's page waits for before its first frame, from the press of a link to it (storage/read-ahead.ts):
 * the meeting with its citizen and, with the adviser's panel open in this tab, the panel's newest answers and their count.
 */
export function readMeetingOpening(meetingId: string): void {
	readMeetingAhead(meetingId);
	if (staffPanelOpen()) readNewestAnswersAhead(meetingId);
}
