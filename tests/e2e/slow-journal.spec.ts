import type { Page } from '@playwright/test';
import { expect, reopen, test } from './fixtures';
import { HomePage } from './pages';

/*
 * A list shows a new entry as soon as its write commits; the form's own "done" comes later, once the journal has
 * the write too. On a busy tablet that gap is long enough to start typing the next entry, which must then stay.
 */

/** Holds every message from the app's workers (the journal's answers among them) for `window.workerDelay` ms. */
async function slowWorkers(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const state = window as unknown as { workerDelay: number; heldMessages: number };
		state.workerDelay = 0;
		state.heldMessages = 0;
		const handler = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
		if (!handler?.set) throw new Error('Worker.prototype.onmessage is not an accessor here');
		Object.defineProperty(Worker.prototype, 'onmessage', {
			...handler,
			set(this: Worker, listener: ((event: MessageEvent) => void) | null) {
				if (!listener) return handler.set!.call(this, listener);
				handler.set!.call(this, (event: MessageEvent) => {
					if (state.workerDelay <= 0) return listener.call(this, event);
					state.heldMessages += 1;
					// One fixed delay for all keeps the messages in order.
					setTimeout(() => listener.call(this, event), state.workerDelay);
				});
			}
		});
	});
}

test('a participant typed while the previous one is still being saved is kept, not wiped by the first save', async ({ page }) => {
	await slowWorkers(page);
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Signe');
	const meeting = await citizen.startMeeting({ place: 'Bostedet', phase: 'Opfølgning' });
	await meeting.openStaffPanel();
	const section = page.getByRole('region', { name: 'Deltagere' });
	const nameField = section.getByLabel('Navn');
	const announced = page.locator('[data-announcer]');

	await page.evaluate(() => ((window as unknown as { workerDelay: number }).workerDelay = 1500));
	await nameField.fill('Mor Anne');
	await section.getByLabel('Rolle').selectOption({ label: 'Pårørende' });
	await section.getByRole('button', { name: 'Tilføj deltager' }).click();
	await expect(section.getByText('Mor Anne', { exact: true })).toBeVisible();
	// The fault fired: the list shows her while the add still waits for the journal.
	await expect(announced).not.toContainText('Mor Anne er med i mødet.');
	expect(await page.evaluate(() => (window as unknown as { heldMessages: number }).heldMessages)).toBeGreaterThan(0);
	await nameField.fill('Jonas');

	await expect(announced).toContainText('Mor Anne er med i mødet.');
	await expect(nameField).toHaveValue('Jonas');
	await page.evaluate(() => ((window as unknown as { workerDelay: number }).workerDelay = 0));
	await section.getByLabel('Rolle').selectOption({ label: 'Rådgiver' });
	await section.getByRole('button', { name: 'Tilføj deltager' }).click();
	await expect(announced).toContainText('Jonas er med i mødet.');
	await expect(nameField).toHaveValue('');

	await reopen(page);
	await meeting.openStaffPanel();
	await expect(section.getByRole('listitem')).toHaveText([/Signe/, /Mor Anne · Pårørende/, /Jonas · Rådgiver/]);
});
