import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, loseDatabase, readDatabase, readDisk, test, unlockTablet, type CspViolations } from './fixtures';
import { CitizenPage, HomePage, MeetingPage, unlockWithPin } from './pages';
import { DEEP } from '../tier';

/*
 * The journal is the app's second copy of its database, in the browser's private file system. These
 * tests take the database away the way Chromium does after a crash, and check what the journal holds.
 */

/** Both journal files as text (Latin-1, so every byte is one character and ids can be searched). */
async function readJournal(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const directory = await (await navigator.storage.getDirectory()).getDirectoryHandle('journal');
		let text = '';
		for (const name of ['a.bin', 'b.bin']) {
			const file = await (await directory.getFileHandle(name)).getFile();
			text += new TextDecoder('latin1').decode(await file.arrayBuffer());
		}
		return text;
	});
}

test('a database lost in a crash comes back from the journal, sealed, with every answer', DEEP, async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Nora');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	for (const answer of ['Ja', 'Nej', 'Ved ikke']) await meeting.tap(answer);
	const before = await readDisk(page);
	expect(before.tables.answers).toHaveLength(3);

	await loseDatabase(page);
	expect((await readDisk(page)).vault).toBeUndefined();
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Billedtale har hentet alt gemt tilbage' })).toBeVisible();
	await expectNoAxeViolations(page, 'passphrase screen telling that the database was brought back');
	await unlockTablet(page);
	await expect(meeting.answers).toHaveCount(3);

	const after = await readDisk(page);
	// The very records that were lost, still sealed: nothing was decrypted or sealed again to restore them.
	for (const table of ['citizens', 'meetings', 'answers'] as const) {
		const byId = (records: typeof before.tables.answers) => [...records].sort((a, b) => a.id.localeCompare(b.id));
		expect(byId(after.tables[table])).toEqual(byId(before.tables[table]));
	}
	expect(after.vault).toEqual(before.vault);
	const restored = await readDatabase(page);
	expect(restored.answers.map((a) => a.payload.content.value).sort()).toEqual(['ja', 'nej', 'ved-ikke']);

	// Writing goes on as before, and a second loss brings back the new answer too.
	await new MeetingPage(page).tap('Pause');
	await loseDatabase(page);
	await page.reload();
	await unlockTablet(page);
	await expect(meeting.answers).toHaveCount(4);
});

/**
 * Runs `work` on one of the app's static files, where no worker holds the journal's files, as when the app is closed.
 * Chromium's image viewer styles itself inline, which the CSP the server sends with every file refuses: those reports are
 * the viewer's, and only they are let through.
 */
async function withAppClosed<T>(page: Page, csp: CspViolations, work: () => Promise<T>): Promise<T> {
	expect(csp.take(), 'CSP violations').toEqual([]);
	await page.goto('/icon-192.png');
	const result = await work();
	const viewer = (violation: string) => violation.includes('/icon-192.png') || violation.startsWith('Applying inline style');
	expect(csp.take().filter((violation) => !viewer(violation))).toEqual([]);
	return result;
}

test(
	'a journal damaged in the middle gives back what it can read after a database loss, and does not say all came back',
	DEEP,
	async ({ page, csp }) => {
		const home = new HomePage(page);
		await home.open();
		const citizen = await home.addCitizen('Nora');
		const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
		for (const answer of ['Ja', 'Nej', 'Ved ikke']) await meeting.tap(answer);
		const ja = (await readDatabase(page)).answers.find((a) => a.payload.content.value === 'ja')!.id;
		const url = page.url();

		// With the app closed (no worker holds the files), garbage over the commit that saved "Ja": the commits after it are
		// still readable on disk.
		const damaged = await withAppClosed(page, csp, () =>
			page.evaluate(async (id) => {
				const directory = await (await navigator.storage.getDirectory()).getDirectoryHandle('journal');
				for (const name of ['a.bin', 'b.bin']) {
					const handle = await directory.getFileHandle(name);
					const at = new TextDecoder('latin1').decode(await (await handle.getFile()).arrayBuffer()).indexOf(id);
					if (at < 0) continue;
					const writable = await handle.createWritable({ keepExistingData: true });
					await writable.write({ type: 'write', position: at, data: crypto.getRandomValues(new Uint8Array(64)) });
					await writable.close();
					return name;
				}
			}, ja)
		);
		expect(damaged).toBeDefined();

		// The app starts on its checkpoint, which it takes on trust, and saves one more answer after the damage. Within the
		// seconds before the journal is checked, the database is lost.
		await page.goto(url);
		await unlockTablet(page);
		await new MeetingPage(page).tap('Pause');
		await withAppClosed(page, csp, () => loseDatabase(page));
		await page.goto(url);

		const partly = page.getByRole('status').filter({ hasText: 'En del af kopien var beskadiget, så noget af det gemte kan mangle.' });
		await expect(partly).toBeVisible();
		await expect(page.getByText('Billedtale har hentet alt gemt tilbage')).toHaveCount(0);
		await expectNoAxeViolations(page, 'passphrase screen telling that the database was brought back in part');
		await unlockTablet(page);
		// Only the damaged commit's answer is missing: "Pause", saved after the damage, came back.
		expect((await readDatabase(page)).answers.map((a) => a.payload.content.value).sort()).toEqual(['nej', 'pause', 'ved-ikke']);
		await expect(meeting.answers).toHaveCount(3);

		// The journal is written afresh from what came back (the damaged file is emptied once the new one is the journal): a
		// second loss brings back the same, from a whole journal.
		const sizeOfDamaged = () =>
			page.evaluate(
				async (name) =>
					(await (await (await (await navigator.storage.getDirectory()).getDirectoryHandle('journal')).getFileHandle(name)).getFile()).size,
				damaged!
			);
		await expect.poll(sizeOfDamaged).toBe(0);
		await loseDatabase(page);
		await page.reload();
		await expect(page.getByRole('status').filter({ hasText: 'Billedtale har hentet alt gemt tilbage' })).toBeVisible();
		await unlockTablet(page);
		expect((await readDatabase(page)).answers.map((a) => a.payload.content.value).sort()).toEqual(['nej', 'pause', 'ved-ikke']);
	}
);

