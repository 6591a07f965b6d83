import { forgetWithMeetings } from './forgotten-meetings.ts';

/*
 * What is typed into a meeting's forms or chosen there and not yet added, kept for as long as the tab lives. The step and
 * the sheet are chosen by the address and only the current one is mounted, so moving to another step or sheet and back
 * dropped a half-typed goal or agreement, or a sheet's chosen symbols, without a word (review "tat", finding 6); the lock
 * kept them already (lock/screen-keeper.ts). In memory only, like the lock's copy of the page's fields: a reload clears
 * it, and it goes with its meeting (forgotten-meetings.ts). Here beside that file rather than in a feature folder, since
 * the meeting's plan and the conversation tools both keep drafts and neither may import the other.
 */

// Plain maps, looked up as a form mounts (inside its $derived, where a reactive map could not be written); the drafts
// in them are the reactive part.
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup table, never read as state
const byMeeting = new Map<string, Map<string, object>>();
forgetWithMeetings(byMeeting);

/** The meeting's draft of one form: the same reactive object each time the form is mounted, until `fresh()` empties it. */
export function meetingDraft<T extends object>(meetingId: string, form: string, empty: () => T): { value: T; fresh(): void } {
	let forms = byMeeting.get(meetingId);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- as byMeeting
	if (!forms) byMeeting.set(meetingId, (forms = new Map()));
	let kept = forms.get(form) as T | undefined;
	if (!kept) forms.set(form, (kept = reactive(empty())));
	const value = kept;
	return { value, fresh: () => Object.assign(value, empty()) };
}

/** A deeply reactive copy of `initial`: bound fields write into it, and the form reads it again when it comes back. */
function reactive<T extends object>(initial: T): T {
	const value = $state(initial);
	return value;
}
