import { expect, expectNoAxeViolations, test, fakeDanishVoice } from './fixtures';
import { BoardPage, HomePage, unlockWithPin } from './pages';

/*
 * Speech is never silent without saying so: every way of making a sound has a time to start, and
 * the chain ends either with a sound or with the words and a plain "Ingen lyd" on screen.
 */

/** Audio elements that never start playing, as WebKit did with howler's HTML5 audio: play() never settles. */
async function blockAudioPlayback(page: import('@playwright/test').Page): Promise<void> {
	await page.addInitScript(() => {
		const counts = { plays: 0 };
		(window as unknown as { audioPlays: typeof counts }).audioPlays = counts;
		HTMLMediaElement.prototype.play = function () {
			counts.plays += 1;
			return new Promise<void>(() => {});
		};
	});
}

/** A Danish device voice that accepts speak() but never begins. */
async function withDeviceVoiceThatNeverStarts(page: import('@playwright/test').Page): Promise<void> {
	await fakeDanishVoice(page, { name: 'Stum dansk', voiceURI: 'stum-da' });
	await page.addInitScript(() => {
		const calls = { speak: 0, cancel: 0 };
		(window as unknown as { voiceCalls: typeof calls }).voiceCalls = calls;
		speechSynthesis.speak = () => void (calls.speak += 1);
		speechSynthesis.cancel = () => void (calls.cancel += 1);
	});
}

async function openBoard(page: import('@playwright/test').Page, name: string): Promise<BoardPage> {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen(name);
	const board = new BoardPage(page);
	await board.openFor(citizen);
	return board;
}

/** Audio plays so far: the silent unlock in each tap, then each clip. */
function audioPlays(page: import('@playwright/test').Page): Promise<number> {
	return page.evaluate(() => (window as unknown as { audioPlays: { plays: number } }).audioPlays.plays);
}

/**
 * Runs the page's clock past each voice's time instead of waiting for it: the device voice's 3 s, then, once the offline
 * voice's clip was handed to the blocked audio element, the clip's 5 s.
 */
async function outwaitEveryVoice(page: import('@playwright/test').Page): Promise<void> {
	const before = await audioPlays(page);
	await page.clock.fastForward(3_000);
	await expect.poll(() => audioPlays(page), { timeout: 30_000 }).toBeGreaterThan(before);
	await page.clock.fastForward(5_000);
}

test('when no sound can start, the words are shown with a clear "Ingen lyd", and the board stays usable', async ({ page }) => {
	await blockAudioPlayback(page);
	await withDeviceVoiceThatNeverStarts(page);
	await page.clock.install();
	const board = await openBoard(page, 'Karen');
	await board.cell('ja').click();
	// No voice has begun: the words are shown as getting ready, not as said.
	await expect(board.speechStatus).toHaveText('Gør stemmen klar … Der står: ja');
	await outwaitEveryVoice(page);
	await expect(board.speechStatus).toHaveAttribute('data-engine', 'none');
	await expect(board.speechStatus).toHaveText('Ingen lyd – ingen stemme kunne tale. Der står: ja');
	const tried = await page.evaluate(() => ({
		voice: (window as unknown as { voiceCalls: { speak: number; cancel: number } }).voiceCalls,
		plays: (window as unknown as { audioPlays: { plays: number } }).audioPlays.plays
	}));
	expect(tried.voice.speak).toBe(1);
	// The silent unlock in the tap, then the offline voice's clip.
	expect(tried.plays).toBeGreaterThanOrEqual(2);
	await expectNoAxeViolations(page, 'board after speech failed');
	await board.cell('nej').click();
	await expect(board.message.getByRole('listitem')).toHaveText(['ja', 'nej']);

	// The message Karen is building and the folder she is in are there again after the lock and the PIN (nothing is lost
	// by signing in again); the words said belong to Karen: not on the board after the lock, nor on the next citizen's board.
	await board.folder('Følelser').click();
	await expect(board.heading('Følelser')).toBeVisible();
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await unlockWithPin(page);
	await expect(board.heading('Følelser')).toBeVisible();
	await expect(board.message.getByRole('listitem')).toHaveText(['ja', 'nej']);
	await expect(board.speechStatus).toHaveText('');
	await board.back.click();
	await expect(board.heading('Forside')).toBeVisible();
	await board.cell('ja').click();
	await expect(board.message.getByRole('listitem')).toHaveText(['ja', 'nej', 'ja']);
	await expect(board.speechStatus).toHaveText(/ja$/);
	const home = new HomePage(page);
	await home.show();
	const next = await home.addCitizen('Gerda');
	await board.openFor(next);
	await expect(board.speechStatus).toHaveText('');
	await expect(board.message.locator('li:not(.placeholder)')).toHaveCount(0);

	// Her own voice's test says so when no voice could speak.
	await page.getByRole('link', { name: 'Tilbage til Gerda' }).click();
	await page.getByRole('button', { name: 'Prøv stemmen til Gerda' }).click();
	await outwaitEveryVoice(page);
	await expect(page.getByRole('group', { name: 'Stemme til Gerda' }).getByRole('status')).toHaveText(
		'Ingen lyd – ingen stemme kunne tale. Teksten vises i stedet.'
	);
});

test('a device voice that never begins is cancelled and the offline voice speaks instead', async ({ page }) => {
	await withDeviceVoiceThatNeverStarts(page);
	const board = await openBoard(page, 'Lars');
	await board.cell('nej').click();
	await expect(board.speechStatus).toHaveAttribute('data-engine', 'offline', { timeout: 30_000 });
	await expect(board.speechStatus).toHaveText('Siger: nej');
	expect(await page.evaluate(() => (window as unknown as { voiceCalls: { cancel: number } }).voiceCalls.cancel)).toBeGreaterThanOrEqual(2);
});

const offlineWorkers = (page: import('@playwright/test').Page) => page.workers().filter((worker) => worker.url().includes('offline-tts'));

test('without a Danish voice on the tablet the built-in voice is made ready before the first tap, and is the one that speaks', async ({
	page
}) => {
	const board = await openBoard(page, 'Vera');
	// Nothing tapped yet: the board's own first second, the wait for the device's voices, then eSpeak NG in its worker.
	await expect.poll(() => offlineWorkers(page).length, { timeout: 15_000 }).toBe(1);
	// The worker fetched the engine before any word was asked of it (its own record of what it fetched).
	await expect
		.poll(() => offlineWorkers(page)[0]!.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('espeak-ng'))))
		.toBe(true);
	await board.cell('ja').click();
	await expect(board.speechStatus).toHaveAttribute('data-engine', 'offline', { timeout: 30_000 });
	await expect(board.speechStatus).toHaveText('Siger: ja');
	expect(offlineWorkers(page)).toHaveLength(1);
});

test('a tablet with a Danish voice of its own never loads the built-in one', async ({ page }) => {
	await fakeDanishVoice(page, { name: 'Dansk', voiceURI: 'dansk-da' });
	// A voice that begins at once (headless Chromium has none that would).
	await page.addInitScript(() => {
		speechSynthesis.speak = (utterance) => void setTimeout(() => utterance.dispatchEvent(new Event('start')));
	});
	await page.clock.install();
	const board = await openBoard(page, 'Ole');
	await page.clock.runFor(10_000);
	await board.cell('ja').click();
	await expect(board.speechStatus).toHaveAttribute('data-engine', 'web');
	expect(offlineWorkers(page)).toHaveLength(0);
});
