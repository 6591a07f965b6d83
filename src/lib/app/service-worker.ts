import { appUpdate } from '#lib/ui/app-update.svelte.ts';

/*
 * The service worker keeps every file of the app for offline use, so installing it fetches about 500 files. SvelteKit
 * would register it on `load`, when the first screen's own start-up still waits for a module (the root error page's,
 * which SvelteKit imports at start without preloading it): on a first visit that module queued behind the worker's
 * fetches and the passphrase screen answered ~300 ms later (bench trace of /, issue 17). The app registers it itself once
 * the first screen answers, while the user types.
 */
export function registerServiceWorker(): void {
	if (!('serviceWorker' in navigator)) return;
	// As SvelteKit registers it (the build makes an ES module of it); the app is served from the origin's root.
	navigator.serviceWorker
		.register('/service-worker.js', { type: 'module' })
		.then(watchForUpdates)
		.catch((error: unknown) => console.warn('Billedtale: the offline copy could not be set up now', error));
}

/*
 * A new version's worker waits while a page of this one is open (service-worker/index.ts): the page says so, and
 * "Opdater nu" lets it take over and reloads. A page that did not ask is never reloaded by itself, as what is typed on it
 * would be lost: it is told that Billedtale was updated, and reloads when the people at the table are ready.
 */
function watchForUpdates(registration: ServiceWorkerRegistration): void {
	const container = navigator.serviceWorker;
	// The first install takes over a page that had no worker: that is no update.
	let controlled = container.controller !== null;
	let asked = false;
	const offer = (waiting: ServiceWorker) =>
		appUpdate.ready(() => {
			asked = true;
			waiting.postMessage({ type: 'skip-waiting' });
		});

	container.addEventListener('controllerchange', () => {
		if (asked) location.reload();
		else if (controlled) appUpdate.elsewhere();
		controlled = true;
	});
	const whenInstalled = (installing: ServiceWorker | null) =>
		installing?.addEventListener('statechange', () => {
			if (installing.state === 'installed' && container.controller) offer(installing);
		});
	if (registration.waiting && controlled) offer(registration.waiting);
	whenInstalled(registration.installing);
	registration.addEventListener('updatefound', () => whenInstalled(registration.installing));
}
