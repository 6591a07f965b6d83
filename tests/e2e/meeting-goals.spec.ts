import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, expectReflow, openApp, readDatabase, test } from './fixtures';
import { AccessSettingsPage, CitizenPage, HomePage, scanHighlight, stepScanTo, type MeetingPage } from './pages';

/* Goals and agreements across meetings: added once, followed up (or closed) in any later meeting, named in the summary. */

type Stored = Awaited<ReturnType<typeof readDatabase>> & { plans: Array<{ id: string; meetingId: string; payload: any }> };
const stored = async (page: Page) => (await readDatabase(page)) as Stored;
const goalsOf = async (page: Page, meetingId: string) =>
	((await stored(page)).plans.find((p) => p.meetingId === meetingId)?.payload.goals ?? []) as Array<{
		id: string;
		text: string;
		status: string;
		fromPlanId?: string;
	}>;

async function addGoal(page: Page, text: string): Promise<void> {
	await page.getByLabel('Målet med borgerens egne ord').fill(text);
	await page.getByRole('button', { name: 'Tilføj mål' }).click();
	await expect(goalsList(page).getByText(text, { exact: true })).toBeVisible();
}
const goalsList = (page: Page) => page.getByRole('region', { name: 'Mål', exact: true });

/**
 * A person's double click, the second click a moment after the first: the browser counts it as the second click of a
 * double click (detail 2) wherever it lands.
 */
async function slowDoubleClick(page: Page, target: Locator, gap = 250): Promise<void> {
	await target.scrollIntoViewIfNeeded();
	const box = (await target.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down({ clickCount: 1 });
	await page.mouse.up({ clickCount: 1 });
	await page.waitForTimeout(gap);
	await page.mouse.down({ clickCount: 2 });
	await page.mouse.up({ clickCount: 2 });
}

/** A later meeting of the same citizen, on `date`, opened at "Mål og aftaler". */
async function nextMeeting(page: Page, citizen: string, date: string): Promise<MeetingPage> {
	await page.getByRole('link', { name: `Tilbage til ${citizen}` }).click();
	const meeting = await new CitizenPage(page).startMeeting({ phase: 'Opfølgning', date });
	await meeting.openStep('Mål og aftaler');
	return meeting;
}

test('a mouse double click stores a goal, an agreement and a text answer once, and follows a goal up once', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Karen');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning', date: '2026-11-01' });
	await meeting.addParticipant('Mor', 'Pårørende');

	// The check-in's own text question (TextAnswer); a next text after it shows the first double click is done.
	await meeting.openStep('Hvordan går det?');
	const other = page.getByLabel('Er der noget andet, du vil tale om?');
	const form = page.locator('form').filter({ has: other });
	await other.fill('Min cykel');
	await form.getByRole('button', { name: 'Gem tekst' }).dblclick();
	await expect(form.getByRole('status')).toHaveText('✓ Gemt');
	await other.fill('Min bil');
	await form.getByRole('button', { name: 'Gem tekst' }).click();
	await expect(other).toHaveValue('');
	await expect(form.getByRole('status')).toHaveText('✓ Gemt');

	await meeting.openStep('Mål og aftaler');
	await page.getByLabel('Målet med borgerens egne ord').fill('Jeg vil bage boller');
	await page.getByRole('button', { name: 'Tilføj mål' }).dblclick();
	await addGoal(page, 'Jeg vil cykle');
	await addGoal(page, 'Jeg vil stå tidligt op');
	await expect(goalsList(page).locator('ul.items > li strong')).toHaveText([
		'Jeg vil bage boller',
		'Jeg vil cykle',
		'Jeg vil stå tidligt op'
	]);
	const agreement = async (what: string, twice: boolean) => {
		await page.getByLabel('Hvad skal der ske?').fill(what);
		await page.getByRole('group', { name: 'Hvem gør det?' }).getByLabel('Mor (Pårørende)').check();
		await page.getByLabel('Hvornår?').fill('fredag');
		const add = page.getByRole('button', { name: 'Tilføj aftale' });
		await (twice ? add.dblclick() : add.click());
		await expect(page.getByRole('article', { name: what })).toBeVisible();
	};
	await agreement('Mor køber mel', true);
	await agreement('Mor ringer', false);
	await expect(page.getByRole('article')).toHaveCount(2);

	// A sheet's text answer (conversation TextInput).
	await openApp(page, `/moede/ark?id=${meeting.id}`);
	const question = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name: 'Hvad gør dig glad?', exact: true }) })
		.first();
	await question.getByRole('radio', { name: 'Tekst' }).check();
	await question.getByRole('textbox').fill('Min hund');
	await question.getByRole('button', { name: 'Gem tekst' }).dblclick();
	await expect(question.getByRole('textbox')).toHaveValue('');
	await question.getByRole('textbox').fill('Min kat');
	await question.getByRole('button', { name: 'Gem tekst' }).click();
	await expect(question.getByRole('textbox')).toHaveValue('');

	const db = await stored(page);
	const texts = db.answers.filter((a) => a.payload.content.kind === 'text').map((a) => a.payload.content.text);
	expect(texts.sort()).toEqual(['Min bil', 'Min cykel', 'Min hund', 'Min kat']);
	const plan = db.plans.find((p) => p.meetingId === meeting.id)!.payload;
	expect(plan.goals.map((g: { text: string }) => g.text)).toEqual(['Jeg vil bage boller', 'Jeg vil cykle', 'Jeg vil stå tidligt op']);
	expect(plan.agreements.map((a: { what: string }) => a.what)).toEqual(['Mor køber mel', 'Mor ringer']);

	// "Følg op" double clicked in the next meeting: followed up once, and no false error.
	await openApp(page, `/moede?id=${meeting.id}`);
	const second = await nextMeeting(page, 'Karen', '2026-11-15');
	await page.getByRole('button', { name: 'Følg op på målet Jeg vil bage boller' }).dblclick();
	await expect(goalsList(page).getByText('Jeg vil bage boller', { exact: true })).toBeVisible();
	// A slower double click: its second click, on the next goal's "Følg op" once the first goal has left, follows nothing up.
	await slowDoubleClick(page, page.getByRole('button', { name: 'Følg op på målet Jeg vil cykle' }));
	await expect(goalsList(page).getByText('Jeg vil cykle', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Følg op på målet Jeg vil stå tidligt op' })).toBeVisible();
	await addGoal(page, 'Jeg vil sove længe');
	await expect(page.getByRole('alert')).toHaveText('');
	expect((await goalsOf(page, second.id)).map((g) => g.text)).toEqual(['Jeg vil bage boller', 'Jeg vil cykle', 'Jeg vil sove længe']);
});

