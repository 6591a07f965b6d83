import { readFileSync } from 'node:fs';
import { expect, expectNoAxeViolations, readDatabase, test, reopen } from './fixtures';
import { CitizenPage, HomePage } from './pages';

const photo = { name: 'anna.png', mimeType: 'image/png', buffer: readFileSync('static/icon-512.png') };

test('an adviser runs a meeting where every answer records who gave it, and deleting the citizen removes every trace', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await expect(page.getByText('Der er endnu ingen borgere')).toBeVisible();
	await expectNoAxeViolations(page, 'empty home');

	// A second citizen shows that deleting one leaves the others alone.
	await home.addCitizen('Bo');
	await home.show();
	await home.addButton.click();
	await expect(home.dialog).toBeVisible();
	await expectNoAxeViolations(page, 'add citizen dialog');
	await home.dialog.getByRole('button', { name: 'Annuller' }).click();

	const citizen = await home.addCitizen('Anna Berg', photo);
	const citizenId = citizen.id;
	await expect(page.getByRole('img', { name: 'Foto af Anna Berg' })).toBeVisible();
	await expectNoAxeViolations(page, 'citizen page');
	const stored = (await readDatabase(page)).citizens.find((c) => c.id === citizenId)!;
	expect(stored.payload.displayName).toBe('Anna Berg');
	// The photo is shrunk on the tablet before it is stored.
	expect(stored.payload.photo).toMatchObject({ type: 'image/jpeg' });

	await page.getByRole('button', { name: 'Start møde' }).click();
	await expectNoAxeViolations(page, 'start meeting dialog');
	await citizen.startMeetingDialog.getByRole('button', { name: 'Annuller' }).click();
	const meeting = await citizen.startMeeting({ date: '2026-11-23', place: 'Bostedet Lyngen', phase: 'Valg af indsats' });
	const meetingId = meeting.id;
	await expect(page.getByRole('heading', { level: 1 })).toContainText('23. november 2026');
	await expect(page.getByText('Vi vælger, hvilken hjælp du skal have · Bostedet Lyngen')).toBeVisible();

	await meeting.addParticipant('Anna', 'Borger');
	await meeting.addParticipant('Lise', 'Pårørende');
	await meeting.addParticipant('Jonas', 'Udfører');
	await expectNoAxeViolations(page, 'meeting page');

	await meeting.tap('Ja');
	await meeting.answeringAs('Formidlet af', 'Lise (Pårørende)');
	await expect(page.getByText('Svar gemmes som: Formidlet af (Lise, Pårørende)')).toBeVisible();
	await meeting.tap('Nej');
	await meeting.answeringAs('Observeret', 'Jonas (Udfører)');
	await meeting.tap('Pause');
	// A call for a break is shown to everyone at the table, not only stored.
	await expect(page.locator('.callout')).toContainText('Pause – Anna Berg vil have en pause.');
	await meeting.answeringAs('Borgeren med støtte', 'Jonas (Udfører)');
	await meeting.tap('Forstår ikke');
	await expect(meeting.answers).toHaveCount(4);
	await expect(page.locator('.callout')).toContainText('Anna Berg forstår ikke.');
	await expectNoAxeViolations(page, 'meeting page with a call for action');

	let db = await readDatabase(page);
	const meetingRecord = db.meetings.find((m) => m.id === meetingId)!;
	const people = Object.fromEntries((meetingRecord.payload.participants as Array<{ id: string; name: string }>).map((p) => [p.name, p.id]));
	const byValue = (value: string) => db.answers.find((a) => a.payload.content.value === value)!;
	expect(db.answers).toHaveLength(4);
	expect(byValue('ja').payload.provenance).toEqual({ mode: 'selv' });
	expect(byValue('nej').payload.provenance).toEqual({ mode: 'formidlet', participantId: people.Lise });
	expect(byValue('pause').payload.provenance).toEqual({ mode: 'observeret', participantId: people.Jonas });
	expect(byValue('forstaar-ikke').payload.provenance).toEqual({ mode: 'med-stoette', participantId: people.Jonas });
	for (const answer of db.answers) {
		expect(answer.citizenId).toBe(citizenId);
		expect(answer.meetingId).toBe(meetingId);
		expect(answer.payload.status).toBe('active');
	}

	// Undo keeps the answer and its history.
	const jaRow = meeting.answers.filter({ hasText: 'Ja' }).filter({ hasText: 'Borgeren selv' });
	await jaRow.getByRole('button', { name: /^Fortryd svaret Ja/ }).click();
	await expect(jaRow.getByText('Fortrudt', { exact: true })).toBeVisible();
	db = await readDatabase(page);
	expect(byValue('ja').payload.status).toBe('withdrawn');
	expect(byValue('ja').payload.history).toEqual([
		expect.objectContaining({ change: 'withdrawn', status: 'active', content: { kind: 'core', value: 'ja' } })
	]);

	// Correcting "Nej" to "Ved ikke" keeps what was first recorded.
	const nejRow = meeting.answers.filter({ hasText: 'Nej' });
	await nejRow.getByRole('button', { name: /^Ret svaret Nej/ }).click();
	const correct = page.getByRole('dialog', { name: 'Ret svar' });
	await expect(correct).toBeVisible();
	await expectNoAxeViolations(page, 'correct answer dialog');
	await correct.getByRole('radio', { name: 'Ved ikke' }).check();
	await correct.getByRole('button', { name: 'Gem' }).click();
	await expect(correct).toBeHidden();
	const corrected = meeting.answers.filter({ hasText: 'Ved ikke' });
	await expect(corrected.getByText('Rettet 1 gang')).toBeVisible();
	db = await readDatabase(page);
	expect(byValue('ved-ikke').payload.provenance).toEqual({ mode: 'formidlet', participantId: people.Lise });
	expect(byValue('ved-ikke').payload.history).toEqual([
		expect.objectContaining({ change: 'corrected', content: { kind: 'core', value: 'nej' } })
	]);
	await corrected.getByText('Historik').click();
	await expect(corrected.getByText(/Før rettelse kl\. .*: Nej, Formidlet af \(Lise, Pårørende\)/)).toBeVisible();
	await expectNoAxeViolations(page, 'meeting page with history');

	// A participant named on an answer cannot be removed.
	await page.getByRole('button', { name: 'Fjern Lise' }).click();
	// Told as information next to the list, not as an error: nothing went wrong.
	await expect(page.getByRole('region', { name: 'Deltagere' })).toContainText(
		'Lise står ved et svar i mødet og bliver derfor på listen. Så kan man altid se, hvem der sagde hvad.'
	);
	await expect(page.getByRole('alert').filter({ hasText: 'Lise' })).toHaveCount(0);

	// Close the tab and come back: everything is still there.
	await reopen(page);
	await expect(meeting.answers).toHaveCount(4);
	await expect(meeting.answers.filter({ hasText: 'Fortrudt' })).toHaveCount(1);

	// Delete the citizen.
	await page.getByRole('link', { name: 'Tilbage til Anna Berg' }).click();
	const back = new CitizenPage(page);
	await expect(back.heading('Anna Berg')).toBeVisible();
	await page.getByRole('button', { name: 'Slet borger' }).click();
	await expect(back.deleteDialog('Anna Berg')).toBeVisible();
	await expectNoAxeViolations(page, 'delete citizen dialog');
	await back.deleteDialog('Anna Berg').getByRole('button', { name: 'Ja, slet alt om Anna Berg' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Anna Berg er slettet fra tabletten.' })).toBeVisible();
	// The dialog and its page are gone: a keyboard or screen-reader user goes on at the list's heading, not at <body>.
	await expect(home.heading).toBeFocused();
	await expect(home.citizenLink('Anna Berg')).toHaveCount(0);
	await expect(home.citizenLink('Bo')).toBeVisible();

	db = await readDatabase(page);
	expect(JSON.stringify(db)).not.toContain(citizenId);
	expect(JSON.stringify(db)).not.toContain('Anna Berg');
	expect(db.citizens.map((c) => c.payload.displayName)).toEqual(['Bo']);
	expect(db.meetings).toEqual([]);
	expect(db.answers).toEqual([]);
});

test('bad input gets a clear Danish message and nothing is stored', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addButton.click();
	await home.dialog.getByLabel('Navn eller initialer').fill('   ');
	await home.dialog.getByRole('button', { name: 'Gem' }).click();
	await expect(home.dialog.getByRole('alert')).toHaveText('Skriv et navn eller initialer (højst 60 tegn).');

	await home.dialog
		.getByLabel('Foto (valgfrit)')
		.setInputFiles({ name: 'ikke-et-billede.png', mimeType: 'image/png', buffer: Buffer.from('nope') });
	await expect(home.dialog.getByRole('alert')).toHaveText('Billedet kunne ikke læses. Vælg et andet foto.');
	// A real PNG header that declares 100,000 × 100,000 pixels: refused before the tablet tries to decode it.
	const flood = readFileSync('static/icon-192.png');
	flood.writeUInt32BE(100_000, 16);
	flood.writeUInt32BE(100_000, 20);
	await home.dialog.getByLabel('Foto (valgfrit)').setInputFiles({ name: 'flod.png', mimeType: 'image/png', buffer: flood });
	await expect(home.dialog.getByRole('alert')).toHaveText(
		'Billedet er for stort (højst 12.000 pixels på hver led og 40 MB). Vælg et mindre foto.'
	);
	await expectNoAxeViolations(page, 'add citizen dialog with errors');
	expect((await readDatabase(page)).citizens).toEqual([]);
});

