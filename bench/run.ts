#!/usr/bin/env node
// Billedtale performance benchmark. Serves a static build, drives Chromium as a tablet (1180×820, touch, CPU 4×
// slower) and prints a table plus bench/results.json. Usage: see `--help`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { useStepTimeout } from '../tests/e2e/tablet.ts';
import {
	dropServiceWorker,
	errorText,
	LAUNCH,
	log,
	newTabletPage,
	openTablet,
	removeTabletProfiles,
	type Run,
	sleep,
	startTrace,
	STEP_TIMEOUT_MS,
	stopTrace,
	T0,
	TABLET,
	unlock
} from './browser.ts';
import { argv, CONFIG, QUICK, wanted } from './cli.ts';
import { BIG_BOARDS, buildFixture, type Fixture, SEED } from './fixture.ts';
import { armFrameTimer, frameTimerResult } from './frames.ts';
import { type MetricDef, NOT_BUILT } from './metrics.ts';
import { formatValue, printTable, summarise } from './report.ts';
import { errors, metric, metrics } from './rows.ts';
import { runYears, yearsMetricDefs } from './scenarios/years.ts';
import { boardTaps, measureRealSave, measureSaves } from './scenarios/answers.ts';
import { measureBoardSwitch } from './scenarios/boards.ts';
import { measureReleaseFloor } from './scenarios/release-floor.ts';
import { bootstrap, firstLoadBoard, firstLoadHome, firstLoadMeeting } from './scenarios/first-load.ts';
import { openBigMeeting } from './scenarios/open-meeting.ts';
import { measurePlanPdf } from './scenarios/plan.ts';
import { soak } from './scenarios/soak.ts';
import { measureOfflineTtsFirstBuffer, measureOfflineTtsFirstWord, measureSpeakCall } from './scenarios/speech.ts';
import { measureStoryDrag, measureStoryStroke } from './scenarios/story.ts';
import { measureThemeMove, measureThemeOpen } from './scenarios/themes.ts';
import { startStaticServer, type StaticServer } from './server.ts';

// ---------------------------------------------------------------------------------------------------------------
// Metrics: every row of the report is declared here, in report order. Budgets are the brief's; never relax them.
// ---------------------------------------------------------------------------------------------------------------

