/*
 * The WebKit tier: drives WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver) under a
 * virtual X display, against the built app. `npm test` runs the core journey; TEST_TIER=deep adds speech without audio, and the plan's PDF and the story canvas.
 * Needs the Debian packages webkit2gtk-driver and xvfb (.ci/run installs them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { TEST_TIER as tier } from '../tier.ts';
import { App } from './app.ts';
import { coreJourney, planAndStoryJourney, silentAudioJourney, type Figures } from './journeys.ts';
import { Session } from './webdriver.ts';

const MINIBROWSER = [
	process.env.MINIBROWSER,
	'/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
	'/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
	'/usr/libexec/webkit2gtk-4.1/MiniBrowser'
].find((path) => path && existsSync(path));
// What Safari exposes and WebKitGTK ships switched off: the storage manager and the private file system.
const FEATURES = '--features=+StorageAPI,+StorageAPIEstimate,+FileSystem,+AccessHandle';

const started: ChildProcess[] = [];

function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
	const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
	let errors = '';
	child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
	child.on('exit', (code) => {
		if (code && !stopping) console.error(`${command} ended with ${code}:\n${errors}`);
	});
	started.push(child);
	return child;
}

let stopping = false;
function stopAll(): void {
	stopping = true;
	for (const child of started.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await check().catch(() => false))) {
		if (Date.now() > end) throw new Error(`WebKit tier: ${what} did not come up within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** The first display number without an X server's lock file. */
function freeDisplay(): number {
	let display = 99;
	while (existsSync(`/tmp/.X${display}-lock`)) display++;
	return display;
}

async function main(): Promise<void> {
	for (const tool of ['/usr/bin/WebKitWebDriver', '/usr/bin/Xvfb']) {
		if (!existsSync(tool)) throw new Error(`WebKit tier: ${tool} is missing (apt-get install webkit2gtk-driver xvfb)`);
	}
	if (!MINIBROWSER) throw new Error('WebKit tier: MiniBrowser not found; set MINIBROWSER to its path');
	const display = `:${freeDisplay()}`;
	start('/usr/bin/Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp']);
	await until('Xvfb', async () => existsSync(`/tmp/.X11-unix/X${display.slice(1)}`));

	const appPort = Number(process.env.WEBKIT_APP_PORT ?? (await freePort()));
	// The same server and headers as the Chromium suite (deploy/serve.ts); this process already runs Node 22.
	start(process.execPath, ['deploy/serve.ts', '--port', String(appPort)]);
	const origin = `http://127.0.0.1:${appPort}`;
	await until('the app server', async () => (await fetch(origin)).ok);

	const driverPort = await freePort();
	start('/usr/bin/WebKitWebDriver', [`--port=${driverPort}`], { ...process.env, DISPLAY: display });
	const driver = `http://127.0.0.1:${driverPort}`;
	await until('WebKitWebDriver', async () => (await fetch(`${driver}/status`)).ok);

	const figures: Figures = { tier };
	const began = Date.now();
	const session = await Session.start(driver, {
		'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', FEATURES] }
	});
	try {
		const browser = await session.run<string>('return navigator.userAgent');
		figures.browser = browser.match(/AppleWebKit\/[\d.]+/)?.[0] ?? browser;
		const app = new App(session, origin);
		await coreJourney(app, figures);
		if (tier === 'deep') {
			await silentAudioJourney(app, figures);
			await planAndStoryJourney(app, figures);
		}
	} finally {
		await session.end().catch(() => undefined);
	}
	figures.seconds = Math.round((Date.now() - began) / 1000);
	console.log(
		`WebKit tier (${tier}): ${Object.entries(figures)
			.map(([name, value]) => `${name}: ${value}`)
			.join('; ')}`
	);
}

main().then(
	() => {
		stopAll();
		process.exit(0);
	},
	(error: unknown) => {
		console.error(error);
		stopAll();
		process.exit(1);
	}
);
