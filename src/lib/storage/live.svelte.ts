import { liveQuery } from 'dexie';
import { untrack } from 'svelte';

const RETRY_DELAYS_MS = [100, 300, 1000, 3000];

/** A value already read for the query about to be made (e.g. by a route's load), wrapped so that `undefined` can be one. */
export type Seed<T> = { value: T } | undefined;

/**
 * Keeps `current` in step with a Dexie query. `select` is read inside an effect, so the query is
 * rebuilt when the reactive values it reads (e.g. an id from the URL) change.
 * A failed read is tried again a few times before `failed` is set: a busy or just-restarted browser
 * can refuse a read for a moment, and "no citizens" must never be shown because of that.
 * `seed` may hand over what that very query returned a moment ago (a route's load, read as the link was pressed): it is
 * shown at once, and the live query takes over from it (a query's first result comes a timer task later, each query in its
 * own transaction). A seed is shown once: the query made again for other reasons (another step) does not bring it back,
 * only a new seed object (the next navigation's) is shown. It must be undefined when it was not read for this query.
 * Must be created while a component initialises.
 */
export class LiveQuery<T> {
	// Raw, not deeply proxied: records go back into IndexedDB, which cannot clone a Proxy.
	current = $state.raw<T | undefined>(undefined);
	loaded = $state(false);
	failed = $state(false);

	constructor(select: () => () => Promise<T>, seed?: () => Seed<T>) {
		// Set before the first render too, not only in the effect (which runs after it): that render then draws the page
		// rather than its loading state and, in the same flush, the page again.
		let shown = seed?.();
		if (shown) {
			this.current = shown.value;
			this.loaded = true;
		}
		$effect(() => {
			const query = select();
			// Untracked: what the seed reads (the page's step, say) must not make the query again.
			const seeded = untrack(() => seed?.());
			if (seeded && seeded !== shown) {
				shown = seeded;
				this.current = seeded.value;
				this.loaded = true;
				this.failed = false;
			}
			let attempt = 0;
			let retry: ReturnType<typeof setTimeout> | undefined;
			let subscription: { unsubscribe(): void } | undefined;
			const subscribe = () => {
				subscription = liveQuery(query).subscribe({
					next: (value) => {
						attempt = 0;
						this.current = value;
						this.loaded = true;
						this.failed = false;
					},
					error: (error: unknown) => {
						const delay = RETRY_DELAYS_MS[attempt++];
						if (delay !== undefined) {
							retry = setTimeout(subscribe, delay);
							return;
						}
						console.warn('Billedtale: a read from storage failed', error);
						this.failed = true;
						this.loaded = true;
					}
				});
			};
			subscribe();
			return () => {
				clearTimeout(retry);
				subscription?.unsubscribe();
			};
		});
	}
}