test('after "Følg op" by keyboard the focus goes on at the next goal to follow up, then at the goals', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Karen');
	const first = await citizen.startMeeting({ phase: 'Opfølgning', date: '2026-11-01' });
	await first.openStep('Mål og aftaler');
	await addGoal(page, 'Jeg vil selv handle ind');
	await addGoal(page, 'Jeg vil cykle til arbejde');
	await nextMeeting(page, 'Karen', '2026-11-15');
	await page.getByRole('button', { name: 'Følg op på målet Jeg vil selv handle ind' }).focus();
	await page.keyboard.press('Enter');
	await expect(goalsList(page).getByText('Jeg vil selv handle ind', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Følg op på målet Jeg vil cykle til arbejde' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(goalsList(page).getByText('Jeg vil cykle til arbejde', { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Mål', exact: true })).toBeFocused();
	await expectNoAxeViolations(page, 'every earlier goal followed up');
});

test('with two switches the citizen says "Rigtigt", "Fortryd" and "Gendan" on "Har vi forstået dig?"', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Frida');
	await new AccessSettingsPage(page).method('To kontakter');
	const meeting = await new CitizenPage(page).startMeeting({ phase: 'Opfølgning' });
	await meeting.tap('Ja');
	await meeting.openStep('Har vi forstået dig?');
	await page.locator('#main').focus();
	const chosen = async (name: string) => {
		const button = page.getByRole('button', { name, exact: true });
		await stepScanTo(page, button);
		await expectNoAxeViolations(page, `the summary scanned to ${name}`);
		await page.keyboard.press('Enter');
	};
	const ja = async () => (await readDatabase(page)).answers.find((a) => a.payload.content.value === 'ja')!.payload;
	await chosen('Rigtigt: svaret Ja');
	await expect.poll(async () => (await ja()).confirmations).toEqual([{ provenance: { mode: 'selv' }, at: expect.any(Number) }]);
	await chosen('Fortryd svaret Ja');
	await expect.poll(async () => (await ja()).status).toBe('withdrawn');
	// Alone in its row, "Gendan" is chosen with the row's first Enter.
	const restore = page.getByRole('button', { name: 'Gendan svaret Ja', exact: true });
	await page.keyboard.press('Space');
	for (let step = 0; step < 40 && !Object.values(await scanHighlight(restore)).includes(true); step++) await page.keyboard.press('Space');
	await page.keyboard.press('Enter');
	await expect.poll(async () => (await ja()).status).toBe('active');
});

