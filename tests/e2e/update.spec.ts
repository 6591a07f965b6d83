import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { unwrapCitizenKey } from '#lib/vault/citizen-keys.ts';
import { unlockWithPassphrase } from '#lib/vault/keys.ts';
import { sealPayload } from '#lib/vault/payload.ts';
import { REGISTRY } from '#lib/storage/registry.ts';
import {
	expect,
	expectNoAxeViolations,
	expectReflow,
	readCitizenKeys,
	readDatabase,
	readDisk,
	test,
	TEST_PASSPHRASE,
	vaultOf
} from './fixtures';
import { HomePage, MeetingPage } from './pages';

/*
 * A new version of Billedtale comes while the tablet has the app open. Both sides of it run the one build under test:
 * what a newer version does is done here by hand (its records, its database upgrade, its service worker).
 */

/** What the test's web server (playwright.config.ts) serves as the worker's script. */
const WORKER = 'build/service-worker.js';

const UPDATED =
	'Billedtale er blevet opdateret i en anden fane eller et andet vindue. Genindlæs siden for at bruge den nye udgave. Intet er slettet.';

/**
 * Writes a record over with what a newer Billedtale would write: the same content sealed under the same key, with a
 * payload version this one does not know. Then tells the page, as the other tab's app would, that its table changed.
 */
async function writeAsNewerVersion(page: Page, table: 'meetings' | 'answers', id: string): Promise<void> {
	const disk = await readDisk(page);
	const opened = (await readDatabase(page))[table].find((record) => record.id === id)!;
	const stored = disk.tables[table].find((record) => record.id === id)!;
	const { dataKey } = await unlockWithPassphrase(vaultOf(disk.vault!), TEST_PASSPHRASE);
	const wrapped = (await readCitizenKeys(page)).get(stored.citizenId as string)!;
	const key = (await unwrapCitizenKey(dataKey, wrapped.id, wrapped))!;
	const newer = REGISTRY[table].version + 1;
	const sealed = await sealPayload(key, table, id, { ...opened.payload, v: newer });
	await page.evaluate(
		async ({ table, id, newer, keyId, iv, ct }) => {
			const bytes = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
			await new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('billedtale');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const store = db.transaction(table, 'readwrite').objectStore(table);
					const read = store.get(id);
					read.onsuccess = () => store.put({ ...read.result, v: newer, payload: { v: 1, keyId, iv: bytes(iv), ct: bytes(ct).buffer } });
					store.transaction.oncomplete = () => (db.close(), resolve());
					store.transaction.onerror = () => reject(store.transaction.error);
				};
			});
			// What the app in another tab sends after its commit: the tables it wrote (idb/live.ts), never a record.
			const told = new BroadcastChannel('idb-changes:billedtale');
			told.postMessage([table]);
			told.close();
		},
		{
			table,
			id,
			newer,
			keyId: sealed.keyId,
			iv: Buffer.from(sealed.iv).toString('base64'),
			ct: Buffer.from(sealed.ct).toString('base64')
		}
	);
}

test('a meeting open while another tab runs a newer Billedtale stays on screen, and the tab is told to reload, not of damage', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Anna');
	const meeting: MeetingPage = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.tap('Ja');
	const answerId = (await readDatabase(page)).answers[0]!.id;

	// The newer version rewrites the meeting and its answer in the other tab.
	await writeAsNewerVersion(page, 'meetings', meeting.id);
	await writeAsNewerVersion(page, 'answers', answerId);

	const notice = page.getByRole('status').filter({ hasText: UPDATED });
	await expect(notice).toBeVisible();
	await expect(notice.getByRole('button', { name: 'Genindlæs nu' })).toBeVisible();
	// The meeting is still there to finish, and no one at the table is told that something is damaged.
	await expect(meeting.stepHeading).toHaveText('Det taler vi om');
	await expect(meeting.board).toBeVisible();
	await expect(page.getByText('Data kunne ikke læses')).toHaveCount(0);
	// The live queries have tried again by now (up to 4.4 s): no "damaged" after them either.
	await page.waitForTimeout(5_000);
	await expect(page.getByText(/beskadiget/)).toHaveCount(0);
	await expect(meeting.stepHeading).toHaveText('Det taler vi om');
	await expectNoAxeViolations(page, 'the notice that Billedtale was updated elsewhere');

	// The meeting's plan, opened now, cannot read the meeting any more: it says why, in the same words, not "could not be read".
	await page.getByRole('link', { name: 'Plan', exact: true }).click();
	await expect(page.getByRole('alert').filter({ hasText: UPDATED })).toBeVisible();
	await expect(page.getByText(/beskadiget|Data kunne ikke læses/)).toHaveCount(0);
});

