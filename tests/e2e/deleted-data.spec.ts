import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { unwrapCitizenKey } from '#lib/vault/citizen-keys.ts';
import { unlockWithPassphrase, type DataKey, type VaultRecord } from '#lib/vault/keys.ts';
import { openPayload, PAYLOAD_FORMAT } from '#lib/vault/payload.ts';
import { SEALED_TABLES } from '#lib/storage/tables.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { DEEP, DELETION_ANSWERS } from '../tier';
import { expect, readCitizenKeys, readDisk, test, TEST_PASSPHRASE, TEST_PIN, unlockTablet, vaultOf } from './fixtures';
import { CitizenPage, HomePage } from './pages';
import { filesUnder, sealedBoxesIn, type SealedBox } from './profile-scan';

/*
 * Deleted data must not decrypt (issue 15, item 3). Chromium keeps deleted IndexedDB records in its
 * LevelDB files until a compaction, so the test plays the attacker with a copy of the profile and the
 * team passphrase: it collects every sealed box from every file, derives the tablet key from the
 * passphrase, unwraps every citizen key it can find, and tries each box against every record it knows
 * of (ids and key ids are plain beside the payloads, so an attacker knows them too). None of a deleted
 * citizen's records may open; the surviving citizen's must, or the scan proves nothing. "Slet alt" is
 * measured the same way: afterwards nothing opens at all.
 */

interface Known {
	table: string;
	id: string;
	keyId: string;
	citizenId: string;
	iv: string;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

async function launch(profile: string, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS,
		baseURL,
		locale: 'da-DK',
		viewport: { width: 1180, height: 820 }
	});
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto('/');
	await unlockTablet(page, { passphrase: TEST_PASSPHRASE, pin: TEST_PIN });
	return { context, page };
}

async function citizenWithAnswers(page: Page, name: string, answers: number): Promise<void> {
	await page.getByRole('link', { name: 'Borgere' }).click();
	const meeting = await (await new HomePage(page).addCitizen(name)).startMeeting({ place: 'Hjemme', phase: 'Opfølgning' });
	await meeting.openStaffPanel();
	await meeting.answeringAs('Borgeren selv');
	// Alternating, so each tap's "Gemt" differs from the one before.
	for (let i = 0; i < answers; i++) await meeting.tap(i % 2 === 0 ? 'Ja' : 'Nej');
}

/** The attacker: every key the passphrase leads to, and every box that opens with one of them. */
async function attack(boxes: SealedBox[], vault: VaultRecord, wrappedKeys: Array<{ id: string; keyId: string }>, known: Known[]) {
	const tabletKey = (await unlockWithPassphrase(vault, TEST_PASSPHRASE)).dataKey;
	const keys = new Map<string, DataKey>([[tabletKey.keyId, tabletKey]]);
	for (const box of boxes) {
		for (const { id, keyId } of wrappedKeys) {
			if (keys.has(keyId)) continue;
			const wrapped = { iv: box.iv, ct: box.ct.slice().buffer };
			const key = await unwrapCitizenKey(tabletKey, id, { id, keyId, wrappedBy: tabletKey.keyId, wrapped });
			if (key) keys.set(keyId, key);
		}
	}
	const opened = new Map<string, Known>();
	for (const box of boxes) {
		for (const record of known) {
			const key = keys.get(record.keyId);
			if (!key || opened.has(`${record.table}|${record.id}`)) continue;
			const sealed = { v: PAYLOAD_FORMAT, keyId: record.keyId, iv: box.iv, ct: box.ct.slice().buffer };
			const ok = await openPayload(key, record.table, record.id, sealed).then(
				() => true,
				() => false
			);
			if (ok) opened.set(`${record.table}|${record.id}`, record);
		}
	}
	return { keys: keys.size, opened: [...opened.values()] };
}

