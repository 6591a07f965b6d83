// Speech: tap → speechSynthesis.speak() with a device voice, tap → the offline voice playing.
import type { CDPSession, Locator, Page } from 'playwright-core';
import { BoardPage } from '../../tests/e2e/pages.ts';
import { newTabletPage, type Run, sleep, type SpeechRecord, unlock, startTrace, stopTrace } from '../browser.ts';
import { CONFIG } from '../cli.ts';
import { median } from '../metrics.ts';
import { TRACE_CATEGORIES } from './boards.ts';

/**
 * In-page recorder for the speech metrics: the time of every pointerdown, every speechSynthesis.speak() call
 * and every HTMLMediaElement.play() (the offline voice and recordings play through one HTML audio element).
 * With `danishVoice`, the page sees one Danish system voice (headless Chromium has none) whose speak() only records.
 */
function installSpeechProbe({ danishVoice }: { danishVoice: boolean }): void {
	const S: SpeechRecord = { downs: [], ups: [], speaks: [], plays: [] };
	Object.defineProperty(window, '__speech', { value: S, enumerable: false });
	addEventListener('pointerdown', (event) => S.downs.push(event.timeStamp), { capture: true, passive: true });
	// The release: a board cell activates on it by default (the tap filter lets a finger slide off to cancel).
	addEventListener('pointerup', (event) => S.ups.push(event.timeStamp), { capture: true, passive: true });
	const play = HTMLMediaElement.prototype.play;
	HTMLMediaElement.prototype.play = function (this: HTMLMediaElement, ...args: []) {
		// Only our clips (blob: URLs); the player also plays a silent data: sound once to unlock audio.
		if (this.src.startsWith('blob:')) S.plays.push(performance.now());
		return play.apply(this, args);
	};
	if (!danishVoice) return;
	const voice = { name: 'Bench dansk', lang: 'da-DK', voiceURI: 'bench-da', default: true, localService: true };
	Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
		configurable: true,
		get() {
			return this.benchVoice ?? null;
		},
		set(value) {
			this.benchVoice = value;
		}
	});
	speechSynthesis.getVoices = () => [voice];
	speechSynthesis.speak = (utterance) => {
		S.speaks.push(performance.now());
		// A voice that never starts is given up and the offline voice tried; this one starts at once.
		setTimeout(() => utterance.dispatchEvent(new Event('start')));
	};
}
const SPEECH_TAP_LABELS = ['ja', 'nej', 'ved ikke', 'stop'];
/** Opens the fixture citizen's home board (the first visit gives the citizen the default boards). */
export async function openHomeBoard(run: Run, { danishVoice }: { danishVoice: boolean }) {
	const { page, cdp } = await newTabletPage(run.context);
	await page.addInitScript(installSpeechProbe, { danishVoice });
	await page.goto(`${run.origin}/tavle?borger=${run.fixture.ids.boardCitizen}`);
	await unlock(page);
	await new BoardPage(page).cell('ja').waitFor();
	// The unlock's own tap is not one of the measured taps: speak() calls are paired with pointerdowns by index.
	await page.evaluate(() => {
		for (const list of Object.values(window.__speech) as number[][]) list.length = 0;
	});
	return { page, cdp };
}
/**
 * A finger's tap: a press, 50 ms on the glass, a release (CDP touch events). Playwright's touchscreen.tap() sends press
 * and release at once with one time, so the release's listeners waited for all the press's work and the figure
 * measured that queue rather than the tap → speech path.
 */
export async function fingerTap(cdp: CDPSession, locator: Locator) {
	await locator.scrollIntoViewIfNeeded();
	const box = await locator.boundingBox();
	if (!box) throw new Error(`nothing to tap: ${locator}`);
	const touchPoints = [{ x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2), id: 1 }];
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints });
	await sleep(50);
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
/**
 * Taps cells and returns, per tap, the time from the release (the event that selects a cell with the default tap
 * setting, "on release") to the `field` event; the time from the press is noted for comparison.
 */
async function tapCellsAndCollect(
	run: Run,
	id: string,
	{ page, cdp }: { page: Page; cdp: CDPSession },
	count: number,
	field: 'speaks' | 'plays'
) {
	const board = new BoardPage(page);
	for (let i = 0; i < count; i++) {
		await fingerTap(cdp, board.cell(SPEECH_TAP_LABELS[i % SPEECH_TAP_LABELS.length]!));
		await page.waitForFunction(({ n, key }) => window.__speech[key].length > n, { n: i, key: field }, { polling: 20, timeout: 30_000 });
		await sleep(CONFIG.tapGapMs);
	}
	const speech = await page.evaluate(() => window.__speech);
	if (speech.ups.length !== speech[field].length) throw new Error(`${speech.ups.length} releases but ${speech[field].length} ${field}`);
	const fromPress = speech[field].map((t, i) => t - speech.downs[i]!);
	run.note(id, `from the press instead: median ${median(fromPress).toFixed(1)} ms (includes the 50 ms the finger rests)`);
	return speech[field].map((t, i) => t - speech.ups[i]!);
}
/** Symbol board with a Danish device voice: touch → the page calls speechSynthesis.speak(). First tap included. */
export async function measureSpeakCall(run: Run) {
	const tab = await openHomeBoard(run, { danishVoice: true });
	try {
		run.note(
			'speak.call',
			'release of a finger tap (pointerup, which selects with the default tap setting) → speechSynthesis.speak() on the home board, device voice stubbed (headless Chromium has no Danish voice)'
		);
		// A profile of the taps (issue 17), as for the board switch.
		if (CONFIG.trace) await startTrace(tab.page, `${CONFIG.trace}-speak.json`, TRACE_CATEGORIES);
		try {
			return await tapCellsAndCollect(run, 'speak.call', tab, CONFIG.speechTaps, 'speaks');
		} finally {
			if (CONFIG.trace) await stopTrace(tab.page);
		}
	} finally {
		await tab.page.close();
	}
}
/** No device voice: touch → the offline eSpeak NG clip starts playing. The first tap includes loading the engine. */
export async function measureOfflineTtsFirstBuffer(run: Run) {
	const tab = await openHomeBoard(run, { danishVoice: false });
	try {
		run.note(
			'tts.firstBuffer',
			'release of a finger tap → audio play() of the eSpeak NG clip; the first tap of each run loads and compiles the 18 MB engine'
		);
		return await tapCellsAndCollect(run, 'tts.firstBuffer', tab, Math.max(2, Math.round(CONFIG.speechTaps / 4)), 'plays');
	} finally {
		await tab.page.close();
	}
}
/**
 * No device voice: the first word said on a board that has been on screen for a few seconds, as a citizen looks before
 * tapping. The board makes the offline voice ready meanwhile (speech.svelte.ts prepareSpeech); the row above times taps
 * that come at once, before it is.
 */
export async function measureOfflineTtsFirstWord(run: Run) {
	const tab = await openHomeBoard(run, { danishVoice: false });
	try {
		await sleep(5_000);
		run.note('tts.firstWord', 'release of a finger tap → audio play() of the first eSpeak NG clip, the board shown 5 s before');
		return await tapCellsAndCollect(run, 'tts.firstWord', tab, 1, 'plays');
	} finally {
		await tab.page.close();
	}
}
