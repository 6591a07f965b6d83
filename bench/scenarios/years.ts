// Issue 17, "years of use on one tablet": the rows measured on the years fixture (bench/years.ts), at two scales so
// that each row also reports how its cost grows with the years. The tablet helpers come from run.ts (`YearsHooks`).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { MEETINGS_PAGE, OVER_TIME_PAGE } from '../../src/lib/domain/history-pages.ts';
import { touchTap } from '../../tests/e2e/pages.ts';
import { lockState } from '../../tests/e2e/tablet.ts';
import { median, type MetricDef } from '../metrics.ts';
import { buildYearsFixture, seedYears, type YearsFixture } from '../years.ts';

/** What run.ts lends this module: its tablet, its unlock steps, its in-page timers and its rows. */
export interface YearsHooks {
	origin: string;
	/** A fresh tablet: a browser with a profile of its own on disk (browser.ts). */
	openTablet(): Promise<BrowserContext>;
	startTrace(page: Page, path: string, categories: readonly string[]): Promise<void>;
	stopTrace(page: Page): Promise<void>;
	newTabletPage(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }>;
	/** Sets a fresh tablet up, or unlocks it (the e2e lock steps, as run.ts submits them); `timeout` waits longer for the app. */
	unlockTablet(page: Page, options?: { timeout?: number }): Promise<void>;
	armFrameTimer(page: Page, selector: string, text?: string, from?: 'pointerdown' | 'pointerup'): Promise<void>;
	frameTimerResult(page: Page, timeout?: number): Promise<number>;
	sample(id: string, value: number): void;
	note(id: string, text: string): void;
	fail(ids: string[], error: unknown): void;
	log(...parts: unknown[]): void;
}

/** The rows at 1×; each has a `.growth` row beside it (see yearsMetricDefs). */
const ROWS: MetricDef<unknown>[] = [
	{ id: 'years.citizen', name: 'Years: open the citizen → meeting list shown', unit: 'ms', budget: 200 },
	{ id: 'years.overtime', name: 'Years: open the citizen → "Over tid" shown', unit: 'ms', budget: 200 },
	{ id: 'years.meeting', name: 'Years: open a meeting of the citizen → list shown', unit: 'ms', budget: 100 },
	{ id: 'years.startup', name: 'Years: passphrase submit → citizen list shown', unit: 'ms', budget: 1000 },
	{ id: 'years.startup.nojournal', name: 'Years: start-up as above, without the journal', unit: 'ms' },
	{ id: 'years.journal.snapshot', name: "Years: the journal's snapshot (read + write)", unit: 'ms' },
	{ id: 'years.backup', name: 'Years: encrypted backup of all citizens', unit: 'ms' },
	{ id: 'years.backup.heap', name: 'Years: backup, peak JS heap', unit: 'MB' },
	{ id: 'years.backup.memory', name: 'Years: backup, peak JS heap + array buffers', unit: 'MB' },
	{ id: 'years.backup.size', name: 'Years: backup file', unit: 'MB' },
	{ id: 'years.restore', name: 'Years: restore the backup on an empty tablet', unit: 'ms' },
	{ id: 'years.restore.heap', name: 'Years: restore, peak JS heap', unit: 'MB' },
	{ id: 'years.restore.memory', name: 'Years: restore, peak JS heap + array buffers', unit: 'MB' },
	{ id: 'years.disk', name: 'Years: bytes on disk (storage.estimate usage)', unit: 'MB' }
];

/**
 * The scales: --quick compares 0.1× with 1×, the full bench 1× with 10× (cli.ts). The rows show the 1× figures, or
 * those of the only scale measured (--years-scales 10), which has no growth.
 */
export function yearsMetricDefs(scales: readonly number[]): MetricDef<unknown>[] {
	const growth = scales.length === 2 ? `${scales[0]}× → ${scales[1]}×` : `(only ${scales[0]}× measured)`;
	return ROWS.flatMap((row) => [row, { id: `${row.id}.growth`, name: `  growth ${growth}`, unit: '×', budget: null }]);
}

/** The scale the rows show: 1× when it is measured, else the largest. */
const shownScale = (scales: readonly number[]) => (scales.includes(1) ? 1 : scales[scales.length - 1]!);

