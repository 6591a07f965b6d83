import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, expectReflow, readDatabase, TEST_PASSPHRASE, TEST_PIN, test } from './fixtures';
import { BoardPage, HomePage } from './pages';

/* Citizen mode ("Borgervisning", issue 14): nothing leads away from the board or the meeting until an adult holds "Voksen". */

const STAFF_LINKS = ['/', '/indstillinger', '/om'];

function adult(page: Page): Locator {
	return page.getByRole('button', { name: /^Voksen: hold inde/ });
}

function turnOn(page: Page): Locator {
	return page.getByRole('button', { name: 'Borgervisning', exact: true });
}

async function expectFocusNotOnBody(page: Page): Promise<void> {
	await page.evaluate(() => new Promise(requestAnimationFrame));
	expect(await page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
}

/** Every stop Tab reaches, one round through the page: its link address or button name. */
async function tabStops(page: Page): Promise<string[]> {
	await page.locator('#main').focus();
	const stops: string[] = [];
	for (let i = 0; i < 60; i++) {
		await page.keyboard.press('Tab');
		const stop = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			if (!el || el === document.body) return '';
			return `${el.closest('header') ? 'header ' : ''}${el.getAttribute('href') ?? el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`;
		});
		if (stops.includes(stop)) break;
		stops.push(stop);
	}
	return stops;
}

/** A full load asks for the passphrase; the header then shows citizen mode, not the menu. */
async function reloadInCitizenMode(page: Page): Promise<void> {
	await page.reload();
	await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
	await page.locator('#unlock-passphrase').fill(TEST_PASSPHRASE);
	await page.locator('main.gate form button[type="submit"]').first().click();
	await expect(adult(page)).toBeVisible();
}

test('on the board: the menu and editing are gone, a tap on "Voksen" does nothing, a 2-second hold leaves', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Gerda');
	const board = new BoardPage(page);
	await board.openFor(citizen);

	await turnOn(page).click();
	await expect(adult(page)).toBeVisible();
	await expect(page.locator('header nav')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Rediger tavle' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Lås', exact: true })).toHaveCount(0);
	await expectFocusNotOnBody(page);
	// Neither switch scanning nor dwell can choose it: it is no scan target and lies outside every access area.
	await expect(adult(page)).not.toHaveAttribute('data-scan');
	expect(await adult(page).evaluate((el) => el.closest('.access-area') === null)).toBe(true);
	await expectNoAxeViolations(page, 'board in citizen mode');
	await expectReflow(page, 'board in citizen mode');

	const stops = await tabStops(page);
	expect(stops.length).toBeGreaterThan(3);
	for (const href of [...STAFF_LINKS, '/tavler']) expect(stops.some((stop) => stop.endsWith(` ${href}`) || stop === href)).toBe(false);
	expect(stops.some((stop) => stop.includes('/tavle/rediger'))).toBe(false);

	// The browser's back gesture would lead to the citizen's page: it is held.
	await page.evaluate(() => history.back());
	await page.waitForTimeout(500);
	await expect(page).toHaveURL(/\/tavle\?/);
	await expect(board.heading('Forside')).toBeVisible();

	// The board itself is fully usable.
	await board.folder('Følelser').click();
	await expect(board.heading('Følelser')).toBeVisible();
	await board.cell('glad').click();
	await expect(board.message).toContainText('glad');

	// A tap: nothing happens, and it says politely what would.
	const lastCell = page.locator('.board:not([inert]) .grid [data-scan]').last();
	const cellBefore = await lastCell.boundingBox();
	await adult(page).click();
	// On screen; the screen reader's announcer (visually hidden) says the same words.
	const holdHint = page.getByText('Hold knappen Voksen inde i 2 sekunder for at forlade borgervisning.');
	await expect(holdHint.and(page.locator(':not([data-announcer])'))).toBeVisible();
	await expect(adult(page)).toBeVisible();
	await expect(page.locator('header nav')).toHaveCount(0);
	// The hint lies over the page: no cell moves under the citizen's finger, and focus stays where it was.
	expect(await lastCell.boundingBox()).toEqual(cellBefore);
	await expect(adult(page)).toBeFocused();
	await expectNoAxeViolations(page, 'board in citizen mode after a short press');
	// The next tap elsewhere takes it away, and that tap reaches the cell under it (another cell: "glad" again within
	// the tap filter's repeat time would be swallowed as a repeat, which a fast run reached).
	await board.cell('træt').click();
	await expect(holdHint.and(page.locator(':not([data-announcer])'))).toHaveCount(0);
	await expect(board.message.getByRole('listitem')).toHaveText(['glad', 'træt']);

	// It stays on through a reload and a soft lock (the app left, e.g. the home button).
	await reloadInCitizenMode(page);
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
	});
	await page.getByLabel('PIN').fill(TEST_PIN);
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(adult(page)).toBeVisible();
	await expect(page.locator('header nav')).toHaveCount(0);

	// Held with the pointer: the ring fills, and at two seconds the mode ends by itself.
	await adult(page).hover();
	await page.mouse.down();
	await page.waitForTimeout(1000);
	const progress = Number(await adult(page).evaluate((el) => getComputedStyle(el).getPropertyValue('--hold')));
	expect(progress).toBeGreaterThan(0.2);
	expect(progress).toBeLessThan(1);
	await expect(adult(page)).toBeVisible();
	await expect(turnOn(page)).toBeVisible({ timeout: 3000 });
	await page.mouse.up();
	await expect(page.locator('header nav')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Rediger tavle' })).toBeVisible();
	await expect(turnOn(page)).toBeFocused();
	await expectNoAxeViolations(page, 'board after citizen mode');

	// Held with a key on it, for a keyboard user.
	await turnOn(page).click();
	await adult(page).focus();
	await page.keyboard.down('Enter');
	await page.waitForTimeout(500);
	await page.keyboard.up('Enter');
	await expect(adult(page)).toBeVisible();
	await adult(page).focus();
	await page.keyboard.down(' ');
	await expect(turnOn(page)).toBeVisible({ timeout: 4000 });
	await page.keyboard.up(' ');
	await expect(turnOn(page)).toBeFocused();
	await expect(page.locator('header nav')).toBeVisible();
});

