/*
 * What a tab keeps of a meeting outside the database, for a reload (the provenance choice, today's themes: sessionStorage
 * under `<prefix><meetingId>`, and a map in memory), goes when the meeting is deleted, with its citizen, or by "Slet
 * alt": random ids and theme ids only, yet they told which tools a deleted citizen's meeting used, and the browser writes
 * sessionStorage to disk. sessionStorage is the tab's own, so a deletion is told to the app's other open tabs too.
 */

/**
 * The prefixes of the per-meeting keys, named here rather than only where they are kept: a tab that has not loaded the
 * page that keeps one (a reload put it on another page) still holds the key, and must drop it when it hears of a deletion.
 */
export const MEETING_KEY_PREFIX = { provenance: 'billedtale.provenance.', themes: 'billedtale.vum.' } as const;

const CHANNEL = 'billedtale-meetings-deleted';

const keptKeys = () => Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i) ?? '');

const prefixes = new Set<string>(Object.values(MEETING_KEY_PREFIX));
/** What a tab keeps by meeting: a map, or what must also let go of something as an entry goes (hold-media.svelte.ts). */
type KeptByMeeting = Pick<Map<string, unknown>, 'delete' | 'clear'>;
const keptMaps = new Set<KeptByMeeting>();

/** From now on, a deleted meeting takes its entry in `kept` along, and its `<prefix><meetingId>` key with a prefix. */
export function forgetWithMeetings(kept: KeptByMeeting, prefix?: string): void {
	if (prefix !== undefined) prefixes.add(prefix);
	keptMaps.add(kept);
}

function forget(meetingIds: readonly string[] | undefined): void {
	if (typeof sessionStorage === 'undefined') return;
	for (const kept of keptMaps) {
		if (meetingIds) for (const id of meetingIds) kept.delete(id);
		else kept.clear();
	}
	const gone = meetingIds ? new Set(meetingIds) : undefined;
	for (const key of keptKeys()) {
		const prefix = [...prefixes].find((p) => key.startsWith(p));
		if (prefix !== undefined && (!gone || gone.has(key.slice(prefix.length)))) sessionStorage.removeItem(key);
	}
}

let channel: BroadcastChannel | undefined;

/** Meetings deleted in this tab; undefined: every meeting ("Slet alt"). The app's other tabs forget them too. */
export function meetingsDeleted(meetingIds: readonly string[] | undefined): void {
	forget(meetingIds);
	channel?.postMessage({ meetingIds: meetingIds ? [...meetingIds] : null });
}

/** Only what meetingsDeleted sends: the channel is the origin's own, yet a tab of another version may share it. */
function heard(data: unknown): readonly string[] | undefined | false {
	if (typeof data !== 'object' || data === null || !('meetingIds' in data)) return false;
	const { meetingIds } = data;
	if (meetingIds === null) return undefined;
	return Array.isArray(meetingIds) && meetingIds.every((id) => typeof id === 'string') ? meetingIds : false;
}

/** Hears the deletions made in the app's other tabs (from the root layout, once per tab); returns how to stop. */
export function hearDeletionsInOtherTabs(): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const listening = new BroadcastChannel(CHANNEL);
	listening.onmessage = ({ data }: MessageEvent<unknown>) => {
		const meetingIds = heard(data);
		if (meetingIds !== false) forget(meetingIds);
	};
	channel = listening;
	return () => {
		listening.close();
		if (channel === listening) channel = undefined;
	};
}
