import type { Locator, Page } from '@playwright/test';
import { expect, readDatabase, test } from './fixtures';
import { BoardPage, HomePage, MeetingPage } from './pages';

/** Moves focus with Tab only, as a keyboard or switch user would, until the target has it. */
async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
	for (let i = 0; i < maxPresses; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}`);
}

async function activate(page: Page, target: Locator): Promise<void> {
	await tabTo(page, target);
	await page.keyboard.press('Enter');
}

test('the whole meeting journey can be done with the keyboard alone', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();

	await activate(page, home.addButton);
	const nameField = home.dialog.getByLabel('Navn eller initialer');
	await expect(nameField).toBeFocused();
	await page.keyboard.type('Frida');
	await activate(page, home.dialog.getByRole('button', { name: 'Gem' }));
	await expect(page.getByRole('heading', { level: 1, name: 'Frida' })).toBeVisible();

	await activate(page, page.getByRole('button', { name: 'Start møde' }));
	const dialog = page.getByRole('dialog', { name: 'Start møde' });
	await tabTo(page, dialog.getByRole('radio', { name: 'Faglig udredning' }));
	await page.keyboard.press('ArrowDown');
	await expect(dialog.getByRole('radio', { name: 'Valg af indsats' })).toBeChecked();
	await activate(page, dialog.getByRole('button', { name: 'Start møde' }));
	const meeting = new MeetingPage(page);
	// The meeting opens at its check-in: the answer board is one part further, the adviser's controls in the panel.
	await activate(page, meeting.agenda.getByRole('link', { name: 'Det taler vi om' }));
	await activate(page, page.getByRole('button', { name: 'Åbn rådgiverpanel' }));
	await expect(meeting.board).toBeVisible();

	const participants = page.getByRole('region', { name: 'Deltagere' });
	await tabTo(page, participants.getByLabel('Navn'));
	await page.keyboard.type('Ole');
	await tabTo(page, participants.getByLabel('Rolle'));
	await page.keyboard.press('ArrowDown');
	await expect(participants.getByLabel('Rolle')).toHaveValue('paaroerende');
	await activate(page, participants.getByRole('button', { name: 'Tilføj deltager' }));
	await expect(participants.getByText('Ole', { exact: true })).toBeVisible();

	const picker = meeting.board.page().getByRole('group', { name: 'Hvem svarer, og hvordan?' });
	await tabTo(page, picker.getByRole('radio', { name: 'Borgeren selv' }));
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(picker.getByRole('radio', { name: 'Formidlet af' })).toBeChecked();
	await tabTo(page, picker.getByLabel('Hvem?'));
	await page.keyboard.press('ArrowDown');
	await expect(page.getByText('Svar gemmes som: Formidlet af (Ole, Pårørende)')).toBeVisible();

	await tabTo(page, meeting.board.getByRole('button', { name: 'Ved ikke', exact: true }));
	await page.keyboard.press('Space');
	await expect(meeting.saveStatus).toContainText('Gemt: Ved ikke');

	await activate(page, meeting.answers.first().getByRole('button', { name: /^Ret svaret Ved ikke/ }));
	const correct = page.getByRole('dialog', { name: 'Ret svar' });
	await tabTo(page, correct.getByRole('radio', { name: 'Ved ikke' }));
	await page.keyboard.press('ArrowLeft');
	await expect(correct.getByRole('radio', { name: 'Nej' })).toBeChecked();
	await activate(page, correct.getByRole('button', { name: 'Gem' }));
	await expect(correct).toBeHidden();
	await expect(meeting.answers.first()).toContainText('Rettet 1 gang');

	await activate(page, meeting.answers.first().getByRole('button', { name: /^Fortryd svaret Nej/ }));
	await expect(meeting.answers.first().getByText('Fortrudt', { exact: true })).toBeVisible();

	const [answer] = (await readDatabase(page)).answers;
	expect(answer!.payload.content.value).toBe('nej');
	expect(answer!.payload.status).toBe('withdrawn');
	expect(answer!.payload.provenance.mode).toBe('formidlet');
	expect(answer!.payload.history.map((h: { change: string }) => h.change)).toEqual(['corrected', 'withdrawn']);

	// Escape closes a dialog without doing anything.
	await activate(page, page.getByRole('link', { name: 'Tilbage til Frida' }));
	await activate(page, page.getByRole('button', { name: 'Slet borger' }));
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog')).toBeHidden();
	await activate(page, page.getByRole('button', { name: 'Slet borger' }));
	await activate(page, page.getByRole('button', { name: 'Ja, slet alt om Frida' }));
	await expect(page.getByRole('status').filter({ hasText: 'Frida er slettet fra tabletten.' })).toBeVisible();
	const db = await readDatabase(page);
	expect([db.citizens, db.meetings, db.answers]).toEqual([[], [], []]);
});

test('a symbol board and its folders work with the keyboard alone', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Gitte');
	await activate(page, page.getByRole('link', { name: 'Symboltavler' }));
	const board = new BoardPage(page);
	await expect(board.heading('Forside')).toBeVisible();
	await activate(page, board.folder('Følelser'));
	await expect(board.heading('Følelser')).toBeVisible();
	await tabTo(page, board.cell('rolig'));
	await page.keyboard.press('Space');
	await expect(board.message.getByRole('listitem')).toHaveText(['rolig']);
	await activate(page, page.getByRole('button', { name: 'Tilbage', exact: true }));
	await expect(board.heading('Forside')).toBeVisible();
	await activate(page, page.getByRole('button', { name: 'Slet sidste' }));
	await expect(board.message).toContainText('Tryk på billederne');
});

test('arrow keys through a face scale save the point they rest on once, not every point they pass', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Aske');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.openStep('Hvordan går det?');
	const today = page.getByRole('group', { name: 'Hvordan har du det i dag?' });
	const stored = async () =>
		(await readDatabase(page)).answers
			.filter((a) => a.payload.content.kind === 'scale')
			.map((a) => [a.payload.content.pointId, a.payload.history.map((h: { content: { pointId: string } }) => h.content.pointId)]);
	await today.getByRole('radio', { name: 'Rigtig godt', exact: true }).focus();
	await page.keyboard.press('Space');
	await expect.poll(stored).toEqual([['rigtig-godt', []]]);
	// Four points passed, the last one left by Tab: one correction, from the first to the last.
	for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
	await expect(today.getByRole('radio', { name: 'Rigtig skidt', exact: true })).toBeChecked();
	await page.keyboard.press('Tab');
	await expect.poll(stored).toEqual([['rigtig-skidt', ['rigtig-godt']]]);
	// Resting on a point saves it too, with no Tab.
	await today.getByRole('radio', { name: 'Rigtig skidt', exact: true }).focus();
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect.poll(stored, { timeout: 5_000 }).toEqual([['midt-imellem', ['rigtig-godt', 'rigtig-skidt']]]);
	await expect(today.getByRole('radio', { name: 'Midt imellem', exact: true })).toBeChecked();
});
