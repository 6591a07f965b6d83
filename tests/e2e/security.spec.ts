import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, openApp, test } from './fixtures';

/*
 * Issue 15 items 10 and 2 (defence in depth): the headers of deploy/serve.ts, the policy without inline style, and
 * a service worker that serves from its cache only what the build shipped.
 */

test('every answer carries the security headers, and the policy allows no inline style and no framing', async ({ page, request }) => {
	const response = await page.goto('/');
	const headers = response!.headers();
	const policy = headers['content-security-policy']!;
	expect(policy).toContain("frame-ancestors 'none'");
	expect(policy).toContain("object-src 'none'");
	expect(policy).not.toContain('unsafe-inline');
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('no-referrer');
	expect(headers['permissions-policy']).toContain('microphone=(self)');
	expect(headers['cross-origin-opener-policy']).toBe('same-origin');
	// The meta tag the page keeps for servers that add no header says the same without what only a header can say.
	const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(meta).toContain("style-src 'self';");
	expect(meta).not.toContain('unsafe-inline');

	// Workers and the service worker get no meta tag: the header is their policy.
	for (const path of ['/service-worker.js', '/icon.svg']) {
		const file = await request.get(path);
		expect(file.headers()['content-security-policy'], path).toBe(policy);
		expect(file.headers()['x-content-type-options'], path).toBe('nosniff');
	}
});

test('the guard sees a CSP violation, and an inline style attribute is refused', async ({ page, csp }) => {
	await openApp(page, '/om');
	const colour = await page.evaluate(() => {
		const probe = document.createElement('div');
		probe.innerHTML = '<p style="color: rgb(255, 0, 0)">probe</p>';
		document.body.append(probe);
		return getComputedStyle(probe.firstElementChild!).color;
	});
	expect(colour).not.toBe('rgb(255, 0, 0)');
	await expect.poll(() => csp.take().join('\n')).toContain('style-src-attr');
});

test('the app cannot be framed, not even by itself', async ({ page, csp }) => {
	await openApp(page, '/om');
	await page.evaluate(() => {
		const frame = document.createElement('iframe');
		frame.src = '/tilgaengelighed';
		frame.title = 'probe';
		document.body.append(frame);
	});
	const frame = page.frameLocator('iframe[title="probe"]');
	await expect(frame.locator('html[data-ready]')).toHaveCount(0);
	await expect.poll(() => csp.take().join('\n')).toContain('frame-ancestors');
});

test('an SVG with script shown from a blob: URL inside the app does not run it', async ({ page, csp }) => {
	await openApp(page, '/om');
	await page.evaluate(() => {
		const svg = `<svg xmlns="http://www.w3.org/2000/svg"><script>localStorage.setItem('svg-ran', 'yes')</script></svg>`;
		const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
		// Every way a page could show it as a document rather than a picture.
		const frame = Object.assign(document.createElement('iframe'), { src: url, title: 'probe' });
		const object = Object.assign(document.createElement('object'), { data: url, type: 'image/svg+xml' });
		const embed = Object.assign(document.createElement('embed'), { src: url, type: 'image/svg+xml' });
		document.body.append(frame, object, embed);
	});
	// Refused before the document exists: frames only from the origin's own files, no object or embed at all.
	const seen: string[] = [];
	const refused = () => {
		seen.push(...csp.take());
		return seen.join('\n');
	};
	await expect.poll(refused).toMatch(/frame-src refused blob/);
	await expect.poll(refused).toMatch(/object-src refused blob/);
	expect(await page.evaluate(() => localStorage.getItem('svg-ran'))).toBeNull();
	// The object and the embed each report, Chromium sometimes more than once and later than the first: the probes are
	// taken out, and what they reported until then is taken too, so the fixture sees only what came from anything else.
	await page.evaluate(async () => {
		for (const probe of document.querySelectorAll('iframe[title="probe"], object, embed')) probe.remove();
		await new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled)));
	});
	refused();
	expect(
		seen.every((line) => /^(frame|object)-src refused blob|Content Security Policy/.test(line)),
		seen.join('\n')
	).toBe(true);
});

/** The app's precache, where a script of the origin could write. */
async function tamper(page: Page, path: string, body: string, type: string): Promise<string> {
	return page.evaluate(
		async ({ path, body, type }) => {
			const name = (await caches.keys()).find((key) => key.startsWith('billedtale-'))!;
			const cache = await caches.open(name);
			await cache.put(path, new Response(body, { headers: { 'Content-Type': type } }));
			return (await (await cache.match(path))!.text()).slice(0, 200);
		},
		{ path, body, type }
	);
}

const FAKE_UNLOCK = '<!doctype html><html lang="da"><title>Billedtale</title><h1>Falsk oplåsning</h1></html>';

test.describe('the service worker', () => {
	test.use({ serviceWorkers: 'allow' });

	test('a cached page or script that is not the shipped file is never served, online or offline', async ({ page, context }) => {
		await openApp(page, '/');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		// Controlled by the worker from the next load on.
		await openApp(page, '/');
		expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
		const script = await page.evaluate(() => new URL(document.querySelector<HTMLLinkElement>('link[rel="modulepreload"]')!.href).pathname);

		// The fault is in place: the cache answers with the fake page and the fake script.
		expect(await tamper(page, '/', FAKE_UNLOCK, 'text/html')).toContain('Falsk oplåsning');
		expect(await tamper(page, script, "localStorage.setItem('tampered-script-ran', 'yes')", 'text/javascript')).toContain('tampered');

		// Online: the real files come back from the server and replace the tampered copies.
		await openApp(page, '/');
		await expect(page.getByText('Falsk oplåsning')).toHaveCount(0);
		expect(await page.evaluate(() => localStorage.getItem('tampered-script-ran'))).toBeNull();
		const repaired = await page.evaluate(async () => {
			const name = (await caches.keys()).find((key) => key.startsWith('billedtale-'))!;
			return (await (await caches.open(name)).match('/'))?.text();
		});
		expect(repaired).toContain('content-security-policy');

		// Offline, nothing to repair from: the tampered page is refused, with a plain message instead.
		expect(await tamper(page, '/', FAKE_UNLOCK, 'text/html')).toContain('Falsk oplåsning');
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByText('Falsk oplåsning')).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'Billedtale kunne ikke åbnes' })).toBeVisible();
		await expectNoAxeViolations(page, 'the message instead of a changed page');
		await page.setViewportSize({ width: 320, height: 640 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

		// Back online, the app opens again from the real page.
		await context.setOffline(false);
		await openApp(page, '/');
	});
});
