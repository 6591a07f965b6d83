/*
 * What a tab keeps of a meeting outside the database, for a reload (the provenance choice, today's themes: sessionStorage
 * under `<prefix><meetingId>`, and a map in memory), goes when the meeting is deleted in the tab, with its citizen, or
 * by "Slet alt": random ids and theme ids only, yet they told which tools a deleted citizen's meeting used, and the
 * browser writes sessionStorage to disk. A tab hears only of its own deletions; another tab's keys go with that tab.
 */

const keptKeys = () => Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i) ?? '');

type Forget = (meetingIds: readonly string[] | undefined) => void;
const forgetters = new Set<Forget>();

/** From now on, a meeting deleted in this tab takes its `<prefix><meetingId>` key and its entry in `kept` along. */
export function forgetWithMeetings(prefix: string, kept: Map<string, unknown>): void {
	forgetters.add((meetingIds) => {
		const keys = meetingIds?.map((id) => prefix + id) ?? keptKeys().filter((key) => key.startsWith(prefix));
		if (meetingIds) for (const id of meetingIds) kept.delete(id);
		else kept.clear();
		for (const key of keys) sessionStorage.removeItem(key);
	});
}

/** Meetings deleted in this tab; undefined: every meeting ("Slet alt"). */
export function meetingsDeleted(meetingIds: readonly string[] | undefined): void {
	if (typeof sessionStorage === 'undefined') return;
	for (const forget of forgetters) forget(meetingIds);
}
