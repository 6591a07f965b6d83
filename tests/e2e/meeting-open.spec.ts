import { expect, reopen, test } from './fixtures';
import { HomePage } from './pages';

/*
 * Opening a meeting (issue 17): each step reads only its own kinds of answer from the meeting, so the answers given on the
 * boards are not opened (decrypted) to show the check-in, while the summary still lists every one of them.
 */

const BOARD_TAPS = 16;

test('a meeting opens on its check-in without opening the board answers, and the summary still lists them all', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Mona');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	for (let i = 0; i < BOARD_TAPS; i++) await meeting.tap(i % 2 ? 'Nej' : 'Ja');
	await meeting.openStep('Hvordan går det?');
	const today = page.getByRole('group', { name: 'Hvordan har du det i dag?' });
	await today.getByRole('radio', { name: 'Godt', exact: true }).check();
	await expect(today.getByRole('radio', { name: 'Godt', exact: true })).toBeChecked();
	// The adviser's panel lists the newest answers of any kind: closed, only the step reads the meeting's answers.
	await page.getByRole('button', { name: 'Luk rådgiverpanel' }).click();
	await expect(meeting.staffPanel).toHaveCount(0);

	// Every record opened is one AES-GCM decryption.
	await page.addInitScript(() => {
		const counted = window as unknown as { decrypts: number };
		counted.decrypts = 0;
		const decrypt = SubtleCrypto.prototype.decrypt;
		SubtleCrypto.prototype.decrypt = function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['decrypt']>) {
			counted.decrypts++;
			return decrypt.apply(this, args);
		};
	});
	await reopen(page);
	await expect(meeting.stepHeading).toHaveText('Hvordan går det?');
	await expect(today.getByRole('radio', { name: 'Godt', exact: true })).toBeChecked();
	// The tablet's keys, the citizen, the meeting, its check-in answer and the citizen's "Om mig": far fewer than the taps.
	const decrypts = await page.evaluate(() => (window as unknown as { decrypts: number }).decrypts);
	expect(decrypts, 'records opened to show the check-in').toBeLessThan(BOARD_TAPS / 2);

	// A choice made again corrects the one answer the step read (no second answer beside it).
	await today.getByRole('radio', { name: 'Skidt', exact: true }).check();
	await expect(today.getByRole('radio', { name: 'Skidt', exact: true })).toBeChecked();

	await meeting.openStep('Har vi forstået dig?');
	await expect(page.getByRole('button', { name: /^Ret svaret (Ja|Nej)$/ })).toHaveCount(BOARD_TAPS);
	// Named with its question too ("Ret svaret Skidt (…)"): the summary's buttons tell apart answers of the same words.
	await expect(page.getByRole('button', { name: /^Ret svaret Skidt \(/ })).toHaveCount(1);
	await expect(page.getByRole('button', { name: /^Ret svaret Godt\b/ })).toHaveCount(0);
});

test('a meeting opened from the citizen page is drawn whole at once, its panel with it, without "Henter …" first', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Mona');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.tap('Ja');
	await meeting.tap('Nej');
	await expect(meeting.answers).toHaveCount(2);
	await page.getByRole('link', { name: 'Tilbage til Mona' }).click();
	const link = page.getByRole('region', { name: 'Møder' }).getByRole('link').first();
	await expect(link).toBeVisible();

	// The meeting page's own "Henter …" (the panel's note has one of its own, drawn after the page): the page is read
	// from the press of the link on (storage/read-ahead.ts), so its first render already has the meeting and the panel's list.
	await page.evaluate(() => {
		const seen = window as unknown as { pageLoading: boolean };
		seen.pageLoading = false;
		new MutationObserver((records) => {
			for (const record of records)
				for (const node of record.addedNodes)
					if (node instanceof HTMLParagraphElement && node.textContent === 'Henter …' && !node.closest('aside')) seen.pageLoading = true;
		}).observe(document.body, { childList: true, subtree: true });
	});
	await link.click();
	await expect(meeting.stepHeading).toBeVisible();
	await expect(meeting.answers).toHaveCount(2);
	expect(await page.evaluate(() => (window as unknown as { pageLoading: boolean }).pageLoading), '"Henter …" before the meeting').toBe(
		false
	);

	// The code this took asks V8 to compile its functions while it loads, off the page's thread (vite.config.ts): every
	// script of the page from 4 kB up starts with the hint, the meeting page's own among them (not the workers', which
	// run on threads of their own).
	const scripts = await page.evaluate(async () => {
		const urls = performance
			.getEntriesByType('resource')
			.map((entry) => entry.name)
			.filter((url) => url.endsWith('.js') && !url.includes('/workers/'));
		return Promise.all(urls.map(async (url) => ({ url, code: await (await fetch(url)).text() })));
	});
	const large = scripts.filter(({ code }) => code.length >= 4096);
	expect(large.filter(({ code }) => code.includes('meeting-keep-open'))).toHaveLength(1);
	expect(large.length).toBeGreaterThan(10);
	expect(large.filter(({ code }) => !code.startsWith('//# allFunctionsCalledOnLoad\n')).map(({ url }) => url)).toEqual([]);
});
