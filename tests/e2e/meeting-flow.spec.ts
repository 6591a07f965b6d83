import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, expectReflow, openApp, readDatabase, reopen, test } from './fixtures';
import { HomePage, MeetingPage } from './pages';

/* A whole meeting, from preparation to feedback, as the citizen and the adviser go through it. */

async function choosePoint(page: Page, question: string, point: string): Promise<void> {
	const group = page.getByRole('group', { name: question });
	await group.getByRole('radio', { name: point, exact: true }).check();
	await expect(group.getByRole('radio', { name: point, exact: true })).toBeChecked();
}

test('a meeting runs from preparation to feedback and keeps every answer, goal and agreement', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Karen');
	const citizenId = citizen.id;
	const meeting: MeetingPage = await citizen.startMeeting({ place: 'Bostedet', phase: 'Opfølgning' });
	// The citizen is at the table from the start.
	await expect(page.getByRole('list', { name: 'Med i mødet' }).getByText('Karen', { exact: true })).toBeVisible();
	await meeting.addParticipant('Lise', 'Pårørende');
	// Staff are often written down by their job: one long word pushed "Fjern" off the page at 320 px.
	await meeting.addParticipant('Pædagogmedhjælper', 'Udfører');
	await expectNoAxeViolations(page, 'topics step with the adviser panel');
	await expectReflow(page, '/moede');

	await meeting.openStep('Forberedelse');
	const talkAbout = page.getByRole('group', { name: 'Hvad vil du tale om?' });
	await talkAbout.getByRole('button', { name: 'At komme rundt' }).click();
	await expect(talkAbout.getByRole('button', { name: 'At komme rundt' })).toHaveAttribute('aria-pressed', 'true');
	await expectNoAxeViolations(page, 'preparation');

	await meeting.openStep('Hvordan går det?');
	await expect(page.getByRole('region', { name: 'Det vil du tale om i dag' })).toContainText('At komme rundt');
	await choosePoint(page, 'Hvordan har du det i dag?', 'Godt');
	// »Om mig« is picture-first: how she shows yes, as a symbol, is shown large at the check-in.
	await meeting.staffPanel.getByText('Skriv i »Om mig«').click();
	const yesSummary = meeting.staffPanel.getByText('Vis det med et symbol eller et foto: Sådan viser jeg ja');
	await yesSummary.click();
	const yes = yesSummary.locator('..');
	await yes.getByLabel('Søg efter symbol').fill('tommel');
	await yes.getByRole('button', { name: 'tommel op', exact: true }).click();
	await yes.getByRole('button', { name: 'Gem symbolet' }).click();
	await expect(yes.getByRole('status')).toHaveText('✓ Gemt: tommel op');
	await expect(yes.getByLabel('Søg efter symbol')).toBeFocused();
	const aboutMe = page.getByRole('region', { name: 'Om mig – sådan kommunikerer jeg' });
	await expect(aboutMe.getByRole('listitem')).toContainText('Sådan viser jeg ja');
	await expect(aboutMe.getByRole('img', { name: 'tommel op' })).toBeVisible();
	// Large: about twice the size of the small picture that only marks the item.
	expect((await aboutMe.getByRole('img', { name: 'tommel op' }).boundingBox())!.width).toBeGreaterThanOrEqual(96);
	await expectNoAxeViolations(page, 'check-in');

	await meeting.openStep('Det taler vi om');
	await meeting.tap('Ja');
	await meeting.tap('Nej');

	await meeting.openStep('Har vi forstået dig?');
	await expect(page.getByRole('region', { name: 'Svartavle' }).getByText('Nej', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Ret svaret Nej', exact: true }).click();
	const correct = page.getByRole('dialog', { name: 'Ret svar' });
	await correct.getByRole('radio', { name: 'Ved ikke' }).check();
	await correct.getByRole('button', { name: 'Gem' }).click();
	await expect(correct).toBeHidden();
	await expect(page.getByRole('button', { name: 'Ret svaret Ved ikke', exact: true })).toBeVisible();
	// "Rigtigt": Karen confirms her "Ja"; who answered and who confirmed read in the family's words, with her name.
	const yesAnswer = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Rigtigt: svaret Ja', exact: true }) });
	await expect(yesAnswer).toContainText('Karen selv');
	await expect(yesAnswer).not.toContainText('Borgeren selv');
	await yesAnswer.getByRole('button', { name: 'Rigtigt: svaret Ja', exact: true }).click();
	await expect(yesAnswer).toContainText('Rigtigt: Karen selv');
	await expect(page.locator('[data-announcer]')).toHaveText('Rigtigt: Karen selv');
	await expectNoAxeViolations(page, 'summary');
	await expectReflow(page, 'the summary with a confirmed answer');

	await meeting.openStep('Mål og aftaler');
	await page.getByLabel('Målet med borgerens egne ord').fill('Jeg vil selv handle ind');
	await page.getByRole('radio', { name: 'Udvikle' }).check();
	await page.getByRole('button', { name: 'Tilføj mål' }).click();
	await expect(page.getByRole('region', { name: 'Mål', exact: true }).getByText('Jeg vil selv handle ind', { exact: true })).toBeVisible();
	const agreements = [
		{ what: 'Lise hjælper med indkøb', who: 'Lise (Pårørende)', when: 'Hver fredag' },
		// A long word in a question beside its picture once widened the page at 320 px.
		{ what: 'Vi ses igen med støttekontaktpersonen', who: 'Karen (Borger)', when: 'I marts' }
	];
	for (const agreement of agreements) {
		await page.getByLabel('Hvad skal der ske?').fill(agreement.what);
		await page.getByRole('group', { name: 'Hvem gør det?' }).getByLabel(agreement.who).check();
		await page.getByLabel('Hvornår?').fill(agreement.when);
		await page.getByRole('button', { name: 'Tilføj aftale' }).click();
		await expect(page.getByRole('article', { name: agreement.what })).toBeVisible();
	}
	await choosePoint(page, 'Hvad synes du om målet »Jeg vil selv handle ind«?', 'Både og');
	await choosePoint(page, 'Hvad synes du om aftalen »Lise hjælper med indkøb«?', 'Godt');
	await choosePoint(page, 'Hvad synes du om aftalen »Vi ses igen med støttekontaktpersonen«?', 'Både og');
	// The adviser's list names which goal and which agreement each view is about.
	const answerList = page.getByRole('region', { name: 'Svar i mødet' });
	await expect(answerList.getByText('Mål · Jeg vil selv handle ind', { exact: true })).toHaveCount(1);
	await expect(answerList.getByText('Aftale · Lise hjælper med indkøb', { exact: true })).toHaveCount(1);
	await expectNoAxeViolations(page, 'goals and agreements');
	await expectReflow(page, 'goals and agreements');

	await meeting.openStep('Hvordan var mødet?');
	await choosePoint(page, 'Lyttede vi til dig?', 'Rigtig godt');
	await expectNoAxeViolations(page, 'feedback');

	// Pause is one tap away, and the meeting goes on where it stopped.
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Fortsæt mødet' })).toBeFocused();
	await expectNoAxeViolations(page, 'pause');
	await page.getByRole('button', { name: 'Fortsæt mødet' }).click();
	await expect(meeting.stepHeading).toHaveText('Hvordan var mødet?');
	// The last part has no "Videre": it leads on to the plan the meeting made.
	await expect(page.getByRole('button', { name: 'Videre' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Færdig: se planen' })).toHaveAttribute('href', `/moede/plan?id=${meeting.id}`);
	const meetingId = meeting.id;

	// The note draft speaks to the citizen and links every sentence to its answers. It is worded when the adviser opens it.
	const note = page.getByRole('region', { name: 'Notat til journalen' });
	await expect(note.getByRole('list', { name: 'Udkast' })).toHaveCount(0);
	await note.getByText('Udkast', { exact: true }).click();
	const draft = note.getByRole('list', { name: 'Udkast' });
	await expect(draft).toContainText(
		'Vi aftalte, at Lise hjælper med indkøb. Det gør Lise. Hvornår: Hver fredag. Du synes om aftalen: godt.'
	);
	// One sentence per question, naming it; the goal carries the citizen's view of it, as the agreements do.
	await expect(draft).toContainText('Om »Hvordan har du det i dag?« fortalte du: godt.');
	await expect(draft).toContainText('Dit mål er: »Jeg vil selv handle ind«. Du synes om målet: både og.');
	await page.getByRole('button', { name: 'Brug udkastet' }).click();
	await page.getByRole('button', { name: 'Gem notat' }).click();
	await expect(page.getByRole('region', { name: 'Notat til journalen' }).getByRole('status')).toContainText('Gemt');

	await reopen(page);
	await expect(meeting.stepHeading).toHaveText('Hvordan var mødet?');
	const db = (await readDatabase(page)) as Awaited<ReturnType<typeof readDatabase>> & { plans: Array<{ meetingId: string; payload: any }> };
	const answers = db.answers.filter((a) => a.meetingId === meeting.id).map((a) => a.payload);
	const about = (kind: string, part?: string) =>
		answers.filter((a) => a.subject.kind === kind && (part === undefined || a.subject.part === part));
	expect(about('meeting-part', 'preparation').map((a) => a.content.items[0].label)).toEqual(['At komme rundt']);
	expect(about('meeting-part', 'check-in').map((a) => a.content.pointId)).toEqual(['godt']);
	expect(about('meeting-part', 'feedback').map((a) => a.content.pointId)).toEqual(['rigtig-godt']);
	const confirmed = about('core-board').find((a) => a.content.value === 'ja');
	expect(confirmed?.confirmations).toEqual([{ provenance: { mode: 'selv' }, at: expect.any(Number) }]);
	const corrected = about('core-board').find((a) => a.content.value === 'ved-ikke');
	expect(corrected?.history).toEqual([expect.objectContaining({ change: 'corrected', content: { kind: 'core', value: 'nej' } })]);
	const plan = db.plans.find((p) => p.meetingId === meeting.id)!;
	expect(plan.payload.goals).toEqual([expect.objectContaining({ text: 'Jeg vil selv handle ind', goalType: 'udvikle', status: 'aktiv' })]);
	expect(plan.payload.agreements.map((a: { what: string; when: string }) => [a.what, a.when])).toEqual(
		agreements.map((a) => [a.what, a.when])
	);
	expect(plan.payload.note).toContain('Vi aftalte, at Vi ses igen');
	expect(about('goal').map((a) => [a.subject.goalId, a.content.pointId])).toEqual([[plan.payload.goals[0].id, 'baade-og']]);
	const views = about('agreement').map((a) => [a.subject.agreementId, a.content.pointId]);
	expect(views).toEqual(
		expect.arrayContaining([
			[plan.payload.agreements[0].id, 'godt'],
			[plan.payload.agreements[1].id, 'baade-og']
		])
	);
	expect(about('meeting-part', 'about-me').map((a) => [a.subject.itemId, a.content])).toEqual([
		['om-mig-ja', { kind: 'message', items: [{ label: 'tommel op', symbolId: 'tommel-op' }] }]
	]);

	// The citizen's own page shows the symbol too.
	await page.getByRole('link', { name: 'Tilbage til Karen' }).click();
	await expect(page).toHaveURL(`/borger?id=${citizenId}`);
	await expect(page.getByRole('region', { name: 'Om mig – sådan kommunikerer jeg' }).getByRole('img', { name: 'tommel op' })).toBeVisible();
	// On a tablet held upright "Over tid" shows its table whole, beside the chart or under it: squeezed in beside it, a
	// column per question cut "Hvem svarede" off.
	await page.setViewportSize({ width: 820, height: 1180 });
	const overTime = page.getByRole('region', { name: 'Over tid' }).getByRole('table');
	expect(
		await overTime.evaluate((table) => table.getBoundingClientRect().right <= table.parentElement!.getBoundingClientRect().right)
	).toBe(true);
	await page.setViewportSize({ width: 1024, height: 768 });
	await expectNoAxeViolations(page, 'the citizen page with »Om mig«');

	// Min plan at 320 px: the agreement's long word wraps beside its picture.
	await openApp(page, `/moede/plan?id=${meetingId}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();
	await expectReflow(page, 'Min plan');
});

test('a meeting is planned ahead, edited and deleted with everything of it', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Ole');
	// The phase is chosen, never assumed.
	await page.getByRole('button', { name: 'Start møde' }).click();
	const dialog = citizen.startMeetingDialog;
	await dialog.getByLabel('Dato').fill('2030-05-01');
	await dialog.getByRole('button', { name: 'Start møde' }).click();
	await expect(dialog.getByRole('alert')).toHaveText('Vælg fasen i sagen.');
	await dialog.getByRole('radio', { name: 'Valg af indsats' }).check();
	await dialog.getByRole('button', { name: 'Start møde' }).click();
	const meeting = new MeetingPage(page);
	await meeting.openStep('Det taler vi om');
	await meeting.openStaffPanel();
	await meeting.tap('Ja');

	await meeting.staffPanel.getByRole('button', { name: 'Ret mødet' }).click();
	const edit = page.getByRole('dialog', { name: 'Ret mødet' });
	await expect(edit.getByRole('radio', { name: 'Valg af indsats' })).toBeChecked();
	await edit.getByLabel('Sted (valgfrit)').fill('Kommunen');
	await edit.getByRole('radio', { name: 'Opfølgning' }).check();
	// The time of day: one typed in part is told, not saved as no time at all.
	const time = edit.getByLabel('Klokkeslæt (valgfrit)');
	await time.click();
	await page.keyboard.type('10');
	await edit.getByRole('button', { name: 'Gem ændringer' }).click();
	await expect(edit.getByRole('alert')).toHaveText('Skriv et helt klokkeslæt, fx 10.00, eller lad feltet være tomt.');
	await time.fill('10:00');
	await expectNoAxeViolations(page, 'edit meeting');
	await edit.getByRole('button', { name: 'Gem ændringer' }).click();
	await expect(page.getByText('Vi ser på, hvordan det går med din hjælp · Kommunen')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ole · Møde 1. maj 2030 kl. 10.00');

	await page.getByRole('link', { name: 'Tilbage til Ole' }).click();
	await expect(citizen.meetingLink('1. maj 2030 kl. 10.00')).toContainText('Planlagt · Opfølgning · Kommunen');
	await expectReflow(page, '/borger');
	// Beside the planned meeting: its invitation letter, shown on the tablet before it is saved or printed.
	await page.getByRole('link', { name: 'Invitation til mødet 1. maj 2030 kl. 10.00' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Du er inviteret til møde' })).toBeVisible();
	await expect(page.getByText('Hvornår: 1. maj 2030 kl. 10.00')).toBeVisible();
	await expect(page.getByText('Passer tiden eller stedet ikke, så sig det.')).toBeVisible();
	await expect(page.getByText('Hvor: Kommunen')).toBeVisible();
	await expect(page).toHaveTitle('Invitation – Billedtale');
	await expectNoAxeViolations(page, 'the invitation page');
	await expectReflow(page, '/moede/invitation');
	await page.goBack();
	await citizen.meetingLink('1. maj 2030').click();
	await meeting.openStaffPanel();
	await meeting.staffPanel.getByRole('button', { name: 'Slet mødet' }).click();
	const confirm = page.getByRole('dialog', { name: 'Slet mødet 1. maj 2030?' });
	await expectNoAxeViolations(page, 'delete meeting');
	await confirm.getByRole('button', { name: 'Ja, slet mødet' }).click();
	await expect(citizen.heading('Ole')).toBeVisible();
	// Back on the citizen's page, the keyboard goes on at its heading, not at <body>.
	await expect(citizen.heading('Ole')).toBeFocused();
	await expect(page.getByText('Der er ingen møder endnu.')).toBeVisible();
	const db = await readDatabase(page);
	expect(db.meetings).toEqual([]);
	expect(db.answers).toEqual([]);
	expect(db.citizens).toHaveLength(1);
});

test('removing a participant can be undone: the same participant comes back in the same place, focus and announcements follow', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Karen');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.addParticipant('Lise', 'Pårørende');
	await meeting.addParticipant('Ole', 'Værge');
	const stored = async () => ((await readDatabase(page)).meetings[0] as any).payload.participants as { id: string; name: string }[];
	const before = await stored();
	expect(before.map((p) => p.name)).toEqual(['Karen', 'Lise', 'Ole']);
	// What the citizen and the family see at the table is in everyday words; the adviser's list keeps the roles.
	await expect(page.getByRole('list', { name: 'Med i mødet' }).getByRole('listitem').filter({ hasText: 'Lise' })).toContainText(
		'Familie eller ven'
	);
	await expect(page.getByText('Vi ser på, hvordan det går med din hjælp', { exact: true })).toBeVisible();
	await expect(page.locator('.page-head')).not.toContainText('Opfølgning');
	const section = page.getByRole('region', { name: 'Deltagere' });
	const announced = page.locator('[data-announcer]');
	const undo = section.getByRole('button', { name: 'Fortryd og tag Lise med igen' });

	await section.getByRole('button', { name: 'Fjern Lise' }).click();
	await expect(announced).toHaveText('Lise er fjernet fra mødet. Tryk Fortryd, hvis det var en fejl.');
	await expect(undo).toBeFocused();
	await expect(section.getByRole('listitem').filter({ hasText: 'Lise' })).toHaveCount(0);
	await expect.poll(async () => (await stored()).map((p) => p.name)).toEqual(['Karen', 'Ole']);
	await expectNoAxeViolations(page, 'participant removed, with undo');
	await expectReflow(page, '/moede with undo');

	await page.keyboard.press('Enter');
	await expect(announced).toHaveText('Lise er med i mødet igen.');
	await expect(undo).toBeHidden();
	await expect(section.getByLabel('Navn')).toBeFocused();
	await expect(section.getByRole('listitem').nth(1)).toContainText('Lise · Pårørende');
	// The same participant, not a new one with the same name: answers and the provenance choice name them by id.
	await expect.poll(stored).toEqual(before);
	await reopen(page);
	await expect(page.getByRole('region', { name: 'Deltagere' }).getByRole('listitem').nth(1)).toContainText('Lise · Pårørende');
});

test('a participant and a note half typed in the adviser panel are still there after another page and Back, and go once saved', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Nanna');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.openStaffPanel();
	const people = page.getByRole('region', { name: 'Deltagere' });
	const note = page.getByRole('region', { name: 'Notat til journalen' });
	await people.getByLabel('Navn').fill('Lise');
	await people.getByLabel('Rolle').selectOption({ label: 'Pårørende' });
	await note.getByLabel('Notat', { exact: true }).fill('Nanna vil gerne cykle.');

	// The sheets' page and Back: the meeting's page, its panel with it, was gone meanwhile.
	await page.getByRole('link', { name: 'Samtaleark' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Samtaleark/ })).toBeVisible();
	await page.goBack();
	await expect(people.getByLabel('Navn')).toHaveValue('Lise');
	await expect(people.getByLabel('Rolle').locator('option:checked')).toHaveText('Pårørende');
	await expect(note.getByLabel('Notat', { exact: true })).toHaveValue('Nanna vil gerne cykle.');
	await expectNoAxeViolations(page, 'the adviser panel with a participant and a note typed before');

	await people.getByRole('button', { name: 'Tilføj deltager' }).click();
	await expect(people.getByRole('listitem').filter({ hasText: 'Lise · Pårørende' })).toBeVisible();
	await expect(people.getByLabel('Navn')).toHaveValue('');
	await note.getByRole('button', { name: 'Gem notat' }).click();
	await expect(note.getByRole('status')).toContainText('Gemt');
	const db = (await readDatabase(page)) as Awaited<ReturnType<typeof readDatabase>> & { plans: Array<{ meetingId: string; payload: any }> };
	const participants = db.meetings[0]!.payload.participants as Array<{ name: string; role: string }>;
	expect(participants.map((p) => [p.name, p.role])).toContainEqual(['Lise', 'paaroerende']);
	expect(db.plans.find((p) => p.meetingId === meeting.id)!.payload.note).toBe('Nanna vil gerne cykle.');

	// Saved, the drafts are gone: the name is empty after another page and Back, and the note is the stored one.
	await page.getByRole('link', { name: 'Samtaleark' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Samtaleark/ })).toBeVisible();
	await page.goBack();
	await expect(people.getByLabel('Navn')).toHaveValue('');
	await expect(note.getByLabel('Notat', { exact: true })).toHaveValue('Nanna vil gerne cykle.');
});
