import type { Page } from '@playwright/test';
import {
	diskContains,
	expect,
	expectNoAxeViolations,
	openApp,
	readDatabase,
	readDisk,
	test,
	TEST_PASSPHRASE,
	TEST_PIN,
	unlockTablet
} from './fixtures';
import { CitizenPage, HomePage, unlockWithPin } from './pages';

const CANARY = 'Kanariefugl Hansen';

/** On the Indstillinger page of `tab`, locked: the old PIN no longer opens it, the new one does. */
async function onlyTheNewPinOpens(tab: Page, pin: string): Promise<void> {
	await tab.getByRole('button', { name: 'Lås', exact: true }).click();
	await tab.getByLabel('PIN').fill(TEST_PIN);
	await tab.getByRole('button', { name: 'Lås op' }).click();
	await expect(tab.getByRole('alert').filter({ hasText: 'Forkert' })).toBeVisible();
	await tab.getByLabel('PIN').fill(pin);
	await tab.getByRole('button', { name: 'Lås op' }).click();
	await expect(tab.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible();
}

/** `page` loaded afresh: the old passphrase no longer opens it, the new one does. */
async function onlyTheNewPassphraseOpens(page: Page, passphrase: string): Promise<void> {
	await page.reload();
	// Until the key is read the page holds both prerendered first screens, each with a field of that name.
	await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
	await page.getByLabel('Adgangssætning', { exact: true }).fill(TEST_PASSPHRASE);
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText('Adgangssætningen passer ikke. Prøv igen.');
	await page.getByLabel('Adgangssætning', { exact: true }).fill(passphrase);
	await page.getByRole('button', { name: 'Lås op' }).click();
}

async function pageHtml(page: Page): Promise<string> {
	return page.evaluate(() => document.documentElement.outerHTML);
}

test('first start sets up the passphrase and PIN in plain Danish; the data on disk is sealed', async ({ page }) => {
	await page.goto('/');
	// Until the key is read the page holds both prerendered first screens, each with a field named "Adgangssætning".
	await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' })).toBeVisible();
	await expect(page.getByText('Glemmes adgangssætningen, kan ingen åbne data på tabletten igen')).toBeVisible();
	await expectNoAxeViolations(page, 'first-start setup');

	const submit = page.getByRole('button', { name: 'Sikr tabletten' });
	const error = page.getByRole('alert').filter({ hasText: /./ });
	await page.getByLabel('Adgangssætning', { exact: true }).fill('for kort');
	await submit.click();
	await expect(error).toHaveText('Skriv mindst 12 tegn, gerne fem tilfældige ord.');
	// The example the help text used to show is refused, and no real-looking example is shown any more.
	await expect(page.locator('#setup-passphrase-help')).not.toContainText(/[a-zæøå]+( [a-zæøå]+){4}»/);
	await page.getByLabel('Adgangssætning', { exact: true }).fill('kaffe lampe skov tirsdag cykel');
	await submit.click();
	await expect(error).toHaveText(
		'Den adgangssætning har stået som eksempel, så den kan gættes. Vælg jeres egne ord, fx med «Foreslå fem ord».'
	);
	await page.getByLabel('Adgangssætning', { exact: true }).fill(TEST_PASSPHRASE);
	await page.getByLabel('Gentag adgangssætningen').fill(TEST_PASSPHRASE + 'x');
	await submit.click();
	await expect(error).toHaveText('De to adgangssætninger er ikke ens.');
	await page.getByLabel('Gentag adgangssætningen').fill(TEST_PASSPHRASE);
	await submit.click();
	await expect(error).toHaveText('Sæt flueben for at bekræfte, at I har forstået det med den glemte adgangssætning.');
	await page.getByLabel('Jeg forstår, at data går tabt, hvis adgangssætningen glemmes').check();
	await page.getByLabel('Ny PIN (4–8 cifre)').fill('12');
	await submit.click();
	await expect(error).toHaveText('En PIN er 4 til 8 cifre.');

	await page.getByRole('button', { name: 'Foreslå fem ord' }).click();
	await expect(page.getByText(/^Forslag: [a-zæøå]+( [a-zæøå]+){4}$/)).toBeVisible();
	await expectNoAxeViolations(page, 'setup with errors and a suggestion');

	// The helper completes the setup the way a user does.
	await unlockTablet(page);
	const home = new HomePage(page);
	await home.addCitizen(CANARY);

	const disk = await readDisk(page);
	const vault = disk.vault as { kdf: { name: string; iterations: number }; wrappedKey: unknown };
	expect(vault.kdf).toMatchObject({ name: 'PBKDF2-SHA256', iterations: 600_000 });
	for (const secret of [CANARY, 'Kanariefugl', TEST_PASSPHRASE, TEST_PIN]) expect(diskContains(disk, secret), secret).toBe(false);
	expect(diskContains(disk, disk.tables.citizens[0]!.id), 'the check itself finds what is stored').toBe(true);
	expect(Object.keys(disk.tables.citizens[0]!).sort()).toEqual(['createdAt', 'id', 'payload', 'v']);
});

test('lock: soft lock with the PIN on demand and after idle time; after 30 minutes, five wrong PINs or "Lås helt" the passphrase is needed', async ({
	page
}) => {
	await page.clock.install();
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen(CANARY);
	await page.getByRole('link', { name: 'Borgere' }).click();
	const lockedHeading = page.getByRole('heading', { name: 'Billedtale er låst' });

	// Lock on demand: the key is dropped and nothing about the citizen is left in the page.
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await expect(lockedHeading).toBeVisible();
	expect(await pageHtml(page)).not.toContain(CANARY);
	await expectNoAxeViolations(page, 'PIN lock screen');
	await page.getByLabel('PIN').fill('1111');
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Forkert' })).toHaveText(
		'Forkert PIN. 4 forsøg tilbage. Derefter skal adgangssætningen bruges.'
	);
	await page.getByLabel('PIN').fill(TEST_PIN);
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(home.citizenLink(CANARY)).toBeVisible();
	// The lock screen and its button are gone: the focus is on the page that is back, not on <body>.
	await expect(home.heading).toBeFocused();

	// Idle lock fires on time: not before two minutes without a touch, and at two minutes.
	await page.getByRole('link', { name: 'Indstillinger' }).click();
	const lockSection = page.getByRole('region', { name: 'Lås og adgangssætning' });
	await lockSection.getByLabel('Lås efter').selectOption({ label: '2 minutter uden berøring' });
	await expect(lockSection.getByRole('status')).toHaveText('Låsetiden er gemt.');
	await page.getByRole('link', { name: 'Borgere' }).click();
	await expect(home.citizenLink(CANARY)).toBeVisible();
	await page.clock.fastForward('01:50');
	await expect(home.citizenLink(CANARY)).toBeVisible();
	await page.clock.fastForward('00:11');
	await expect(lockedHeading).toBeVisible();
	expect(await pageHtml(page)).not.toContain(CANARY);
	await page.getByLabel('PIN').fill(TEST_PIN);
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(home.citizenLink(CANARY)).toBeVisible();

	// The PIN's copy of the key lasts 30 minutes: after that the page reloads and wants the passphrase.
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await expect(lockedHeading).toBeVisible();
	await page.clock.fastForward('30:01');
	await expect(page.getByRole('heading', { name: 'Lås Billedtale op' })).toBeVisible();
	await unlockTablet(page);
	await expect(home.citizenLink(CANARY)).toBeVisible();

	// Five wrong PINs end the session: the page reloads and asks for the passphrase.
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	for (let left = 4; left >= 1; left--) {
		await page.getByLabel('PIN').fill('0000');
		await page.getByRole('button', { name: 'Lås op' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'Forkert' })).toContainText(`${left} forsøg tilbage`);
	}
	await page.getByLabel('PIN').fill('0000');
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(page.getByRole('heading', { name: 'Lås Billedtale op' })).toBeVisible();
	expect(await pageHtml(page)).not.toContain(CANARY);
	await expectNoAxeViolations(page, 'passphrase lock screen');
	await page.getByLabel('Adgangssætning', { exact: true }).fill('ikke den rigtige sætning');
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText('Adgangssætningen passer ikke. Prøv igen.');
	await unlockTablet(page);
	await expect(home.citizenLink(CANARY)).toBeVisible();

	// "Lås helt" from the settings does the same.
	await page.getByRole('link', { name: 'Indstillinger' }).click();
	await lockSection.getByRole('button', { name: 'Lås helt' }).click();
	await expect(page.getByRole('heading', { name: 'Lås Billedtale op' })).toBeVisible();
	expect(await pageHtml(page)).not.toContain(CANARY);
});

