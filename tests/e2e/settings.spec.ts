import { SEALED_TABLES } from '#lib/storage/tables.ts';
import { expect, expectNoAxeViolations, readDatabase, test, openApp, unlockTablet } from './fixtures';
import { HomePage, MeetingPage, waitUntilInteractive } from './pages';
import type { Locator } from '@playwright/test';

test('settings show the storage status and switch the whole UI to English and back', async ({ page }) => {
	await page.goto('/indstillinger');
	await waitUntilInteractive(page);
	const status = page.getByTestId('persistence');
	await expect(status).not.toHaveAttribute('data-state', 'checking');
	const state = await status.getAttribute('data-state');
	const expected = {
		persisted: 'Varig lagring er slået til',
		'not-persisted': 'Browseren har ikke givet varig lagring',
		unsupported: 'Browseren kan ikke give varig lagring'
	}[state as 'persisted' | 'not-persisted' | 'unsupported'];
	await expect(status).toContainText(expected);
	// The status on screen is the browser's own answer.
	const persisted = await page.evaluate(() => navigator.storage.persisted());
	expect(state).toBe(persisted ? 'persisted' : 'not-persisted');
	await expectNoAxeViolations(page, 'settings');

	await page.getByRole('radio', { name: 'English' }).check();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Citizens' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
	await expectNoAxeViolations(page, 'settings in English');

	await page.reload();
	await waitUntilInteractive(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	await page.getByRole('link', { name: 'Citizens' }).click();
	await expect(page.getByRole('button', { name: 'Add citizen' })).toBeVisible();

	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('radio', { name: 'Dansk' }).check();
	await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
});

test('the about page names the licence and passes axe', async ({ page }) => {
	await page.goto('/om');
	await waitUntilInteractive(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Om Billedtale' })).toBeVisible();
	await expect(page.getByText('GNU General Public License, version 3 eller senere')).toBeVisible();
	const symbolsRow = page.getByRole('row', { name: /Billedtale-symboler/ });
	await expect(symbolsRow).toContainText('GPL-3.0-or-later');
	await expect(page.getByRole('row', { name: /eSpeak NG/ })).toContainText('GPL-3.0-or-later');
	await expectNoAxeViolations(page, 'about');
});

test('an unknown citizen or meeting id says so in Danish', async ({ page }) => {
	await openApp(page, '/borger?id=findes-ikke');
	await expect(page.getByText('Borgeren findes ikke på denne tablet.')).toBeVisible();
	await expectNoAxeViolations(page, 'missing citizen');
	await openApp(page, '/moede?id=findes-ikke');
	await expect(page.getByText('Mødet findes ikke på denne tablet.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Tilbage til borgerne' })).toBeVisible();
	await expectNoAxeViolations(page, 'missing meeting');
});

test('the web app manifest is Danish, standalone and has icons', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifest = await (await request.get(href!)).json();
	expect(manifest).toMatchObject({ name: 'Billedtale', lang: 'da', display: 'standalone', start_url: '/' });
	for (const icon of manifest.icons as Array<{ src: string }>) {
		expect((await request.get(icon.src)).status()).toBe(200);
	}
	// The tab's icon is a PNG: Chromium fetches it again after each move between pages and would set up an SVG one as a
	// document of its own on the page's thread (issue 17, profile of opening a meeting).
	const tabIcon = page.locator('link[rel="icon"]');
	await expect(tabIcon).toHaveAttribute('type', 'image/png');
	expect((await request.get((await tabIcon.getAttribute('href'))!)).headers()['content-type']).toContain('image/png');
	const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(csp).toContain("default-src 'self'");
	expect(csp).toContain("object-src 'none'");
});

