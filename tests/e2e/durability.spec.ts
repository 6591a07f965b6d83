import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { DEEP, FAULT_RUNS, TEST_TIER } from '../tier';
import { expect, openApp, readDatabase, test, type RawRecords } from './fixtures';
import { HomePage, MeetingPage, waitUntilInteractive } from './pages';

/*
 * Fault injection: the browser is killed (SIGKILL, like a crash or a flat battery) or the page is
 * closed in the middle of writes. Every answer the screen acknowledged with "Gemt" must be there
 * afterwards, by id, and no stored answer may be half-written. The number of runs is the tier's
 * (tests/tier.ts): 2 in `npm run test:e2e`, 50 in `npm run test:deep`; `npm test` leaves these tests to the latter.
 */

const RUNS = FAULT_RUNS;
// The two fault tests are the slowest in the suite; on two workers they run side by side.
test.describe.configure({ mode: 'parallel' });
/** The board's buttons and the value each one stores. */
const STORED_AS: Record<string, string> = {
	Ja: 'ja',
	Nej: 'nej',
	'Ved ikke': 'ved-ikke',
	Pause: 'pause',
	Stop: 'stop',
	Hjælp: 'hjaelp',
	'Forstår ikke': 'forstaar-ikke'
};
const ANSWERS = Object.keys(STORED_AS);
const executable = CHROMIUM_PATH ?? chromium.executablePath();

interface RunningBrowser {
	process: ChildProcess;
	browser: Browser;
	page: Page;
}

/** Starts Chromium as our own child process, so the test can kill it the hard way. */
async function startBrowser(profile: string): Promise<RunningBrowser> {
	const child = spawn(
		executable,
		['--headless', ...CHROMIUM_ARGS, '--no-first-run', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
		{ detached: true }
	);
	const endpoint = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stderr!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
			if (match) resolve(match[1]!);
		});
		child.once('exit', () => reject(new Error(`Chromium exited early: ${output}`)));
	});
	const browser = await chromium.connectOverCDP(endpoint);
	const context = browser.contexts()[0]!;
	const page = context.pages()[0] ?? (await context.newPage());
	return { process: child, browser, page };
}

async function kill({ process: child }: RunningBrowser): Promise<void> {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	// The whole process group: the browser and its renderer and storage processes die at once.
	process.kill(-child.pid!, 'SIGKILL');
	await exited;
}

/** Taps answer buttons from inside the page, so the writes have really started when the fault hits. */
async function tapInPage(page: Page, count: number): Promise<void> {
	await page.evaluate((n) => {
		const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[data-answer]')].slice(0, n);
		for (const button of buttons) button.click();
	}, count);
}

type StoredAnswer = RawRecords['answers'][number];

function isWhole(answer: StoredAnswer): boolean {
	const { content, provenance, status, history } = answer.payload;
	return (
		content?.kind === 'core' &&
		JSON.stringify(provenance) === JSON.stringify({ mode: 'selv' }) &&
		status === 'active' &&
		Array.isArray(history) &&
		history.length === 0
	);
}

/**
 * The answers that must survive every later fault, by id: each one whose "Gemt" was shown, and each one
 * found stored after a restart (a write caught by the fault that still made it). Lost and half-written
 * answers are named by id and by how the test came to know them.
 */
class Ledger {
	private readonly known = new Map<string, string>();
	private stored = new Set<string>();
	readonly lost: string[] = [];
	/** Id → when it was first found half-written. */
	readonly halfWritten = new Map<string, string>();
	acknowledged = 0;

	/** Compares what is stored now with every answer known so far. */
	check(answers: StoredAnswer[], when: string): void {
		const ids = new Set(answers.map((a) => a.id));
		for (const [id, how] of this.known) {
			if (ids.has(id)) continue;
			this.lost.push(`${id} (${how}; missing ${when})`);
			this.known.delete(id);
		}
		for (const answer of answers) {
			if (!isWhole(answer) && !this.halfWritten.has(answer.id)) this.halfWritten.set(answer.id, when);
			if (!this.known.has(answer.id)) this.known.set(answer.id, `stored although caught by the fault, found ${when}`);
		}
		this.stored = ids;
	}

