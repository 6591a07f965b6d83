// The tablet every scenario drives: Chromium's settings, a run's shared state, fresh tabs, the lock, small helpers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.ts';
import { unlockTablet } from '../tests/e2e/tablet.ts';
import { CONFIG } from './cli.ts';
import { BIG_BOARDS, type Fixture } from './fixture.ts';
import { installProbe, type ProbeTap } from './probe.ts';
import type { StaticServer } from './server.ts';

// What the in-page recorders below leave on window, for page.evaluate() to read back.
export interface SpeechRecord {
	downs: number[];
	ups: number[];
	speaks: number[];
	plays: number[];
}
export interface FrameTimer {
	t0: number | undefined;
	t1: number | undefined;
}
declare global {
	interface Window {
		__speech: SpeechRecord;
		/** `up`: the release, which shows the board (taps act on release; see README "Access"). */
		__switch: FrameTimer & { up: number | undefined };
		/** Event Timing durations of the board-switch rows' folder releases (release → next frame presented). */
		__presented: number[];
		__frameTimer: FrameTimer;
		__frames: { times: number[]; stop: boolean };
		/** `down`: the finger's touch, before the lift the row is timed from (scenarios/open-meeting.ts). */
		__open: FrameTimer & { n: number; decrypts: number; down: number | undefined };
		__decrypts: number;
	}
}
export const LAUNCH = { headless: true, executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };
export const TABLET = {
	viewport: { width: 1180, height: 820 },
	hasTouch: true,
	isMobile: false,
	deviceScaleFactor: 1,
	locale: 'da-DK',
	timezoneId: 'Europe/Copenhagen',
	serviceWorkers: 'allow'
} satisfies Parameters<typeof chromium.launchPersistentContext>[1];
// How long a step may wait, the page models' included: the CPU is 4× slowed and the machine may be shared.
export const STEP_TIMEOUT_MS = 30_000;
// Names the in-page recorders look for (code run in the page cannot take a Locator; tests/e2e/pages.ts uses the same names).
export const UI = {
	boardName: 'Svartavle',
	answersRegion: 'Svar i mødet',
	savedPrefix: 'Gemt',
	firstAnswerLabel: 'Ja',
	// The meeting page lists this many newest answers, says "Viser de 30 nyeste af N svar." and offers older ones a page at a time.
	recentAnswers: 30,
	shownOf: (shown: number, total: number) => `Viser de ${shown} nyeste af ${total} svar.`,
	importDone: `${BIG_BOARDS.length + 1} tavler er hentet.`
};
// Board taps cycle through answers that only record (Pause/Stop may get their own behaviour later).
export const TAP_SEQUENCE = ['Ja', 'Nej', 'Ved ikke', 'Forstår ikke', 'Hjælp'];
/** What one bench run hands every scenario. Scenarios keep a tab or page for the next one in the optional fields. */
export interface Run {
	index: number;
	warmup: boolean;
	context: BrowserContext;
	server: StaticServer;
	origin: string;
	fixture: Fixture;
	/** Records a value; anything but a finite number (a figure the page did not report) fails the step. */
	sample(id: string, value: number | undefined): void;
	note(id: string, text: string): void;
	tab?: Tab;
	themePage?: Page;
	bigBoardsUrl?: string;
}
/** The value, or a clear error naming what was missing (an element without a box, a page without a viewport …). */
export function required<T>(value: T | null | undefined, what: string): T {
	if (value === null || value === undefined) throw new Error(`${what} is not there`);
	return value;
}
/**
 * A tablet: Chromium with a profile of its own on disk, as a tablet's browser has. An off-the-record context
 * (browser.newContext) keeps IndexedDB and the private file system in memory, so its rows measured a tablet no one has:
 * the database's strict commits never reached a disk (quick bench, save.db p95 23 ms in memory, 41–46 ms on disk) and each
 * call on a journal file was a round trip to the browser process (0.53 ms a write, 9 µs on disk).
 */