test('a relayed answer cannot be given before choosing who relays it', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Carl');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.answeringAs('Formidlet af');
	await expect(page.getByText('Tilføj først en deltager, der kan formidle.')).toBeVisible();
	await expect(page.getByText('Vælg, hvem der formidler, før der svares.')).toBeVisible();
	await expect(meeting.board.getByRole('button', { name: 'Ja', exact: true })).toBeDisabled();
	await expectNoAxeViolations(page, 'meeting page waiting for a relayer');
	// Every step says why its answers are greyed out, not only the topics' board.
	await meeting.openStep('Hvordan går det?');
	await expect(page.getByRole('radio', { name: 'Godt', exact: true }).first()).toBeDisabled();
	await expect(page.getByText('Vælg, hvem der formidler, før der svares.')).toBeVisible();
	expect((await readDatabase(page)).answers).toEqual([]);
});

test('a long meeting shows its 30 newest answers and older ones a page at a time, live', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Tove');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	const labels = ['Ja', 'Nej'];
	for (let i = 0; i < 32; i++) await meeting.tap(labels[i % 2]!);
	await expect(meeting.answers).toHaveCount(30);
	const list = page.getByRole('region', { name: 'Svar i mødet' });
	await expect(list.getByText('Viser de 30 nyeste af 32 svar.')).toBeVisible();
	await list.getByRole('button', { name: 'Vis 2 ældre svar' }).press('Enter');
	await expect(meeting.answers).toHaveCount(32);
	// Keyboard and screen reader go on at the first of the older answers; nothing more to show.
	await expect(meeting.answers.nth(30)).toBeFocused();
	// The two answers given first (Ja, then Nej) come last, oldest at the bottom.
	await expect(meeting.answers.nth(30).locator('.value')).toHaveText('Nej');
	await expect(meeting.answers.nth(31).locator('.value')).toHaveText('Ja');
	await expect(list.getByRole('button', { name: /ældre svar/ })).toHaveCount(0);
	await expectNoAxeViolations(page, 'meeting with older answers shown');
	// A new answer appears at the top at once, the older ones stay shown.
	await meeting.tap('Ved ikke');
	await expect(meeting.answers).toHaveCount(33);
	await expect(meeting.answers.first().locator('.value')).toHaveText('Ved ikke');
	expect((await readDatabase(page)).answers).toHaveLength(33);
});