test('in the meeting: the staff panel cannot be opened, pause stays, and the PIN leaves too', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Karen');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await expect(meeting.staffPanel).toBeVisible();

	// The meeting's own pause, not the answer board's "Pause" symbol.
	const pause = page.locator('.page-head').getByRole('button', { name: 'Pause', exact: true });
	await turnOn(page).click();
	await expect(adult(page)).toBeVisible();
	await expect(meeting.staffPanel).toHaveCount(0);
	await expect(page.getByRole('button', { name: /rådgiverpanel$/ })).toHaveCount(0);
	await expect(page.getByLabel('Hold tabletten åben under mødet')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Tilbage til Karen' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Åbn symboltavlen' })).toBeVisible();
	await expect(pause).toBeVisible();
	await expect(meeting.board).toBeVisible();
	await expectNoAxeViolations(page, 'meeting in citizen mode');
	await expectReflow(page, 'meeting in citizen mode');
	const stops = await tabStops(page);
	expect(stops.some((stop) => /rådgiverpanel|\/borger|\/indstillinger|\/moede\/(temaer|ark|kort|plan)/.test(stop))).toBe(false);

	// Pause and back: the citizen's own break stays reachable.
	await pause.click();
	await page.getByRole('button', { name: 'Fortsæt mødet' }).click();
	await expect(pause).toBeFocused();

	// "Brug PIN": a wrong PIN says so at the field and keeps the mode; the right one leaves.
	await page.getByRole('button', { name: 'Brug PIN' }).click();
	const pin = page.getByLabel('PIN til at forlade borgervisning');
	await expect(pin).toBeFocused();
	await pin.fill('0000');
	await page.getByRole('button', { name: 'Forlad borgervisning' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Forkert PIN. 4 forsøg tilbage.' })).toBeVisible();
	await expect(pin).toBeFocused();
	await expect(adult(page)).toBeVisible();
	await expectNoAxeViolations(page, 'citizen mode PIN, wrong PIN');
	await expectReflow(page, 'citizen mode PIN');
	await pin.fill(TEST_PIN);
	await page.getByRole('button', { name: 'Forlad borgervisning' }).click();
	await expect(turnOn(page)).toBeFocused();
	// The panel comes back as it was left.
	await expect(meeting.staffPanel).toBeVisible();
	await expect(page.locator('header nav')).toBeVisible();
});

test('a jump through the tab’s history does not take citizen mode to another citizen’s meeting', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const anna = await (await home.addCitizen('Anna')).startMeeting({ phase: 'Opfølgning' });
	const annasMeeting = anna.id;
	const annasPlace = await page.evaluate(() => history.length);
	await page.getByRole('link', { name: 'Borgere' }).click();
	const bent = await (await home.addCitizen('Bent')).startMeeting({ phase: 'Opfølgning' });
	const bentsMeeting = bent.id;
	await turnOn(page).click();
	await expect(adult(page)).toBeVisible();
	// A long press on the browser's Back button offers the tab's earlier pages, Anna's meeting among them.
	const steps = annasPlace - (await page.evaluate(() => history.length));
	await page.evaluate((delta) => history.go(delta), steps);
	await page.waitForTimeout(500);
	expect(new URL(page.url()).searchParams.get('id')).toBe(bentsMeeting);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Bent');
	await bent.tap('Ja');
	const answers = (await readDatabase(page)).answers as { meetingId: string }[];
	expect(answers.map((answer) => answer.meetingId)).toEqual([bentsMeeting]);
	expect(annasMeeting).not.toBe(bentsMeeting);
	// The meeting's own board stays reachable in the mode, and the way back to the meeting.
	await page.getByRole('link', { name: 'Åbn symboltavlen' }).click();
	await expect(page).toHaveURL(new RegExp(`/tavle\\?borger=.*moede=${bentsMeeting}`));
	await page.goBack();
	await expect(page).toHaveURL(new RegExp(`/moede\\?id=${bentsMeeting}`));
});