test(
	'deleted data: no box left in the profile opens for a deleted citizen, nor anything after "Slet alt"; a kept citizen’s do',
	DEEP,
	async ({ baseURL }) => {
		test.setTimeout(DELETION_ANSWERS > 10 ? 300_000 : 120_000);
		const profile = mkdtempSync(join(tmpdir(), 'billedtale-deleted-'));
		try {
			let { context, page } = await launch(profile, baseURL!);
			await citizenWithAnswers(page, 'Slettes Hansen', DELETION_ANSWERS);
			await citizenWithAnswers(page, 'Bliver Jensen', DELETION_ANSWERS);

			// What lies in the clear on disk beside the sealed payloads: ids and key ids; and the wrapped tablet key.
			const disk = await readDisk(page);
			const wrappedKeys = [...(await readCitizenKeys(page)).values()].map(({ id, keyId }) => ({ id, keyId }));
			const known: Known[] = SEALED_TABLES.flatMap((table) =>
				disk.tables[table].map((record) => {
					const payload = record.payload as { keyId: string; iv: Uint8Array };
					return {
						table,
						id: record.id,
						keyId: payload.keyId,
						citizenId: table === 'citizens' ? record.id : String(record.citizenId),
						iv: hex(payload.iv)
					};
				})
			);
			const vault = vaultOf(disk.vault!);

			const home = new HomePage(page);
			await page.getByRole('link', { name: 'Borgere' }).click();
			await home.citizenLink('Slettes Hansen').click();
			const citizenPage = new CitizenPage(page);
			await expect(citizenPage.heading('Slettes Hansen')).toBeVisible();
			const deletedId = citizenPage.id;
			await page.getByRole('button', { name: 'Slet borger' }).click();
			await citizenPage.deleteDialog('Slettes Hansen').getByRole('button', { name: 'Ja, slet alt om Slettes Hansen' }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Slettes Hansen er slettet fra tabletten.' })).toBeVisible();
			await context.close();

			const ofDeleted = known.filter((r) => r.citizenId === deletedId);
			const ofKept = known.filter((r) => r.citizenId !== deletedId);
			expect(ofDeleted.length).toBe(2 + DELETION_ANSWERS);
			let boxes = sealedBoxesIn(filesUnder(profile));
			const onDisk = new Set(boxes.map((box) => hex(box.iv)));
			const lingering = ofDeleted.filter((r) => onDisk.has(r.iv)).length;
			let result = await attack(boxes, vault, wrappedKeys, known);
			const openedDeleted = result.opened.filter((r) => r.citizenId === deletedId).length;
			const openedKept = result.opened.filter((r) => r.citizenId !== deletedId).length;
			console.log(
				`deleted citizen: ${boxes.length} sealed boxes in the profile; ${lingering} of the deleted citizen's ${ofDeleted.length} records still on disk; ` +
					`${result.keys} keys from the passphrase; opened: deleted ${openedDeleted}, kept ${openedKept} of ${ofKept.length}`
			);
			expect(openedKept, 'the scan opens what it should: the kept citizen’s records').toBe(ofKept.length);
			expect(openedDeleted, 'records of the deleted citizen that still open').toBe(0);

			// "Slet alt", measured the same way with every key the passphrase gave before.
			({ context, page } = await launch(profile, baseURL!));
			await page.getByRole('link', { name: 'Indstillinger' }).click();
			await page.getByRole('button', { name: 'Slet alt …' }).click();
			await page.getByLabel('Skriv SLET for at bekræfte').fill('SLET');
			await page.getByRole('button', { name: 'Slet alt nu' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Velkommen til Billedtale' })).toBeVisible();
			await context.close();
			boxes = sealedBoxesIn(filesUnder(profile));
			const keptOnDisk = ofKept.filter((r) => boxes.some((box) => hex(box.iv) === r.iv)).length;
			result = await attack(boxes, vault, wrappedKeys, known);
			console.log(
				`"Slet alt": ${boxes.length} sealed boxes in the profile; ${keptOnDisk} of the kept citizen's ${ofKept.length} records still on disk; ` +
					`${result.keys} keys from the passphrase; opened ${result.opened.length}`
			);
			expect(result.opened, 'records that still open after "Slet alt"').toEqual([]);
		} finally {
			rmSync(profile, { recursive: true, force: true });
		}
	}
);