test('leaving the app locks it, and locking one tab locks every tab', async ({ page, context }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen(CANARY);
	const second = await context.newPage();
	await openApp(second, '/');
	await expect(new HomePage(second).citizenLink(CANARY)).toBeVisible();
	const locked = (tab: Page) => tab.getByRole('heading', { name: 'Billedtale er låst' });

	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await expect(locked(second)).toBeVisible();
	expect(await pageHtml(second)).not.toContain(CANARY);

	await second.getByLabel('PIN').fill(TEST_PIN);
	await second.getByRole('button', { name: 'Lås op' }).click();
	await expect(new HomePage(second).citizenLink(CANARY)).toBeVisible();
	// The tablet switches to another app: the app covers itself before the switcher can show it.
	await second.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	await expect(locked(second)).toBeVisible();
	await expect(locked(page)).toBeVisible();
	await second.close();
});

test('wrong PINs are counted across tabs and reloads: the fifth wrong one, in any tab, locks every tab hard', async ({ page, context }) => {
	const home = new HomePage(page);
	await home.open();
	const second = await context.newPage();
	await openApp(second, '/');
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	const tryPin = async (tab: Page, left: number) => {
		await tab.getByLabel('PIN').fill('0000');
		await tab.getByRole('button', { name: 'Lås op' }).click();
		await expect(tab.getByRole('alert').filter({ hasText: 'Forkert' })).toContainText(`${left} forsøg tilbage`);
	};
	await tryPin(page, 4);
	await tryPin(page, 3);
	await tryPin(second, 2);
	await tryPin(second, 1);
	await page.getByLabel('PIN').fill('0000');
	await page.getByRole('button', { name: 'Lås op' }).click();
	for (const tab of [page, second]) await expect(tab.getByRole('heading', { name: 'Lås Billedtale op' })).toBeVisible();
	await second.close();
	// The passphrase starts the count afresh.
	await unlockTablet(page);
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await tryPin(page, 4);
	await page.getByLabel('PIN').fill(TEST_PIN);
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(home.heading).toBeVisible();
});

