import { countStored, expect, expectNoAxeViolations, openApp, readDatabase, test, reopen } from './fixtures';
import type { Page } from '@playwright/test';
import { BoardPage, HomePage, waitUntilInteractive } from './pages';

/**
 * Runs the page's read retries (100 ms, 300 ms, 1 s and 3 s apart) now, on Playwright's clock (installed before the page
 * loaded), instead of in 4.4 s of real time: each step fires the retry that is due, and the read it starts (real
 * IndexedDB, real time) fails and sets the next before the following step.
 */
async function hurryRetries(page: Page): Promise<void> {
	for (let step = 0; step < 6; step++) {
		await page.clock.fastForward(3_000);
		await page.waitForTimeout(100);
	}
}

/** How often the fault injected into the page has fired since the page loaded: a test whose fault never fired proves nothing. */
function faultsFired(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as { faultsFired?: number }).faultsFired ?? 0);
}

test('a full disk is told in Danish at once, no "Gemt" is shown and nothing half-written remains', async ({ page }) => {
	// Simulates the browser refusing writes the way Chromium does when the quota is used up.
	await page.addInitScript(() => {
		const add = IDBObjectStore.prototype.add;
		const state = window as unknown as { diskFull?: boolean; faultsFired: number };
		state.faultsFired = 0;
		IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
			if (state.diskFull && this.name === 'answers') {
				state.faultsFired += 1;
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return add.apply(this, args);
		};
	});
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Ejnar');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.tap('Ja');

	await page.evaluate(() => ((window as unknown as { diskFull?: boolean }).diskFull = true));
	await meeting.board.getByRole('button', { name: 'Nej', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Tabletten har ikke mere plads, så det blev ikke gemt.');
	await expect(meeting.saveStatus).not.toContainText('Gemt');
	expect(await faultsFired(page)).toBeGreaterThan(0);
	expect((await readDatabase(page)).answers.map((a) => a.payload.content.value)).toEqual(['ja']);

	await page.evaluate(() => ((window as unknown as { diskFull?: boolean }).diskFull = false));
	// The answer board's repeat filter takes a second tap on the same answer within 400 ms for a double tap.
	await page.waitForTimeout(500);
	await meeting.tap('Nej');
	expect((await readDatabase(page)).answers.map((a) => a.payload.content.value).sort()).toEqual(['ja', 'nej']);
});

test.describe(() => {
	// The service worker answers every navigation with the app; this test must reach a plain file.
	test.use({ serviceWorkers: 'block' });

	test('storage cleared by the browser is noticed and told in Danish at the next start', async ({ page }) => {
		const home = new HomePage(page);
		await home.open();
		await home.addCitizen('Palle');
		await page.reload();
		await waitUntilInteractive(page);
		await expect(page.getByRole('alert')).toBeEmpty();

		// What eviction looks like: the browser clears the origin's quota-managed storage, the database
		// and the journal's private file system alike, while localStorage stays. This is done from a plain
		// file of the origin, once the app's worker has let go of the journal.
		await page.goto('/icon.svg');
		await page.evaluate(async () => {
			const root = await navigator.storage.getDirectory();
			// The app's worker lets go of the journal files a moment after the app is left.
			for (let tries = 0; ; tries++) {
				try {
					await root.removeEntry('journal', { recursive: true });
					break;
				} catch (error) {
					if (tries >= 50 || (error as DOMException).name !== 'NoModificationAllowedError') throw error;
					await new Promise((resolve) => setTimeout(resolve, 100));
				}
			}
			await new Promise<void>((resolve, reject) => {
				const request = indexedDB.deleteDatabase('billedtale');
				request.onsuccess = () => resolve();
				request.onerror = () => reject(request.error);
			});
		});
		await page.goto('/');
		await waitUntilInteractive(page);
		await expect(page.getByRole('alert')).toContainText('Browseren har slettet Billedtales data på denne tablet');
		await page.reload();
		await waitUntilInteractive(page);
		await expect(page.getByRole('alert')).toBeEmpty();
	});
});

test('a read the browser refuses is retried, and if it keeps failing the tablet says so instead of "no citizens"', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Rasmus');

	// The next reads of the citizens fail, as they can right after a browser restart. Counted, not
	// timed: unlocking takes longer than any short window, which would then close before the first read.
	await page.addInitScript(() => {
		let failing = Number(sessionStorage.getItem('failingReads')) || 0;
		const state = window as unknown as { faultsFired: number };
		state.faultsFired = 0;
		const getAll = IDBObjectStore.prototype.getAll;
		IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args: Parameters<typeof getAll>) {
			if (this.name === 'citizens' && failing > 0) {
				failing -= 1;
				state.faultsFired += 1;
				throw new DOMException('Simulated read failure', 'UnknownError');
			}
			return getAll.apply(this, args);
		};
	});
	await page.evaluate(() => sessionStorage.setItem('failingReads', '2'));
	await home.open();
	await expect(home.citizenLink('Rasmus')).toBeVisible();
	expect(await faultsFired(page)).toBe(2);
	await expect(page.getByRole('alert').filter({ hasText: 'Data kunne' })).toHaveCount(0);

	await page.evaluate(() => sessionStorage.setItem('failingReads', String(Number.MAX_SAFE_INTEGER)));
	await page.clock.install();
	await reopen(page);
	await hurryRetries(page);
	await expect(page.getByRole('alert').filter({ hasText: 'Data kunne' })).toHaveText(
		'Data kunne ikke læses fra tabletten lige nu. Genindlæs siden. Intet er slettet.'
	);
	await expect(page.getByText('Der er endnu ingen borgere')).toHaveCount(0);
	expect(await faultsFired(page)).toBeGreaterThan(0);
	await expectNoAxeViolations(page, 'home when reads fail');
});