test('speech settings: voice, speed, tap behaviour and a test button that really speaks', async ({ page }) => {
	await page.goto('/indstillinger');
	await waitUntilInteractive(page);
	const speech = page.getByRole('region', { name: 'Tale' });
	// Headless Chromium has no Danish system voice, so the built-in one is offered and used.
	await expect(speech.getByText('Tabletten har ingen dansk stemme.')).toBeVisible();
	await speech.getByLabel('Stemme').selectOption({ label: 'Indbygget dansk stemme (eSpeak NG, virker uden internet)' });
	await speech.getByLabel(/^Hastighed/).fill('1.5');
	await expect(speech.getByText('Hastighed: 1,5')).toBeVisible();
	await speech.getByLabel('Sig ordet med det samme, når der trykkes').uncheck();
	await expectNoAxeViolations(page, 'speech settings');
	await speech.getByRole('button', { name: 'Prøv stemmen' }).click();
	await expect(speech.getByRole('status')).toHaveText('Den indbyggede danske stemme talte.', { timeout: 20_000 });

	await page.reload();
	await waitUntilInteractive(page);
	expect(JSON.parse((await page.evaluate(() => localStorage.getItem('billedtale.speech')))!)).toEqual({
		engine: 'offline',
		voiceURI: '',
		networkVoiceURI: '',
		rate: 1.5,
		pitch: 1,
		speakOnTap: false
	});
	await expect(speech.getByLabel('Sig ordet med det samme, når der trykkes')).not.toBeChecked();
});

test('a voice that sends the text over the internet is never used by default, only after a plain warning and an explicit choice', async ({
	page
}) => {
	// The tablet lists a network voice first, as Chrome does with "Google dansk"; speaking is recorded, not played.
	await page.addInitScript(() => {
		const voices = [
			{ name: 'Google dansk', voiceURI: 'Google dansk', lang: 'da-DK', localService: false, default: true },
			{ name: 'Sara', voiceURI: 'Sara', lang: 'da-DK', localService: true, default: false }
		];
		const spoken: string[] = [];
		(window as unknown as { spoken: string[] }).spoken = spoken;
		speechSynthesis.getVoices = () => voices as unknown as SpeechSynthesisVoice[];
		Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
			configurable: true,
			get() {
				return (this as { chosen?: unknown }).chosen ?? null;
			},
			set(value: { name: string }) {
				(this as { chosen?: unknown }).chosen = value;
			}
		});
		// A real voice starts speaking: the app waits for that before it says which voice spoke.
		speechSynthesis.speak = (utterance) => {
			spoken.push((utterance.voice as { name: string }).name);
			setTimeout(() => utterance.dispatchEvent(new Event('start')), 0);
			setTimeout(() => utterance.dispatchEvent(new Event('end')), 10);
		};
	});
	await page.goto('/indstillinger');
	await waitUntilInteractive(page);
	const speech = page.getByRole('region', { name: 'Tale' });
	const voice = speech.getByLabel('Stemme');
	await expect(voice.locator('option')).toContainText([
		'Tablettens danske stemme',
		'Google dansk (sender teksten over internettet)',
		'Sara (på tabletten)'
	]);
	await speech.getByRole('button', { name: 'Prøv stemmen' }).click();
	await expect(speech.getByRole('status')).toHaveText('Tablettens danske stemme talte.');
	expect(await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toEqual(['Sara']);

	await voice.selectOption({ label: 'Google dansk (sender teksten over internettet)' });
	const warning = speech.getByRole('alert');
	await expect(warning).toContainText('sender alt, hvad der skal siges, til en server på internettet');
	await expectNoAxeViolations(page, 'network voice warning');
	await warning.getByRole('button', { name: 'Nej, brug en stemme på tabletten' }).click();
	await expect(warning).toHaveCount(0);
	await expect(voice).toHaveValue('');
	await voice.selectOption({ label: 'Google dansk (sender teksten over internettet)' });
	await speech.getByRole('button', { name: 'Ja, send teksten over internettet' }).click();
	await speech.getByRole('button', { name: 'Prøv stemmen' }).click();
	await expect.poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toEqual(['Sara', 'Google dansk']);
});

