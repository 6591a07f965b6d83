import { expect, expectNoAxeViolations, test, fakeDanishVoice } from './fixtures';
import { BoardPage, HomePage } from './pages';

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

test('when no sound can start, the words are shown with a clear "Ingen lyd", and the board stays usable', async ({ page }) => {
	await blockAudioPlayback(page);
	await withDeviceVoiceThatNeverStarts(page);
	const board = await openBoard(page, 'Karen');
	await board.cell('ja').click();
	await expect(board.speechStatus).toHaveText('Siger: ja');
	// Device voice (3 s) and the offline voice's clip (5 s after eSpeak made it) are given up in turn.
	await expect(board.speechStatus).toHaveAttribute('data-engine', 'none', { timeout: 40_000 });
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
});

test('a device voice that never begins is cancelled and the offline voice speaks instead', async ({ page }) => {
	await withDeviceVoiceThatNeverStarts(page);
	const board = await openBoard(page, 'Lars');
	await board.cell('nej').click();
	await expect(board.speechStatus).toHaveAttribute('data-engine', 'offline', { timeout: 30_000 });
	await expect(board.speechStatus).toHaveText('Siger: nej');
	expect(await page.evaluate(() => (window as unknown as { voiceCalls: { cancel: number } }).voiceCalls.cancel)).toBeGreaterThanOrEqual(2);
});
