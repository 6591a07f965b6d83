import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from './app.ts';
import type { ElementRef } from './webdriver.ts';

const PASSPHRASE = 'mælkebøtte regnvejr ananas søndag cykel';
const PIN = '2468';
const BACKUP_PASSPHRASE = 'en lang kopi-adgangssætning';

export interface Figures {
	[name: string]: string | number | boolean;
}

async function setUp(app: App): Promise<void> {
	const lock = await app.ready();
	if (lock !== 'setup') throw new Error(`expected the first-start screen, found ${lock}`);
	await app.see('the first-start note', '[data-testid="first-start-note"]', 'Har Billedtale været brugt på denne tablet før?');
	await app.fillById('setup-passphrase', PASSPHRASE);
	await app.fillById('setup-passphrase-repeat', PASSPHRASE);
	await app.session.click(await app.waitFor('the warning checkbox', `return document.querySelector('main.gate input[type="checkbox"]')`));
	await app.fillById('setup-pin', PIN);
	await app.fillById('setup-pin-repeat', PIN);
	await app.session.click(await app.waitFor('the setup button', `return document.querySelector('main.gate button[type="submit"]')`));
	await app.waitFor('the app behind the lock', `return !!document.querySelector('header nav')`, 30_000);
}

async function unlock(app: App): Promise<void> {
	const lock = await app.ready();
	if (lock !== 'hardLocked') throw new Error(`expected the passphrase screen, found ${lock}`);
	await app.fillById('unlock-passphrase', PASSPHRASE);
	await app.session.click(await app.waitFor('the unlock button', `return document.querySelector('main.gate form button[type="submit"]')`));
	await app.waitFor('the app behind the lock', `return !!document.querySelector('header nav')`, 30_000);
}

/** Taps a board cell and waits until speech has ended one way or the other: a sound, or the words with "Ingen lyd". */
async function speak(app: App, cell: string): Promise<string> {
	await app.click('button', cell, 'main');
	const engine = await app.waitFor<string>(
		'speech to end audibly or with the notice',
		`return document.querySelector('.speech-status')?.dataset.engine || null`,
		45_000
	);
	const status = await app.text('.speech-status');
	if (engine === 'none' && !status.startsWith('Ingen lyd')) throw new Error(`no sound, and the notice is missing: "${status}"`);
	if (engine !== 'none' && status !== `Siger: ${cell}`) throw new Error(`unexpected speech status "${status}"`);
	return engine;
}

/**
 * Files the page saves are caught as it hands them to the browser (WebDriver cannot see downloads): each becomes
 * `window.__downloads[n]`, a promise of its name and its bytes as base64.
 */
async function catchDownloads(app: App): Promise<void> {
	await app.session.run(`
		window.__downloads = [];
		// Our CSP has no blob: in connect-src, so the file is read from the Blob the page made, not fetched.
		const blobs = new Map();
		const createObjectURL = URL.createObjectURL;
		URL.createObjectURL = (blob) => {
			const url = createObjectURL.call(URL, blob);
			blobs.set(url, blob);
			return url;
		};
		const click = HTMLAnchorElement.prototype.click;
		HTMLAnchorElement.prototype.click = function () {
			const blob = blobs.get(this.href);
			// The file is binary: its bytes cross WebDriver as base64, a slice at a time for String.fromCharCode.
			const base64 = (bytes) => {
				let text = '';
				for (let at = 0; at < bytes.length; at += 8192) text += String.fromCharCode(...bytes.subarray(at, at + 8192));
				return btoa(text);
			};
			if (this.download && blob) window.__downloads.push(blob.arrayBuffer().then((b) => ({ name: this.download, base64: base64(new Uint8Array(b)) })));
			return click.call(this);
		};`);
}

/** The first file the page saved since catchDownloads(). */
async function firstDownload(app: App): Promise<{ name: string; bytes: Buffer }> {
	await app.waitFor('the saved file', `return window.__downloads.length > 0`, 60_000);
	const file = await app.session.runAsync<{ name: string; base64: string }>(`return await window.__downloads[0];`);
	return { name: file.name, bytes: Buffer.from(file.base64, 'base64') };
}

async function downloadBackup(app: App): Promise<void> {
	await catchDownloads(app);
	await app.fill('Kodeord til kopien', BACKUP_PASSPHRASE);
	await app.fill('Gentag kodeordet', BACKUP_PASSPHRASE);
	await app.click('button', 'Gem sikkerhedskopi');
	const file = await firstDownload(app);
	// Format 2: a header line, then sealed chunks.
	const bytes = file.bytes;
	let header: { format?: string; version?: number; kdf?: { iterations?: number } } = {};
	try {
		header = JSON.parse(bytes.subarray(0, bytes.indexOf('\n')).toString('utf8'));
	} catch {
		// Told below as not a backup file.
	}
	if (header.format !== 'billedtale-backup' || header.version !== 2 || header.kdf?.iterations !== 600_000)
		throw new Error(`not a backup file: ${file.name}`);
	// The name must be neither in the header nor in the sealed bytes.
	if (bytes.includes('Kaj')) throw new Error('the backup shows the citizen’s name');
}