test('"<navn> er slettet" does not stay on the lock screen: the lock shows nothing about a citizen', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen(CANARY);
	await page.getByRole('button', { name: 'Slet borger' }).click();
	await new CitizenPage(page)
		.deleteDialog(CANARY)
		.getByRole('button', { name: `Ja, slet alt om ${CANARY}` })
		.click();
	await expect(page.getByRole('status').filter({ hasText: `${CANARY} er slettet fra tabletten.` })).toBeVisible();
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	await expect(page.locator('main.gate')).not.toContainText(CANARY);
});

test('settings change the PIN and the passphrase; the old ones stop working', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen(CANARY);
	await page.getByRole('link', { name: 'Indstillinger' }).click();
	const lockSection = page.getByRole('region', { name: 'Lås og adgangssætning' });
	await expectNoAxeViolations(page, 'lock settings');

	await lockSection.getByLabel('Nuværende PIN').fill('9999');
	await lockSection.getByLabel('Ny PIN (4–8 cifre)').fill('1357');
	await lockSection.getByLabel('Gentag PIN').fill('1357');
	await lockSection.getByRole('button', { name: 'Skift PIN' }).click();
	await expect(lockSection.getByRole('alert')).toHaveText('Den nuværende PIN passer ikke. Intet er ændret.');
	await lockSection.getByLabel('Nuværende PIN').fill(TEST_PIN);
	await lockSection.getByLabel('Ny PIN (4–8 cifre)').fill('1357');
	await lockSection.getByLabel('Gentag PIN').fill('1357');
	// "Vis" writes the PIN out under its field; the field itself stays a password field.
	const show = lockSection.getByRole('button', { name: 'Vis Ny PIN (4–8 cifre)' });
	await show.click();
	await expect(show).toHaveAttribute('aria-pressed', 'true');
	await expect(lockSection.getByText('1357', { exact: true })).toBeVisible();
	await expect(lockSection.getByLabel('Ny PIN (4–8 cifre)')).toHaveAttribute('type', 'password');
	await expectNoAxeViolations(page, 'lock settings with a PIN shown');
	await lockSection.getByRole('button', { name: 'Skift PIN' }).click();
	await expect(lockSection.getByRole('status')).toHaveText('PIN-koden er skiftet.');
	await expect(lockSection.getByText('1357', { exact: true })).toHaveCount(0);

	const next = 'lampe skov cykel kaffe tirsdag';
	await lockSection.getByLabel('Nuværende adgangssætning').fill(TEST_PASSPHRASE);
	await lockSection.getByLabel('Ny adgangssætning').fill(next);
	await lockSection.getByLabel('Gentag adgangssætningen').fill(next);
	await lockSection.getByRole('button', { name: 'Skift adgangssætning' }).click();
	await expect(lockSection.getByRole('status')).toHaveText('Adgangssætningen er skiftet. Fortæl de andre på holdet den nye.');

	await onlyTheNewPinOpens(page, '1357');

	await onlyTheNewPassphraseOpens(page, next);
	await page.getByRole('link', { name: 'Borgere' }).click();
	await expect(home.citizenLink(CANARY)).toBeVisible();
});

