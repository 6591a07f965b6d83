import { immutable, assets, prerendered } from '$app/manifest';
import { version } from '$app/env';
import { self } from '$app/service-worker';

const CACHE = `billedtale-${version}`;

// Manifest paths are relative to the app's base, which is where this worker script lives.
const absolute = (path: string) => new URL(`./${path}`, self.location.href).pathname;
const PRECACHE = [...immutable, ...assets, ...prerendered].map(({ path }) => absolute(path));
const PAGES = new Set<string>(prerendered.map(({ path }) => absolute(path)));
const PRECACHED = new Set(PRECACHE);

/*
 * SHA-256 (hex) of every file of the build by the path it is fetched from, written in by deploy/sw-integrity.ts after
 * `vite build`. The Cache API is writable by any script of the origin, so a script that once ran here (a hostile
 * SVG opened as a page, say) could leave a fake unlock screen in the cache for every later start. This worker
 * script is kept by the browser outside that cache and only changes from the server, so what it knows is the check.
 * Left as the placeholder (a bare `vite build`, or dev), nothing is trusted from the cache and everything comes
 * from the network.
 */
const INTEGRITY = parseIntegrity('__BILLEDTALE_INTEGRITY__');
// Parsed at run time: a constant the minifier could see through would be folded away together with the placeholder.
function parseIntegrity(json: string): Record<string, string> {
	try {
		return JSON.parse(json) as Record<string, string>;
	} catch {
		return {};
	}
}
// Only what the worker precaches is ever served from the cache; everything else (version.json for one) always comes from the server.
const expectedHash = (path: string): string | undefined =>
	PRECACHED.has(path) && Object.hasOwn(INTEGRITY, path) ? INTEGRITY[path] : undefined;

/*
 * A new version waits (the browser's own lifecycle) while a page of the one before is open: that page still fetches its
 * own lazily loaded parts (the PDF, other steps' code, the offline voice), which are only in the older version's cache,
 * deleted when this one takes over. The first install, with no worker before it, takes over at once.
 */
self.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

// "Opdater nu" on a page (app/service-worker.ts): the people at the table chose to take the new version now.
self.addEventListener('message', (event) => {
	if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') void self.skipWaiting();
});

// Only our own older precaches go: the page keeps its "citizens were kept here" marker in another cache.
self.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((key) => key.startsWith('billedtale-') && key !== CACHE).map((key) => caches.delete(key))))
			.then(() => self.clients.claim())
	);
});

/** Page navigations carry the citizen or meeting id in the query string; the page shell is the same. */
function cacheKeyFor(request: Request): string {
	const url = new URL(request.url);
	if (request.mode === 'navigate' && PAGES.has(url.pathname)) return url.pathname;
	if (request.mode === 'navigate') return absolute('');
	return url.search ? url.href : url.pathname;
}

async function sha256(body: ArrayBuffer): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
	return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The cached copy if its bytes are the ones the build shipped; a copy that differs is thrown away. */
async function verifiedFromCache(cache: Cache, key: string): Promise<Response | undefined> {
	const expected = expectedHash(key);
	// ignoreVary: the static server may vary on Origin, which module imports send and addAll does not.
	const cached = expected ? await cache.match(key, { ignoreVary: true }) : undefined;
	if (!cached) return undefined;
	const body = await cached.arrayBuffer();
	if ((await sha256(body)) === expected)
		return new Response(body, { status: cached.status, statusText: cached.statusText, headers: cached.headers });
	await cache.delete(key);
	return undefined;
}

/** Fetched again from the server; put back in the cache only when it is the shipped file, so a repair never stores a stranger. */
async function refetch(cache: Cache, key: string, request: Request): Promise<Response> {
	const expected = expectedHash(key);
	if (!expected) return fetch(request);
	const fresh = await fetch(key, { cache: 'no-cache' });
	if (fresh.ok && (await sha256(await fresh.clone().arrayBuffer())) === expected) await cache.put(key, fresh.clone());
	return fresh;
}

/** Offline with a page that failed its check (or went missing): a plain message rather than the browser's error or the bad copy. */
function unavailablePage(): Response {
	const html = `<!doctype html><html lang="da"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Billedtale</title><main><h1>Billedtale kunne ikke åbnes</h1>
<p>En gemt del af appen manglede eller var ændret, så den blev ikke brugt. Opret forbindelse til nettet, og åbn Billedtale igen. Jeres data er ikke rørt.</p></main></html>`;
	return new Response(html, {
		status: 503,
		headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" }
	});
}

self.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	// Only our own origin is ever served; the app makes no other requests.
	if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			const key = cacheKeyFor(event.request);
			const verified = await verifiedFromCache(cache, key);
			if (verified) return verified;
			if (event.request.mode !== 'navigate') return refetch(cache, key, event.request);
			return refetch(cache, key, event.request).catch(() => unavailablePage());
		})()
	);
});
