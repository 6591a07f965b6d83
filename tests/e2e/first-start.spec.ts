import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, readDisk, test, unlockTablet } from './fixtures';

/*
 * Which first screen paints before any of the app's code runs (issue 17: the setup screen's LCP). Every page is prerendered
 * with both screens, and app.html guesses which one to show: the setup screen on a tablet's first start, the passphrase
 * screen on every other. The app's code is held back here, so what shows is the guess alone.
 */

// The service worker would answer the app's code from its cache, out of reach of page.route().
test.use({ serviceWorkers: 'block' });

/** Loads `/` with none of the app's code, and resolves to what the held-back start has painted. */
async function paintWithoutCode(page: Page) {
	await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
	await page.goto('/');
	const setup = page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' });
	const unlock = page.getByRole('heading', { level: 1, name: 'Lås Billedtale op' });
	return { setup, unlock };
}

test('a first start paints the setup screen before the app has started; a tablet with a key paints the passphrase screen', async ({
	page
}) => {
	const first = await paintWithoutCode(page);
	await expect(first.setup).toBeVisible();
	await expect(page.getByText('Har Billedtale været brugt på denne tablet før?')).toBeVisible();
	await expect(first.unlock).toBeHidden();
	// Before the app has read the key, the screen cannot set anything up.
	await expect(page.getByRole('button', { name: 'Sikr tabletten' })).toBeDisabled();
	expect(await page.evaluate(() => document.documentElement.dataset.ready)).toBeUndefined();
	await expectNoAxeViolations(page, 'setup screen painted before the app has started');

	await page.unrouteAll();
	await page.reload();
	await unlockTablet(page);
	expect((await readDisk(page)).vault, 'the setup stored a key').toBeTruthy();

	const later = await paintWithoutCode(page);
	await expect(later.unlock).toBeVisible();
	await expect(later.setup).toBeHidden();
	await expectNoAxeViolations(page, 'passphrase screen painted before the app has started');
});

test('a tablet set up before the first start was noted paints the passphrase screen once its database is found', async ({ page }) => {
	await page.goto('/');
	await unlockTablet(page);
	// What a tablet set up by an earlier version of the app has: a key in its database, and no note of it.
	await page.evaluate(() => localStorage.removeItem('billedtale.keyed'));

	const { setup, unlock } = await paintWithoutCode(page);
	await expect(unlock).toBeVisible();
	await expect(setup).toBeHidden();

	// Once started, the app notes the key, so the next start need not look for the database.
	await page.unrouteAll();
	await page.reload();
	await unlockTablet(page);
	expect(await page.evaluate(() => localStorage.getItem('billedtale.keyed'))).toBe('1');
});

/**
 * Which first screens are in the page when the app first opens its database to read the key: by then the page has
 * started (the lock reads the key once it is mounted), and only the screen app.html guessed should have.
 */
async function screensWhenKeyIsRead(page: Page): Promise<{ setup: boolean; unlock: boolean }> {
	await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
	return page.evaluate(() => (window as unknown as { screensAtKeyRead: { setup: boolean; unlock: boolean } }).screensAtKeyRead);
}

test('only the guessed first screen starts: the hidden one is gone before the key is read, on a first start and later', async ({
	page
}) => {
	await page.addInitScript(() => {
		const open = IDBFactory.prototype.open;
		IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
			const seen = window as unknown as { screensAtKeyRead?: { setup: boolean; unlock: boolean } };
			if (args[0] === 'billedtale' && !seen.screensAtKeyRead)
				seen.screensAtKeyRead = {
					setup: document.getElementById('setup-passphrase') !== null,
					unlock: document.getElementById('unlock-passphrase') !== null
				};
			return open.apply(this, args);
		};
	});
	await page.goto('/');
	expect(await screensWhenKeyIsRead(page)).toEqual({ setup: true, unlock: false });
	await unlockTablet(page);

	await page.reload();
	expect(await screensWhenKeyIsRead(page)).toEqual({ setup: false, unlock: true });
	await expect(page.getByRole('heading', { level: 1, name: 'Lås Billedtale op' })).toBeVisible();
	await unlockTablet(page);
});

test('a tablet whose note says it has a key, but has none, shows the setup screen once the key is read', async ({ page }) => {
	// What a tablet has whose database was cleared while the note stayed, or that ran under the service worker without
	// ever being set up: app.html guesses the passphrase screen.
	await page.addInitScript(() => localStorage.setItem('billedtale.keyed', '1'));
	await page.goto('/');
	const setup = page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' });
	await expect(setup).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Lås Billedtale op' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Sikr tabletten' })).toBeEnabled();
	await expectNoAxeViolations(page, 'setup screen drawn after a wrong guess');
	await unlockTablet(page);
	expect((await readDisk(page)).vault, 'the setup stored a key').toBeTruthy();
});