const MB = 1024 * 1024;
// Views opened per scale and run; BENCH_YEARS_REPEATS=N takes more, for comparing two builds (--build) on a noisy machine,
// where three opens differ by more than a change under study.
const REPEATS = Number(process.env.BENCH_YEARS_REPEATS ?? 3);
const BACKUP_PASSPHRASE = 'blå cykel over broen i regnvejr';
const CITIZEN_LINK = 'main a[href^="/borger?id="]';
/** What a BENCH_YEARS_TRACE profile records: the timeline, JS samples and the app's user-timing marks. */
const TRACE_CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'v8.execute',
	'disabled-by-default-v8.cpu_profiler',
	'blink.user_timing'
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * How long a measured view may take before the row fails. Far over every budget: a figure over budget is reported, not
 * lost (at 10× "Over tid" read 72,000 answers for over 30 s, a step's wait, on the shared 2-core machine).
 */
const VIEW_WAIT_MS = 300_000;

/**
 * A profile, not a guess: with BENCH_YEARS_TRACE=PREFIX the backup, the restore and the journal's snapshot are sampled by V8's profiler (every
 * 10 ms; a Chrome trace of minutes would not fit in memory) into PREFIX-<what>-<scale>x.cpuprofile, for DevTools.
 */
async function profiled<T>(cdp: CDPSession, what: string, scale: number, run: () => Promise<T>): Promise<T> {
	const prefix = process.env.BENCH_YEARS_TRACE;
	if (!prefix) return run();
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 10_000 });
	await cdp.send('Profiler.start');
	try {
		return await run();
	} finally {
		const { profile } = await cdp.send('Profiler.stop');
		writeFileSync(`${prefix}-${what}-${scale}x.cpuprofile`, JSON.stringify(profile));
	}
}

/** Per scale, the figures of each row; the growth rows are computed from the two scales at the end. */
type Figures = Map<string, number[]>;

export async function runYears(hooks: YearsHooks, scales: readonly number[], wanted: (id: string) => boolean): Promise<void> {
	const byScale = new Map<number, Figures>();
	for (const scale of scales) {
		const figures: Figures = new Map();
		byScale.set(scale, figures);
		const record = (id: string, value: number) => figures.set(id, [...(figures.get(id) ?? []), value]);
		// A failure at the scale the rows do not show belongs to the growth rows; the rows' own figures stand.
		const fail: Fail = (ids, error) =>
			hooks.fail(
				scale === shownScale(scales) ? ids : ids.map((id) => `${id}.growth`),
				`${scale}×: ${error instanceof Error ? error.message : String(error)}`
			);
		const t = performance.now();
		const fixture = buildYearsFixture({ scale });
		hooks.log(`years ${scale}×: ${JSON.stringify(fixture.counts)}`);
		try {
			await measureScale(hooks, fixture, record, fail, wanted);
		} catch (error) {
			fail(ROWS.map((r) => r.id).filter(wanted), error);
		}
		hooks.log(`years ${scale}×: ${((performance.now() - t) / 1000).toFixed(1)}s`);
	}
	const [small, large] = [byScale.get(scales[0]!)!, byScale.get(scales[scales.length - 1]!)!];
	const main = byScale.get(shownScale(scales))!;
	for (const row of ROWS) {
		for (const v of main.get(row.id) ?? []) hooks.sample(row.id, v);
		const [a, b] = [small.get(row.id), large.get(row.id)];
		if (scales.length === 2 && a?.length && b?.length) {
			hooks.sample(`${row.id}.growth`, median(b) / median(a));
			hooks.note(
				`${row.id}.growth`,
				`median ${median(a).toFixed(1)} at ${scales[0]}×, ${median(b).toFixed(1)} at ${scales[1]}× (${row.unit})`
			);
		}
	}
}

type Record_ = (id: string, value: number) => void;
type Fail = (ids: string[], error: unknown) => void;

