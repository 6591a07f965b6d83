import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, openApp, readDatabase, test, unlockTablet } from './fixtures';
import { TEST_PASSPHRASE } from './tablet';
import { HomePage } from './pages';

/*
 * Parts fetched when first shown (a dialog, a meeting step, the setup screen's word list) can fail to arrive, e.g. under heavy load.
 * The screen then says so in Danish and offers "Prøv igen", which fetches the part again.
 */

// The service worker would answer the app's files from its cache; these tests must reach (and break) the network.
test.use({ serviceWorkers: 'block' });

/** From now on, every file of the app's code not fetched yet answers 404 until `restore()`; counts the refusals. */
async function breakCodeFetches(page: Page) {
	let failing = true;
	let refused = 0;
	await page.route('**/_app/immutable/**', (route) => {
		if (!failing) return route.fallback();
		refused += 1;
		return route.fulfill({ status: 404, body: 'Not found' });
	});
	return {
		refused: () => refused,
		restore: () => {
			failing = false;
		}
	};
}

test('the new-citizen form that does not arrive is told in Danish, and "Prøv igen" opens it', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const network = await breakCodeFetches(page);

	await home.addButton.click();
	const failed = page.getByRole('alert').filter({ hasText: 'Denne del af skærmen kunne ikke hentes' });
	await expect(failed).toBeVisible();
	expect(network.refused(), 'the form was asked for and refused').toBeGreaterThan(0);
	await expect(home.dialog).toHaveCount(0);
	await expectNoAxeViolations(page, 'a part that could not be fetched');

	network.restore();
	await page.getByRole('button', { name: 'Prøv igen' }).click();
	await expect(home.dialog).toBeVisible();
	await expect(failed).toHaveCount(0);
	// The form that arrived late works: the citizen is stored.
	await home.dialog.getByLabel('Navn eller initialer').fill('Birthe');
	await home.dialog.getByRole('button', { name: 'Gem' }).click();
	await expect(page).toHaveURL(/\/borger\?id=/);
	expect((await readDatabase(page)).citizens.map((c) => c.payload.displayName)).toEqual(['Birthe']);
});

test('a first start whose word list for "Foreslå fem ord" does not arrive says so, and a second tap suggests', async ({ page }) => {
	// The setup screen is part of every page; only the word list behind its suggestion is fetched when asked for.
	let refused = 0;
	let failing = true;
	await page.route('**/_app/immutable/**', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		// The word list's module is the one with one of its words (no symbol or text of the app has it).
		if (failing && body.includes('lavendel')) {
			refused += 1;
			return route.fulfill({ status: 404, body: 'Not found' });
		}
		return route.fulfill({ response, body });
	});
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' })).toBeVisible();
	// The prerendered button is there before the app has started; a tap on it before then does nothing.
	await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
	const suggest = page.getByRole('button', { name: 'Foreslå fem ord' });
	await suggest.click();
	const failed = page.getByRole('alert').filter({ hasText: 'Forslaget kunne ikke hentes. Der er ikke mistet noget.' });
	await expect(failed).toBeVisible();
	expect(refused, 'the word list was asked for and refused').toBeGreaterThan(0);
	await expectNoAxeViolations(page, 'a suggestion that could not be fetched');

	failing = false;
	await suggest.click();
	await expect(page.getByText(/^Forslag: [a-zæøå]+( [a-zæøå]+){4}$/)).toBeVisible();
	await expect(failed).toHaveCount(0);
});