test('deleting a citizen removes their records from the journal too', DEEP, async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Bo');
	await page.getByRole('link', { name: 'Borgere' }).click();
	const removed = await home.addCitizen('Anna Berg');
	const meeting = await removed.startMeeting({ phase: 'Opfølgning' });
	await meeting.tap('Ja');
	const stored = await readDatabase(page);
	const idOf = (name: string) => stored.citizens.find((c) => c.payload.displayName === name)!.id;
	const [keptId, removedId, meetingId] = [idOf('Bo'), idOf('Anna Berg'), stored.meetings[0]!.id];
	let journal = await readJournal(page);
	// The control: ids are stored in the clear next to the sealed payloads, so they can be searched for.
	expect(journal).toContain(keptId);
	expect(journal).toContain(removedId);
	expect(journal).toContain(meetingId);

	await page.goto(`/borger?id=${removedId}`);
	await unlockTablet(page);
	const citizen = new CitizenPage(page);
	await page.getByRole('button', { name: 'Slet borger' }).click();
	await citizen.deleteDialog('Anna Berg').getByRole('button', { name: 'Ja, slet alt om Anna Berg' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Anna Berg er slettet fra tabletten.' })).toBeVisible();

	journal = await readJournal(page);
	expect(journal).toContain(keptId);
	expect(journal).not.toContain(removedId);
	expect(journal).not.toContain(meetingId);
});

test('"Slet alt" empties the journal, so nothing comes back', DEEP, async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Bo');
	const citizenId = (await readDatabase(page)).citizens[0]!.id;
	expect(await readJournal(page)).toContain(citizenId);
	await page.getByRole('link', { name: 'Indstillinger' }).click();
	await page.getByRole('button', { name: 'Slet alt …' }).click();
	await page.getByLabel('Skriv SLET for at bekræfte').fill('SLET');
	await page.getByRole('button', { name: 'Slet alt nu' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' })).toBeVisible();
	expect(await readJournal(page)).not.toContain(citizenId);

	await loseDatabase(page);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' })).toBeVisible();
	await unlockTablet(page);
	await expect(home.citizenLink('Bo')).toHaveCount(0);
	expect(Object.values((await readDisk(page)).tables).flat()).toEqual([]);
});

/** Who holds the journal's files, and how many tabs' workers wait to take over. */
async function holderLocks(page: Page): Promise<{ held: number; waiting: number }> {
	return page.evaluate(async () => {
		const { held = [], pending = [] } = await navigator.locks.query();
		const holder = (lock: LockInfo) => lock.name === 'billedtale-journal-holder';
		return { held: held.filter(holder).length, waiting: pending.filter(holder).length };
	});
}

test(
	'two tabs share one journal holder; when its tab closes the other takes over, and nothing written in either is lost',
	DEEP,
	async ({ page, context }) => {
		const home = new HomePage(page);
		await home.open();
		const citizen = await home.addCitizen('Tove');
		const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
		await meeting.tap('Ja');

		// A second tab of the same meeting: its worker does not hold the files, so its writes go through the first tab's.
		const second = await context.newPage();
		await second.goto(page.url());
		await unlockTablet(second);
		const secondMeeting = new MeetingPage(second);
		await secondMeeting.tap('Nej');
		expect(await readJournal(second)).toContain((await readDatabase(second)).answers.find((a) => a.payload.content.value === 'nej')!.id);
		expect(await holderLocks(second)).toEqual({ held: 1, waiting: 1 });

		// The holder's tab closes; the lock passes to the second tab's worker, which opens the files itself.
		await page.close();
		// Leaving the app in one tab locks every tab.
		await unlockWithPin(second);
		await expect.poll(() => holderLocks(second)).toEqual({ held: 1, waiting: 0 });
		await secondMeeting.tap('Pause');
		await loseDatabase(second);
		await second.reload();
		await expect(second.getByRole('status').filter({ hasText: 'Billedtale har hentet alt gemt tilbage' })).toBeVisible();
		await unlockTablet(second);
		await secondMeeting.openStaffPanel();
		await expect(secondMeeting.answers).toHaveCount(3);
		expect((await readDatabase(second)).answers.map((a) => a.payload.content.value).sort()).toEqual(['ja', 'nej', 'pause']);
	}
);