/** The core journey: setup, citizen, meeting answer, reload, board with speech, backup. */
export async function coreJourney(app: App, figures: Figures): Promise<void> {
	await app.session.go(app.origin + '/');
	await setUp(app);
	// The advice is drawn once the app has asked how it was opened, which may be just after the home screen (it failed
	// once when read at once); waiting for it still fails when it never comes.
	figures['home-screen advice shown'] = await app.waitFor<boolean>(
		'the home-screen advice in a browser tab',
		`return !!document.querySelector('[data-testid="home-screen-advice"]')`
	);

	await app.click('button', 'Tilføj borger');
	await app.fill('Navn eller initialer', 'Kaj', 'dialog[open]');
	await app.click('button', 'Gem', 'dialog[open]');
	await app.see('the citizen page', 'h1', 'Kaj');

	await app.click('button', 'Start møde');
	await app.click('label', 'Opfølgning', 'dialog[open]');
	await app.click('button', 'Start møde', 'dialog[open]');
	// The meeting opens at its first part; the answer board is in "Det taler vi om".
	await app.see('the meeting agenda', 'main nav', 'Det taler vi om');
	await app.click('link', 'Det taler vi om', 'main');
	await app.see('the topics step', '#step-heading', 'Det taler vi om');
	await app.click('button', 'Ja', 'main');
	await app.see('the answer saved', '.save-state', 'Gemt: Ja');

	await app.session.refresh();
	await unlock(app);
	await app.see('the answer after a reload', 'main', 'Ja');
	await app.click('link', 'Borgere');
	await app.click('link', 'Kaj');
	await app.see('the citizen page', 'h1', 'Kaj');

	await app.click('link', 'Symboltavler');
	await app.see('the home board', 'h1', 'Forside');
	figures['speech engine'] = await speak(app, 'ja');

	await app.click('link', 'Indstillinger');
	await app.see('settings', 'h1', 'Indstillinger');
	figures['crash protection'] = await app.waitFor<string>(
		'the crash protection',
		`const state = document.querySelector('[data-testid="crash-protection"]')?.dataset.state; return state === 'checking' ? null : state;`,
		20_000
	);
	figures['persistent storage'] = await app.waitFor<string>(
		'the storage status',
		`const state = document.querySelector('[data-testid="persistence"]')?.dataset.state; return state === 'checking' ? null : state;`
	);
	await downloadBackup(app);
	figures['backup downloaded'] = true;
}

/** Deep only: with audio that never starts, speech still ends, with the notice. */
export async function silentAudioJourney(app: App, figures: Figures): Promise<void> {
	await app.session.run(`HTMLMediaElement.prototype.play = () => new Promise(() => {});`);
	await app.click('link', 'Borgere');
	await app.click('link', 'Kaj');
	await app.click('link', 'Symboltavler');
	await app.see('the home board', 'h1', 'Forside');
	const engine = await speak(app, 'nej');
	if (engine !== 'none' && engine !== 'web') throw new Error(`audio was blocked, yet "${engine}" played`);
	figures['speech with audio blocked'] = engine;
}

/** The story's item by its name's start ("Billede: hund" …), as a button on the canvas or in the list. */
const storyItemShown = (start: string) =>
	`return [...document.querySelectorAll('main button')].some((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()).startsWith(${JSON.stringify(start)}))`;

/**
 * Deep only: what a meeting makes, in Safari's engine. After coreJourney: Kaj's meeting gets a goal, Min plan is saved as a
 * PDF (read back with poppler), and a picture put on his story canvas by tap-tap is there after a reload.
 */
export async function planAndStoryJourney(app: App, figures: Figures): Promise<void> {
	await app.click('link', 'Borgere');
	await app.click('link', 'Kaj');
	await app.session.click(
		await app.waitFor<ElementRef>('the meeting on Kaj’s page', `return document.querySelector('main a[href^="/moede?id="]')`)
	);
	await app.click('link', 'Det taler vi om', 'main');
	await app.see('the topics step', '#step-heading', 'Det taler vi om');

	const goal = 'Jeg vil selv handle ind om fredagen.';
	await app.click('link', 'Plan');
	await app.fill('Nyt mål i borgerens egne ord', goal);
	await app.click('button', 'Tilføj mål');
	await app.see('the goal in the plan', 'main', goal);
	await catchDownloads(app);
	await app.click('button', 'Gem som PDF');
	await app.click('button', 'Lav PDF', 'dialog[open]');
	const pdf = await firstDownload(app);
	const dir = mkdtempSync(join(tmpdir(), 'billedtale-webkit-'));
	try {
		const file = join(dir, pdf.name);
		writeFileSync(file, pdf.bytes);
		const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		if (!text.includes('Min plan') || !text.includes(goal))
			throw new Error(`the plan's PDF lacks its heading or the goal: "${text.slice(0, 300)}"`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	figures['plan PDF'] = `${pdf.bytes.length} bytes`;

	await app.click('link', 'Tilbage til mødet');
	await app.click('link', 'Min historie');
	await app.fill('Søg efter et billede', 'hund');
	await app.click('button', 'hund', 'main');
	await app.click('button', 'Læg i: Mine håb, ønsker og drømme', 'main');
	await app.waitFor('the picture on the story canvas', storyItemShown('Billede: hund'));
	await app.session.refresh();
	await unlock(app);
	await app.waitFor('the picture on the story canvas after a reload', storyItemShown('Billede: hund'), 30_000);
	figures['story kept'] = true;
}
