// Answers: taps on the answer board (paint, "Gemt"), the raw IndexedDB floor and the real save path.
import type { Page } from 'playwright-core';
import {
	dropServiceWorker,
	log,
	newTabletPage,
	required,
	type Run,
	sleep,
	TAP_SEQUENCE,
	tapToSaved,
	UI,
	unlock,
	startTrace,
	stopTrace
} from '../browser.ts';
import { CONFIG } from '../cli.ts';
import { buildSaveRecords } from '../fixture.ts';
import { quantile } from '../metrics.ts';
import { metric } from '../rows.ts';
import { TRACE_CATEGORIES } from './boards.ts';

/**
 * Issue 17: the answer board of a meeting, tapped as a user taps it. tap → "Gemt: <label>" painted is the app's
 * whole save (recordAnswer: validation, sealing, IndexedDB, the journal); the database write is the user-timing
 * measure recordAnswer() adds around its transaction: from opening it to the page's thread taking IndexedDB's complete
 * event, before any listener of that event runs (src/lib/storage/answers.ts).
 */
export async function measureRealSave(run: Run) {
	const { page } = await newTabletPage(run.context, { probe: true });
	try {
		await page.goto(`${run.origin}/moede?id=${run.fixture.ids.soakMeeting}&trin=emner`, { waitUntil: 'load' });
		await unlock(page);
		await page.waitForFunction(() => window.__bench.boardReady !== undefined, null, { polling: 100, timeout: 30_000 });
		await page.evaluate(() => performance.clearMeasures('billedtale:answer-write'));
		// A profile of the measured taps (issue 17): where the time from tap to "Gemt" goes. IndexedDB's own events (its
		// transactions by id: queued, started, committed) tell a wait for the database from a wait for the page's thread.
		if (CONFIG.trace) await startTrace(page, `${CONFIG.trace}-save.json`, [...TRACE_CATEGORIES, 'IndexedDB', 'toplevel']);
		const taps = await tapBoard(page, CONFIG.realSaves);
		if (CONFIG.trace) await stopTrace(page);
		const saved = taps.map(tapToSaved);
		const writes = await page.evaluate(() => performance.getEntriesByName('billedtale:answer-write').map((e) => e.duration));
		if (writes.length !== taps.length) throw new Error(`${taps.length} taps but ${writes.length} database-write measures`);
		run.note(
			'save.real.p50',
			`${taps.length} touch taps/run on the answer board of an empty meeting; pointerdown → the frame showing "Gemt: <label>"`
		);
		run.note('save.real.p95', `p95 of each run's ${taps.length} taps (the row shows the median of the runs' p95)`);
		run.note(
			'save.db.p95',
			`performance.measure 'billedtale:answer-write' in recordAnswer(): its transaction opened → complete event taken by the page, ${writes.length} per run`
		);
		return { 'save.real.p50': quantile(saved, 0.5), 'save.real.p95': quantile(saved, 0.95), 'save.db.p95': quantile(writes, 0.95) };
	} finally {
		await page.close();
	}
}
/** 2: ≥ 20 touch taps on the board in the tab of the cold load; then the service worker is dropped again. */
export async function boardTaps(run: Run) {
	const tab = run.tab;
	run.tab = undefined;
	if (!tab) throw new Error('no meeting tab (the first load failed)');
	try {
		await measureTaps(run, tab.page);
	} finally {
		await dropServiceWorker(tab.page).catch(() => {});
		await tab.page.close();
	}
}
/** `count` touch taps on the answer board (cycling TAP_SEQUENCE), each awaited until "Gemt" shows; the probe's taps. */
async function tapBoard(page: Page, count: number) {
	const board = page.getByRole('group', { name: UI.boardName });
	await board.scrollIntoViewIfNeeded();
	await sleep(300);
	// The board does not move while answering, so each button's centre is measured once. A tap is a bare touch
	// there (CDP touch events): Locator.tap() would add Playwright's hit-target listeners to the events being timed.
	// The probe records which button each touch landed on, and that is checked below.
	const centres = new Map<string, { x: number; y: number }>();
	for (const label of TAP_SEQUENCE) {
		const box = await board.getByRole('button', { name: label, exact: true }).boundingBox();
		if (!box || box.y < 0 || box.y + box.height > required(page.viewportSize(), 'the viewport').height)
			throw new Error(`"${label}" is not on screen`);
		centres.set(label, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
	}
	const first = await page.evaluate(() => window.__bench.taps.length);
	for (let i = 0; i < count; i++) {
		const centre = required(centres.get(TAP_SEQUENCE[i % TAP_SEQUENCE.length]!), 'a tap target');
		await page.touchscreen.tap(centre.x, centre.y);
		await page.waitForFunction((index) => window.__bench.taps[index]?.saved !== undefined, first + i, { polling: 50, timeout: 10_000 });
		await sleep(CONFIG.tapGapMs);
	}
	await sleep(300); // Event Timing entries are delivered after the paint.
	const taps = await page.evaluate(() => window.__bench.taps);
	const ours = taps.slice(first, first + count);
	if (ours.length !== count) throw new Error(`expected ${count} taps, saw ${ours.length}`);
	return ours;
}
async function measureTaps(run: Run, page: Page) {
	const ours = await tapBoard(page, CONFIG.tapsPerRun);
	const events = await page.evaluate(() => window.__bench.events);
	let belowThreshold = 0;
	if (process.env.BENCH_DEBUG)
		log(
			'taps',
			JSON.stringify(
				ours.map((tap) => ({ ...tap, entries: events.filter((e) => e.start >= tap.t - 1 && e.start <= (tap.clicked ?? tap.t) + 1) }))
			)
		);
	ours.forEach((tap, i) => {
		const end = (tap.clicked ?? tap.t) + 1;
		const entries = events.filter((e) => e.start >= tap.t - 1 && e.start <= end);
		let paint = Math.max(0, ...entries.map((e) => e.duration));
		if (entries.length === 0) {
			// No entry ≥ 16 ms: the tap painted within the threshold. Count it as 16 ms (an upper bound).
			belowThreshold += 1;
			paint = 16;
		}
		if (tap.label !== TAP_SEQUENCE[i % TAP_SEQUENCE.length])
			throw new Error(`tap ${i} landed on "${tap.label}", not "${TAP_SEQUENCE[i % TAP_SEQUENCE.length]}" (did the board move?)`);
		run.sample('tap.paint', paint);
		run.sample('tap.saved', tapToSaved(tap));
	});
	if (!run.warmup) metric('tap.paint').belowThreshold = (metric('tap.paint').belowThreshold ?? 0) + belowThreshold;
}
/**
 * 3a: the floor under the real save (the save.real rows): a record added to the answers store by raw IndexedDB in its
 * own readwrite transaction, timed to oncomplete; no sealing, no storage layer, no journal. Each add awaited before the next.
 */
export async function measureSaves(run: Run, page: Page) {
	const records = buildSaveRecords(run.fixture, CONFIG.rawSavesPerRun);
	const times = await page.evaluate(
		async ({ records, dbName }) => {
			const raw = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(dbName);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const rawTimes: number[] = [];
			for (const record of records) {
				const t = performance.now();
				await new Promise<void>((resolve, reject) => {
					const tx = raw.transaction('answers', 'readwrite');
					tx.objectStore('answers').add(record);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
					tx.onabort = () => reject(tx.error);
				});
				rawTimes.push(performance.now() - t);
			}
			raw.close();
			return rawTimes;
		},
		{ records, dbName: 'billedtale' }
	);
	run.sample('save.raw.p50', quantile(times, 0.5));
	run.sample('save.raw.p95', quantile(times, 0.95));
	const note = `${times.length} adds/run, one readwrite transaction each, timed to oncomplete: the floor under the real save path`;
	run.note('save.raw.p50', note);
	run.note('save.raw.p95', note);
}
