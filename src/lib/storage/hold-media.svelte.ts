import { pruneUnusedMedia } from './boards.ts';
import { forgetWithMeetings } from './forgotten-meetings.ts';
import { holdMedia } from './media-holds.ts';

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
 * after the form that stored the photo has let go, and a story's photo or recording waits for an area likewise. Held by
 * meeting and by what waits, until nothing of it waits or the meeting is deleted; a closed tab lets go by itself.
 */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup table, never read as state
const heldForMeetings = new Map<string, Map<string, () => void>>();
const letGoOfMeeting = (meetingId: string) => {
	for (const letGo of heldForMeetings.get(meetingId)?.values() ?? []) letGo();
	return heldForMeetings.delete(meetingId);
};
forgetWithMeetings({ delete: letGoOfMeeting, clear: () => [...heldForMeetings.keys()].forEach(letGoOfMeeting) });

/** Holds the citizen's media while `waiting` says the meeting's `what` still waits with a medium, and lets go once not. */
export function holdMediaWhileWaiting(meetingId: string, what: string, citizenId: string, waiting: boolean): void {
	let held = heldForMeetings.get(meetingId);
	const letGo = held?.get(what);
	if (waiting && !letGo) {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- as heldForMeetings
		if (!held) heldForMeetings.set(meetingId, (held = new Map()));
		held.set(what, holdMediaUntilLetGo(citizenId));
	} else if (!waiting && letGo) {
		held!.delete(what);
		letGo();
	}
}