const METRIC_DEFS: MetricDef<Run>[] = [
	// 1. First load (cold HTTP cache, no service worker), /moede?id=<meeting in progress>
	{ id: 'moede.js.gzip', name: 'First load /moede: JS gzip', unit: 'kB', budget: 120 },
	// Info: the part of the row above that the passphrase screen fetched; the rest is the unlock's and the first screen's.
	{ id: 'moede.js.locked', name: 'First load /moede: JS gzip fetched before the passphrase is typed', unit: 'kB' },
	{ id: 'moede.js.raw', name: 'First load /moede: JS transferred', unit: 'kB' },
	{ id: 'moede.bytes', name: 'First load /moede: all transferred', unit: 'kB' },
	{ id: 'moede.fcp', name: 'First load /moede: FCP', unit: 'ms' },
	{ id: 'moede.lcp', name: 'First load /moede: LCP', unit: 'ms', budget: 600 },
	{ id: 'moede.tbt', name: 'First load /moede: blocking time', unit: 'ms', budget: 100 },
	{ id: 'moede.clickable', name: 'First load /moede: board clickable after the passphrase', unit: 'ms', budget: 800 },
	// 1. First load of /
	{ id: 'home.js.gzip', name: 'First load /: JS gzip', unit: 'kB', budget: 120 },
	// Info: the part of the row above that the passphrase screen fetched; the rest is the unlock's and the first screen's.
	{ id: 'home.js.locked', name: 'First load /: JS gzip fetched before the passphrase is typed', unit: 'kB' },
	{ id: 'home.js.raw', name: 'First load /: JS transferred', unit: 'kB' },
	{ id: 'home.bytes', name: 'First load /: all transferred', unit: 'kB' },
	{ id: 'home.fcp', name: 'First load /: FCP', unit: 'ms' },
	{ id: 'home.lcp', name: 'First load /: LCP', unit: 'ms', budget: 600 },
	{ id: 'home.tbt', name: 'First load /: blocking time', unit: 'ms', budget: 100 },
	// Issue 17: every load starts on the passphrase screen; "interactive" is data-ready (the lock has started), after navigation.
	{ id: 'home.ready', name: 'First load /: passphrase screen interactive after navigation (data-ready)', unit: 'ms', budget: 800 },
	// 1. First load of a board (a reload, a bookmark): the passphrase screen's budgets, as on / and /moede.
	{ id: 'tavle.js.locked', name: 'First load /tavle: JS gzip fetched before the passphrase is typed', unit: 'kB' },
	{ id: 'tavle.lcp', name: 'First load /tavle: LCP', unit: 'ms', budget: 600 },
	{ id: 'tavle.tbt', name: 'First load /tavle: blocking time', unit: 'ms', budget: 100 },
	{ id: 'tavle.ready', name: 'First load /tavle: passphrase screen interactive after navigation (data-ready)', unit: 'ms', budget: 800 },
	// Issue 17: the first start of a tablet (no data key yet) shows the setup screen, loaded on demand.
	{ id: 'setup.lcp', name: 'First start: setup screen LCP', unit: 'ms', budget: 600 },
	// 2. Taps
	{ id: 'tap.paint', name: 'Board tap → next paint', unit: 'ms', budget: 50, pooled: true },
	{ id: 'tap.saved', name: 'Board tap → "Gemt" shown', unit: 'ms', pooled: true },
	// 3. Storage
	{ id: 'save.raw.p50', name: 'Save one answer p50 (raw IndexedDB)', unit: 'ms' },
	{ id: 'save.raw.p95', name: 'Save one answer p95 (raw IndexedDB)', unit: 'ms' },
	{ id: 'open1000', name: 'Open meeting with 1,000 answers → list shown', unit: 'ms', budget: 100 },
	// Issue 17: what the figure above is bounded by, counted rather than timed (a busy machine cannot move it).
	{ id: 'open1000.decrypts', name: 'Open meeting with 1,000 answers: AES-GCM decryptions until the list is shown', unit: 'records' },
	{ id: 'open1000.contact', name: 'Open meeting with 1,000 answers: the tap before it, pointerdown → pointerup (harness)', unit: 'ms' },
	// 4. Memory
	{ id: 'heap.start', name: 'Soak: JS heap at start', unit: 'MB' },
	{ id: 'heap.q1', name: 'Soak: JS heap after first 25%', unit: 'MB' },
	{ id: 'heap.end', name: 'Soak: JS heap at end', unit: 'MB' },
	{ id: 'heap.growth', name: 'Soak: heap growth after first 25%', unit: '%', budget: 20 },
	{ id: 'heap.reload', name: 'Soak: JS heap after a reload, same data', unit: 'MB' }
];

// 5. Features that do not exist yet. Each row becomes real by giving it a `measure(run)` function that returns a
// number (or an array of numbers) per run, and a budget; until then it reports status 'n/a', "not yet built".
const FUTURE_METRICS: MetricDef<Run>[] = [
	{ id: 'speak.call', name: 'Tap → speechSynthesis.speak() call', unit: 'ms', budget: 16, pooled: true, measure: measureSpeakCall },
	{
		id: 'tts.firstBuffer',
		name: 'Tap → offline voice starts playing',
		unit: 'ms',
		budget: null,
		pooled: true,
		measure: measureOfflineTtsFirstBuffer
	},
	{
		id: 'tts.firstWord',
		name: 'Tap → offline voice plays, first word 5 s after the board shows',
		unit: 'ms',
		budget: null,
		measure: measureOfflineTtsFirstWord
	},
	{
		id: 'board.switch',
		name: 'Board switch (8×8)',
		unit: 'ms',
		budget: 16,
		pooled: true,
		measure: (run) => measureBoardSwitch(run, BIG_BOARDS[0]!)
	},
	// Issue 17: boards as other AAC apps ship them; a board taller than the screen shows its first page of rows.
	{
		id: 'board.switch.12',
		name: 'Board switch (12×12)',
		unit: 'ms',
		budget: 16,
		pooled: true,
		measure: (run) => measureBoardSwitch(run, BIG_BOARDS[1]!)
	},
	// What the two rows above cannot go below on this machine: the same release timed on a page that does nothing else.
	{
		id: 'board.switch.floor',
		name: 'Board switch: harness floor (release → next frame, empty page)',
		unit: 'ms',
		budget: null,
		pooled: true,
		measure: measureReleaseFloor
	},
	// Issue 17: the app's own save as the user sees it (sealing, validation, IndexedDB, journal) and the database write alone.
	{
		id: 'save.real.p50',
		name: 'Save one answer (real path): tap → "Gemt" p50',
		unit: 'ms',
		budget: null,
		measure: measureRealSave,
		fills: ['save.real.p95', 'save.db.p95']
	},
	{ id: 'save.real.p95', name: 'Save one answer (real path): tap → "Gemt" p95', unit: 'ms', budget: 100 },
	{ id: 'save.db.p95', name: 'Save one answer (real path): database write p95', unit: 'ms', budget: 10 },
	// Issue 11: theme cards.
	{
		id: 'theme.open',
		name: 'Theme cards: open a theme → first card shown',
		unit: 'ms',
		budget: null,
		pooled: true,
		measure: measureThemeOpen
	},
	{
		id: 'theme.move',
		name: 'Theme cards: move a card → shown in its new column',
		unit: 'ms',
		budget: null,
		pooled: true,
		measure: measureThemeMove
	},
	// Issue 12.
	{
		id: 'plan.pdf',
		name: 'Case-file plan PDF (200 answers)',
		unit: 'ms',
		budget: 2000,
		measure: measurePlanPdf,
		fills: ['plan.pdf.blocking']
	},
	// Issue 17: the tablet must keep answering while the file is made (the TBT budget of the first loads).
	{ id: 'plan.pdf.blocking', name: 'Case-file plan PDF: blocking time on the page while it is made', unit: 'ms', budget: 100 },
	// Issue 13.
	{
		id: 'story.drag.p95',
		name: 'Story drag, 100 items: frame gap p95',
		unit: 'ms',
		budget: null,
		measure: measureStoryDrag,
		fills: ['story.drag.max']
	},
	{ id: 'story.drag.max', name: 'Story drag, 100 items: longest frame gap', unit: 'ms', budget: null },
	{
		id: 'story.stroke.p95',
		name: 'Story stroke, 100 items: frame gap p95',
		unit: 'ms',
		budget: null,
		measure: measureStoryStroke,
		fills: ['story.stroke.max']
	},
	{ id: 'story.stroke.max', name: 'Story stroke, 100 items: longest frame gap', unit: 'ms', budget: null }
];