export async function openTablet(): Promise<BrowserContext> {
	const profile = mkdtempSync(join(tmpdir(), 'billedtale-bench-'));
	profiles.push(profile);
	return chromium.launchPersistentContext(profile, { ...LAUNCH, ...TABLET });
}
// Removed at the end, not on each context's close: the browser may still be writing its profile when that event comes.
const profiles: string[] = [];
/** Removes the profiles of every tablet opened; their browsers must be closed. */
export function removeTabletProfiles(): void {
	for (const profile of profiles.splice(0)) rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
}
const traces = new WeakMap<Page, { cdp: CDPSession; path: string }>();
/** Starts a Chrome trace of the page, for DevTools (`--trace`); a tablet's browser has no Browser object to trace with. */
export async function startTrace(page: Page, path: string, categories: readonly string[]): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Tracing.start', { traceConfig: { includedCategories: [...categories] }, transferMode: 'ReturnAsStream' });
	traces.set(page, { cdp, path });
}
/** Ends the page's trace and writes it where startTrace was told to. */
export async function stopTrace(page: Page): Promise<void> {
	const { cdp, path } = required(traces.get(page), 'a trace of the page');
	traces.delete(page);
	const complete = new Promise<string>((resolve) =>
		cdp.once('Tracing.tracingComplete', (event) => resolve(required(event.stream, 'the trace')))
	);
	await cdp.send('Tracing.end');
	const handle = await complete;
	const chunks: Buffer[] = [];
	for (let eof = false; !eof;) {
		const chunk = await cdp.send('IO.read', { handle });
		chunks.push(Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'utf8'));
		eof = chunk.eof;
	}
	await cdp.send('IO.close', { handle });
	writeFileSync(path, Buffer.concat(chunks));
	await cdp.detach();
}
/** Tap → "Gemt" shown; tapBoard() waits for every tap's "saved". */
/** pointerdown → the frame an in-page timer stopped at; the caller waited for t1. */
export const frameTime = (timer: FrameTimer) => required(timer.t1, 'the frame') - required(timer.t0, 'the pointerdown');
export const tapToSaved = (tap: ProbeTap) => required(tap.saved, `"Gemt" after the tap on "${tap.label}"`) - tap.t;
export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const log = (...parts: unknown[]) => console.error(`[bench ${((performance.now() - T0) / 1000).toFixed(1).padStart(5)}s]`, ...parts);
export const T0 = performance.now();
/** A fresh tab in the context, with the CPU throttled before anything loads. */
export interface NetworkEntry {
	url: string;
	type: string;
	mimeType: string;
	fromServiceWorker: boolean | undefined;
	bytes: number;
	done: boolean;
}
export type Tab = { page: Page; cdp: CDPSession; network: Map<string, NetworkEntry> };
export async function newTabletPage(context: BrowserContext, { probe = false, cold = false } = {}): Promise<Tab> {
	const page = await context.newPage();
	page.setDefaultTimeout(STEP_TIMEOUT_MS);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CONFIG.cpuThrottle });
	const network = new Map<string, NetworkEntry>();
	if (cold) {
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
			network.set(requestId, {
				url: response.url,
				type,
				mimeType: response.mimeType,
				fromServiceWorker: response.fromServiceWorker,
				bytes: 0,
				done: false
			});
		});
		cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
			const entry = network.get(requestId);
			if (entry) Object.assign(entry, { bytes: encodedDataLength, done: true });
		});
	}
	if (probe)
		await page.addInitScript(installProbe, { boardName: UI.boardName, firstAnswerLabel: UI.firstAnswerLabel, savedPrefix: UI.savedPrefix });
	return { page, cdp, network };
}
/*
 * Every full load of the app starts locked; the e2e team passphrase opens the tablet's data key (PBKDF2-SHA256,
 * 600,000 iterations). The first load of a fresh context sets the tablet up, which also seals the records the
 * fixture seeded in the clear (the path a tablet from before encryption takes). The passphrase is sent from the
 * keyboard, so no mouse hovers a link whose code SvelteKit would then preload (see unlockTablet).
 */
export const unlock = (page: Page, { timeout }: { timeout?: number } = {}) =>
	unlockTablet(page, undefined, { submitWith: 'Enter', timeout });
/**
 * A settled tablet: the first unlocks of a fresh context still upgrade the seeded records in the background, and every
 * batch that pass writes makes the open lists read again (the app marks the end of the pass after each unlock;
 * src/lib/lock/tablet-lock.svelte.ts).
 */
export const upgradePassDone = (page: Page) =>
	page.waitForFunction(() => performance.getEntriesByName('billedtale:upgrade-pass-done').length > 0, null, {
		polling: 100,
		timeout: 60_000
	});
/**
 * Lets the service worker finish installing, then removes it and its caches, so the next tab loads the app cold
 * from the network. The app registers its worker on `load`, so we give it a moment to appear.
 */
export async function dropServiceWorker(page: Page) {
	return page.evaluate(async () => {
		if (!('serviceWorker' in navigator)) return 'unsupported';
		let registrations: readonly ServiceWorkerRegistration[] = [];
		for (let i = 0; i < 30 && registrations.length === 0; i++) {
			registrations = await navigator.serviceWorker.getRegistrations();
			if (registrations.length === 0) await new Promise((r) => setTimeout(r, 100));
		}
		const settled = (reg: ServiceWorkerRegistration) => !reg.installing && !reg.waiting;
		for (let i = 0; i < 150 && !registrations.every(settled); i++) await new Promise((r) => setTimeout(r, 100));
		await Promise.all(registrations.map((reg) => reg.unregister()));
		if (globalThis.caches) for (const key of await caches.keys()) await caches.delete(key);
		return `dropped ${registrations.length}`;
	});
}
