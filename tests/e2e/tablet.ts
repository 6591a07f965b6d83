import { expect as playwrightExpect, type Page } from '@playwright/test';

/*
 * The tablet's lock as the specs and the benchmark open it. This module and pages.ts load in plain Node (the bench runs
 * `node bench/run.ts`): no `#lib` imports, no Playwright Test fixtures, nothing Node's type stripping refuses.
 */

/**
 * The page models' `expect`. In the test runner it is Playwright's, with the config's timeout; the bench, outside the
 * runner and on a 4× slowed CPU, gives it a longer one with useStepTimeout().
 */
export let expect = playwrightExpect;

/** How long every step of the page models may wait, outside the test runner (whose config sets it there). */
export function useStepTimeout(ms: number): void {
	expect = playwrightExpect.configure({ timeout: ms });
}

// Not the kind of example the setup screen could show: the setup refuses the passphrases of its own old help text.
export const TEST_PASSPHRASE = 'spurv kobber ørken fløjte månedag';
export const TEST_PIN = '2468';

/** Which lock screen the started app shows ('setup', 'hardLocked' …), or null when it shows the app itself. */
export async function lockState(page: Page): Promise<string | null> {
	await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
	// Once the app is ready, either the lock screens (main.gate) or the app itself are in the page.
	const gate = page.locator('main.gate');
	return (await gate.count()) > 0 ? await gate.getAttribute('data-lock') : null;
}

/**
 * Every full page load starts locked. The first one on a fresh profile walks through the setup; later
 * ones enter the passphrase. Resolves when the app itself is shown. `submitWith: 'Enter'` sends the passphrase from
 * the keyboard: a click leaves the mouse hovering where the first screen then draws a link, and SvelteKit's hover
 * preload fetches that page's code, which a finger on the tablet never does (the bench's timings must not include it).
 * `timeout` waits longer than a step for the app to show (the years bench's first setup seals a whole seeded tablet).
 */
export async function unlockTablet(
	page: Page,
	secrets = { passphrase: TEST_PASSPHRASE, pin: TEST_PIN },
	{ submitWith = 'click', timeout }: { submitWith?: 'click' | 'Enter'; timeout?: number } = {}
): Promise<void> {
	const { passphrase, pin } = secrets;
	const lock = await lockState(page);
	// By id, not by label: the helper must also work while the UI is in English.
	if (lock === 'setup') {
		await page.locator('#setup-passphrase').fill(passphrase);
		await page.locator('#setup-passphrase-repeat').fill(passphrase);
		await page.locator('main.gate input[type="checkbox"]').check();
		await page.locator('#setup-pin').fill(pin);
		await page.locator('#setup-pin-repeat').fill(pin);
		await page.locator('main.gate button[type="submit"]').click();
	} else if (lock === 'hardLocked') {
		await page.locator('#unlock-passphrase').fill(passphrase);
		if (submitWith === 'Enter') await page.locator('#unlock-passphrase').press('Enter');
		else await page.locator('main.gate form button[type="submit"]').first().click();
	} else if (lock !== null) {
		throw new Error(`unexpected lock state ${lock}`);
	}
	await expect(page.locator('header nav')).toBeVisible({ timeout });
}

export async function openApp(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await unlockTablet(page);
}

export async function reopen(page: Page): Promise<void> {
	await page.reload();
	await unlockTablet(page);
}
