import { readFileSync } from 'node:fs';
import { expect, expectNoAxeViolations, holdPictureWorker, readDatabase, reopen, test, watchButtonPlace } from './fixtures';
import { HomePage } from './pages';

/*
 * Pictures that enter the tablet from outside are decoded in the picture worker and drawn anew (issue 15):
 * what is stored is a PNG or JPEG the tablet made itself, with none of the original file's metadata. A JPEG
 * that is stored at its own size keeps its compressed data, so it loses nothing, without its metadata.
 */

const hostile = (name: string, mimeType: string) => ({ name, mimeType, buffer: readFileSync(`tests/fixtures/hostile/${name}`) });
const GPS_PHOTO = hostile('jpeg-with-gps.jpg', 'image/jpeg');
// The latitude's seconds in the fixture's GPS block (3000/100, big-endian rationals).
const GPS_SECONDS = Buffer.from([0, 0, 0x0b, 0xb8, 0, 0, 0, 0x64]);

test("the new citizen's photo field offers the tablet's photos as well as its camera", async ({ page }) => {
	// With `capture`, iPadOS and Android open the camera alone (review "webkit"); so the field asks for no camera.
	const home = new HomePage(page);
	await home.open();
	await home.addButton.click();
	const photo = home.dialog.getByLabel('Foto (valgfrit)');
	await expect(photo).toHaveAttribute('type', 'file');
	await expect(photo).toHaveAttribute('accept', 'image/*');
	await expect(photo).not.toHaveAttribute('capture');
});

test('a photo from the picker is checked on the tablet and stored without EXIF or GPS, its JPEG data unchanged', async ({ page }) => {
	// The control: the file chosen carries both.
	expect(GPS_PHOTO.buffer.includes('Exif')).toBe(true);
	expect(GPS_PHOTO.buffer.includes(GPS_SECONDS)).toBe(true);
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Oda', GPS_PHOTO);
	const [oda] = (await readDatabase(page, { blobBytes: true })).citizens;
	const photo = oda?.payload.photo as { type: string; bytes: Buffer };
	expect(photo.type).toBe('image/jpeg');
	expect(photo.bytes.includes('Exif'), 'no EXIF block').toBe(false);
	expect(photo.bytes.includes(GPS_SECONDS), 'no GPS position').toBe(false);
	// 64×48 needs no shrinking: the file is kept but for its EXIF block (bytes 2–139), not compressed again.
	expect(photo.bytes.equals(Buffer.concat([GPS_PHOTO.buffer.subarray(0, 2), GPS_PHOTO.buffer.subarray(140)]))).toBe(true);
	// The photo the tablet made is the one shown on Oda's page, at its own size (64×48 is below the photo limit).
	const shown = page.getByRole('img', { name: 'Foto af Oda' });
	await expect(shown).toBeVisible();
	await expect.poll(() => shown.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([64, 48]);
});

test('a photo still being prepared when "Gem" is pressed is saved with the new citizen, and the buttons stay put', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addButton.click();
	await home.dialog.getByLabel('Navn eller initialer').fill('Pia');
	// The photo is still being checked and shrunk when "Gem" is pressed, as a big photo on a tablet is: held here.
	const worker = await holdPictureWorker(page);
	const photo = { name: 'pia.png', mimeType: 'image/png', buffer: readFileSync('static/icon-512.png') };
	await home.dialog.getByLabel('Foto (valgfrit)').setInputFiles(photo);
	const places = await watchButtonPlace(page, { container: 'dialog', button: 'Gem', shown: 'Foto valgt' });
	await home.dialog.getByRole('button', { name: 'Gem' }).click();
	await expect.poll(worker.asked, { message: 'the photo is being prepared' }).toBe(true);
	await expect(home.dialog.getByRole('button', { name: 'Gem' })).toBeDisabled();
	await expectNoAxeViolations(page, 'the new-citizen dialog saving while its photo is prepared');
	worker.release();
	await expect(page).toHaveURL(/\/borger\?id=/);
	const frames = await places();
	expect(frames.filter((frame) => frame.waiting).length, 'frames seen while the photo was prepared').toBeGreaterThan(0);
	expect(new Set(frames.map((frame) => frame.top)).size, '"Gem" while the photo was prepared, and once it was').toBe(1);
	await expect(page.getByRole('img', { name: 'Foto af Pia' })).toBeVisible();
	const [pia] = (await readDatabase(page)).citizens;
	expect(pia?.payload.photo, 'the stored citizen has the photo').toMatchObject({ type: expect.stringMatching(/^image\/(png|jpeg)$/) });
});

test('the new-citizen dialog closed while its photo is being prepared saves nothing, and opens empty again', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addButton.click();
	await home.dialog.getByLabel('Navn eller initialer').fill('Rut');
	const worker = await holdPictureWorker(page);
	await home.dialog
		.getByLabel('Foto (valgfrit)')
		.setInputFiles({ name: 'rut.png', mimeType: 'image/png', buffer: readFileSync('static/icon-512.png') });
	await home.dialog.getByRole('button', { name: 'Gem' }).click();
	await expect.poll(worker.asked, { message: 'the photo is being prepared' }).toBe(true);
	await home.dialog.getByRole('button', { name: 'Annuller' }).click();
	await expect(home.dialog).toBeHidden();
	worker.release();
	// Opened again, the dialog is empty; its "Gem" is free once the save that was let go has ended, and it made no
	// citizen and left no error.
	await home.addButton.click();
	await expect(home.dialog.getByLabel('Navn eller initialer')).toHaveValue('');
	await expect(home.dialog.getByRole('button', { name: 'Gem' })).toBeEnabled();
	await expect(home.dialog.getByRole('alert')).toHaveCount(0);
	await expect(home.dialog.getByText('Foto valgt')).toHaveCount(0);
	expect((await readDatabase(page)).citizens).toHaveLength(0);
	await expect(page).not.toHaveURL(/\/borger/);
});

