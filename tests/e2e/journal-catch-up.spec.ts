import type { Page } from '@playwright/test';
import { expect, loseDatabase, openApp, readDatabase, test } from './fixtures';
import { HomePage, MeetingPage } from './pages';
import { DEEP } from '../tier';

/*
 * A crash between IndexedDB's commit and the journal's append leaves an answer in the database only; the next start shows
 * it, and finds the journal behind. Until the journal has caught up, a second crash that costs the database (Chromium
 * deletes one it finds torn) would lose it: the durability test's kills, ~4 s apart, once fell into the 10 s the catch-up
 * used to wait. The browser's death is stood in for by an append that never reaches the journal's worker.
 */

/** Drops the journal's appends while `window.dropAppends` is set, and counts them: IndexedDB commits, the journal never hears of it. */
async function dropJournalAppends(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const state = window as unknown as { dropAppends: boolean; droppedAppends: number };
		state.dropAppends = false;
		state.droppedAppends = 0;
		const post = Worker.prototype.postMessage;
		Worker.prototype.postMessage = function (this: Worker, message: unknown, options?: StructuredSerializeOptions) {
			if (state.dropAppends && (message as { op?: string } | null)?.op === 'append') {
				state.droppedAppends += 1;
				return;
			}
			post.call(this, message, options);
		} as Worker['postMessage'];
	});
}

// Of the journal spec's kind (the database lost as after a crash), so `npm run test:deep` runs it with that spec.
const ids = async (page: Page) => (await readDatabase(page)).answers.map((answer) => answer.id).sort();

test(
	'an answer only the database holds is in the journal by the next "Gemt", so losing the database then loses nothing',
	DEEP,
	async ({ context }) => {
		let page = await context.newPage();
		await dropJournalAppends(page);
		const home = new HomePage(page);
		await home.open();
		const citizen = await home.addCitizen('Nora');
		await citizen.startMeeting({ phase: 'Opfølgning' });
		const meetingUrl = page.url();
		await new MeetingPage(page).tap('Ja');

		// "Nej" is committed, and its page closes before the journal hears of it.
		await page.evaluate(() => ((window as unknown as { dropAppends: boolean }).dropAppends = true));
		await new MeetingPage(page).board.getByRole('button', { name: 'Nej', exact: true }).click();
		await expect.poll(async () => (await ids(page)).length).toBe(2);
		expect(await page.evaluate(() => (window as unknown as { droppedAppends: number }).droppedAppends)).toBe(1);
		await page.close({ runBeforeUnload: false });

		// The next start shows "Nej" and finds the journal behind; "Pause" is saved soon after, well within 10 s.
		page = await context.newPage();
		await openApp(page, meetingUrl);
		const meeting = new MeetingPage(page);
		await expect(meeting.board).toBeVisible();
		await meeting.tap('Pause');
		const stored = await ids(page);
		expect(stored).toHaveLength(3);
		// Lost with no tab open, as after a crash: from a page of the origin that does not run the app.
		await page.goto('/manifest.webmanifest');
		await loseDatabase(page);

		await openApp(page, meetingUrl);
		// The fault fired: the database was gone, and what there is came back from the journal.
		await expect(page.getByRole('status').filter({ hasText: 'hentet alt gemt tilbage' })).toBeVisible();
		expect(await ids(page)).toEqual(stored);
		await expect(new MeetingPage(page).board).toBeVisible();
	}
);