test('a tab learns of a newer Billedtale when it upgrades the database, before it meets a newer record', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Bo');
	await expect(page.getByText(UPDATED)).toHaveCount(0);

	// What a newer version's first start does in another tab: it opens the database at a higher version.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const peek = indexedDB.open('billedtale');
				peek.onsuccess = () => {
					const version = peek.result.version;
					peek.result.close();
					const upgrade = indexedDB.open('billedtale', version + 10);
					upgrade.onsuccess = () => (upgrade.result.close(), resolve());
					upgrade.onerror = () => reject(upgrade.error);
				};
				peek.onerror = () => reject(peek.error);
			})
	);
	const notice = page.getByRole('status').filter({ hasText: UPDATED });
	await expect(notice).toBeVisible();
	await expect(notice).toHaveCount(1);
	await expect(page.getByText(/beskadiget/)).toHaveCount(0);
	await expectReflow(page, 'the notice that Billedtale was updated elsewhere');
});

test.describe('a new version of the service worker', () => {
	test.use({ serviceWorkers: 'allow' });

	test('waits while a page of the older one is open, says so, and takes over when "Opdater nu" is pressed', async ({ page, context }) => {
		const home = new HomePage(page);
		await home.open();
		await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
		const oldCache = await page.evaluate(async () => (await caches.keys()).find((key) => key.startsWith('billedtale-'))!);
		await home.addCitizen('Dorthe');
		// The tablet's other tab, or window, of the same version.
		const other = await context.newPage();
		await other.goto('/');
		await expect(other.locator('html[data-ready="true"]')).toHaveCount(1);

		// The server now has a new build: its worker's script differs, and so does its version (the name of its cache).
		await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
		await other.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
		const shipped = await readFile(WORKER, 'utf8');
		try {
			await writeFile(WORKER, `${shipped.replace(/version:`([^`]+)`/, 'version:`$1-next`')}\n// the next version\n`);
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
			await seeUpdate(page, other, oldCache);
		} finally {
			await writeFile(WORKER, shipped);
		}
	});
});

/** The tablet's two tabs while the new version waits, and after the first one has pressed "Opdater nu". */
async function seeUpdate(page: Page, other: Page, oldCache: string): Promise<void> {
	const ready = 'Der er en ny udgave af Billedtale. Den tages i brug, når Billedtale er lukket helt og åbnet igen.';
	const notice = page.getByRole('status').filter({ hasText: ready });
	await expect(notice).toBeVisible({ timeout: 30_000 });
	await expect(other.getByRole('status').filter({ hasText: ready })).toBeVisible();
	// It waits: the open pages keep the older version and its files, also those not fetched yet.
	expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting !== null)).toBe(true);
	expect(await page.evaluate(async () => await caches.keys())).toContain(oldCache);
	await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Om Billedtale' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Om Billedtale' })).toBeVisible();
	await expect(notice).toBeVisible();
	await expectNoAxeViolations(page, 'the notice that a new version waits');
	await expectReflow(page, 'the notice that a new version waits');
	const apply = notice.getByRole('button', { name: 'Opdater nu' });
	const box = (await apply.boundingBox())!;
	expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);

	// "Opdater nu": the new worker takes over and this page loads again, with the new version.
	await apply.click();
	await page.waitForFunction(() => (window as unknown as { kept?: boolean }).kept === undefined, undefined, { timeout: 30_000 });
	await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
	await expect
		.poll(() => page.evaluate(async () => (await caches.keys()).filter((key) => key.startsWith('billedtale-'))))
		.toEqual([`${oldCache}-next`]);
	expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();

	// The other tab did not ask: it is not reloaded under what is typed there, it is told instead.
	await expect(other.getByRole('status').filter({ hasText: UPDATED })).toBeVisible();
	await expect(other.getByRole('button', { name: 'Genindlæs nu' })).toBeVisible();
	expect(await other.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
	await expectNoAxeViolations(other, 'the notice in a tab that another tab updated');
}
