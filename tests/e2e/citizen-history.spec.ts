import type { Page } from '@playwright/test';
import { MEETINGS_PAGE, OVER_TIME_PAGE } from '#lib/domain/history-pages.ts';
import { countStored, expect, expectNoAxeViolations, test } from './fixtures';
import { HomePage } from './pages';
import { lockState, unlockTablet } from './tablet';

/*
 * Years of use (issue 17): the citizen's page shows the newest meetings a page at a time, in its list and in "Over tid",
 * so what a user sees first, and what leaving the page tears down, does not grow with the history.
 */

const MEETINGS = 2 * MEETINGS_PAGE + 2;
const DAY = 86_400_000;
/** Weekly meetings, the newest first; each with a check-in, "Godt" and "Ikke godt" by turns. */
const dates = Array.from({ length: MEETINGS }, (_, i) => new Date(Date.UTC(2026, 10, 20) - i * 7 * DAY).toISOString().slice(0, 10));
const point = (i: number) => (i % 2 ? { pointId: 'ikke-godt', label: 'Ikke godt' } : { pointId: 'godt', label: 'Godt' });
const shownDate = (iso: string) =>
	new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${iso}T12:00:00`));

/**
 * A tablet from before encryption with one citizen's history, written in the clear before the first setup: the setup seals
 * every record and the pass after unlock brings them to today's shape, as on a tablet that was used for years.
 */
async function seedHistory(page: Page): Promise<void> {
	await page.goto('/');
	expect(await lockState(page)).toBe('setup');
	await page.evaluate(
		({ dates, points }) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('billedtale');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const tx = db.transaction(['citizens', 'meetings', 'answers'], 'readwrite');
					const citizenId = crypto.randomUUID();
					const at = Date.UTC(2026, 10, 20);
					tx.objectStore('citizens').put({ id: citizenId, createdAt: at - 400 * 86_400_000, payload: { displayName: 'Vera' } });
					dates.forEach((date, i) => {
						const createdAt = at - i * 7 * 86_400_000;
						const participants = [{ id: crypto.randomUUID(), name: 'Vera', role: 'borger' }];
						const meetingId = crypto.randomUUID();
						tx.objectStore('meetings').put({
							id: meetingId,
							citizenId,
							createdAt,
							date,
							payload: { place: '', phase: 'opfoelgning', participants }
						});
						tx.objectStore('answers').put({
							id: crypto.randomUUID(),
							meetingId,
							citizenId,
							createdAt: createdAt + 60_000,
							updatedAt: createdAt + 60_000,
							payload: {
								subject: { kind: 'meeting-part', part: 'check-in' },
								content: { kind: 'scale', scaleId: 'tre-punkt', ...points[i]! },
								provenance: { mode: 'selv' },
								status: 'active',
								confirmations: [],
								history: []
							}
						});
					});
					tx.oncomplete = () => (db.close(), resolve());
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ dates, points: dates.map((_, i) => point(i)) }
	);
	await unlockTablet(page);
	// The pass after unlock gives each answer its `about`, as a tablet used for years holds them (until then "Over tid" and
	// "Om mig" read every answer of the citizen, a fallback the over-time spec covers).
	await expect.poll(() => countStored(page, 'answers', '[citizenId+about]')).toBe(MEETINGS);
}

test('the meeting list shows the newest meetings a page at a time, and the focus goes to the first one shown more', async ({ page }) => {
	await seedHistory(page);
	const home = new HomePage(page);
	await home.citizenLink('Vera').click();
	const meetings = page.getByRole('region', { name: 'Møder' });
	const links = meetings.getByRole('listitem').getByRole('link');
	const more = meetings.getByRole('button', { name: 'Vis flere møder' });
	await expect(links).toHaveCount(MEETINGS_PAGE);
	await expect(links.first()).toHaveAccessibleName(new RegExp(`^${shownDate(dates[0]!)}`));
	await expect(more).toBeVisible();
	await expectNoAxeViolations(page, 'the first page of meetings with "Vis flere møder"');
	expect((await more.boundingBox())!.height).toBeGreaterThanOrEqual(44);

	await more.click();
	await expect(links).toHaveCount(2 * MEETINGS_PAGE);
	await expect(links.nth(MEETINGS_PAGE)).toBeFocused();
	await expect(links.nth(MEETINGS_PAGE)).toHaveAccessibleName(new RegExp(`^${shownDate(dates[MEETINGS_PAGE]!)}`));

	// The last page: the button goes, the focus is on the first meeting it brought, never on the body.
	await more.focus();
	await page.keyboard.press('Enter');
	await expect(links).toHaveCount(MEETINGS);
	await expect(more).toHaveCount(0);
	await expect(links.nth(2 * MEETINGS_PAGE)).toBeFocused();
	await expect(links.last()).toHaveAccessibleName(new RegExp(`^${shownDate(dates.at(-1)!)}`));
	await expectNoAxeViolations(page, 'every meeting shown');
});

test('"Over tid" shows the newest meetings\' answers, older ones on request, with the focus where they appear', async ({ page }) => {
	await seedHistory(page);
	const home = new HomePage(page);
	await home.citizenLink('Vera').click();
	const overTime = page.getByRole('region', { name: 'Over tid' });
	const rows = overTime.getByRole('table', { name: 'Svar over tid' }).locator('tbody tr');
	const older = overTime.getByRole('button', { name: 'Vis ældre møder' });
	/** The rows of the newest `count` meetings, oldest first, with each check-in's value and who gave it. */
	const expected = (count: number) =>
		dates
			.slice(0, count)
			.map((date, i) => `${shownDate(date)}${point(i).pointId === 'godt' ? '100 af 100' : '0 af 100'}Vera selv`)
			.reverse();
	await expect(rows).toHaveText(expected(OVER_TIME_PAGE));
	await expectNoAxeViolations(page, '"Over tid" with "Vis ældre møder"');

	await older.click();
	await expect(rows).toHaveText(expected(2 * OVER_TIME_PAGE));
	// The oldest meeting shown, where the older ones came in.
	await expect(rows.first().getByRole('rowheader')).toBeFocused();

	await older.click();
	await expect(rows).toHaveText(expected(MEETINGS));
	await expect(older).toHaveCount(0);
	await expect(rows.first().getByRole('rowheader')).toBeFocused();
	await expectNoAxeViolations(page, '"Over tid" with every meeting');
});