test('with two switches, keys or on screen, the citizen corrects an answer in "Ret svar", scanned alone while it is open', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Frida');
	await new AccessSettingsPage(page).method('To kontakter');
	const meeting = await new CitizenPage(page).startMeeting({ phase: 'Opfølgning' });
	await meeting.tap('Ja');
	await meeting.openStep('Har vi forstået dig?');
	await page.locator('#main').focus();
	const dialog = page.getByRole('dialog', { name: 'Ret svar' });
	// Keys from a switch interface, or the switches on the screen: the page's own are behind the modal dialog, out of reach.
	type Switches = { move: () => Promise<void>; select: () => Promise<void> };
	const keys: Switches = { move: () => page.keyboard.press('Space'), select: () => page.keyboard.press('Enter') };
	const onScreen: Switches = {
		move: () => dialog.getByRole('button', { name: 'Flyt', exact: true }).click(),
		select: () => dialog.getByRole('button', { name: 'Vælg', exact: true }).click()
	};
	// Every highlight a press shows lies in the dialog while it is open: the summary behind it is out of reach.
	const outsideTheDialog = () =>
		page.evaluate(
			() => [...document.querySelectorAll('[data-scan-row], [data-scan-cell]')].filter((el) => !el.closest('dialog[open]')).length
		);
	// Stops where the next "select" chooses the target: on it, or on its row when it is alone there ("Luk").
	const scanTo = async (target: Locator, switches: Switches) => {
		const reached = async () => {
			const { row, cell } = await scanHighlight(target);
			return cell || (row && (await page.locator('[data-scan-row]').count()) === 1);
		};
		await switches.move();
		for (let step = 0; step < 40 && !(await reached()); step++) {
			expect(await outsideTheDialog()).toBe(0);
			await ((await scanHighlight(target)).row ? switches.select() : switches.move());
		}
		expect(await reached()).toBe(true);
		expect(await outsideTheDialog()).toBe(0);
	};
	const correct = async (from: string) => {
		await stepScanTo(page, page.getByRole('button', { name: `Ret svaret ${from}`, exact: true }));
		await keys.select();
		await expect(dialog).toBeVisible();
	};
	const value = (label: string) => dialog.locator('label').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
	const ja = async () => (await readDatabase(page)).answers.find((a) => a.payload.subject.kind === 'core-board')!.payload;

	await correct('Ja');
	await scanTo(value('Nej'), keys);
	await keys.select();
	await expect(dialog.getByRole('radio', { name: 'Nej', exact: true })).toBeChecked();
	await scanTo(dialog.getByRole('button', { name: 'Gem', exact: true }), keys);
	await expectNoAxeViolations(page, '"Ret svar" scanned to "Gem"');
	await keys.select();
	await expect(dialog).toBeHidden();
	await expect.poll(async () => (await ja()).content).toEqual({ kind: 'core', value: 'nej' });
	expect((await ja()).history.map((h: { content: unknown }) => h.content)).toEqual([{ kind: 'core', value: 'ja' }]);
	expect((await ja()).provenance).toEqual({ mode: 'selv' });

	// "Luk" and "Annuller" close it by switch too, and change nothing.
	await correct('Nej');
	await scanTo(dialog.getByRole('button', { name: 'Luk', exact: true }), keys);
	await keys.select();
	await expect(dialog).toBeHidden();
	await correct('Nej');
	await scanTo(value('Ved ikke'), onScreen);
	await onScreen.select();
	await scanTo(dialog.getByRole('button', { name: 'Annuller', exact: true }), onScreen);
	await onScreen.select();
	await expect(dialog).toBeHidden();
	expect((await ja()).history).toHaveLength(1);
	expect((await ja()).content).toEqual({ kind: 'core', value: 'nej' });

	// With the switches on the screen alone.
	await correct('Nej');
	await scanTo(value('Ved ikke'), onScreen);
	await onScreen.select();
	await scanTo(dialog.getByRole('button', { name: 'Gem', exact: true }), onScreen);
	await onScreen.select();
	await expect(dialog).toBeHidden();
	await expect.poll(async () => (await ja()).content).toEqual({ kind: 'core', value: 'ved-ikke' });
	expect((await ja()).history).toHaveLength(2);
});