test('a PIN or passphrase changed in one tab holds in every tab, and no tab writes the old one back', async ({ page, context }) => {
	const home = new HomePage(page);
	await home.open();
	const second = await context.newPage();
	await openApp(second, '/');
	const lockSection = (tab: Page) => tab.getByRole('region', { name: 'Lås og adgangssætning' });
	for (const tab of [page, second]) await tab.getByRole('link', { name: 'Indstillinger' }).click();
	const next = 'lampe skov cykel kaffe tirsdag';
	await lockSection(page).getByLabel('Nuværende PIN').fill(TEST_PIN);
	await lockSection(page).getByLabel('Ny PIN (4–8 cifre)').fill('1357');
	await lockSection(page).getByLabel('Gentag PIN').fill('1357');
	await lockSection(page).getByRole('button', { name: 'Skift PIN' }).click();
	await expect(lockSection(page).getByRole('status')).toHaveText('PIN-koden er skiftet.');
	await lockSection(page).getByLabel('Nuværende adgangssætning').fill(TEST_PASSPHRASE);
	await lockSection(page).getByLabel('Ny adgangssætning').fill(next);
	await lockSection(page).getByLabel('Gentag adgangssætningen').fill(next);
	await lockSection(page).getByRole('button', { name: 'Skift adgangssætning' }).click();
	await expect(lockSection(page).getByRole('status')).toHaveText('Adgangssætningen er skiftet. Fortæl de andre på holdet den nye.');
	// The other tab, opened before the change, saves a setting of the same record.
	await lockSection(second).getByLabel('Lås efter').selectOption({ label: '2 minutter uden berøring' });
	await expect(lockSection(second).getByRole('status')).toHaveText('Låsetiden er gemt.');

	// The other tab's soft lock: the old PIN no longer opens it, the new one does.
	await onlyTheNewPinOpens(second, '1357');
	await second.close();

	// As stored: the new passphrase and PIN, and the other tab's setting.
	await onlyTheNewPassphraseOpens(page, next);
	await expect(lockSection(page).getByLabel('Lås efter')).toHaveValue('2');
	await onlyTheNewPinOpens(page, '1357');
});