test('when reads of the boards keep failing, the board pages say so instead of "Henter …"', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Sofus');
	const citizenId = citizen.id;
	await new BoardPage(page).openFor(citizen);

	// Every read of the boards fails from now on, however often it is tried.
	await page.addInitScript(() => {
		if (sessionStorage.getItem('failBoardReads') !== 'yes') return;
		const fault = window as unknown as { failedBoardReads: number };
		fault.failedBoardReads = 0;
		for (const source of [IDBObjectStore.prototype, IDBIndex.prototype]) {
			const { getAll, openCursor } = source;
			const failing = (target: IDBObjectStore | IDBIndex) => (target instanceof IDBIndex ? target.objectStore : target).name === 'boards';
			source.getAll = function (this: IDBObjectStore & IDBIndex, ...args: Parameters<typeof getAll>) {
				if (failing(this)) {
					fault.failedBoardReads++;
					throw new DOMException('Simulated read failure', 'UnknownError');
				}
				return getAll.apply(this, args);
			};
			source.openCursor = function (this: IDBObjectStore & IDBIndex, ...args: Parameters<typeof openCursor>) {
				if (failing(this)) {
					fault.failedBoardReads++;
					throw new DOMException('Simulated read failure', 'UnknownError');
				}
				return openCursor.apply(this, args);
			};
		}
	});
	await page.evaluate(() => sessionStorage.setItem('failBoardReads', 'yes'));
	await page.clock.install();
	for (const path of [`/tavler?borger=${citizenId}`, `/tavle?borger=${citizenId}`]) {
		await openApp(page, path);
		// The page retries for a few seconds before it gives up.
		await hurryRetries(page);
		await expect(page.getByRole('alert').filter({ hasText: 'Data kunne' })).toHaveText(
			'Data kunne ikke læses fra tabletten lige nu. Genindlæs siden. Intet er slettet.',
			{ timeout: 15_000 }
		);
		expect(await page.evaluate(() => (window as unknown as { failedBoardReads: number }).failedBoardReads)).toBeGreaterThan(0);
		await expect(page.getByText('Henter …')).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Tilbage til borgerne' })).toBeVisible();
		await expectNoAxeViolations(page, `${path} when reads fail`);
	}
});

test('a browser that refuses the private file system (Firefox’s private windows) keeps the citizen keys in the database', async ({
	page
}) => {
	// Firefox's private windows have the functions but refuse the directory with a SecurityError; the keys only checked
	// for the functions, so every new citizen's key write failed: "Der skete en uventet fejl" and no citizen was added.
	await page.addInitScript(() => {
		const state = window as unknown as { faultsFired: number };
		state.faultsFired = 0;
		StorageManager.prototype.getDirectory = function () {
			state.faultsFired += 1;
			return Promise.reject(new DOMException('Security error when calling GetDirectory', 'SecurityError'));
		};
	});
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Frida');
	expect(await faultsFired(page)).toBeGreaterThan(0);
	expect(await countStored(page, 'citizenKeys')).toBe(1);
	// The citizen's page opens again from the key in the database.
	await reopen(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Frida' })).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: 'fejl' })).toHaveCount(0);
});
