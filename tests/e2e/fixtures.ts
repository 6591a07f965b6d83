import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { unlockWithPassphrase, type DataKey, type VaultRecord } from '#lib/vault/keys.ts';
import { openPayload } from '#lib/vault/payload.ts';
import { decodeCitizenKey, unwrapCitizenKey, type CitizenKeyRecord } from '#lib/vault/citizen-keys.ts';
import { SEALED_TABLES, type SealedTable } from '#lib/storage/tables.ts';
import { TEST_PASSPHRASE } from './tablet.ts';

export { expect };
// The lock's steps live beside the page models, which the bench loads in plain Node (see tablet.ts).
export { openApp, reopen, TEST_PASSPHRASE, TEST_PIN, unlockTablet } from './tablet.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Lets a test that provokes a CSP violation on purpose take it out of the guard's list (and assert on it). */
export interface CspViolations {
	take(): string[];
}

/**
 * Every test runs with two guards: no request may leave the app's origin (including the service
 * worker's), and the browser must never report a Content-Security-Policy violation.
 */
export const test = base.extend<{ guards: void; csp: CspViolations }>({
	guards: [
		async ({ context, baseURL }, use) => {
			const origin = new URL(baseURL!).origin;
			const foreign: string[] = [];
			context.on('request', (request) => {
				const url = request.url();
				if (url.startsWith('data:') || url.startsWith('blob:')) return;
				if (new URL(url).origin !== origin) foreign.push(url);
			});
			await use();
			expect(foreign, 'requests outside the origin').toEqual([]);
		},
		{ auto: true }
	],
	csp: [
		async ({ context, page }, use) => {
			const violations: string[] = [];
			page.on('console', (message) => {
				if (message.text().includes('Content Security Policy')) violations.push(message.text());
			});
			// The console misses documents other than the test's page (new tabs, blob: documents); the event reaches every
			// document of the context.
			await context.exposeBinding('__billedtaleCspViolation', (_source, violation: string) => violations.push(violation));
			await context.addInitScript(() => {
				const report = (window as unknown as { __billedtaleCspViolation: (violation: string) => void }).__billedtaleCspViolation;
				document.addEventListener('securitypolicyviolation', (event) =>
					report(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} in ${event.documentURI} (${event.sample})`)
				);
			});
			await use({ take: () => violations.splice(0) });
			expect(violations, 'CSP violations').toEqual([]);
		},
		{ auto: true }
	]
});

/**
 * Gives headless Chromium, which has no voices, one Danish device voice. A page may only assign real
 * SpeechSynthesisVoice objects to an utterance, so the utterance keeps this stand-in instead. Each test replaces
 * speechSynthesis.speak in an init script of its own, added after this one, to see what is said.
 */
export async function fakeDanishVoice(page: Page, named: { name: string; voiceURI: string }): Promise<void> {
	await page.addInitScript((named) => {
		const voice = { ...named, lang: 'da-DK', default: true, localService: true };
		Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
			configurable: true,
			get() {
				return (this as { fakeVoice?: unknown }).fakeVoice ?? null;
			},
			set(value) {
				(this as { fakeVoice?: unknown }).fakeVoice = value;
			}
		});
		speechSynthesis.getVoices = () => [voice as unknown as SpeechSynthesisVoice];
	}, named);
}

/** The contexts whose later documents get axe-core from the browser itself (see expectNoAxeViolations). */
const axeContexts = new WeakSet<BrowserContext>();

export async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
	// The builder sends axe-core's 650 kB source into the page and runs it twice for every check (once itself, once more
	// per frame in legacy mode): ~110 ms of a 150 ms check on an idle machine, measured. Each document gets one copy, the
	// first time it is checked; the builder's is empty. Once a context has been checked, the browser keeps the source and
	// puts it into each later document itself, so it is not sent down the pipe, as JSON, again for every page a test
	// opens after: 4 % less CPU in the specs that check most (access, sheets, story: 202 against 211 CPU seconds).
	if (!axeContexts.has(page.context())) {
		axeContexts.add(page.context());
		await page.context().addInitScript(axe.source);
	}
	for (const frame of page.frames()) if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axe.source);
	// Legacy mode runs axe in the page itself; the default also opens a blank page for every check to merge the frames'
	// results (the app has no frames), three times as long. Only violations come back: the passes are not read. Nor does
	// axe make a CSS selector for every node it reports (a third of a check's time, measured): a violation names its
	// nodes by their HTML. (options() replaces what withTags() set, so it comes first.)
	const results = await new AxeBuilder({ page, axeSource: ';' })
		.options({ resultTypes: ['violations'], selectors: false, ancestry: false, xpath: false })
		.withTags(WCAG_TAGS)
		.setLegacyMode(true)
		.analyze();
	const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(', ')}`);
	expect(summary, `axe violations on ${context}`).toEqual([]);
}

/**
 * No file input shows the browser's own control ("Choose File / No file chosen", in the browser's language, not the
 * app's): every one in the page is hidden to a pixel, and each of `buttons` (the words of the label drawn as a button
 * around it) is shown at 44 px or more, gets the focus ring when its input is reached by the keyboard, and Enter there opens
 * the picker.
 */
export async function expectOwnFileButtons(page: Page, buttons: string[]): Promise<void> {
	const inputs = page.locator('input[type=file]');
	// Counted once the page has drawn its first one: right after a navigation the settings' parts may still be coming.
	await expect(inputs.first()).toBeAttached();
	const boxes = await inputs.evaluateAll((all) => all.map((input) => input.getBoundingClientRect()).map((box) => [box.width, box.height]));
	expect(boxes.length, 'file inputs in the page').toBeGreaterThan(0);
	for (const [width, height] of boxes) expect(width! <= 1 && height! <= 1, `a file input of ${width} × ${height} px is seen`).toBe(true);
	for (const words of buttons) {
		const button = page.locator('label').getByText(words, { exact: true });
		await expect(button).toBeVisible();
		const box = (await button.boundingBox())!;
		expect(Math.min(box.width, box.height), `the size of "${words}"`).toBeGreaterThanOrEqual(44);
		// Asked for first: Playwright takes the picker's place only once it has been told to, and a real picker left open
		// would keep every later one shut.
		const chooser = page.waitForEvent('filechooser');
		// Reached by Tab (a focus by script alone may not count as the keyboard's), the hidden input shows its ring on the button.
		const input = button.locator('input[type=file]');
		await input.focus();
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Tab');
		await expect(input).toBeFocused();
		expect(await button.evaluate((element) => getComputedStyle(element).outlineStyle), `the focus ring on "${words}"`).toBe('solid');
		// The keyboard opens the picker from there; no file is given back.
		await page.keyboard.press('Enter');
		await (await chooser).setFiles([]);
	}
}

/** What expectReflow() finds wrong in the page as it is laid out now. Runs in the page. */
function reflowProblems(): string[] {
	const problems: string[] = [];
	const root = document.documentElement;
	const name = (e: Element) =>
		`${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} "${(e.textContent ?? '').trim().slice(0, 30)}"`;
	if (root.scrollWidth > root.clientWidth) {
		const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1);
		problems.push(`scrolls sideways (${root.scrollWidth} px): ${wide.slice(0, 5).map(name).join(' | ')}`);
	}
	// What lies over the page on purpose (a notice, the citizen mode's "Voksen") is not in the page's flow.
	const floating = (e: Element) => {
		for (let n: Element | null = e; n; n = n.parentElement) if (getComputedStyle(n).position === 'fixed') return true;
		return false;
	};
	// Words only for a screen reader (a visually hidden label, a live region) are clipped to a pixel: no text on screen.
	const clipped = (e: Element) => {
		for (let n: Element | null = e; n; n = n.parentElement) {
			const style = getComputedStyle(n);
			const box = n.getBoundingClientRect();
			if (style.clipPath !== 'none' || (style.clip && style.clip !== 'auto')) return true;
			if ((box.width <= 1 || box.height <= 1) && style.overflow !== 'visible') return true;
		}
		return false;
	};
	// Where things are placed on one another on purpose (the network map's tokens on its rings), nothing is checked.
	const shown = (e: Element) =>
		e.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && !floating(e) && !clipped(e) && !e.closest('[data-layered]');
	const controls = [...document.querySelectorAll('button, a[href], input:not([type="hidden"]), select, textarea, summary')].filter(shown);
	const boxes = controls.map((e) => e.getBoundingClientRect());
	// More than a border's width both ways: a 1 px visually-hidden text or a shared edge is no overlap.
	const overlap = (a: DOMRect, b: DOMRect) =>
		Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
	controls.forEach((a, i) => {
		for (let j = i + 1; j < controls.length; j++) {
			const b = controls[j]!;
			if (!a.contains(b) && !b.contains(a) && overlap(boxes[i]!, boxes[j]!)) problems.push(`${name(a)} lies over ${name(b)}`);
		}
	});
	const range = document.createRange();
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const text = node.textContent ?? '';
		const parent = node.parentElement;
		if (!text.trim() || !parent || !shown(parent)) continue;
		range.selectNodeContents(node);
		const lines = [...range.getClientRects()];
		controls.forEach((control, i) => {
			if (control.contains(node) || !lines.some((line) => overlap(line, boxes[i]!))) return;
			problems.push(`${name(control)} lies over the text "${text.trim().slice(0, 30)}"`);
		});
		// A word on a control is read as one: split over two lines ("Fje/rn") it is two. A soft hyphen is a chosen break.
		if (!parent.closest('button, a[href], summary, label')) continue;
		for (const word of text.matchAll(/[^\s\u00ad-]+/g)) {
			// Letter by letter, each by its last box: after a break at a soft hyphen Chromium gives the next letter the
			// hyphen's box on the line before as well.
			const tops = new Set<number>();
			for (let at = word.index; at < word.index + word[0].length; at++) {
				range.setStart(node, at);
				range.setEnd(node, at + 1);
				const box = [...range.getClientRects()].filter((r) => r.width >= 1).at(-1);
				if (box) tops.add(Math.round(box.top));
			}
			if (tops.size > 1) problems.push(`the word "${word[0]}" breaks over two lines in ${name(parent)}`);
		}
	}
	return problems;
}

/**
 * WCAG 1.4.10 at 320 CSS px: nothing needs scrolling sideways, no control lies over another control or over text, and no
 * word on a control breaks in two. `resize` sets 320 × 800 first and 1024 × 768 after, the size the specs use.
 */
export async function expectReflow(page: Page, context: string, { resize = true } = {}): Promise<void> {
	if (resize) await page.setViewportSize({ width: 320, height: 800 });
	await page.evaluate(() => new Promise(requestAnimationFrame));
	expect(await page.evaluate(reflowProblems), `${context} at 320 px`).toEqual([]);
	if (resize) await page.setViewportSize({ width: 1024, height: 768 });
}

export interface RawRecords {
	citizens: Array<{ id: string; createdAt: number; payload: Record<string, unknown> }>;
	meetings: Array<{ id: string; citizenId: string; date: string; payload: Record<string, unknown> }>;
	answers: Array<{ id: string; meetingId: string; citizenId: string; payload: Record<string, any> }>;
	boards: Array<{ id: string; citizenId: string; payload: Record<string, any> }>;
	media: Array<{
		id: string;
		citizenId: string;
		payload: { kind: string; mimeType: string; blob: { type: string; size: number; bytes?: Buffer } };
	}>;
	assessments: Array<{ id: string; citizenId: string; meetingId: string; payload: Record<string, unknown> }>;
	storyItems: Array<{ id: string; citizenId: string; mediaIds: string[]; payload: Record<string, any> }>;
}

// The app's own list of sealed tables: a new table is read (and checked by the at-rest tests) without editing this file.
const TABLES = SEALED_TABLES;
type TableName = SealedTable;
type Bytes = { $bytes: string };

interface DiskImage {
	vault: Record<string, unknown> | undefined;
	citizenKeys: Array<Record<string, unknown>>;
	tables: Record<TableName, Array<Record<string, unknown> & { id: string; payload: unknown }>>;
}

/** Everything in the app's IndexedDB exactly as stored, with binary values as base64 so they can leave the page. */
export async function readDisk(page: Page): Promise<DiskImage> {
	const image = await page.evaluate(
		(names) =>
			new Promise<unknown>((resolve, reject) => {
				const toPlain = (value: unknown): unknown => {
					if (value instanceof ArrayBuffer || value instanceof Uint8Array) {
						const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
						let binary = '';
						for (const byte of bytes) binary += String.fromCharCode(byte);
						return { $bytes: btoa(binary) };
					}
					if (Array.isArray(value)) return value.map(toPlain);
					if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
					return value;
				};
				const open = indexedDB.open('billedtale');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const existing = [...names, 'vault', 'citizenKeys'].filter((n) => db.objectStoreNames.contains(n));
					const result: Record<string, unknown[]> = {};
					for (const name of names) result[name] = [];
					if (existing.length === 0) {
						db.close();
						resolve({ vault: undefined, citizenKeys: [], tables: result });
						return;
					}
					const tx = db.transaction(existing, 'readonly');
					for (const name of existing) {
						const request = tx.objectStore(name).getAll();
						request.onsuccess = () => (result[name] = request.result.map(toPlain));
					}
					tx.oncomplete = () => {
						db.close();
						const { vault, citizenKeys, ...tables } = result;
						resolve({ vault: vault?.[0], citizenKeys: citizenKeys ?? [], tables });
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		[...TABLES]
	);
	return fromPlain(image) as DiskImage;
}

/** Whether any stored string or any stored byte run contains the text (UTF-8). */
export function diskContains(value: unknown, text: string): boolean {
	if (value instanceof Uint8Array) return Buffer.from(value).includes(text);
	if (typeof value === 'string') return value.includes(text);
	if (Array.isArray(value)) return value.some((item) => diskContains(item, text));
	if (value && typeof value === 'object')
		return Object.entries(value).some(([key, item]) => key.includes(text) || diskContains(item, text));
	return false;
}

function fromPlain(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(fromPlain);
	if (value && typeof value === 'object') {
		if ('$bytes' in value) return new Uint8Array(Buffer.from((value as Bytes).$bytes, 'base64'));
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromPlain(v)]));
	}
	return value;
}

/** The stored IVs and ciphertexts as the app's codec expects them. */
function asSealed(payload: unknown): unknown {
	const { iv, ct, ...rest } = payload as { iv: Uint8Array; ct: Uint8Array };
	return { ...rest, iv: new Uint8Array(iv), ct: ct.slice().buffer };
}

/** The stored vault record with its salt, IVs and ciphertexts as the app's codec expects them. */
export function vaultOf(stored: Record<string, unknown>): VaultRecord {
	const vault = stored as Record<string, any>;
	return {
		...vault,
		kdf: { ...vault.kdf, salt: new Uint8Array(vault.kdf.salt) },
		wrappedKey: asSealed(vault.wrappedKey),
		pin: asSealed(vault.pin)
	} as unknown as VaultRecord;
}

/** The fault tests read the same tablet a hundred times; its key is derived once (600,000 PBKDF2 rounds each time add up). */
const openedKeys = new Map<string, DataKey>();

/**
 * Reads what is really stored, straight from IndexedDB, and opens it with the team passphrase, the way
 * another copy of the app would: proof that the data on disk is sealed and that the passphrase opens it.
 */
export async function readDatabase(page: Page, options: { blobBytes?: boolean } = {}): Promise<RawRecords> {
	const disk = await readDisk(page);
	const result = Object.fromEntries(TABLES.map((name) => [name, []])) as unknown as Record<TableName, unknown[]>;
	if (!disk.vault) return result as unknown as RawRecords;
	const record = vaultOf(disk.vault);
	const citizenKeys = await readCitizenKeys(page);
	const cacheKey = `${record.keyId}|${Buffer.from(record.kdf.salt).toString('base64')}`;
	let dataKey = openedKeys.get(cacheKey);
	if (!dataKey) {
		dataKey = (await unlockWithPassphrase(record, TEST_PASSPHRASE)).dataKey;
		openedKeys.set(cacheKey, dataKey);
	}
	// Blobs are described rather than compared byte for byte; their bytes come along only when asked for.
	const describe = async (value: unknown) => {
		if (!(value instanceof Blob)) return value;
		return { type: value.type, size: value.size, ...(options.blobBytes ? { bytes: Buffer.from(await value.arrayBuffer()) } : {}) };
	};
	for (const table of TABLES) {
		result[table] = await Promise.all(
			disk.tables[table].map(async (stored) => {
				// Each record is sealed under its citizen's key (records from before citizen keys: the tablet key).
				const wrapped = citizenKeys.get(table === 'citizens' ? stored.id : (stored.citizenId as string));
				const citizenKey = wrapped && (await unwrapCitizenKey(dataKey, wrapped.id, wrapped));
				const key = (stored.payload as { keyId: string }).keyId === dataKey.keyId ? dataKey : (citizenKey ?? dataKey);
				const payload = await openPayload<Record<string, unknown>>(key, table, stored.id, asSealed(stored.payload));
				const described = Object.fromEntries(await Promise.all(Object.entries(payload).map(async ([k, v]) => [k, await describe(v)])));
				return { ...stored, payload: described };
			})
		);
	}
	return result as unknown as RawRecords;
}

/**
 * The citizens' wrapped keys where the app keeps them: one file each in the origin private file system
 * (Chromium), else the `citizenKeys` table of IndexedDB.
 */
/** How many records a store (or one of its indexes) of the app's database holds, read as they lie on disk. */
export function countStored(page: Page, store: string, index?: string): Promise<number> {
	return page.evaluate(
		({ store, index }) =>
			new Promise<number>((resolve, reject) => {
				const request = indexedDB.open('billedtale');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const source = request.result.transaction(store).objectStore(store);
					const count = (index === undefined ? source : source.index(index)).count();
					count.onsuccess = () => (request.result.close(), resolve(count.result));
					count.onerror = () => reject(count.error);
				};
			}),
		{ store, index }
	);
}

export async function readCitizenKeys(page: Page): Promise<Map<string, CitizenKeyRecord>> {
	const files = await page.evaluate(async () => {
		const root = await navigator.storage.getDirectory();
		const directory = await root.getDirectoryHandle('citizen-keys').catch(() => undefined);
		const found: string[] = [];
		for await (const handle of directory?.values() ?? []) {
			if (handle.kind !== 'file') continue;
			const bytes = new Uint8Array(await (await (handle as FileSystemFileHandle).getFile()).arrayBuffer());
			found.push(btoa(String.fromCharCode(...bytes)));
		}
		return found;
	});
	const keys = new Map<string, CitizenKeyRecord>();
	for (const file of files) {
		const record = decodeCitizenKey(new Uint8Array(Buffer.from(file, 'base64')));
		if (record) keys.set(record.id, record);
	}
	const table = (await readDisk(page)).citizenKeys;
	for (const stored of table) {
		const record = { ...stored, wrapped: asSealed(stored.wrapped) } as CitizenKeyRecord;
		if (!keys.has(record.id)) keys.set(record.id, record);
	}
	return keys;
}

/** What Chromium does when it finds its LevelDB torn after a crash: the origin's database is deleted. */
export async function loseDatabase(page: Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.deleteDatabase('billedtale');
				request.onsuccess = () => resolve();
				request.onerror = () => reject(request.error);
			})
	);
}