/** Share of all CPU time that was busy over `ms` (Linux /proc/stat), to flag runs measured on a busy machine. */
async function machineBusy(ms = 300) {
	const read = () => {
		try {
			const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
			return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0) };
		} catch {
			return undefined;
		}
	};
	const a = read();
	await sleep(ms);
	const b = read();
	if (!a || !b || b.total === a.total) return undefined;
	return 1 - (b.idle - a.idle) / (b.total - a.total);
}
const busyBeforeRuns: number[] = [];

/**
 * Each measure returns a number or an array of numbers for its own row, or an object of them by row id when it fills
 * more rows (`fills`). One failing measure marks its own rows and the others still run.
 */
async function futureMetrics(run: Run) {
	for (const def of FUTURE_METRICS) {
		if (!def.measure || ![def.id, ...(def.fills ?? [])].some(wanted)) continue;
		const t = performance.now();
		try {
			const value = await def.measure(run);
			if (value === NOT_BUILT) continue;
			const byRow = typeof value === 'number' || Array.isArray(value) ? { [def.id]: value } : value;
			for (const [id, values] of Object.entries(byRow)) for (const v of [values].flat()) run.sample(id, v);
		} catch (error) {
			const message = `run ${run.index}${run.warmup ? ' (warm-up)' : ''}, ${def.id}: ${errorText(error)}`;
			log('ERROR', message);
			errors.push(message);
			for (const id of [def.id, ...(def.fills ?? [])]) metric(id).errors.push(message);
		}
		log(`run ${run.index}${run.warmup ? ' (warm-up)' : ''}: ${def.id} ${((performance.now() - t) / 1000).toFixed(1)}s`);
	}
}

