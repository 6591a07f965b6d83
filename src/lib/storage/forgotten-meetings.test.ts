import { afterEach, describe, expect, it, vi } from 'vitest';
import { hearDeletionsInOtherTabs, MEETING_KEY_PREFIX } from './forgotten-meetings.ts';

const kept = () =>
	Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i)!)
		.filter((key) => key.startsWith('billedtale.'))
		.sort();

describe('what a tab keeps of meetings deleted in another tab', () => {
	afterEach(() => sessionStorage.clear());

	it('goes when the other tab tells of the deletion, also without the page that kept it; any other message is ignored', async () => {
		const stop = hearDeletionsInOtherTabs();
		const otherTab = new BroadcastChannel('billedtale-meetings-deleted');
		try {
			for (const key of [`${MEETING_KEY_PREFIX.provenance}m1`, `${MEETING_KEY_PREFIX.themes}m1`, `${MEETING_KEY_PREFIX.themes}m2`]) {
				sessionStorage.setItem(key, '{}');
			}
			sessionStorage.setItem('billedtale.staff-panel', 'open');
			// Messages arrive in order: once m1 is gone, the four before it have been heard and ignored.
			otherTab.postMessage({ vaultChanged: true }); // Taken for "every meeting", it would empty the tab.
			otherTab.postMessage(null);
			otherTab.postMessage({ meetingIds: 'm2' });
			otherTab.postMessage({ meetingIds: [2] });
			otherTab.postMessage({ meetingIds: ['m1'] });
			await vi.waitFor(() => expect(kept()).toEqual(['billedtale.staff-panel', `${MEETING_KEY_PREFIX.themes}m2`]));
			otherTab.postMessage({ meetingIds: null }); // "Slet alt" in the other tab.
			await vi.waitFor(() => expect(kept()).toEqual(['billedtale.staff-panel']));
		} finally {
			otherTab.close();
			stop();
		}
	});
});