test('the picker refuses an SVG, a decompression bomb and a GIF frame larger than its header, in Danish, storing nothing', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.open();
	await home.addButton.click();
	const picker = home.dialog.getByLabel('Foto (valgfrit)');
	const refusals = [
		[
			hostile('png-decompression-bomb.png', 'image/png'),
			'Billedet er for stort (højst 12.000 pixels på hver led og 40 MB). Vælg et mindre foto.'
		],
		[
			hostile('gif-frame-larger-than-screen.gif', 'image/gif'),
			'Billedet er for stort (højst 12.000 pixels på hver led og 40 MB). Vælg et mindre foto.'
		],
		[hostile('script.svg', 'image/svg+xml'), 'Billedet kunne ikke læses. Vælg et andet foto.']
	] as const;
	for (const [file, message] of refusals) {
		await picker.setInputFiles(file);
		await expect(home.dialog.getByRole('alert')).toHaveText(message);
		await expect(home.dialog.getByText('Foto valgt')).toHaveCount(0);
	}
	await expectNoAxeViolations(page, 'new citizen dialog with a refused picture');
	// The name and the rest of the form are kept; the citizen is saved without a picture.
	await home.dialog.getByLabel('Navn eller initialer').fill('Per');
	await home.dialog.getByRole('button', { name: 'Gem' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Per' })).toBeVisible();
	const db = await readDatabase(page);
	expect(db.citizens.map((c) => [c.payload.displayName, c.payload.photo])).toEqual([['Per', undefined]]);
	expect(db.media).toEqual([]);
});

test('fault injection: the worker checks the real decoded frame against the pixel limit and refuses it', async ({ page }) => {
	// Lower the limit the page sends with each picture: the photo's header (64×48) passes the page's own
	// check at the real limits, so a refusal can only come from the worker's check of the decoded frame.
	await page.addInitScript(() => {
		const state = window as unknown as { faultsFired: number };
		state.faultsFired = 0;
		const post = Worker.prototype.postMessage;
		Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
			const request = message as { limits?: { maxSide: number; maxPixels: number } };
			if (request?.limits) {
				request.limits = { ...request.limits, maxPixels: 100 };
				state.faultsFired += 1;
			}
			return (post as (...args: unknown[]) => void).call(this, message, ...rest);
		} as typeof Worker.prototype.postMessage;
	});
	const home = new HomePage(page);
	await home.open();
	await home.addButton.click();
	await home.dialog.getByLabel('Foto (valgfrit)').setInputFiles(GPS_PHOTO);
	await expect(home.dialog.getByRole('alert')).toHaveText(
		'Billedet er for stort (højst 12.000 pixels på hver led og 40 MB). Vælg et mindre foto.'
	);
	expect(await page.evaluate(() => (window as unknown as { faultsFired: number }).faultsFired)).toBe(1);
	await expect(home.dialog.getByText('Foto valgt')).toHaveCount(0);
	expect((await readDatabase(page)).citizens).toEqual([]);
});

test('a stored picture that is not raster (as from before re-encoding) is never given a URL of the app', async ({ page }) => {
	// The fault: the worker's answer is swapped for SVG bytes with script, so the tablet stores a picture
	// that is not raster, as an older version could have. The display must still refuse to show it.
	const svg = readFileSync('tests/fixtures/hostile/script.svg', 'utf8');
	await page.addInitScript((text) => {
		const state = window as unknown as { faultsFired: number };
		state.faultsFired = 0;
		const handler = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage')!;
		Object.defineProperty(Worker.prototype, 'onmessage', {
			...handler,
			set(this: Worker, listener: ((event: MessageEvent) => void) | null) {
				const swapped = (event: MessageEvent) => {
					if (event.data?.ok !== true || !('type' in event.data)) return listener?.call(this, event);
					state.faultsFired += 1;
					const bytes = new TextEncoder().encode(text).buffer;
					return listener?.call(this, new MessageEvent('message', { data: { ...event.data, bytes } }));
				};
				handler.set!.call(this, listener && swapped);
			}
		});
	}, svg);
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Sune', GPS_PHOTO);
	expect(await page.evaluate(() => (window as unknown as { faultsFired: number }).faultsFired)).toBe(1);
	const [sune] = (await readDatabase(page, { blobBytes: true })).citizens;
	expect((sune?.payload.photo as { bytes: Buffer }).bytes.toString('utf8')).toBe(svg);

	await reopen(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Sune' })).toBeVisible();
	await page.waitForTimeout(300);
	expect(await page.locator('img[src^="blob:"]').count()).toBe(0);
	expect(await page.title()).not.toBe('svg ran');
	await expectNoAxeViolations(page, 'citizen page with a stored picture that is not shown');
});
