import { liveQuery } from 'dexie';

/**
 * Keeps `current` in step with a Dexie query. `select` is read inside an effect, so the query is
 * rebuilt when the reactive values it reads (e.g. an id from the URL) change.
 * Must be created while a component initialises.
 */
export class LiveQuery<T> {
	// Raw, not deeply proxied: records go back into IndexedDB, which cannot clone a Proxy.
	current = $state.raw<T | undefined>(undefined);
	loaded = $state(false);
	failed = $state(false);

	constructor(select: () => () => Promise<T>) {
		$effect(() => {
			const query = select();
			const subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.current = value;
					this.loaded = true;
					this.failed = false;
				},
				error: () => {
					this.failed = true;
					this.loaded = true;
				}
			});
			return () => subscription.unsubscribe();
		});
	}
}