test('the summary names the goal or agreement a view is about, and a deleted one takes its view along', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Karen');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.openStep('Mål og aftaler');
	await addGoal(page, 'Jeg vil bage boller');
	await addGoal(page, 'Jeg vil cykle');
	await addGoal(page, 'Jeg vil spise sundt');
	for (const what of ['Mor køber mel', 'Mor ringer']) {
		await page.getByLabel('Hvad skal der ske?').fill(what);
		await page.getByLabel('Hvornår?').fill('fredag');
		await page.getByRole('button', { name: 'Tilføj aftale' }).click();
		await expect(page.getByRole('article', { name: what })).toBeVisible();
	}
	const view = async (question: string, point: string) => {
		const radio = page.getByRole('group', { name: question }).getByRole('radio', { name: point, exact: true });
		await radio.check();
		await expect(radio).toBeChecked();
	};
	await view('Hvad synes du om målet »Jeg vil bage boller«?', 'Godt');
	await view('Hvad synes du om målet »Jeg vil cykle«?', 'Godt');
	await view('Hvad synes du om aftalen »Mor køber mel«?', 'Ikke godt');

	await meeting.openStep('Har vi forstået dig?');
	for (const name of [
		'Rigtigt: svaret Godt (Jeg vil bage boller)',
		'Rigtigt: svaret Godt (Jeg vil cykle)',
		'Ret svaret Ikke godt (Mor køber mel)'
	])
		await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Mål', exact: true }).getByText('Jeg vil cykle', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page, 'the summary with views of goals and agreements');

	await meeting.openStep('Mål og aftaler');
	// The step reads the goals' views too: back on it, the view given is shown chosen.
	await expect(
		page.getByRole('group', { name: 'Hvad synes du om målet »Jeg vil cykle«?' }).getByRole('radio', { name: 'Godt', exact: true })
	).toBeChecked();
	// Double clicked, as a mouse user may: the next goal and agreement move up under the pointer and stay.
	await slowDoubleClick(page, page.getByRole('button', { name: 'Slet målet Jeg vil cykle' }));
	await expect(goalsList(page).getByText('Jeg vil cykle', { exact: true })).toHaveCount(0);
	await slowDoubleClick(page, page.getByRole('button', { name: 'Slet aftalen Mor køber mel' }));
	await expect(page.getByRole('article')).toHaveText([/^Mor ringer/]);
	await expect(goalsList(page).locator('ul.items > li strong')).toHaveText(['Jeg vil bage boller', 'Jeg vil spise sundt']);
	await meeting.openStep('Har vi forstået dig?');
	await expect(page.getByRole('button', { name: 'Rigtigt: svaret Godt (Jeg vil bage boller)', exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Rigtigt/ })).toHaveCount(1);
	await expect(page.getByRole('region', { name: 'Aftale', exact: true })).toHaveCount(0);
	const views = async () =>
		(await readDatabase(page)).answers
			.filter((a) => ['goal', 'agreement'].includes(a.payload.subject.kind))
			.map((a) => [a.payload.content.label, a.payload.status])
			.sort();
	await expect.poll(views).toEqual([
		['Godt', 'active'],
		['Godt', 'withdrawn'],
		['Ikke godt', 'withdrawn']
	]);
});

test('an earlier goal not followed up stays on offer in later meetings until it is reached or stopped', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Karen');
	const first = await citizen.startMeeting({ phase: 'Opfølgning', date: '2026-11-01' });
	// The page object reads the meeting's id from the address: kept before another meeting is opened.
	const firstId = first.id;
	await first.openStep('Mål og aftaler');
	for (const goal of ['Jeg vil selv handle ind', 'Jeg vil cykle til arbejde', 'Jeg vil sove længe']) await addGoal(page, goal);
	const carry = page.getByRole('region', { name: 'Mål fra tidligere møder' });
	const offered = () => carry.getByRole('listitem').locator('.text');

	// The next meeting follows up one goal, says one is reached, and leaves one as it is.
	const second = await nextMeeting(page, 'Karen', '2026-11-15');
	await expect(offered()).toHaveText(['Jeg vil selv handle ind', 'Jeg vil cykle til arbejde', 'Jeg vil sove længe']);
	await expectNoAxeViolations(page, 'goals from earlier meetings');
	await expectReflow(page, 'goals from earlier meetings');
	await page.getByRole('button', { name: 'Følg op på målet Jeg vil cykle til arbejde' }).click();
	await page.getByRole('button', { name: 'Målet Jeg vil sove længe er nået' }).click();
	await expect(goalsList(page).getByRole('listitem').filter({ hasText: 'Jeg vil sove længe' })).toContainText('Målet er nået');
	await expect(offered()).toHaveText(['Jeg vil selv handle ind']);
	const firstPlan = (await stored(page)).plans.find((p) => p.meetingId === firstId)!;
	expect(firstPlan.payload.goals).toHaveLength(3);
	const firstPlanId = firstPlan.id;
	expect((await goalsOf(page, second.id)).map((g) => [g.text, g.status, g.fromPlanId])).toEqual([
		['Jeg vil cykle til arbejde', 'aktiv', firstPlanId],
		['Jeg vil sove længe', 'naaet', firstPlanId]
	]);

	// A meeting after it offers both goals still open, the one followed up last first; the reached one is done.
	const third = await nextMeeting(page, 'Karen', '2026-12-01');
	await expect(offered()).toHaveText(['Jeg vil cykle til arbejde', 'Jeg vil selv handle ind']);
	await page.getByRole('button', { name: 'Målet Jeg vil cykle til arbejde er stoppet' }).click();
	await page.getByRole('button', { name: 'Følg op på målet Jeg vil selv handle ind' }).click();
	await expect(carry).toHaveCount(0);
	expect((await goalsOf(page, third.id)).map((g) => [g.text, g.status, g.fromPlanId])).toEqual([
		['Jeg vil cykle til arbejde', 'stoppet', firstPlanId],
		['Jeg vil selv handle ind', 'aktiv', firstPlanId]
	]);
});

