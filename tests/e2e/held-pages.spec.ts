import { readdirSync, readFileSync } from 'node:fs';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { TEST_PASSPHRASE } from './tablet';
import { HomePage } from './pages';

/*
 * Issue 17: a direct load of a page (a reload, a bookmark, a tablet that restarts the app where it was) opens on the
 * passphrase screen, and the page's own code and words are not fetched until someone starts to open the tablet
 * (lock/held-page.ts). Each page's code is found by its source file in the build's manifest, and the rest of the Danish
 * words by what they say, so the test follows the build, not file names.
 */

// The service worker would answer the app's code from its cache, where the requests could not be seen.
test.use({ serviceWorkers: 'block' });

const manifest = JSON.parse(readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')) as Record<string, { file: string }>;

/** The address of the page component's own module in the build. */
function moduleOf(source: string): string {
	const entry = manifest[source];
	if (!entry) throw new Error(`${source} is not in the build's manifest (run npm run build)`);
	return `/${entry.file}`;
}

/** The address of the Danish words beyond the lock screens' and the meeting's (i18n/parts.ts), found by a key and its words. */
function danishRest(): string {
	const chunks = 'build/_app/immutable/chunks';
	const found = readdirSync(chunks).filter((file) => {
		const body = readFileSync(`${chunks}/${file}`, 'utf8');
		return body.includes('settings.title') && body.includes('Indstillinger') && !body.includes('Add citizen');
	});
	if (found.length !== 1) throw new Error(`the Danish rest of the words is in ${found.length} chunks (run npm run build)`);
	return `/_app/immutable/chunks/${found[0]}`;
}

test('every page loaded locked fetches its code and words only once the passphrase is typed, and is drawn after the unlock', async ({
	page
}) => {
	test.setTimeout(90_000);
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Hanne');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	const [c, m] = [citizen.id, meeting.id];
	const pages: [source: string, url: string][] = [
		['src/routes/borger/CitizenPage.svelte', `/borger?id=${c}`],
		['src/routes/historie/HistoryPage.svelte', `/historie?borger=${c}`],
		['src/routes/indstillinger/SettingsPage.svelte', '/indstillinger'],
		['src/routes/moede/MeetingPage.svelte', `/moede?id=${m}`],
		['src/routes/moede/ark/SheetPage.svelte', `/moede/ark?id=${m}`],
		['src/routes/moede/invitation/InvitationPage.svelte', `/moede/invitation?id=${m}`],
		['src/routes/moede/kort/QuestionCardsPage.svelte', `/moede/kort?id=${m}`],
		['src/routes/moede/plan/PlanPage.svelte', `/moede/plan?id=${m}`],
		['src/routes/moede/temaer/ThemesPage.svelte', `/moede/temaer?id=${m}`],
		['src/routes/tavle/BoardPage.svelte', `/tavle?borger=${c}`],
		['src/routes/tavle/rediger/BoardEditorPage.svelte', `/tavle/rediger?borger=${c}`],
		['src/routes/tavler/BoardsPage.svelte', `/tavler?borger=${c}`],
		['src/routes/om/AboutPage.svelte', '/om'],
		['src/routes/tilgaengelighed/AccessibilityPage.svelte', '/tilgaengelighed']
	];
	const words = danishRest();
	const requested: string[] = [];
	page.on('request', (request) => requested.push(new URL(request.url()).pathname));

	for (const [source, url] of pages) {
		const module = moduleOf(source);
		// The page before is left first: a preload it started could otherwise be counted for this one (seen once in a busy
		// run, after /om: /tilgaengelighed's code, asked for just after its document).
		await page.goto('about:blank');
		requested.length = 0;
		await page.goto(url);
		await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
		await expect(page.getByRole('heading', { level: 1, name: 'Lås Billedtale op' })).toBeVisible();
		expect(requested, `${url}: the page's code before the passphrase is typed`).not.toContain(module);
		expect(requested, `${url}: the page's words before the passphrase is typed`).not.toContain(words);

		await page.locator('#unlock-passphrase').fill(TEST_PASSPHRASE);
		await expect.poll(() => requested.includes(module), { message: `${url}: the page's code once typing began` }).toBe(true);
		await expect.poll(() => requested.includes(words), { message: `${url}: the page's words once typing began` }).toBe(true);
		await page.getByRole('button', { name: 'Lås op', exact: true }).click();
		await expect(page.locator('header nav')).toBeVisible();
		await expect(page.locator('main').getByRole('heading', { level: 1 }).first(), `${url}: the page drawn`).toBeVisible();
		await expect(page.getByText('Denne del af skærmen kunne ikke hentes')).toHaveCount(0);
	}
	await expectNoAxeViolations(page, 'the last page, drawn after the unlock');
});

test('a page opened inside the app is drawn with its code, not "Henter …" first, and its heading takes the focus', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Ib');
	const requested: string[] = [];
	page.on('request', (request) => requested.push(new URL(request.url()).pathname));
	// What a page shows before its own code has come; with the route's load waiting for the code, never shown here.
	await page.evaluate(() => {
		const seen = window as unknown as { pendingShown: boolean };
		seen.pendingShown = false;
		new MutationObserver(() => {
			if (document.querySelector('main')?.textContent?.trim() === 'Henter …') seen.pendingShown = true;
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	// By the keyboard: no hover or touch has preloaded the page's route.
	await page.getByRole('link', { name: 'Indstillinger' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeFocused();
	expect(requested).toContain(moduleOf('src/routes/indstillinger/SettingsPage.svelte'));
	expect(await page.evaluate(() => (window as unknown as { pendingShown: boolean }).pendingShown)).toBe(false);
});