test('"Slet alt" destroys the key first: cut short, what is left can never be opened and goes at the next setup', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen(CANARY);
	await page.getByRole('link', { name: 'Indstillinger' }).click();
	// The browser refuses to delete the database, as when another tab holds it open.
	await page.evaluate(() => {
		const state = window as unknown as { refusedDeletes: number };
		state.refusedDeletes = 0;
		IDBFactory.prototype.deleteDatabase = () => {
			state.refusedDeletes += 1;
			throw new DOMException('refused', 'UnknownError');
		};
	});
	await page.getByRole('button', { name: 'Slet alt …' }).click();
	await page.getByLabel('Skriv SLET for at bekræfte').fill('SLET');
	await page.getByRole('button', { name: 'Slet alt nu' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Noget gik galt' })).toBeVisible();
	expect(await page.evaluate(() => (window as unknown as { refusedDeletes: number }).refusedDeletes)).toBeGreaterThan(0);
	const disk = await readDisk(page);
	expect(disk.vault).toBeUndefined();
	expect(disk.tables.citizens).toHaveLength(1);

	// Without the key the tablet starts over; the setup removes what can no longer be opened.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' })).toBeVisible();
	await unlockTablet(page);
	await page.getByRole('link', { name: 'Borgere' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Borgere på denne tablet' })).toBeVisible();
	await expect(home.citizenLink(CANARY)).toHaveCount(0);
	expect((await readDisk(page)).tables.citizens).toEqual([]);

	// The normal path: everything goes, and the fresh start says so.
	await home.addCitizen('Bo');
	await page.getByRole('link', { name: 'Indstillinger' }).click();
	await page.getByRole('button', { name: 'Slet alt …' }).click();
	await page.getByLabel('Skriv SLET for at bekræfte').fill('SLET');
	await page.getByRole('button', { name: 'Slet alt nu' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Alt er slettet fra tabletten.' })).toBeVisible();
	const after = await readDisk(page);
	expect(after.vault).toBeUndefined();
	expect(Object.values(after.tables).flat()).toEqual([]);
});

test('idle lock: a warning a minute before with "Mere tid"; a meeting can hold it off while its page is open; typed text stays through the lock', async ({
	page
}) => {
	await page.clock.install();
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen(CANARY);
	// Five minutes is the default lock time.
	await citizen.startMeeting({ phase: 'Opfølgning' });
	const warning = page.getByRole('dialog', { name: 'Tabletten låses om lidt' });
	const moreTime = warning.getByRole('button', { name: 'Mere tid' });
	const said = warning.locator('[data-idle-countdown]');
	const lockedHeading = page.getByRole('heading', { name: 'Billedtale er låst' });
	const keepOpen = page.getByRole('checkbox', { name: 'Hold tabletten åben under mødet' });

	// No warning before four minutes without a touch; at four minutes it shows, with focus on "Mere tid".
	await page.clock.fastForward('03:59');
	await expect(warning).toBeHidden();
	await page.clock.fastForward('00:02');
	await expect(warning).toBeVisible();
	await expect(moreTime).toBeFocused();
	await expect(warning.getByText(/^Låses om 59 sekunder$/)).toBeVisible();
	// The countdown is said politely at 30 and 10 seconds, not every second.
	await expect(said).toHaveAttribute('aria-live', 'polite');
	await expect(said).toHaveText('');
	await expectNoAxeViolations(page, 'idle warning');
	await page.clock.fastForward('00:30');
	// The installed clock also runs in real time (the axe check above takes some), so "29" may already be a little less.
	await expect(warning.getByText(/^Låses om (29|2[0-8]) sekunder$/)).toBeVisible();
	await expect(said).toHaveText('Låses om 30 sekunder');
	await page.clock.fastForward('00:02');
	await expect(said).toHaveText('Låses om 30 sekunder');

	// "Mere tid" starts the five minutes again. Its own click is sent without moving the pointer: a real pointer moving
	// there is a touch, which hides the warning by itself (tested below) and races the click.
	await moreTime.dispatchEvent('click');
	await expect(warning).toBeHidden();
	// Focus goes back to where it was before the warning: the adviser panel's button, tapped last.
	const panelButton = page.getByRole('button', { name: 'Luk rådgiverpanel' });
	await expect(panelButton).toBeFocused();
	await page.clock.fastForward('03:59');
	await expect(warning).toBeHidden();
	await expect(lockedHeading).toBeHidden();

	// Any touch does too.
	await page.clock.fastForward('00:02');
	await expect(warning).toBeVisible();
	await page.mouse.click(5, 5);
	await expect(warning).toBeHidden();
	await expect(panelButton).toBeFocused();

	// Without the toggle it locks when nobody answers the warning.
	await page.clock.fastForward('04:01');
	await expect(warning).toBeVisible();
	await page.clock.fastForward('01:00');
	await expect(lockedHeading).toBeVisible();
	expect(await pageHtml(page)).not.toContain(CANARY);
	await unlockWithPin(page);

	// Something typed but not yet saved, and the toggle on: no warning and no lock while people sit still for a while.
	const participants = page.getByRole('region', { name: 'Deltagere' });
	await participants.getByLabel('Navn').fill('Ole Sørensen');
	await participants.getByLabel('Rolle').selectOption({ label: 'Værge' });
	await keepOpen.check();
	await expectNoAxeViolations(page, 'meeting page held open');
	await page.clock.fastForward('20:00');
	await expect(warning).toBeHidden();
	await expect(lockedHeading).toBeHidden();

	// "Lås" still locks at once, and nothing on the screen is lost or changed by it.
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await expect(lockedHeading).toBeVisible();
	expect(await pageHtml(page)).not.toContain('Ole Sørensen');
	await unlockWithPin(page);
	await expect(participants.getByLabel('Navn')).toHaveValue('Ole Sørensen');
	await expect(participants.getByLabel('Rolle')).toHaveValue('vaerge');
	await expect(keepOpen).toBeChecked();
	// The form's own state followed the restored text: adding stores what is shown.
	await participants.getByRole('button', { name: 'Tilføj deltager' }).click();
	await expect(participants.getByRole('listitem').filter({ hasText: 'Ole Sørensen' })).toContainText('Værge');
	await page.clock.fastForward('20:00');
	await expect(lockedHeading).toBeHidden();

	// Leaving the meeting page lets go of the hold: the lock comes again after the idle time.
	await page.getByRole('link', { name: `Tilbage til ${CANARY}` }).click();
	// The citizen page's own button: the meeting page's heading also holds the name, and must be gone first.
	await expect(page.getByRole('button', { name: 'Start møde' })).toBeVisible();
	await page.clock.fastForward('04:01');
	await expect(warning).toBeVisible();
	await page.clock.fastForward('01:00');
	await expect(lockedHeading).toBeVisible();
});

test('a field in an open dialog comes back after a soft lock, in the dialog opened again, with the focus inside it', async ({ page }) => {
	await page.clock.install();
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Anna');
	await page.getByRole('button', { name: 'Start møde' }).click();
	const dialog = citizen.startMeetingDialog;
	const place = dialog.getByLabel('Sted (valgfrit)');
	await dialog.getByRole('radio', { name: 'Opfølgning' }).check();
	await place.fill(CANARY);
	await expect(place).toBeFocused();

	// The idle lock comes while the dialog is open (a warning at four minutes, the lock at five).
	await page.clock.fastForward('04:01');
	await expect(page.getByRole('dialog', { name: 'Tabletten låses om lidt' })).toBeVisible();
	await page.clock.fastForward('01:00');
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	expect(await pageHtml(page)).not.toContain(CANARY);
	await unlockWithPin(page);

	await expect(dialog).toBeVisible();
	await expect(place).toHaveValue(CANARY);
	// The chosen phase too: a radio without an id is found again by its group's name and value.
	await expect(dialog.getByRole('radio', { name: 'Opfølgning' })).toBeChecked();
	// The warning had the focus at the lock: it goes into the dialog opened again, not to the page body.
	expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
	await expectNoAxeViolations(page, 'a dialog opened again after the lock');
	// The form's own state followed the restored text: the meeting is stored with the place shown.
	await dialog.getByRole('button', { name: 'Start møde' }).click();
	await expect(dialog).toBeHidden();
	await expect.poll(async () => (await readDatabase(page)).meetings.map((m) => m.payload.place)).toEqual([CANARY]);
});

test('the meeting’s hold lasts while someone touches the tablet now and then, and lapses after 30 minutes without a touch', async ({
	page
}) => {
	await page.clock.install();
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Anna');
	await citizen.startMeeting({ phase: 'Opfølgning' });
	const warning = page.getByRole('dialog', { name: 'Tabletten låses om lidt' });
	const lockedHeading = page.getByRole('heading', { name: 'Billedtale er låst' });
	const keepOpen = page.getByRole('checkbox', { name: 'Hold tabletten åben under mødet' });
	await keepOpen.check();
	await expect(keepOpen).toHaveAccessibleDescription(/låser tabletten først, når ingen har rørt den i 30 minutter/);

	// A touch every 25 minutes: far past the five minutes, and never a warning.
	for (let round = 0; round < 3; round++) {
		await page.clock.fastForward('25:00');
		await expect(warning).toBeHidden();
		// A touch on the page itself (its heading): nothing that navigates away and so lets go of the hold.
		await page.getByRole('heading', { level: 1 }).click();
	}
	await expect(keepOpen).toBeChecked();
	await expect(lockedHeading).toBeHidden();
	// Then nobody touches it: the warning comes a minute before the 30 minutes, as it does without the hold.
	await page.clock.fastForward('28:59');
	await expect(warning).toBeHidden();
	await page.clock.fastForward('00:02');
	await expect(warning).toBeVisible();
	await expect(warning.getByRole('button', { name: 'Mere tid' })).toBeFocused();
	// Nobody answers it: the tablet locks, held or not.
	await page.clock.fastForward('01:00');
	await expect(lockedHeading).toBeVisible();
});

test('the new-citizen form, fetched only when asked for, is fetched and filled in again after a soft lock', async ({ page }) => {
	await page.clock.install();
	const home = new HomePage(page);
	await home.open();
	await page.getByRole('button', { name: 'Tilføj borger' }).click();
	const dialog = page.getByRole('dialog', { name: 'Tilføj borger' });
	await dialog.getByLabel('Navn eller initialer').fill(CANARY);
	// The idle lock comes while the form is open (a warning at four minutes, the lock at five).
	await page.clock.fastForward('04:01');
	await expect(page.getByRole('dialog', { name: 'Tabletten låses om lidt' })).toBeVisible();
	await page.clock.fastForward('01:00');
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	expect(await pageHtml(page)).not.toContain(CANARY);
	await unlockWithPin(page);
	await expect(dialog).toBeVisible();
	await expect(dialog.getByLabel('Navn eller initialer')).toHaveValue(CANARY);
	await dialog.getByRole('button', { name: 'Gem' }).click();
	await expect(page.getByRole('heading', { level: 1, name: CANARY })).toBeVisible();
});