test('a goal and an agreement half typed are still there after another step and Back, and go once added', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Nanna');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.addParticipant('Mor', 'Pårørende');
	await meeting.openStep('Mål og aftaler');
	await page.getByLabel('Målet med borgerens egne ord').fill('Jeg vil gerne selv');
	await page.getByRole('checkbox', { name: 'Mor (Pårørende)' }).check();
	await page.getByLabel('Hvad skal der ske?').fill('Ringe til lægen');
	await meeting.openStep('Hvordan var mødet?');
	await page.goBack();
	await expect(page.getByLabel('Målet med borgerens egne ord')).toHaveValue('Jeg vil gerne selv');
	await expect(page.getByLabel('Hvad skal der ske?')).toHaveValue('Ringe til lægen');
	await expect(page.getByRole('checkbox', { name: 'Mor (Pårørende)' })).toBeChecked();
	await expectNoAxeViolations(page, 'the plan step with what was typed before');
	await page.getByRole('button', { name: 'Tilføj mål' }).click();
	await expect(goalsList(page).getByText('Jeg vil gerne selv', { exact: true })).toBeVisible();
	await expect(page.getByLabel('Målet med borgerens egne ord')).toHaveValue('');
	// Added, the goal's draft is gone: another step and back finds the form empty; the agreement's is still there.
	await meeting.openStep('Hvordan var mødet?');
	await meeting.openStep('Mål og aftaler');
	await expect(page.getByLabel('Målet med borgerens egne ord')).toHaveValue('');
	await expect(page.getByLabel('Hvad skal der ske?')).toHaveValue('Ringe til lægen');
});

test('a text answer half typed is still there after another step and Back, each question its own, and goes once saved', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Nanna');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.openStep('Hvordan går det?');
	const other = page.getByLabel('Er der noget andet, du vil tale om?');
	const form = page.locator('form').filter({ has: other });
	await other.fill('Min cykel');
	await form.getByRole('checkbox', { name: 'Borgerens egne ord (citat)' }).check();
	// The feedback's own text question is another draft.
	await meeting.openStep('Hvordan var mødet?');
	const seen = page.getByLabel('Hvad så vi uden ord under mødet?');
	await expect(seen).toHaveValue('');
	await seen.fill('Smilede meget');
	await page.goBack();
	await expect(meeting.stepHeading).toHaveText('Hvordan går det?');
	await expect(other).toHaveValue('Min cykel');
	await expect(form.getByRole('checkbox', { name: 'Borgerens egne ord (citat)' })).toBeChecked();
	await expectNoAxeViolations(page, 'the check-in with a text typed before');

	await form.getByRole('button', { name: 'Gem tekst' }).click();
	await expect(form.getByRole('status')).toHaveText('✓ Gemt');
	await expect(other).toHaveValue('');
	await expect(form.getByRole('checkbox', { name: 'Borgerens egne ord (citat)' })).not.toBeChecked();
	await expect
		.poll(async () => (await stored(page)).answers.map((a) => a.payload.content))
		.toStrictEqual([{ kind: 'text', text: 'Min cykel', quote: true }]);
	// Saved, its draft is gone: another step and back finds it empty; the feedback's is still there.
	await meeting.openStep('Hvordan var mødet?');
	await expect(seen).toHaveValue('Smilede meget');
	await meeting.openStep('Hvordan går det?');
	await expect(other).toHaveValue('');
	await expect(form.getByRole('checkbox', { name: 'Borgerens egne ord (citat)' })).not.toBeChecked();
});
