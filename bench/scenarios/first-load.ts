// First loads: the set-up screen of a fresh tablet, cold loads of /moede and / (bytes, paints, blocking time).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { HomePage } from '../../tests/e2e/pages.ts';
import { lockState } from '../../tests/e2e/tablet.ts';
import {
	dropServiceWorker,
	log,
	type NetworkEntry,
	newTabletPage,
	type Run,
	sleep,
	type Tab,
	unlock,
	startTrace,
	stopTrace
} from '../browser.ts';
import { CONFIG } from '../cli.ts';
import { seedDatabase } from '../fixture.ts';
import { resolveFile } from '../server.ts';
import { TRACE_CATEGORIES } from './boards.ts';

const KB = 1000; // kB as Vite prints them; the stricter reading of "120 KB".
const gzipCache = new Map<string, Promise<number>>();
function gzipSizeOfUrl(root: string, url: string): Promise<number> {
	const pathname = new URL(url).pathname;
	if (!gzipCache.has(pathname)) {
		gzipCache.set(
			pathname,
			resolveFile(root, pathname).then((file) => (file ? gzipSync(readFileSync(file)).length : 0))
		);
	}
	return gzipCache.get(pathname)!;
}
/** Fresh context → load / once so the app creates its database → seed the fixture → drop the service worker. */
export async function bootstrap(run: Run) {
	const { page } = await newTabletPage(run.context, { probe: true });
	// A profile of the first start (issue 17): navigation → the setup screen's paint, for DevTools.
	const tracing = CONFIG.trace && !run.warmup;
	if (tracing) await startTrace(page, `${CONFIG.trace}-setup.json`, TRACE_CATEGORIES);
	await page.goto(`${run.origin}/`, { waitUntil: 'load' });
	// The fresh context has no HTTP cache and no service worker: this is a tablet's first start, on the setup screen.
	const lock = await lockState(page);
	if (lock !== 'setup') throw new Error(`a fresh context starts on the setup screen, not "${lock}"`);
	await sleep(1000); // LCP entries stop at the first input; nothing is typed before this.
	if (tracing) await stopTrace(page);
	const setup = await page.evaluate(() => ({ lcp: window.__bench.lcp, element: window.__bench.lcpElement }));
	run.sample('setup.lcp', setup.lcp);
	run.note('setup.lcp', `cold first load of / in a fresh context (no data key); LCP element: ${setup.element}`);
	const seeded = await seedDatabase(page, run.fixture);
	await unlock(page);
	await dropServiceWorker(page);
	await page.close();
	return seeded;
}
/** Cold load of `path` with the probe; returns the page (still open) and the first-load numbers. */
async function coldLoad(run: Run, path: string, { board, trace }: { board: boolean; trace?: string }) {
	const tab = await newTabletPage(run.context, { probe: true, cold: true });
	try {
		return await measureColdLoad(run, tab, path, { board, trace: CONFIG.trace && !run.warmup ? trace : undefined });
	} catch (error) {
		await tab.page.close();
		throw error;
	}
}
async function measureColdLoad(run: Run, tab: Tab, path: string, { board, trace }: { board: boolean; trace?: string }) {
	const { page, network } = tab;
	// A profile of the cold load (issue 17): navigation → the lock screen settled, for DevTools (`--trace PREFIX`).
	if (trace) await startTrace(page, `${CONFIG.trace}-${trace}.json`, TRACE_CATEGORIES);
	await page.goto(`${run.origin}${path}`, { waitUntil: 'load' });
	await page.waitForFunction(
		({ settle }) => {
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
			const b = window.__bench;
			return nav && nav.loadEventEnd > 0 && performance.now() >= nav.loadEventEnd + settle && b.ready !== undefined;
		},
		{ settle: CONFIG.settleAfterLoadMs },
		{ polling: 100, timeout: 30_000 }
	);
	if (trace) await stopTrace(page);
	// What the passphrase screen fetched, apart from what the unlock and the screen behind it add (the `.js.locked` rows).
	const jsLocked = await jsGzipOf(run, network);
	await unlock(page);
	if (board) await page.waitForFunction(() => window.__bench.boardReady !== undefined, null, { polling: 100, timeout: 30_000 });
	const inPage = await page.evaluate((settle) => {
		const b = window.__bench;
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		const windowEnd = nav.loadEventEnd + settle;
		const blocking = b.longTasks.filter((t) => t.start < windowEnd).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
		return {
			fcp: b.paints['first-contentful-paint'],
			lcp: b.lcp,
			lcpElement: b.lcpElement,
			blocking,
			longTasks: b.longTasks.length,
			ready: b.ready,
			boardReady: b.boardReady === undefined || b.unlockSubmitted === undefined ? undefined : b.boardReady - b.unlockSubmitted,
			load: nav.loadEventEnd,
			domContentLoaded: nav.domContentLoadedEventEnd,
			controlled: Boolean(navigator.serviceWorker && navigator.serviceWorker.controller) && nav.workerStart > 0,
			observerErrors: b.observerErrors
		};
	}, CONFIG.settleAfterLoadMs);
	if (inPage.observerErrors.length) throw new Error(`PerformanceObserver not supported: ${inPage.observerErrors.join('; ')}`);
	if (inPage.controlled) throw new Error(`${path} was served by a service worker; the cold load is not cold`);
	if (process.env.BENCH_DEBUG) log(path, JSON.stringify({ ...inPage, longTasks: await page.evaluate(() => window.__bench.longTasks) }));
	const requests = doneRequests(network);
	if (process.env.BENCH_DEBUG) log(path, 'requests', JSON.stringify(requests.map((r) => [new URL(r.url).pathname, r.type, r.bytes])));
	const { js, gzip } = await jsGzipOf(run, network);
	return {
		tab,
		numbers: {
			...inPage,
			bytes: requests.reduce((sum, r) => sum + r.bytes, 0),
			jsBytes: js.reduce((sum, r) => sum + r.bytes, 0),
			jsGzip: gzip,
			jsFiles: js.map((r) => new URL(r.url).pathname),
			jsLockedGzip: jsLocked.gzip,
			jsAfterUnlock: js.filter((r) => !jsLocked.js.includes(r)).map((r) => new URL(r.url).pathname)
		}
	};
}
const doneRequests = (network: Map<string, NetworkEntry>) => [...network.values()].filter((r) => r.url.startsWith('http') && r.done);
const isJs = (r: NetworkEntry) => r.type === 'Script' || /javascript|ecmascript/.test(r.mimeType ?? '');
/** The JS requests finished so far, and their gzip size from the build's files. */
async function jsGzipOf(run: Run, network: Map<string, NetworkEntry>) {
	const js = doneRequests(network).filter(isJs);
	const gzip = (await Promise.all(js.map((r) => gzipSizeOfUrl(run.server.root, r.url)))).reduce((a, b) => a + b, 0);
	return { js, gzip };
}
type FirstLoad = Awaited<ReturnType<typeof measureColdLoad>>['numbers'];
function sampleFirstLoad(run: Run, prefix: string, n: FirstLoad) {
	run.sample(`${prefix}.js.gzip`, n.jsGzip / KB);
	run.sample(`${prefix}.js.raw`, n.jsBytes / KB);
	run.sample(`${prefix}.bytes`, n.bytes / KB);
	run.sample(`${prefix}.fcp`, n.fcp);
	run.sample(`${prefix}.lcp`, n.lcp);
	run.sample(`${prefix}.tbt`, n.blocking);
	run.note(`${prefix}.lcp`, `LCP element: ${n.lcpElement}`);
	run.note(`${prefix}.js.gzip`, `${n.jsFiles.length} JS files, gzip level 6 from the build's files`);
	run.sample(`${prefix}.js.locked`, n.jsLockedGzip / KB);
	run.note(
		`${prefix}.js.locked`,
		`JS finished before the passphrase is typed; the ${n.jsAfterUnlock.length} files finished after it (unlock, first screen): ${n.jsAfterUnlock.join(' ')}`
	);
}
/** 1: cold /moede?id=<meeting in progress>. The tab stays open for the taps. */
export async function firstLoadMeeting(run: Run) {
	const { tab, numbers } = await coldLoad(run, `/moede?id=${run.fixture.ids.boardMeeting}&trin=emner`, { board: true });
	run.tab = tab;
	sampleFirstLoad(run, 'moede', numbers);
	run.sample('moede.clickable', numbers.boardReady);
	run.note(
		'moede.clickable',
		'submit of the passphrase → Ja on the answer board enabled; includes PBKDF2-SHA256 600,000 and opening the sealed meeting'
	);
	run.note(
		'moede.lcp',
		'every load starts locked: FCP, LCP and blocking time are those of the passphrase screen (LCP stops at the first input)'
	);
}
/**
 * 1: cold /tavle?borger=<citizen>: a citizen's board reloaded, or opened from a bookmark or a tablet that restarts the app
 * where it was. Its passphrase screen, like every page's, should not wait for the page's code (lock/held-page.ts).
 */
export async function firstLoadBoard(run: Run) {
	const { tab, numbers } = await coldLoad(run, `/tavle?borger=${run.fixture.ids.boardCitizen}`, { board: false });
	try {
		run.sample('tavle.js.locked', numbers.jsLockedGzip / KB);
		run.note('tavle.js.locked', `JS finished before the passphrase is typed; after it: ${numbers.jsAfterUnlock.join(' ')}`);
		run.sample('tavle.lcp', numbers.lcp);
		run.note('tavle.lcp', `LCP element: ${numbers.lcpElement}`);
		run.sample('tavle.tbt', numbers.blocking);
		run.sample('tavle.ready', numbers.ready);
	} finally {
		await tab.page.close();
	}
}
/** 1: cold load of / (with the fixture's citizens in the database). */
export async function firstLoadHome(run: Run) {
	const { tab, numbers } = await coldLoad(run, '/', { board: false, trace: 'home' });
	sampleFirstLoad(run, 'home', numbers);
	const enabled = await new HomePage(tab.page).addButton.isEnabled();
	if (!enabled) throw new Error('"Tilføj borger" is not enabled after load');
	run.sample('home.ready', numbers.ready);
	return tab;
}