test('the cards of citizens and meetings are named by the text they show (WCAG 2.5.3)', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Bo');
	await home.open();
	const citizen = await home.addCitizen('Anna Berg', photo);
	await citizen.startMeeting({ date: '2026-11-23', place: 'Bostedet Lyngen', phase: 'Valg af indsats' });
	// The meeting's phase line is in everyday words on the meeting page; the citizen's card keeps the phase's name.
	await expect(page.getByText('Vi vælger, hvilken hjælp du skal have · Bostedet Lyngen')).toBeVisible();
	await page.getByRole('link', { name: 'Tilbage til Anna Berg' }).click();
	await expect(page).toHaveURL(/\/borger\?id=/);
	await expect(citizen.heading('Anna Berg')).toBeVisible();
	await expect(page.getByText('Valg af indsats · Bostedet Lyngen')).toBeVisible();
	await expectNoAxeViolations(page, 'citizen page with a meeting');
	await expect(citizen.meetingLink('23. november 2026')).toHaveAccessibleName('23. november 2026 Valg af indsats · Bostedet Lyngen');

	// One citizen with initials, one with a photo.
	await page.getByRole('link', { name: 'Borgere', exact: true }).click();
	await expect(home.citizenLink('Anna Berg')).toBeVisible();
	await expect(home.citizenLink('Bo')).toBeVisible();
	await expectNoAxeViolations(page, 'home with citizens');
	await home.citizenLink('Anna Berg').click();
	await expect(citizen.heading('Anna Berg')).toBeVisible();
});