	/** Taps an answer, waits for "Gemt" and notes the id of the one answer the tap stored. */
	async tap(meeting: MeetingPage, answer: string, when: string): Promise<void> {
		await meeting.tap(answer);
		const now = (await readDatabase(meeting.page)).answers;
		const added = now.filter((a) => !this.stored.has(a.id));
		expect(added.map((a) => a.payload.content.value)).toEqual([STORED_AS[answer]]);
		this.known.set(added[0]!.id, `"Gemt: ${answer}" shown ${when}`);
		this.stored = new Set(now.map((a) => a.id));
		this.acknowledged += 1;
	}

	report(fault: string, extra = ''): void {
		const halfWritten = [...this.halfWritten].map(([id, when]) => `${id} (found ${when})`);
		console.log(
			`fault injection (${fault}, ${TEST_TIER}): ${RUNS} runs, ${this.acknowledged} answers shown as "Gemt", ${this.known.size} stored and tracked by id, ` +
				`${this.lost.length} lost [${this.lost.join(', ')}], ${halfWritten.length} half-written [${halfWritten.join(', ')}]${extra}`
		);
		expect(this.lost, 'acknowledged answers lost').toEqual([]);
		expect(halfWritten, 'half-written answers').toEqual([]);
	}
}

// Under load, a SIGKILL can leave Chromium's LevelDB torn; at the next start Chromium logs "Corruption:
// checksum mismatch" and "IndexedDB recovering from a corrupted (and deleted) database" and deletes
// the origin's whole IndexedDB. The app's journal (src/lib/journal) brings it back, so this test also
// proves that path under real crashes.
test('killing the browser in the middle of writes loses no acknowledged answer', DEEP, async ({ baseURL }) => {
	test.setTimeout(RUNS * 8_000 + 60_000);
	const profile = mkdtempSync(join(tmpdir(), 'billedtale-fault-'));
	const ledger = new Ledger();
	let meetingUrl = '';
	let restoredFromJournal = 0;
	let running: RunningBrowser | undefined;
	try {
		for (let run = 0; run < RUNS; run++) {
			running = await startBrowser(profile);
			const { page } = running;
			if (run === 0) {
				const home = new HomePage(page);
				await page.goto(baseURL!);
				await waitUntilInteractive(page);
				const citizen = await home.addCitizen('Nora');
				await citizen.startMeeting({ phase: 'Opfølgning' });
				meetingUrl = page.url();
			} else {
				await openApp(page, meetingUrl);
			}
			const meeting = new MeetingPage(page);
			await expect(meeting.board).toBeVisible();
			restoredFromJournal += await page.getByRole('status').filter({ hasText: 'hentet alt gemt tilbage' }).count();
			ledger.check((await readDatabase(page)).answers, `after kill ${run}`);

			// A few acknowledged answers, then taps that are still being written when the browser dies.
			for (let i = 0; i < 2; i++) await ledger.tap(meeting, ANSWERS[(run + i) % ANSWERS.length]!, `before kill ${run + 1}`);
			await tapInPage(page, 3);
			await new Promise((resolve) => setTimeout(resolve, (run % 8) * 2));
			await kill(running);
			running = undefined;
		}
		const last = (running = await startBrowser(profile));
		await openApp(last.page, meetingUrl);
		await expect(new MeetingPage(last.page).board).toBeVisible();
		ledger.check((await readDatabase(last.page)).answers, `after kill ${RUNS}`);
		await kill(last);
		running = undefined;
		ledger.report('browser killed', `; the database was lost and restored from the journal ${restoredFromJournal} times`);
	} finally {
		if (running) await kill(running);
		rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
	}
});

test('closing the page in the middle of writes loses no acknowledged answer', DEEP, async ({ browser }) => {
	test.setTimeout(RUNS * 5_000 + 60_000);
	const context = await browser.newContext();
	let page = await context.newPage();
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Otto');
	await citizen.startMeeting({ phase: 'Opfølgning' });
	const meetingUrl = page.url();
	const ledger = new Ledger();
	for (let run = 0; run < RUNS; run++) {
		await ledger.tap(new MeetingPage(page), ANSWERS[run % ANSWERS.length]!, `before close ${run + 1}`);
		await tapInPage(page, 2);
		await page.close({ runBeforeUnload: false });
		page = await context.newPage();
		await openApp(page, meetingUrl);
		await expect(new MeetingPage(page).board).toBeVisible();
		ledger.check((await readDatabase(page)).answers, `after close ${run + 1}`);
	}
	ledger.report('page closed');
	await context.close();
});