test('"Slet alt" removes every citizen, board and recording from the tablet after a typed confirmation', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Rikke');
	await citizen.startMeeting({ phase: 'Opfølgning' });
	await new MeetingPage(page).tap('Ja');
	await home.show();
	await home.addCitizen('Søren');
	await page.getByRole('link', { name: 'Symboltavler' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Forside' })).toBeVisible();
	let db = await readDatabase(page);
	expect([db.citizens.length, db.meetings.length, db.answers.length, db.boards.length]).toEqual([2, 1, 1, 8]);

	await page.getByRole('link', { name: 'Indstillinger' }).click();
	await page.getByRole('button', { name: 'Slet alt …' }).click();
	const dialog = page.getByRole('dialog', { name: 'Slet alt på tabletten?' });
	await expectNoAxeViolations(page, 'erase everything dialog');
	await expect(dialog.getByRole('button', { name: 'Slet alt nu' })).toBeDisabled();
	await dialog.getByLabel('Skriv SLET for at bekræfte').fill('slet');
	await dialog.getByRole('button', { name: 'Slet alt nu' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Alt er slettet fra tabletten.' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' })).toBeVisible();
	await unlockTablet(page);
	await page.getByRole('link', { name: 'Borgere' }).click();
	await expect(page.getByText('Der er endnu ingen borgere')).toBeVisible();
	db = await readDatabase(page);
	// Every table the app seals, whatever tables there are by now.
	expect(Object.keys(db).sort()).toEqual([...SEALED_TABLES].sort());
	for (const [table, records] of Object.entries(db)) expect(records, table).toEqual([]);
	await page.reload();
	await waitUntilInteractive(page);
	await expect(page.getByRole('alert')).toBeEmpty();
});

test('in the English UI the Danish board content keeps lang="da", and a reload in English asks for the passphrase in English', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Frida');
	const citizenId = citizen.id;
	const langOf = (locator: Locator) => locator.evaluate((element) => element.closest('[lang]')?.getAttribute('lang'));

	// The home board is listed once by its name, not as "Forside (Forside)".
	await openApp(page, `/tavler?borger=${citizenId}`);
	await expect(page.locator('.board-list .name').first()).toHaveText('Forside');

	await page.getByRole('link', { name: 'Indstillinger' }).click();
	await page.getByRole('radio', { name: 'English' }).check();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

	// A full load in English: the passphrase screen is English from the start of the session.
	await page.goto(`/tavle?borger=${citizenId}`);
	await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
	await expect(page.getByRole('heading', { level: 1, name: 'Unlock Billedtale' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
	await unlockTablet(page);

	// Board name, folder and symbol labels are Danish; the word "Folder:" is English.
	const heading = page.getByRole('heading', { level: 1, name: 'Forside' });
	await expect(heading).toBeVisible();
	expect(await langOf(heading)).toBe('da');
	const folder = page.locator('.grid').getByRole('button', { name: 'Folder: Følelser' });
	await expect(folder).toBeVisible();
	expect(await langOf(folder.locator('.cell-label'))).toBe('da');
	expect(await langOf(folder.getByText('Folder:'))).toBe('en');
	expect(await langOf(page.locator('.grid').getByRole('button', { name: 'ja', exact: true }).locator('.cell-label'))).toBe('da');
	expect(await langOf(page.getByRole('group', { name: 'Forside' }))).toBe('da');
	await expectNoAxeViolations(page, 'board in the English UI');

	// The board list in English: the Danish name, then the English marker.
	await page.goto(`/tavler?borger=${citizenId}`);
	await unlockTablet(page);
	const rootName = page.locator('.board-list .name').first();
	await expect(rootName).toHaveText('Forside (Home board)');
	expect(await langOf(rootName.getByText('Forside', { exact: true }))).toBe('da');
});
