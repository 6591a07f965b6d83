import { execFileSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import { expect, readDatabase, test } from './fixtures';
import { HomePage, MeetingPage, PlanPage, waitUntilInteractive } from './pages';

test.use({ serviceWorkers: 'allow' });

/** Opens the citizen page's first meeting and waits until its agenda's seven pictures are drawn; gives those pictures. */
async function openFirstMeeting(page: Page): Promise<Locator> {
	await page.getByRole('region', { name: 'Møder' }).getByRole('link').first().click();
	const meeting = new MeetingPage(page);
	await expect(meeting.stepHeading).toBeVisible();
	const agendaPictures = meeting.agenda.locator('img');
	await expect(agendaPictures).toHaveCount(7);
	await expect
		.poll(() => agendaPictures.evaluateAll((shown) => (shown as HTMLImageElement[]).every((p) => p.complete && p.naturalWidth > 0)))
		.toBe(true);
	return agendaPictures;
}

test('after the first visit the app and its data work without a network', async ({ page, context }, testInfo) => {
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

	// The plan as a PDF, made offline: the PDF worker's code, its fonts and the symbols come from the worker's cache.
	const plan = new PlanPage(page);
	await plan.openFrom(meeting);
	await plan.show('Sagsversion');
	const file = testInfo.outputPath('offline.pdf');
	await (await plan.savePdf('Gem som PDF')).saveAs(file);
	expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('Hjælp');

	// Opened from the citizen page, the meeting's pictures are the copies fetched there (ui/warm-pictures.ts): not fetched
	// from the worker again for each <img>, which set each one up anew, and drawn with no network.
	await page.goto(citizenUrl);
	await waitUntilInteractive(page);
	const fetches = (name: string) =>
		page.evaluate((name) => performance.getEntriesByType('resource').filter((entry) => entry.name.includes(`/${name}.`)).length, name);
	await expect.poll(() => fetches('hej')).toBe(1);
	const agendaPictures = await openFirstMeeting(page);
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

test('pictures warmed before the worker took over the page are not set up again when the meeting opens', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await page.evaluate(() => navigator.serviceWorker.ready);
	const citizen = await home.addCitizen('Bodil');
	const citizenUrl = page.url();
	await citizen.startMeeting({ phase: 'Opfølgning' });

	// The first visit of a tablet: the citizen page warms the meeting's pictures before the worker controls it. Here the
	// worker is removed, and its registration (the app's, once the first screen answers) is held until the pictures are warm.
	await page.evaluate(async () => {
		for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
	});
	await page.addInitScript(() => {
		const container = navigator.serviceWorker;
		const register = container.register.bind(container);
		const held = window as unknown as { registerWorker?: () => Promise<unknown> };
		container.register = (...args: Parameters<ServiceWorkerContainer['register']>) =>
			new Promise((resolve, reject) => (held.registerWorker = () => register(...args).then(resolve, reject)));
	});
	const pictures: { url: string; done: boolean }[] = [];
	let lastPicture = 0;
	page.on('request', (request) => {
		if (!request.url().startsWith('blob:') || request.resourceType() !== 'image') return;
		pictures.push({ url: request.url(), done: false });
		lastPicture = Date.now();
	});
	page.on('requestfinished', (request) => {
		const picture = pictures.find((p) => p.url === request.url() && !p.done);
		if (picture) picture.done = true;
	});
	// Warming comes in three parts (the agenda's, and "Om mig"'s and the check-in's once their code is there): settled when
	// every picture asked for is set up and none has been asked for in a while.
	const allSetUp = () => pictures.length > 0 && pictures.every((p) => p.done) && Date.now() - lastPicture > 1000;
	await page.goto(citizenUrl);
	await waitUntilInteractive(page);
	expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
	await expect.poll(allSetUp).toBe(true);
	const warmedUpTo = pictures.length;
	const warmed = new Set(pictures.map((p) => p.url));

	// The worker takes over; every warmed copy is set up again under it.
	await page.evaluate(() => (window as unknown as { registerWorker: () => Promise<unknown> }).registerWorker());
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
	await expect.poll(allSetUp).toBe(true);
	expect(new Set(pictures.slice(warmedUpTo).map((p) => p.url)), 'every warmed picture set up again').toEqual(warmed);
	const before = pictures.length;

	await openFirstMeeting(page);
	expect(
		pictures.slice(before).map((p) => p.url),
		'pictures set up again for the meeting'
	).toEqual([]);
});
