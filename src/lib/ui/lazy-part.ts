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
