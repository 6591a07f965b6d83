/**
 * A lazy part's loader (for Lazy.svelte) that hands over the module itself once it is loaded, instead of a promise of it.
 * A promise, even of a module already loaded, is drawn only when the module loader's task comes round: behind the page's
 * own work, the meeting's staff panel was drawn 300 ms after the page it sits on (issue 17, profile of open1000).
 * A failed fetch is not kept, so the next call (Lazy's "Prøv igen") fetches again.
 */
export function lazyPart<T>(load: () => Promise<T>): () => T | Promise<T> {
	let loaded: T | undefined;
	return () => loaded ?? load().then((module) => (loaded = module));
}

/**
 * A load started once and shared by every call until it fails: one that failed is let go, so the next call loads
 * again (a PDF asked for offline, before the service worker held the writer, is made once the tablet is back online).
 */
export function sharedLoad<T>(load: () => Promise<T>): () => Promise<T> {
	let pending: Promise<T> | undefined;
	return () => {
		if (!pending) {
			const started = load();
			pending = started;
			started.catch(() => {
				if (pending === started) pending = undefined;
			});
		}
		return pending;
	};
}