/** Where a button was at one frame, and whether what was awaited was not shown yet. */
export interface PlaceAtFrame {
	top: number;
	waiting: boolean;
}

/**
 * Reads, at every frame from now on, where the button with the text `button` inside `container` (a CSS selector) is, until
 * `shown` is seen there (or the button is gone): a photo being prepared must not move the buttons under a finger on its
 * way to them when it is ready. The returned function gives back what was read.
 */
export async function watchButtonPlace(
	page: Page,
	{ container, button, shown }: { container: string; button: string; shown: string }
): Promise<() => Promise<PlaceAtFrame[]>> {
	await page.evaluate(
		({ container, button, shown }) => {
			const frames: { top: number; waiting: boolean }[] = [];
			(window as unknown as { buttonPlaces: typeof frames }).buttonPlaces = frames;
			const record = () => {
				const within = document.querySelector(container);
				const target = [...(within?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === button);
				if (!within || !target) return;
				const seen = [...within.querySelectorAll('p')].some(
					(p) => p.textContent?.includes(shown) && p.checkVisibility({ visibilityProperty: true })
				);
				frames.push({ top: target.getBoundingClientRect().top + scrollY, waiting: !seen });
				if (!seen && frames.length < 1_000) requestAnimationFrame(record);
			};
			record();
		},
		{ container, button, shown }
	);
	return () => page.evaluate(() => (window as unknown as { buttonPlaces: PlaceAtFrame[] }).buttonPlaces);
}

/**
 * Holds the picture worker's code (encoding/picture.worker.ts) on its way, so the page's first photo stays "being
 * prepared" until `release` is called; `asked` says whether the page asked for it (the hold took effect).
 */
export async function holdPictureWorker(page: Page): Promise<{ release: () => void; asked: () => boolean }> {
	let asked = false;
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/picture.worker-*.js', async (route) => {
		asked = true;
		await released;
		await route.continue();
	});
	return { release, asked: () => asked };
}
