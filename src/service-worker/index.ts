import { immutable, assets, prerendered } from '$app/manifest';
import { version } from '$app/env';
import { self } from '$app/service-worker';

const CACHE = `billedtale-${version}`;
// Manifest paths are relative to the app's base, which is where this worker script lives.
const absolute = (path: string) => new URL(`./${path}`, self.location.href).pathname;
const PRECACHE = [...immutable, ...assets, ...prerendered].map(({ path }) => absolute(path));
const PAGES = new Set<string>(prerendered.map(({ path }) => absolute(path)));

self.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(PRECACHE))
			.then(() => self.skipWaiting())
	);
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
function cacheKeyFor(request: Request): string | Request {
	const url = new URL(request.url);
	if (request.mode === 'navigate' && PAGES.has(url.pathname)) return url.pathname;
	if (request.mode === 'navigate') return absolute('');
	return request;
}

self.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	// Only our own origin is ever served; the app makes no other requests.
	if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			// ignoreVary: the static server varies on Origin, which module imports send and addAll does not.
			const cached = await cache.match(cacheKeyFor(event.request), { ignoreVary: true });
			if (cached) return cached;
			return fetch(event.request);
		})()
	);
});
