import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { HomePage, waitUntilInteractive } from './pages';

/*
 * What Safari keeps: the app tells when it runs in a browser tab (Safari deletes a tab's data after
 * 7 days without use) and how to add it to the home screen, asks for persistent storage once there
 * is a citizen to keep, and tells plainly when crash protection is the database alone.
 */

class StorageSettingsPage {
	constructor(readonly page: Page) {}

	async open(): Promise<void> {
		await this.page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Indstillinger' }).click();
		await expect(this.page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible();
	}

	get crashProtection() {
		return this.page.getByTestId('crash-protection');
	}

	get homeScreenAdvice() {
		return this.page.getByTestId('home-screen-advice');
	}
}

/** As when opened from the iPad's home screen. */
async function fromHomeScreen(page: Page): Promise<void> {
	await page.addInitScript(() => {
		Object.defineProperty(navigator, 'standalone', { value: true });
		const matchMedia = window.matchMedia.bind(window);
		window.matchMedia = (query: string) =>
			query.includes('display-mode: standalone') ? ({ ...matchMedia(query), matches: true } as MediaQueryList) : matchMedia(query);
	});
}

test('in a browser tab: the first start says data may have been cleared, home says once how to add it to the home screen', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByTestId('first-start-note')).toContainText('Har Billedtale været brugt på denne tablet før?');
	await waitUntilInteractive(page);
	const home = new HomePage(page);
	const advice = page.getByTestId('home-screen-advice');
	await expect(advice.getByRole('heading', { name: 'Føj Billedtale til hjemmeskærmen' })).toBeVisible();
	await expect(advice).toContainText('sletter Safari alt, hvad en hjemmeside har gemt, når den ikke har været brugt i 7 dage');
	await expect(advice.getByRole('listitem')).toHaveText([
		'Åbn Billedtale i Safari.',
		'Tryk på Del-knappen: firkanten med en pil, der peger op.',
		'Vælg »Føj til hjemmeskærm«, og tryk på »Tilføj«.',
		'Åbn Billedtale fra ikonet på hjemmeskærmen fra nu af.'
	]);
	await expectNoAxeViolations(page, 'home with the home-screen advice');
	await advice.getByRole('button', { name: 'Forstået' }).click();
	await expect(advice).toHaveCount(0);
	await expect(home.addButton).toBeFocused();

	const settings = new StorageSettingsPage(page);
	await settings.open();
	await expect(settings.homeScreenAdvice).toBeVisible();
	await expect(settings.crashProtection).toHaveAttribute('data-state', 'journal');
	await expect(settings.crashProtection).toHaveText(/^Beskyttelse mod nedbrud: databasen og en ekstra kopi/);
	await expectNoAxeViolations(page, 'settings in a browser tab');

	// Once only: a reload does not show it on the home page again.
	await page.reload();
	await waitUntilInteractive(page);
	await home.open();
	await expect(page.getByTestId('home-screen-advice')).toHaveCount(0);
});

test('from the home screen nothing is asked of the user, and settings says it runs from there', async ({ page }) => {
	await fromHomeScreen(page);
	const home = new HomePage(page);
	await home.open();
	await expect(page.getByTestId('home-screen-advice')).toHaveCount(0);
	const settings = new StorageSettingsPage(page);
	await settings.open();
	await expect(settings.homeScreenAdvice).toHaveCount(0);
	await expect(page.getByTestId('home-screen-state')).toHaveText(/^Billedtale kører fra hjemmeskærmen/);
});

test('without a private file system the journal cannot run: settings says "kun databasen" and saving still works', async ({ page }) => {
	await page.addInitScript(() => {
		// As WebKitGTK without its storage features: no navigator.storage.getDirectory.
		delete (StorageManager.prototype as { getDirectory?: unknown }).getDirectory;
	});
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Ulla');
	const settings = new StorageSettingsPage(page);
	await settings.open();
	await expect(settings.crashProtection).toHaveAttribute('data-state', 'database-only');
	await expect(settings.crashProtection).toHaveText(/^Beskyttelse mod nedbrud: kun databasen\./);
	await page.reload();
	await waitUntilInteractive(page);
	await home.open();
	await expect(home.citizenLink('Ulla')).toBeVisible();
});

test('persistent storage is asked for once a citizen is added, not at start', async ({ page }) => {
	await page.addInitScript(() => {
		const asked = { count: 0 };
		(window as unknown as { persistAsked: typeof asked }).persistAsked = asked;
		StorageManager.prototype.persisted = async () => false;
		StorageManager.prototype.persist = async () => (asked.count++, false);
	});
	const asked = () => page.evaluate(() => (window as unknown as { persistAsked: { count: number } }).persistAsked.count);
	const home = new HomePage(page);
	await home.open();
	expect(await asked()).toBe(0);
	await home.addCitizen('Vera');
	await expect.poll(asked).toBe(1);
	await page.reload();
	await waitUntilInteractive(page);
	expect(await asked()).toBe(0);
});

test('when the database and localStorage are cleared but Cache Storage kept the marker, the start tells it', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Åge');
	await page.reload();
	await waitUntilInteractive(page);
	await page.goto('/icon.svg');
	await page.evaluate(async () => {
		const root = await navigator.storage.getDirectory();
		for (let tries = 0; ; tries++) {
			try {
				await root.removeEntry('journal', { recursive: true });
				break;
			} catch (error) {
				// The journal worker of the page just left lets go of its files when Chromium ends it, later on a busy machine.
				if (tries >= 300 || (error as DOMException).name !== 'NoModificationAllowedError') throw error;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
		localStorage.clear();
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.deleteDatabase('billedtale');
			request.onsuccess = () => resolve();
			request.onerror = () => reject(request.error);
		});
	});
	await page.goto('/');
	await waitUntilInteractive(page);
	await expect(page.getByRole('alert')).toContainText('Browseren har slettet Billedtales data på denne tablet');
});
