import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, readDatabase, reopen, test } from './fixtures';
import { HomePage, type CitizenPage } from './pages';

/*
 * "Over tid" on the citizen's page reads only the answers of its own tools, through the plain `about` field
 * (issue 17). An answer stored before that field existed is still shown, and the pass after unlock gives it the field.
 */

async function checkIn(citizen: CitizenPage, page: Page, date: string, point: string): Promise<void> {
	const citizenId = citizen.id;
	const meeting = await citizen.startMeeting({ date, phase: 'Opfølgning' });
	await meeting.openStep('Hvordan går det?');
	const group = page.getByRole('group', { name: 'Hvordan har du det i dag?' });
	await group.getByRole('radio', { name: point, exact: true }).check();
	await expect(group.getByRole('radio', { name: point, exact: true })).toBeChecked();
	await page.getByRole('link', { name: 'Tilbage til Karen' }).click();
	await expect(page).toHaveURL(`/borger?id=${citizenId}`);
}

/** The stored answers as they lie in IndexedDB, plain fields only. */
function storedAnswers(page: Page): Promise<{ id: string; about?: string }[]> {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const request = indexedDB.open('billedtale');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const all = request.result.transaction('answers').objectStore('answers').getAll();
					all.onsuccess = () => {
						request.result.close();
						resolve(all.result.map(({ id, about }: { id: string; about?: string }) => ({ id, about })));
					};
				};
			})
	);
}

/** Takes `about` off one stored answer, leaving it as schema 10 stored it. */
function forgetAbout(page: Page, id: string): Promise<void> {
	return page.evaluate(
		(id) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('billedtale');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const tx = request.result.transaction('answers', 'readwrite');
					const store = tx.objectStore('answers');
					const read = store.get(id);
					read.onsuccess = () => {
						const { about: _, ...rest } = read.result as { about?: string };
						store.put(rest);
					};
					tx.oncomplete = () => (request.result.close(), resolve());
					tx.onerror = () => reject(tx.error);
				};
			}),
		id
	);
}

test('"Over tid" shows every meeting\'s check-in, also one stored before answers said which tool they came from', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Karen');
	await checkIn(citizen, page, '2026-10-01', 'Godt');
	await checkIn(citizen, page, '2026-11-01', 'Skidt');
	// A second meeting the same day has a row of its own (rows keyed by date showed only the first one's answers).
	await checkIn(citizen, page, '2026-11-01', 'Godt');

	const overTime = page.getByRole('region', { name: 'Over tid' });
	const rows = overTime.getByRole('table', { name: 'Svar over tid' }).locator('tbody tr');
	await expect(rows).toHaveText([/1\. oktober 2026/, /^1\. november 2026[^(]*$/, /1\. november 2026 \(2\)/]);
	expect(await rows.nth(1).textContent()).not.toBe((await rows.nth(2).textContent())?.replace(' (2)', ''));
	// Each row says who gave its answers: a figure relayed by someone else must not read as the citizen's own.
	await expect(overTime.getByRole('columnheader', { name: 'Hvem svarede' })).toBeVisible();
	await expect(rows.first().getByRole('cell').last()).toHaveText('Karen selv');
	const shown = await rows.allTextContents();
	await expectNoAxeViolations(page, '"Over tid" with two meetings');

	// Each answer says in the clear only which tool it came from: the check-ins and the topics chosen are meeting parts.
	const stored = await storedAnswers(page);
	expect(new Set(stored.map((a) => a.about))).toEqual(new Set(['meeting-part']));
	const opened = await readDatabase(page);
	const first = opened.answers.find((a) => a.payload.subject.kind === 'meeting-part' && a.payload.subject.part === 'check-in')!;
	await forgetAbout(page, first.id);
	expect((await storedAnswers(page)).find((a) => a.id === first.id)?.about).toBeUndefined();

	// After unlock the migration pass gives it the field again; "Over tid" shows both meetings as before, all along.
	await reopen(page);
	await expect(rows).toHaveText(shown);
	await expect.poll(async () => (await storedAnswers(page)).find((a) => a.id === first.id)?.about).toBe('meeting-part');
	await reopen(page);
	await expect(rows).toHaveText(shown);
});
