import { expect, expectNoAxeViolations, readDatabase, reopen, test } from './fixtures';
import { openApp } from './tablet';
import { BoardPage, HomePage, unlockWithPin } from './pages';

test('who answers is chosen once per meeting: it holds on the symbol board, through locks and a reload, and every answer is stored with it', async ({
	page
}) => {
	// The idle lock is part of the walk; the clock lets it fire without waiting five minutes.
	await page.clock.install();
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Sofie');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.addParticipant('Sofie', 'Borger');
	await meeting.addParticipant('Jonas', 'Udfører');
	const withSupport = 'Svar gemmes som: Borgeren med støtte (Jonas, Udfører)';

	// Only someone other than the citizen supports or observes: Sofie is never offered as her own helper.
	for (const mode of ['Observeret', 'Borgeren med støtte']) {
		await meeting.picker.getByRole('radio', { name: mode }).check();
		await expect(meeting.picker.getByLabel('Hvem?').getByRole('option')).toHaveText(['Ingen valgt', 'Jonas (Udfører)']);
	}
	await meeting.answeringAs('Borgeren med støtte', 'Jonas (Udfører)');
	await expect(page.getByText(withSupport)).toBeVisible();
	await meeting.tap('Ja');

	// The symbol board opened from the meeting answers the same way, and says so next to its save buttons.
	await page.getByRole('link', { name: 'Åbn symboltavlen' }).click();
	const board = new BoardPage(page);
	await expect(board.heading('Forside')).toBeVisible();
	await expect(board.saveSection.getByText(withSupport)).toBeVisible();
	const change = board.saveSection.getByRole('button', { name: 'Skift, hvem der svarer' });
	await expect(change).toHaveAttribute('aria-expanded', 'false');
	await expect(board.saveSection.getByRole('group', { name: 'Hvem svarer, og hvordan?' })).toBeHidden();
	await expectNoAxeViolations(page, 'board in a meeting with the choice shown');
	await change.click();
	await expect(change).toHaveAttribute('aria-expanded', 'true');
	await expect(board.saveSection.getByRole('radio', { name: 'Borgeren med støtte' })).toBeChecked();
	await expect(board.saveSection.getByLabel('Hvem?')).toHaveValue(/.+/);
	await expectNoAxeViolations(page, 'board in a meeting with the choice open');
	await change.click();

	await board.folder('Ønsker').click();
	await board.cell('vil gerne').click();
	await board.cell('alene').click();
	await board.saveMessage('Gem beskeden som svar', 'vil gerne alene');
	await board.saveMessage('Gem sidste billede som svar', 'alene');

	// "Lås" unmounts every page; after the PIN the board still answers with support by Jonas.
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await unlockWithPin(page);
	await expect(board.saveSection.getByText(withSupport)).toBeVisible();
	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	await expect(meeting.picker.getByRole('radio', { name: 'Borgeren med støtte' })).toBeChecked();
	await expect(page.getByText(withSupport)).toBeVisible();
	await meeting.tap('Nej');

	// The idle lock is the same soft lock.
	await page.clock.fastForward('05:01');
	await unlockWithPin(page);
	await expect(page.getByText(withSupport)).toBeVisible();
	await meeting.tap('Ved ikke');

	// A reload within the meeting (here after the passphrase) keeps the choice; the tab keeps no names for it.
	await reopen(page);
	await expect(page.getByText(withSupport)).toBeVisible();
	await meeting.tap('Ja');
	const kept = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
	expect(kept).not.toContain('Jonas');
	expect(kept).not.toContain('Sofie');

	let db = await readDatabase(page);
	const people = db.meetings[0]!.payload.participants as Array<{ id: string; name: string }>;
	const jonas = people.find((p) => p.name === 'Jonas')!.id;
	expect(db.answers).toHaveLength(6);
	for (const answer of db.answers) {
		expect(answer.meetingId).toBe(meeting.id);
		expect(answer.payload.provenance).toStrictEqual({ mode: 'med-stoette', participantId: jonas });
	}

	// "Borgeren selv" names nobody, even with Jonas picked a moment ago, on the meeting board and on the symbol board.
	await meeting.answeringAs('Borgeren selv');
	await expect(meeting.picker.getByLabel('Hvem?')).toHaveCount(0);
	await expect(page.getByText('Svar gemmes som: Borgeren selv', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page, 'meeting with the citizen answering alone');
	await meeting.tap('Nej');
	await page.getByRole('link', { name: 'Åbn symboltavlen' }).click();
	await expect(board.saveSection.getByText('Svar gemmes som: Borgeren selv', { exact: true })).toBeVisible();
	await board.cell('ja').click();
	await board.saveMessage('Gem beskeden som svar', 'ja');

	db = await readDatabase(page);
	const alone = db.answers.filter((a) => a.payload.provenance.mode === 'selv');
	expect(alone).toHaveLength(2);
	for (const answer of alone) expect(Object.keys(answer.payload.provenance)).toEqual(['mode']);

	// The tab's keeping of the choice goes with the citizen: the browser writes sessionStorage to disk.
	const meetingId = db.meetings[0]!.id;
	const keptOfMeeting = () => page.evaluate((id) => Object.keys(sessionStorage).filter((key) => key.endsWith(id)), meetingId);
	expect(await keptOfMeeting()).toEqual([`billedtale.provenance.${meetingId}`]);
	// Another open tab keeps its own sessionStorage: it hears of the deletion, also on a page that keeps no such key.
	const second = await page.context().newPage();
	await openApp(second, '/');
	const keys = [`billedtale.provenance.${meetingId}`, `billedtale.vum.${meetingId}`, 'billedtale.vum.another-meeting'];
	await second.evaluate((names) => names.forEach((name) => sessionStorage.setItem(name, '{}')), keys);
	const keptInSecond = () =>
		second.evaluate(() =>
			Object.keys(sessionStorage)
				.filter((key) => key.startsWith('billedtale.'))
				.sort()
		);
	expect(await keptInSecond()).toEqual([...keys].sort());
	await page.getByRole('link', { name: 'Borgere' }).click();
	await home.citizenLink('Sofie').click();
	await page.getByRole('button', { name: 'Slet borger' }).click();
	await citizen.deleteDialog('Sofie').getByRole('button', { name: 'Ja, slet alt om Sofie' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Sofie er slettet fra tabletten.' })).toBeVisible();
	expect(await keptOfMeeting()).toEqual([]);
	await expect.poll(keptInSecond).toEqual(['billedtale.vum.another-meeting']);
});

test('a relayed answer waits on the symbol board until someone other than the citizen is chosen', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Ebbe');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.addParticipant('Ebbe', 'Borger');
	await meeting.answeringAs('Formidlet af');
	await expect(meeting.board.getByRole('button', { name: 'Ja', exact: true })).toBeDisabled();

	await page.getByRole('link', { name: 'Åbn symboltavlen' }).click();
	const board = new BoardPage(page);
	await board.cell('ja').click();
	// The choice cannot be saved with, so it is open, with the reason, and nothing can be saved.
	const picker = board.saveSection.getByRole('group', { name: 'Hvem svarer, og hvordan?' });
	await expect(picker.getByRole('radio', { name: 'Formidlet af' })).toBeChecked();
	await expect(picker.getByText('Tilføj først en deltager, der kan formidle.')).toBeVisible();
	await expect(board.saveSection.getByText('Vælg, hvem der formidler, før der svares.')).toBeVisible();
	await expect(board.saveSection.getByRole('button', { name: 'Gem beskeden som svar' })).toBeDisabled();
	// The citizen cannot relay their own answer.
	await expect(picker.getByLabel('Hvem?').getByRole('option')).toHaveText(['Ingen valgt']);
	await expectNoAxeViolations(page, 'board in a meeting waiting for a relayer');
	expect((await readDatabase(page)).answers).toEqual([]);
});
