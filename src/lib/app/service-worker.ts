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
		.catch((error: unknown) => console.warn('Billedtale: the offline copy could not be set up now', error));
}
