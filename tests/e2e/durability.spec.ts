import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { expect, openApp, readDatabase, test } from './fixtures';
import { HomePage, MeetingPage, waitUntilInteractive } from './pages';

/*
 * Fault injection: the browser is killed (SIGKILL, like a crash or a flat battery) or the page is
 * closed in the middle of writes. Every answer the screen acknowledged with "Gemt" must be there
 * afterwards, and no stored answer may be half-written.
 */

const RUNS = Number(process.env.FAULT_RUNS ?? 50);
// The two fault tests are the slowest in the suite; on two workers they run side by side.
test.describe.configure({ mode: 'parallel' });
const ANSWERS = ['Ja', 'Nej', 'Ved ikke', 'Pause', 'Stop', 'Hjælp', 'Forstår ikke'];
const executable = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : chromium.executablePath();

interface RunningBrowser {
	process: ChildProcess;
	browser: Browser;
	page: Page;
}

/** Starts Chromium as our own child process, so the test can kill it the hard way. */
async function startBrowser(profile: string): Promise<RunningBrowser> {
	const child = spawn(
		executable,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			`--user-data-dir=${profile}`,
			'--remote-debugging-port=0',
			'about:blank'
		],
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

function expectWhole(answers: Awaited<ReturnType<typeof readDatabase>>['answers']): void {
	for (const answer of answers) {
		expect(answer.payload.content.kind).toBe('core');
		expect(answer.payload.provenance).toEqual({ mode: 'selv' });
		expect(answer.payload.status).toBe('active');
		expect(answer.payload.history).toEqual([]);
	}
}

// Under load, a SIGKILL can leave Chromium's LevelDB torn; at the next start Chromium logs "Corruption:
// checksum mismatch" and "IndexedDB recovering from a corrupted (and deleted) database" and deletes
// the origin's whole IndexedDB. The app's journal (src/lib/journal) brings it back, so this test also
// proves that path under real crashes.
test('killing the browser in the middle of writes loses no acknowledged answer', async ({ baseURL }) => {
	test.setTimeout(RUNS * 8_000 + 60_000);
	const profile = mkdtempSync(join(tmpdir(), 'billedtale-fault-'));
	let meetingUrl = '';
	let acknowledged = 0;
	let lost = 0;
	let halfWritten = 0;
	let confirmedOnScreen = 0;
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

			const stored = await readDatabase(page);
			lost += Math.max(0, acknowledged - stored.answers.length);
			try {
				expectWhole(stored.answers);
			} catch {
				halfWritten += 1;
			}
			acknowledged = stored.answers.length;

			// A few acknowledged answers, then taps that are still being written when the browser dies.
			for (let i = 0; i < 2; i++) {
				await meeting.tap(ANSWERS[(run + i) % ANSWERS.length]!);
				acknowledged += 1;
				confirmedOnScreen += 1;
			}
			await tapInPage(page, 3);
			await new Promise((resolve) => setTimeout(resolve, (run % 8) * 2));
			await kill(running);
			running = undefined;
		}
		const last = (running = await startBrowser(profile));
		await openApp(last.page, meetingUrl);
		await expect(new MeetingPage(last.page).board).toBeVisible();
		const final = await readDatabase(last.page);
		lost += Math.max(0, acknowledged - final.answers.length);
		expectWhole(final.answers);
		await kill(last);
		running = undefined;
		console.log(
			`fault injection (browser killed): ${RUNS} runs, ${confirmedOnScreen} answers shown as "Gemt", ${final.answers.length} stored, ${lost} lost, ${halfWritten} half-written; the database was lost and restored from the journal ${restoredFromJournal} times`
		);
		expect(lost).toBe(0);
		expect(halfWritten).toBe(0);
	} finally {
		if (running) await kill(running);
		rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
	}
});

test('closing the page in the middle of writes loses no acknowledged answer', async ({ browser }) => {
	test.setTimeout(RUNS * 5_000 + 60_000);
	const context = await browser.newContext();
	let page = await context.newPage();
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Otto');
	await citizen.startMeeting({ phase: 'Opfølgning' });
	const meetingUrl = page.url();
	let acknowledged = 0;
	for (let run = 0; run < RUNS; run++) {
		const meeting = new MeetingPage(page);
		await meeting.tap(ANSWERS[run % ANSWERS.length]!);
		acknowledged += 1;
		await tapInPage(page, 2);
		await page.close({ runBeforeUnload: false });
		page = await context.newPage();
		await openApp(page, meetingUrl);
		await expect(new MeetingPage(page).board).toBeVisible();
		const stored = await readDatabase(page);
		expect(stored.answers.length).toBeGreaterThanOrEqual(acknowledged);
		expectWhole(stored.answers);
		acknowledged = stored.answers.length;
	}
	console.log(`fault injection (page closed): ${RUNS} runs, ${acknowledged} answers stored, 0 lost, 0 half-written`);
	await context.close();
});
