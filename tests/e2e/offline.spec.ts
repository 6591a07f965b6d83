import { expect, readDatabase, test } from './fixtures';
import { HomePage, MeetingPage, waitUntilInteractive } from './pages';

test.use({ serviceWorkers: 'allow' });

test('after the first visit the app and its data work without a network', async ({ page, context }) => {
	const home = new HomePage(page);
	await home.open();
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	const citizen = await home.addCitizen('Dorthe');
	const citizenUrl = page.url();

	await context.setOffline(true);
	// A deep link with a query string is served from the precache too.
	await page.goto(citizenUrl);
	await waitUntilInteractive(page);
	await expect(citizen.heading('Dorthe')).toBeVisible();
	expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

	const meeting: MeetingPage = await citizen.startMeeting({ phase: 'Faglig udredning' });
	await meeting.tap('Hjælp');
	await page.reload();
	await waitUntilInteractive(page);
	await expect(meeting.answers).toHaveCount(1);
	await expect(meeting.answers.first()).toContainText('Hjælp');

	// Opened from the citizen page, the meeting's pictures are the copies fetched there (ui/warm-pictures.ts): not fetched
	// from the worker again for each <img>, which set each one up anew, and drawn with no network.
	await page.goto(citizenUrl);
	await waitUntilInteractive(page);
	const fetches = (name: string) =>
		page.evaluate((name) => performance.getEntriesByType('resource').filter((entry) => entry.name.includes(`/${name}.`)).length, name);
	await expect.poll(() => fetches('hej')).toBe(1);
	await page.getByRole('region', { name: 'Møder' }).getByRole('link').first().click();
	await expect(meeting.stepHeading).toBeVisible();
	const agendaPictures = meeting.agenda.locator('img');
	await expect(agendaPictures).toHaveCount(7);
	await expect
		.poll(() => agendaPictures.evaluateAll((pictures) => (pictures as HTMLImageElement[]).every((p) => p.complete && p.naturalWidth > 0)))
		.toBe(true);
	expect(await fetches('hej'), 'the agenda picture fetched again').toBe(1);
	expect(await agendaPictures.evaluateAll((pictures) => (pictures as HTMLImageElement[]).map((p) => p.src.slice(0, 5)))).toEqual(
		Array(7).fill('blob:')
	);

	// The start page, served by the worker, is the app and not some other cached file.
	await home.open();
	await expect(home.citizenLink('Dorthe')).toBeVisible();

	await page.goto('/indstillinger');
	await waitUntilInteractive(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible();
	const db = await readDatabase(page);
	expect(db.answers.map((a) => a.payload.content.value)).toEqual(['hjaelp']);
});
