import type { Page } from '@playwright/test';
import { expect, reopen, test } from './fixtures';
import { HomePage, PlanPage, StoryPage } from './pages';

/*
 * A list shows a new entry as soon as its write commits; the form's own "done" comes later, once the journal has
 * the write too. On a busy tablet that gap is long enough to start typing the next entry, which must then stay.
 */

type Held = { workerDelay: number; heldMessages: number; releasedMessages: number };

/** Holds every message from the app's workers (the journal's answers among them) for `window.workerDelay` ms. */
async function slowWorkers(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const state = window as unknown as Held;
		state.workerDelay = 0;
		state.heldMessages = 0;
		state.releasedMessages = 0;
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
					setTimeout(() => {
						listener.call(this, event);
						state.releasedMessages += 1;
					}, state.workerDelay);
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
	// The fault fired: the journal's answer is held, and the add still waits for it while the list shows her.
	await expect.poll(() => page.evaluate(() => (window as unknown as Held).heldMessages)).toBeGreaterThan(0);
	await expect(announced).not.toContainText('Mor Anne er med i mødet.');
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

test('on the plan page, a goal and an agreement typed while the previous one is still being saved are kept', async ({ page }) => {
	await slowWorkers(page);
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Signe');
	const meeting = await citizen.startMeeting({ place: 'Bostedet', phase: 'Opfølgning' });
	await meeting.addParticipant('Jonas', 'Rådgiver');
	const plan = new PlanPage(page);
	await plan.openFrom(meeting);
	const editor = page.getByRole('region', { name: 'Mål og aftaler' });
	const goalField = editor.getByLabel('Nyt mål i borgerens egne ord');
	const whatField = editor.getByLabel('Ny aftale: hvad skal ske?');
	const whenField = editor.getByLabel('Hvornår?');
	const setDelay = (ms: number) => page.evaluate((delay) => ((window as unknown as Held).workerDelay = delay), ms);
	/** Every held message has reached the app, and the add that waited for them has had its turn. */
	const allReleased = () =>
		expect
			.poll(() => page.evaluate(() => (window as unknown as Held).releasedMessages === (window as unknown as Held).heldMessages))
			.toBe(true);

	await setDelay(1500);
	await goalField.fill('Jeg vil selv handle ind.');
	await editor.getByRole('button', { name: 'Tilføj mål' }).click();
	await expect(plan.document.getByText('Jeg vil selv handle ind.', { exact: true })).toBeVisible();
	// The fault fired: the document shows the goal while its save still waits for the journal's held answer.
	await expect
		.poll(() => page.evaluate(() => (window as unknown as Held).heldMessages - (window as unknown as Held).releasedMessages))
		.toBeGreaterThan(0);
	await goalField.fill('Jeg vil gå en tur hver dag.');
	await allReleased();
	await expect(goalField).toHaveValue('Jeg vil gå en tur hver dag.');

	await whatField.fill('Øve indkøb hver fredag');
	await editor.getByLabel('Hvem gør det?').selectOption({ label: 'Jonas · Rådgiver' });
	await whenField.fill('hver fredag');
	await editor.getByRole('button', { name: 'Tilføj aftale' }).click();
	await expect(plan.document.getByText('Øve indkøb hver fredag', { exact: true })).toBeVisible();
	await whatField.fill('Finde en bus til butikken');
	await whenField.fill('før jul');
	await allReleased();
	await expect(whatField).toHaveValue('Finde en bus til butikken');
	await expect(whenField).toHaveValue('før jul');

	await setDelay(0);
	await editor.getByRole('button', { name: 'Tilføj mål' }).click();
	await editor.getByRole('button', { name: 'Tilføj aftale' }).click();
	await expect(plan.document.getByText('Jeg vil gå en tur hver dag.', { exact: true })).toBeVisible();
	await expect(plan.document.getByText('Finde en bus til butikken', { exact: true })).toBeVisible();
	await expect(goalField).toHaveValue('');
	await expect(whatField).toHaveValue('');
	// An empty goal or agreement adds nothing.
	await editor.getByRole('button', { name: 'Tilføj mål' }).click();
	await editor.getByRole('button', { name: 'Tilføj aftale' }).click();

	await reopen(page);
	await plan.show('Sagsversion');
	const rows = (caption: string) => plan.document.getByRole('table', { name: caption, exact: true }).locator('tbody tr');
	await expect(rows('Mål')).toHaveText([/Jeg vil selv handle ind\./, /Jeg vil gå en tur hver dag\./]);
	await expect(rows('Aftaler')).toHaveText([/Øve indkøb hver fredag/, /Finde en bus til butikken/]);
});

test('in the meeting, a goal typed and added while the one before is still being saved is added too, once', async ({ page }) => {
	await slowWorkers(page);
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Signe');
	const meeting = await citizen.startMeeting({ place: 'Bostedet', phase: 'Opfølgning' });
	await meeting.openStep('Mål og aftaler');
	const goalField = page.getByLabel('Målet med borgerens egne ord');
	const add = page.getByRole('button', { name: 'Tilføj mål' });
	const goals = page.getByRole('region', { name: 'Mål', exact: true }).locator('ul.items > li strong');
	const held = () => page.evaluate(() => (window as unknown as Held).heldMessages - (window as unknown as Held).releasedMessages);

	await page.evaluate(() => ((window as unknown as Held).workerDelay = 1500));
	await goalField.fill('Jeg vil bage boller');
	await add.click();
	await expect(goals).toHaveText(['Jeg vil bage boller']);
	// The fault fired: the list shows the goal while its add still waits for the journal's held answer.
	await expect.poll(held).toBeGreaterThan(0);
	await goalField.fill('Jeg vil cykle');
	await add.click();
	expect(await held()).toBeGreaterThan(0);
	// Added once the first is done, not dropped because it was still on its way; a double click adds one.
	await expect(goals).toHaveText(['Jeg vil bage boller', 'Jeg vil cykle']);
	await expect(goalField).toHaveValue('');
	await page.evaluate(() => ((window as unknown as Held).workerDelay = 0));
	await goalField.fill('Jeg vil stå tidligt op');
	await add.dblclick();
	await expect(goals).toHaveText(['Jeg vil bage boller', 'Jeg vil cykle', 'Jeg vil stå tidligt op']);
	await expect(goalField).toHaveValue('');

	await reopen(page);
	await expect(goals).toHaveText(['Jeg vil bage boller', 'Jeg vil cykle', 'Jeg vil stå tidligt op']);
});

test('on the story, "Gør igen" right after "Fortryd" does it again, while the undo is still being saved', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Signe');
	const story = new StoryPage(page);
	await story.open();
	await story.search('glad');
	await story.symbolResult('glad').click();
	await story.area('Det gør mit liv bedre').click();
	const glad = story.item('Billede: glad');
	await expect(glad).toHaveAttribute('data-area', 'bedre');
	// Placed, it is chosen: a tap on another area moves it there.
	await expect(glad).toHaveAttribute('aria-pressed', 'true');
	await story.area('Det står i vejen').click();
	await expect(glad).toHaveAttribute('data-area', 'i-vejen');

	// Both in one task, as a quick second tap comes while the undo is still being sealed and stored.
	await page.evaluate(() => {
		const button = (name: string) =>
			[...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === name)!;
		button('Fortryd').click();
		button('Gør igen').click();
	});
	await expect(story.status).toHaveText('Gjort igen.');
	await expect(glad).toHaveAttribute('data-area', 'i-vejen');

	await reopen(page);
	await expect(story.item('Billede: glad')).toHaveAttribute('data-area', 'i-vejen');
});