/** One complete measured run on a fresh tablet. */
async function runOnce(server: StaticServer, fixture: Fixture, index: number, warmup: boolean) {
	const busy = await machineBusy();
	if (busy !== undefined) {
		if (!warmup) busyBeforeRuns.push(Math.round(busy * 100));
		if (busy > 0.25)
			log(`warning: CPU ${Math.round(busy * 100)}% busy before run ${index} (another process is working); timings will be noisy`);
	}
	const context = await openTablet();
	const run: Run = {
		index,
		warmup,
		context,
		server,
		origin: server.origin,
		fixture,
		sample(id, value) {
			const row = metric(id);
			if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${id}: not a number (${value})`);
			if (warmup) return;
			row.samples.push(value);
			row.runsSeen.add(index);
		},
		note(id, text) {
			const row = metric(id);
			if (!warmup && !row.notes.includes(text)) row.notes.push(text);
		}
	};
	const steps: [string, (run: Run) => Promise<unknown>, string[]][] = [
		['bootstrap', bootstrap, []],
		[
			'first load /moede',
			firstLoadMeeting,
			['moede.js.gzip', 'moede.js.locked', 'moede.js.raw', 'moede.bytes', 'moede.fcp', 'moede.lcp', 'moede.tbt', 'moede.clickable']
		],
		['board taps', boardTaps, ['tap.paint', 'tap.saved']],
		[
			'first load / + saves',
			async (r) => {
				const tab = await firstLoadHome(r);
				try {
					if (!r.warmup) await measureSaves(r, tab.page);
				} finally {
					// The next cold load (/tavle) must not be served by the worker this load registered.
					await dropServiceWorker(tab.page).catch(() => {});
					await tab.page.close();
				}
			},
			[
				'home.js.gzip',
				'home.js.locked',
				'home.js.raw',
				'home.bytes',
				'home.fcp',
				'home.lcp',
				'home.tbt',
				'home.ready',
				'save.raw.p50',
				'save.raw.p95'
			]
		],
		['first load /tavle', firstLoadBoard, ['tavle.js.locked', 'tavle.lcp', 'tavle.tbt', 'tavle.ready']],
		['open 1,000 answers', openBigMeeting, ['open1000', 'open1000.decrypts', 'open1000.contact']],
		['future metrics', futureMetrics, []]
	];
	try {
		for (const [label, step, ids] of steps) {
			// The board taps are made in the tab of the /moede first load, so that load runs for them too; and the taps run
			// whenever that tab is open, since they close it and drop its service worker (the next cold load must be cold).
			const needed = label === 'first load /moede' ? [...ids, 'tap.'] : ids;
			const always = label === 'bootstrap' || label === 'future metrics' || (label === 'board taps' && run.tab);
			if (!always && !needed.some(wanted)) continue;
			const t = performance.now();
			try {
				await step(run);
			} catch (error) {
				const message = `run ${index}${warmup ? ' (warm-up)' : ''}, ${label}: ${errorText(error)}`;
				log('ERROR', message);
				errors.push(message);
				for (const id of ids) metric(id).errors.push(message);
				if (label === 'bootstrap') break;
			}
			log(`run ${index}${warmup ? ' (warm-up)' : ''}: ${label} ${((performance.now() - t) / 1000).toFixed(1)}s`);
		}
	} finally {
		await context.close();
	}
}

/** Issue 17: the years-of-use tablet (bench/scenarios/years.ts), measured once per scale with this file's tablet steps. */
function years(server: StaticServer) {
	return runYears(
		{
			origin: server.origin,
			openTablet,
			startTrace,
			stopTrace,
			newTabletPage: (context) => newTabletPage(context),
			unlockTablet: unlock,
			armFrameTimer,
			frameTimerResult,
			sample(id, value) {
				metric(id).samples.push(value);
				metric(id).runsSeen.add(0);
			},
			note(id, text) {
				if (!metric(id).notes.includes(text)) metric(id).notes.push(text);
			},
			fail(ids, error) {
				const message = `years: ${errorText(error)}`;
				log('ERROR', message);
				errors.push(message);
				for (const id of ids) metric(id).errors.push(message);
			},
			log
		},
		CONFIG.yearsScales,
		wanted
	);
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

// The report's rows, in report order.
for (const def of [...METRIC_DEFS, ...FUTURE_METRICS, ...yearsMetricDefs(CONFIG.yearsScales)])
	metrics.set(def.id, { ...def, samples: [], runsSeen: new Set(), notes: [], errors: [] });

async function main() {
	if (!existsSync(join(CONFIG.buildDir, 'index.html'))) {
		console.error(`No build at ${CONFIG.buildDir} (index.html missing). Build the app first, or pass --build DIR.`);
		process.exit(2);
	}
	useStepTimeout(STEP_TIMEOUT_MS);
	const fixture = buildFixture({ seed: SEED, bigAnswers: CONFIG.bigAnswers });
	const [loadBefore] = loadavg() as [number, number, number];
	if (loadBefore > cpus().length * 0.75)
		log(`warning: the machine is busy (1-min load average ${loadBefore.toFixed(1)} on ${cpus().length} cores); timings will be noisy`);
	const server = await startStaticServer(CONFIG.buildDir);
	// Each run, the soak and each years scale have a tablet of their own (openTablet); this browser only says its version.
	const versionOf = await chromium.launch(LAUNCH);
	const version = versionOf.version();
	await versionOf.close();
	log(
		`build ${CONFIG.buildDir} at ${server.origin}; Chromium ${version}; ${CONFIG.warmups} warm-up + ${CONFIG.runs} runs; soak ${CONFIG.soakMinutes} min`
	);
	let exitCode = 0;
	try {
		// The soak and the years rows have browsers of their own; `--only years` needs no run of the others.
		const ownRuns = [...metrics.keys()].some((id) => !id.startsWith('years.') && !id.startsWith('heap.') && wanted(id));
		for (let i = 0; ownRuns && i < CONFIG.warmups + CONFIG.runs; i++) {
			const warmup = i < CONFIG.warmups;
			await runOnce(server, fixture, warmup ? -1 - i : i - CONFIG.warmups + 1, warmup);
		}
		if (['heap.start', 'heap.q1', 'heap.end', 'heap.growth', 'heap.reload'].some(wanted)) await soak(server, fixture, CONFIG.soakMinutes);
		if ([...metrics.keys()].some((id) => id.startsWith('years.') && wanted(id))) await years(server);
	} finally {
		await server.close();
		removeTabletProfiles();
	}

	const rows = [...metrics.values()].map((row) => summarise(row, wanted(row.id)));
	for (const row of rows) if (metric(row.id).pooled && row.samples) row.pooled = `${row.runs}×${row.samples / row.runs}`;
	const elapsed = (performance.now() - T0) / 1000;
	const [loadAfter] = loadavg() as [number, number, number];
	console.log('');
	console.log(`Billedtale benchmark — ${new Date().toISOString()}`);
	console.log(`build: ${CONFIG.buildDir}`);
	console.log(
		`Chromium ${version}, tablet 1180×820 touch, CPU ${CONFIG.cpuThrottle}× throttled, ${cpus().length} cores; ${CONFIG.runs} runs after ${CONFIG.warmups} warm-up; fixture seed ${SEED}${QUICK ? '; QUICK (smoke) mode' : ''}`
	);
	console.log(
		`1-min load average: ${loadBefore.toFixed(1)} at start, ${loadAfter.toFixed(1)} at end (includes this benchmark's own browser); CPU busy just before each run (other processes): ${busyBeforeRuns.length ? busyBeforeRuns.map((b) => `${b}%`).join(', ') : 'n/a'}`
	);
	console.log('');
	printTable(rows);
	console.log('');
	console.log('Notes:');
	for (const row of rows)
		if (row.note && row.note !== 'not yet built')
			console.log(`  ${row.name}: ${row.note}${row.overBudget ? `; samples over budget: ${row.overBudget}` : ''}`);
	console.log('  Status is judged on the median; "ok (max over)" means the median meets the budget but the slowest sample did not.');
	const missed = rows.filter((r) => r.status === 'MISSED');
	if (missed.length) {
		console.log('');
		console.log(`MISSED budgets (${missed.length}):`);
		for (const r of missed)
			console.log(`  MISSED  ${r.name}: median ${formatValue(r.median, r.unit)} ${r.unit} > budget ${r.budget} ${r.unit}`);
	}
	if (errors.length) {
		console.log('');
		console.log(`Errors (${errors.length}):`);
		for (const e of errors) console.log(`  ${e}`);
		exitCode = 1;
	}
	console.log('');
	console.log(`finished in ${elapsed.toFixed(0)} s; JSON: ${CONFIG.out}`);

	const report = {
		generatedAt: new Date().toISOString(),
		build: CONFIG.buildDir,
		quick: QUICK,
		runs: CONFIG.runs,
		warmups: CONFIG.warmups,
		soakMinutes: CONFIG.soakMinutes,
		seed: SEED,
		environment: {
			chromium: version,
			cpuThrottle: CONFIG.cpuThrottle,
			viewport: TABLET.viewport,
			hasTouch: true,
			cores: cpus().length,
			node: process.version,
			loadAverage: { start: Math.round(loadBefore * 100) / 100, end: Math.round(loadAfter * 100) / 100 },
			cpuBusyBeforeRunsPercent: busyBeforeRuns
		},
		durationSeconds: Math.round(elapsed),
		metrics: rows.map(({ id, name, unit, median, min, max, runs, samples, budget, status, ...rest }) => ({
			name,
			unit,
			median,
			min,
			max,
			runs,
			budget,
			status,
			id,
			samples,
			...rest
		})),
		errors
	};
	writeFileSync(CONFIG.out, `${JSON.stringify(report, null, '\t')}\n`);
	if (argv['fail-on-missed'] && missed.length) exitCode = 1;
	process.exitCode = exitCode;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