async function measureScale(hooks: YearsHooks, fixture: YearsFixture, record: Record_, fail: Fail, wanted: (id: string) => boolean) {
	const context = await hooks.openTablet();
	const dir = mkdtempSync(join(tmpdir(), 'billedtale-years-'));
	try {
		const seedStart = performance.now();
		await seedAndSetUp(hooks, context, fixture);
		hooks.log(`years ${fixture.scale}×: seeded, set up and migrated in ${((performance.now() - seedStart) / 1000).toFixed(1)}s`);
		// One failing step marks its own rows; the others still run.
		const step = async <T>(ids: string[], run: () => Promise<T>): Promise<T | undefined> => {
			if (!ids.some(wanted)) return undefined;
			try {
				return await run();
			} catch (error) {
				fail(ids.filter(wanted), error);
				return undefined;
			}
		};
		await step(['years.disk'], async () => record('years.disk', await diskUsage(hooks, context)));
		await step(['years.startup', 'years.citizen', 'years.overtime', 'years.meeting'], () => measureViews(hooks, context, fixture, record));
		await step(['years.startup.nojournal'], () => measureStartup(hooks, context, fixture, record, { journal: false }));
		const backupFile = await step(
			[
				'years.backup',
				'years.backup.heap',
				'years.backup.memory',
				'years.backup.size',
				'years.restore',
				'years.restore.heap',
				'years.restore.memory'
			],
			() => measureBackup(hooks, context, dir, record, fixture.scale)
		);
		await step(['years.journal.snapshot'], () => measureJournalSnapshot(hooks, context, record, fixture.scale));
		if (backupFile)
			await step(['years.restore', 'years.restore.heap', 'years.restore.memory'], () => measureRestore(hooks, backupFile, fixture, record));
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

/** A fresh tablet: load once (the app creates its database), seed in the clear, set up (seals), unlock (migration pass). */
async function seedAndSetUp(hooks: YearsHooks, context: BrowserContext, fixture: YearsFixture) {
	const { page, cdp } = await hooks.newTabletPage(context);
	// Seeding is not measured: at full speed, so 10× seeds in minutes rather than many.
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	page.setDefaultTimeout(600_000);
	await page.goto(`${hooks.origin}/`, { waitUntil: 'load' });
	await lockState(page);
	await seedYears(page, fixture);
	// The setup seals every seeded record in one transaction before the app shows (storage/vault.ts): at 10× that is over
	// 110,000 records, far more than a step's 30 s on this machine. It is the path of a tablet from before encryption,
	// which never held years of history, so it is timed (logged) but not a row.
	const setupStart = performance.now();
	await hooks.unlockTablet(page, { timeout: 900_000 });
	hooks.log(`years ${fixture.scale}×: setup (sealing the seeded records) took ${((performance.now() - setupStart) / 1000).toFixed(1)}s`);
	// The migration pass after unlock upgrades the records and reseals them under their citizens' keys (which also gives
	// each answer its plain `about`); a tablet used for years holds them like that, so the rows wait until no record is
	// left under the tablet key and every answer is in the `about` index. Polled from here with page.evaluate, which
	// awaits the page's promise: waitForFunction took the pending promise itself as a truthy answer and went on at once,
	// so at 1× the rows were measured while the pass was still resealing thousands of answers beside them.
	const migrated = () =>
		page.evaluate(
			() =>
				new Promise<boolean>((resolve, reject) => {
					const request = indexedDB.open('billedtale');
					request.onerror = () => reject(request.error);
					request.onsuccess = () => {
						const db = request.result;
						const tx = db.transaction(['vault', 'citizens', 'meetings', 'answers', 'media', 'boards', 'storyItems'], 'readonly');
						const vault = tx.objectStore('vault').get('vault');
						const answers = tx.objectStore('answers').count();
						const about = tx.objectStore('answers').index('[citizenId+about]').count();
						vault.onsuccess = () => {
							const keyId = (vault.result as { keyId: string } | undefined)?.keyId;
							if (!keyId) return resolve(false);
							const counts = ['citizens', 'meetings', 'answers', 'media', 'boards', 'storyItems'].map((s) =>
								tx.objectStore(s).index('payload.keyId').count(keyId)
							);
							tx.oncomplete = () => (db.close(), resolve(counts.every((c) => c.result === 0) && about.result === answers.result));
						};
					};
				})
		);
	// The tablet locks itself after 5 idle minutes and the lock stops the pass until the next unlock ("stored records could
	// not be upgraded now: LockedError"): on disk the pass at 10× takes longer than that, and the wait then never ended. So
	// it presses a key that does nothing now and then, as someone sitting with the tablet touches it.
	const deadline = performance.now() + 900_000;
	let touched = performance.now();
	while (!(await migrated())) {
		if (performance.now() > deadline) throw new Error('the migration pass did not finish within 15 minutes');
		if (performance.now() - touched > 60_000) {
			await page.keyboard.press('Shift');
			touched = performance.now();
		}
		await sleep(1000);
	}
	// Let the journal take the last writes.
	await sleep(3000);
	await page.close();
}

async function diskUsage(hooks: YearsHooks, context: BrowserContext) {
	const { page } = await hooks.newTabletPage(context);
	try {
		await page.goto(`${hooks.origin}/`, { waitUntil: 'load' });
		await lockState(page);
		const estimate = await page.evaluate(() => navigator.storage.estimate());
		const details = (estimate as { usageDetails?: Record<string, number> }).usageDetails ?? {};
		hooks.note(
			'years.disk',
			`navigator.storage.estimate().usage after set-up and migration (MB = 2^20 bytes); ${Object.entries(details)
				.map(([k, v]) => `${k} ${(v / MB).toFixed(1)} MB`)
				.join(', ')}`
		);
		return (estimate.usage ?? NaN) / MB;
	} finally {
		await page.close();
	}
}

/** Arms a timer from the passphrase's submit to the first frame listing every citizen on the first screen. */
function armStartupTimer(page: Page, citizens: number) {
	return page.evaluate(
		({ selector, citizens }) => {
			const state = { t0: undefined as number | undefined, t1: undefined as number | undefined };
			(window as unknown as { __yearsStart: typeof state }).__yearsStart = state;
			addEventListener(
				'submit',
				(event) => {
					state.t0 = event.timeStamp;
					const tick = () => {
						if (document.querySelectorAll(selector).length >= citizens) state.t1 = performance.now();
						else requestAnimationFrame(tick);
					};
					requestAnimationFrame(tick);
				},
				{ capture: true, passive: true, once: true }
			);
		},
		{ selector: CITIZEN_LINK, citizens }
	);
}

async function startupTime(page: Page) {
	await page.waitForFunction(() => (window as unknown as { __yearsStart: { t1?: number } }).__yearsStart.t1 !== undefined, null, {
		polling: 50,
		timeout: VIEW_WAIT_MS
	});
	const { t0, t1 } = await page.evaluate(() => (window as unknown as { __yearsStart: { t0: number; t1: number } }).__yearsStart);
	return t1 - t0;
}

/**
 * Start-up: `/` loaded (warm HTTP cache), the passphrase submitted from the keyboard → the first frame listing all 40
 * citizens. Without the journal: the page sees no private file system, as on a browser that has none.
 */
async function measureStartup(
	hooks: YearsHooks,
	context: BrowserContext,
	fixture: YearsFixture,
	record: Record_,
	{ journal }: { journal: boolean }
) {
	const id = journal ? 'years.startup' : 'years.startup.nojournal';
	const { page } = await hooks.newTabletPage(context);
	try {
		if (!journal)
			// No workers: the journal runs in one. (Hiding the private file system would hide the citizens' keys as well.)
			await page.addInitScript(() => {
				Object.defineProperty(window, 'Worker', { value: undefined });
			});
		let rewrites = 0;
		for (let i = 0; i < REPEATS; i++) {
			await page.goto(`${hooks.origin}/`, { waitUntil: 'load' });
			await lockState(page);
			await sleep(500);
			await armStartupTimer(page, fixture.ids.citizens);
			await hooks.unlockTablet(page);
			record(id, await startupTime(page));
			rewrites += await page.evaluate(() => performance.getEntriesByName('billedtale:journal-snapshot').length);
		}
		hooks.note(
			id,
			`${REPEATS} loads of / (warm HTTP cache): submit of the passphrase → first frame listing all ${fixture.ids.citizens} citizens; includes PBKDF2-SHA256 600,000${journal ? '' : '; no Worker in the page, so the app runs on IndexedDB alone (database-only, as in settings)'}; journal rewritten during ${rewrites} of these starts`
		);
	} finally {
		await page.close();
	}
}

/** Start-up, then on the same tab: citizen page (meeting list, then "Over tid") and the newest meeting, by touch. */
async function measureViews(hooks: YearsHooks, context: BrowserContext, fixture: YearsFixture, record: Record_) {
	await measureStartup(hooks, context, fixture, record, { journal: true });
	const { page } = await hooks.newTabletPage(context);
	page.setDefaultTimeout(VIEW_WAIT_MS);
	try {
		await page.goto(`${hooks.origin}/`, { waitUntil: 'load' });
		await hooks.unlockTablet(page);
		const n = fixture.ids.meetings;
		// The citizen page shows the newest meetings a page at a time, in its list and in "Over tid" (issue 17): the rows time
		// that first page, what a user sees first, which no longer grows with the years.
		const listed = Math.min(n, MEETINGS_PAGE);
		const overTime = Math.min(n, OVER_TIME_PAGE);
		const citizenLink = page.locator(`main a[href="/borger?id=${fixture.ids.citizen}"]`);
		const home = page.locator('header a[href="/"]').first();
		const targets: [string, string][] = [
			['years.citizen', `section[aria-labelledby="meetings-heading"] li.meeting:nth-child(${listed})`],
			['years.overtime', `section[aria-labelledby="over-time-heading"] tbody tr:nth-child(${overTime})`]
		];
		// A profile, not a guess: BENCH_YEARS_TRACE=PREFIX writes a Chrome trace of the citizen page's opens (meeting list
		// and "Over tid") and of the meeting opens at each scale.
		const trace = process.env.BENCH_YEARS_TRACE;
		if (trace) await hooks.startTrace(page, `${trace}-citizen-${fixture.scale}x.json`, TRACE_CATEGORIES);
		for (let i = 0; i < REPEATS; i++) {
			for (const [id, selector] of targets) {
				await citizenLink.waitFor();
				await sleep(500);
				await hooks.armFrameTimer(page, selector);
				await touchTap(citizenLink);
				record(id, await hooks.frameTimerResult(page, VIEW_WAIT_MS));
				// Everything the page reads has arrived before going back, so the next tap starts from a quiet page.
				await page.locator(targets[1]![1]).waitFor();
				await touchTap(home);
			}
		}
		if (trace) await hooks.stopTrace(page);
		hooks.note(
			'years.citizen',
			`touch on the citizen on / (client-side navigation) → first frame with the first page of meetings listed (the newest ${listed} of ${n})`
		);
		hooks.note(
			'years.overtime',
			`touch on the citizen on / → first frame whose "Over tid" table has a row for each of the newest ${overTime} of ${n} meetings (of ${fixture.counts.citizenAnswers} answers of the citizen)`
		);
		// The meeting: from the citizen page, with the adviser's panel open, as open1000 opens it.
		await citizenLink.waitFor();
		await page.evaluate(() => sessionStorage.setItem('billedtale.staffPanel', 'open'));
		await touchTap(citizenLink);
		const meetingLink = page.locator(`main a[href="/moede?id=${fixture.ids.meeting}"]`);
		if (trace) await hooks.startTrace(page, `${trace}-meeting-${fixture.scale}x.json`, TRACE_CATEGORIES);
		for (let i = 0; i < REPEATS; i++) {
			await meetingLink.waitFor();
			await page.locator(targets[1]![1]).waitFor();
			await sleep(500);
			await hooks.armFrameTimer(page, 'p.more', `af ${fixture.ids.meetingAnswers} svar`, 'pointerup');
			await touchTap(meetingLink);
			record('years.meeting', await hooks.frameTimerResult(page, VIEW_WAIT_MS));
			await page.goBack();
		}
		if (trace) await hooks.stopTrace(page);
		hooks.note(
			'years.meeting',
			`lift of a tap (pointerup) on the newest meeting on the citizen page → first frame with its 30 newest answers and "Viser de 30 nyeste af ${fixture.ids.meetingAnswers} svar."`
		);
	} finally {
		await page.close();
	}
}

/**
 * The page's JS heap sampled through the DevTools protocol every 50 ms from a forced GC until stop(), and beside it the
 * memory of its array buffers: they live outside the JS heap (JSHeapUsedSize leaves them out), and they are where sealed
 * records' ciphertexts and the bytes of photos and recordings are held while a file is read or written. The sampler
 * stops whatever happens: left running after a failed backup, its next call on the closed page threw outside any step
 * and ended the whole bench (10×, a backup over 600 s), losing every figure measured before.
 */
async function heapSampler(cdp: CDPSession) {
	await cdp.send('Performance.enable');
	await cdp.send('HeapProfiler.collectGarbage');
	const used = async () => {
		const [{ metrics }, { backingStorageSize }] = await Promise.all([cdp.send('Performance.getMetrics'), cdp.send('Runtime.getHeapUsage')]);
		const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
		return { heap, memory: heap + backingStorageSize };
	};
	const first = await used();
	const state = { before: first.heap, peak: first.heap, peakMemory: first.memory, sampling: true };
	const sampler = (async () => {
		while (state.sampling) {
			const { heap, memory } = await used();
			state.peak = Math.max(state.peak, heap);
			state.peakMemory = Math.max(state.peakMemory, memory);
			await sleep(50);
		}
	})();
	return {
		get before() {
			return state.before;
		},
		get peak() {
			return state.peak;
		},
		get peakMemory() {
			return state.peakMemory;
		},
		async stop() {
			state.sampling = false;
			await sampler;
		}
	};
}

/** Settings → "Gem sikkerhedskopi" → the download; the JS heap sampled meanwhile. */
async function measureBackup(hooks: YearsHooks, context: BrowserContext, dir: string, record: Record_, scale: number) {
	const { page, cdp } = await hooks.newTabletPage(context);
	try {
		await page.goto(`${hooks.origin}/indstillinger`, { waitUntil: 'load' });
		await hooks.unlockTablet(page);
		const panel = page.getByRole('region', { name: 'Sikkerhedskopi og flytning' });
		await panel.getByLabel('Kodeord til kopien').fill(BACKUP_PASSPHRASE);
		await panel.getByLabel('Gentag kodeordet').fill(BACKUP_PASSPHRASE);
		const heap = await heapSampler(cdp);
		const download = page.waitForEvent('download', { timeout: 600_000 });
		const t0 = performance.now();
		const file = await profiled(cdp, 'backup', scale, async () => {
			await panel.getByRole('button', { name: 'Gem sikkerhedskopi' }).click();
			return download;
		}).finally(() => heap.stop());
		const ms = performance.now() - t0;
		const path = join(dir, 'years.billedtale');
		await file.saveAs(path);
		record('years.backup', ms);
		record('years.backup.heap', heap.peak / MB);
		record('years.backup.memory', heap.peakMemory / MB);
		record('years.backup.size', statSync(path).size / MB);
		hooks.note('years.backup', 'click on "Gem sikkerhedskopi" (passphrase typed) → download event; includes PBKDF2 for the backup key');
		hooks.note(
			'years.backup.heap',
			`JSHeapUsedSize sampled every 50 ms (Performance.getMetrics, no forced GC) during the backup; ${(heap.before / MB).toFixed(1)} MB before it`
		);
		hooks.note(
			'years.backup.memory',
			'JSHeapUsedSize + the backing stores of array buffers (Runtime.getHeapUsage backingStorageSize), sampled together every 50 ms during the backup'
		);
		return path;
	} finally {
		await page.close();
	}
}

/**
 * The journal written afresh from the database: a commit is numbered in IndexedDB around the app (from a page of the
 * origin that does not run it), so the next start finds the journal one transaction behind, as after a write that did
 * not reach it, and rewrites it. The app's own user-timing measure (storage/journal-sync.ts) times the rewrite.
 */
async function measureJournalSnapshot(hooks: YearsHooks, context: BrowserContext, record: Record_, scale: number) {
	const { page, cdp } = await hooks.newTabletPage(context);
	try {
		await page.goto(`${hooks.origin}/manifest.webmanifest`);
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const request = indexedDB.open('billedtale');
					request.onerror = () => reject(request.error);
					request.onsuccess = () => {
						const db = request.result;
						const tx = db.transaction('commits', 'readwrite');
						tx.objectStore('commits').add({});
						tx.oncomplete = () => (db.close(), resolve());
						tx.onerror = () => reject(tx.error);
					};
				})
		);
		// The app says in the console when it gives the journal up (it then runs on IndexedDB alone and never rewrites it):
		// the row fails at once with the app's reason, instead of waiting for a rewrite that will not come.
		const givenUp = new Promise<never>((_, reject) =>
			page.on('console', (message) => {
				if (message.type() === 'warning' && /journal/i.test(message.text())) reject(new Error(`the app: ${message.text()}`));
			})
		);
		// A warning after the rewrite (a later slow append) is not this row's failure.
		givenUp.catch(() => undefined);
		const t0 = performance.now();
		await page.goto(`${hooks.origin}/`, { waitUntil: 'load' });
		// A tablet with a key checks its journal when the passphrase is submitted, not while the lock screen shows.
		await hooks.unlockTablet(page);
		await profiled(cdp, 'snapshot', scale, () =>
			Promise.race([
				givenUp,
				page.waitForFunction(() => performance.getEntriesByName('billedtale:journal-snapshot').length > 0, null, {
					polling: 200,
					timeout: 600_000
				})
			])
		).catch((error: unknown) => {
			throw new Error(
				`${((performance.now() - t0) / 1000).toFixed(1)} s after loading /: ${error instanceof Error ? error.message : error}`
			);
		});
		record('years.journal.snapshot', await page.evaluate(() => performance.getEntriesByName('billedtale:journal-snapshot')[0]!.duration));
		hooks.note(
			'years.journal.snapshot',
			'one commit numbered in IndexedDB around the app, then / loaded and unlocked: the journal check at the passphrase submit finds the journal behind and rewrites it from the database in the background from then on (steps of 50 records, the page gets its turn before each; from its first step to the new head)'
		);
	} finally {
		await page.close();
	}
}