test('English whose words do not arrive leaves the page in Danish, says so in Danish, and choosing it again works', async ({ page }) => {
	await openApp(page, '/indstillinger');
	// Only the English dictionary is refused: its module is the one holding the English name of the home screen's button.
	let refused = 0;
	let failing = true;
	await page.route('**/_app/immutable/**', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (failing && body.includes('Add citizen')) {
			refused += 1;
			return route.fulfill({ status: 404, body: 'Not found' });
		}
		return route.fulfill({ response, body });
	});
	const english = page.getByRole('radio', { name: 'English' });
	const danish = page.getByRole('radio', { name: 'Dansk' });

	// A click, not check(): the radio is meant to end up unchecked again.
	await english.click();
	const failed = page.getByRole('alert').filter({ hasText: 'Engelsk kunne ikke hentes, så Billedtale er stadig på dansk.' });
	await expect(failed).toBeVisible();
	expect(refused, 'the English dictionary was asked for and refused').toBeGreaterThan(0);
	await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
	// The radios show the language on screen, so English can be chosen again.
	await expect(danish).toBeChecked();
	await expect(english).not.toBeChecked();
	await expectNoAxeViolations(page, 'a language that could not be fetched');

	// The failed choice is not kept: the next start is Danish and does not try English again.
	await page.reload();
	await unlockTablet(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible();
	const refusedBeforeRetry = refused;

	failing = false;
	await english.check();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
	expect(refused, 'the start after the failure did not ask for English').toBe(refusedBeforeRetry);
	await page.reload();
	await unlockTablet(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	// What the unlock starts in the background (the upgrade pass's module, say) may still be on its way through the route.
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a meeting loaded locked fetches its page once the passphrase is typed, and says so when that page does not arrive', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Mona');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	const step = await meeting.stepHeading.textContent();

	// The meeting page's module is the one with the id of its "keep the tablet open" help (no other file has it).
	let asked = 0;
	let failing = true;
	// The refusal is held back until the test lets it go, so the page can be seen waiting for its code.
	let refuse = () => {};
	const refusing = new Promise<void>((resolve) => (refuse = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (!body.includes('meeting-keep-open-help')) return route.fulfill({ response, body });
		asked += 1;
		if (!failing) return route.fulfill({ response, body });
		await refusing;
		return route.fulfill({ status: 404, body: 'Not found' });
	});
	await page.reload();
	await expect(page.locator('main.gate[data-lock="hardLocked"]')).toHaveCount(1);
	await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
	// The passphrase screen is up and usable without the meeting page's code …
	expect(asked, 'the meeting page fetched before anyone typed').toBe(0);
	// … which is fetched as the passphrase is typed, before it is submitted.
	await page.locator('#unlock-passphrase').fill(TEST_PASSPHRASE);
	await expect.poll(() => asked, { message: 'the meeting page fetched while the passphrase is typed' }).toBeGreaterThan(0);

	await page.locator('#unlock-passphrase').press('Enter');
	// Open, with the page's code still on its way: the page says it is fetching, not an empty screen.
	await expect(page.locator('header nav')).toBeVisible();
	await expect(page.locator('#main').getByText('Henter …', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page, 'a meeting page on its way');
	refuse();
	const failed = page.getByRole('alert').filter({ hasText: 'Denne del af skærmen kunne ikke hentes' });
	await expect(failed).toBeVisible();
	await expect(page.locator('#main').getByText('Henter …', { exact: true })).toHaveCount(0);
	await expectNoAxeViolations(page, 'a meeting page that could not be fetched');

	failing = false;
	await page.getByRole('button', { name: 'Prøv igen' }).click();
	await expect(meeting.stepHeading).toHaveText(step ?? '');
	await expect(failed).toHaveCount(0);
	// The page that arrived late works: a tap on the answer board is stored.
	await meeting.tap('Ja');
	expect((await readDatabase(page)).answers).toHaveLength(1);
});

test('a page loaded locked whose words do not arrive says so after the unlock, and "Prøv igen" draws it', async ({ page }) => {
	await new HomePage(page).open();
	// The Danish words beyond the lock screens' and the meeting's, known by a key and its words (i18n/parts.ts).
	let asked = 0;
	let failing = true;
	await page.route('**/_app/immutable/**', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (!(body.includes('settings.title') && body.includes('Indstillinger'))) return route.fulfill({ response, body });
		asked += 1;
		return failing ? route.fulfill({ status: 404, body: 'Not found' }) : route.fulfill({ response, body });
	});
	await page.goto('/indstillinger');
	await expect(page.locator('main.gate[data-lock="hardLocked"]')).toHaveCount(1);
	await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
	// The passphrase screen does not wait for the page's words: they are asked for once someone types.
	expect(asked, 'the words fetched before anyone typed').toBe(0);
	await unlockTablet(page);
	const failed = page.getByRole('alert').filter({ hasText: 'Denne del af skærmen kunne ikke hentes' });
	await expect(failed).toBeVisible();
	expect(asked).toBeGreaterThan(0);
	await expectNoAxeViolations(page, 'a page whose words could not be fetched');

	failing = false;
	await page.getByRole('button', { name: 'Prøv igen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible();
	await expect(failed).toHaveCount(0);
});
