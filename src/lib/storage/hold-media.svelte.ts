import { pruneUnusedMedia } from './boards.ts';
import { forgetWithMeetings } from './forgotten-meetings.ts';
import { holdMedia, keepMedia } from './media-holds.ts';

/**
 * How long the clean-up after a hold waits. A record that names a medium stored just before (an answer or a person on the
 * network map saved as the page closes) may still be on its way when the page lets go; it has long been written by then.
 */
export const CLEAN_UP_AFTER_MS = 30_000;

/**
 * Deletes the citizen's media that nothing refers to, `afterMs` from now, unless a tab holds them then (whose own
 * clean-up takes them later). A clean-up that fails (the tablet locked meanwhile) leaves them to the next one.
 */
export function cleanUpMediaLater(citizenId: string, afterMs = CLEAN_UP_AFTER_MS): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, afterMs)).then(() => pruneUnusedMedia(citizenId)).catch(() => undefined);
}

/**
 * While the calling component is open, no tab deletes the citizen's media (media-holds.ts): a photo or voice it has
 * stored for a record not saved yet, or that its undo can bring back, stays. Once it has let go, what it stored and no
 * record came to name (a story photo not placed, an answer whose save failed, the editor's undone cell) is cleaned up.
 */
export function holdMediaWhileOpen(citizenId: () => string): void {
	$effect(() => holdMediaUntilLetGo(citizenId()));
}

/** Holds the citizen's media until the returned function is called; what was stored meanwhile and is unused goes after. */
function holdMediaUntilLetGo(citizenId: string): () => void {
	const letGo = holdMedia(citizenId);
	return () => void letGo().then(() => cleanUpMediaLater(citizenId));
}

/*
 * What a meeting keeps waiting in the tab's memory beyond any one page (drafts.svelte.ts) can name a medium no record
 * names yet: a person added with a photo waits beside the network map until placed, through other sheets and steps, long
 * after the form that stored the photo has let go, and a story's photo or recording waits for an area likewise. Just
 * those media are kept (keepMedia), by meeting and by what waits, until nothing of it waits with them or the meeting is
 * deleted; every other clean-up goes on meanwhile. A closed tab lets go by itself, and what waited goes at the
 * citizen's next clean-up.
 */
interface Kept {
	ids: string;
	letGo: () => void;
}
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup table, never read as state
const keptForMeetings = new Map<string, Map<string, Kept>>();
const letGoOfMeeting = (meetingId: string) => {
	for (const { letGo } of keptForMeetings.get(meetingId)?.values() ?? []) letGo();
	return keptForMeetings.delete(meetingId);
};
forgetWithMeetings({ delete: letGoOfMeeting, clear: () => [...keptForMeetings.keys()].forEach(letGoOfMeeting) });

/** Keeps the media the meeting's `what` waits with (`mediaIds`, none once nothing waits); what it let go of goes after. */
export function keepMediaWhileWaiting(meetingId: string, what: string, citizenId: string, mediaIds: readonly string[]): void {
	let kept = keptForMeetings.get(meetingId);
	const ids = [...mediaIds].sort().join(' ');
	const before = kept?.get(what);
	if ((before?.ids ?? '') === ids) return;
	if (ids) {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- as keptForMeetings
		if (!kept) keptForMeetings.set(meetingId, (kept = new Map()));
		kept.set(what, { ids, letGo: letGoLater(citizenId, keepMedia(citizenId, mediaIds)) });
	} else kept?.delete(what);
	before?.letGo();
}

/** Lets go of a keep, and cleans up what it kept once it is no longer needed. */
function letGoLater(citizenId: string, letGo: () => void): () => void {
	return () => {
		letGo();
		void cleanUpMediaLater(citizenId);
	};
}