/** An empty tablet (fresh context, set up with its own key) → settings → the backup file and its passphrase → "hentet". */
async function measureRestore(hooks: YearsHooks, backupFile: string, fixture: YearsFixture, record: Record_) {
	const context = await hooks.openTablet();
	try {
		const { page, cdp } = await hooks.newTabletPage(context);
		page.setDefaultTimeout(600_000);
		await page.goto(`${hooks.origin}/`, { waitUntil: 'load' });
		await hooks.unlockTablet(page);
		await page.locator('header a[href="/indstillinger"]').first().click();
		const panel = page.getByRole('region', { name: 'Sikkerhedskopi og flytning' });
		await panel.getByLabel('Fil med sikkerhedskopi (.billedtale)').setInputFiles(backupFile);
		await panel.getByLabel('Kopiens kodeord').fill(BACKUP_PASSPHRASE);
		const done = page
			.locator('.notices')
			.getByRole('status')
			.filter({ hasText: `${fixture.ids.citizens} borgere er hentet` });
		const heap = await heapSampler(cdp);
		const t0 = performance.now();
		await profiled(cdp, 'restore', fixture.scale, async () => {
			await panel.getByRole('button', { name: 'Hent sikkerhedskopi' }).click();
			await done.waitFor({ timeout: 900_000 });
		}).finally(() => heap.stop());
		record('years.restore', performance.now() - t0);
		record('years.restore.heap', heap.peak / MB);
		record('years.restore.memory', heap.peakMemory / MB);
		hooks.note(
			'years.restore.heap',
			`JSHeapUsedSize sampled every 50 ms (Performance.getMetrics, no forced GC) during the restore; ${(heap.before / MB).toFixed(1)} MB before it`
		);
		hooks.note(
			'years.restore.memory',
			'JSHeapUsedSize + the backing stores of array buffers (Runtime.getHeapUsage backingStorageSize), sampled together every 50 ms during the restore'
		);
		hooks.note('years.restore', `click on "Hent sikkerhedskopi" on a freshly set-up tablet → "${fixture.ids.citizens} borgere er hentet"`);
	} finally {
		await context.close();
	}
}
