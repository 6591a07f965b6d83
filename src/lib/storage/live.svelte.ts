import { liveQuery } from 'dexie';
import { afterGemt } from './saves-first.ts';

const RETRY_DELAYS_MS = [100, 300, 1000, 3000];

/**
 * Keeps `current` in step with a Dexie query. `select` is read inside an effect, so the query is
 * rebuilt when the reactive values it reads (e.g. an id from the URL) change.
 * A failed read is tried again a few times before `failed` is set: a busy or just-restarted browser
 * can refuse a read for a moment, and "no citizens" must never be shown because of that.
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
			let attempt = 0;
			let retry: ReturnType<typeof setTimeout> | undefined;
			let subscription: { unsubscribe(): void } | undefined;
			const subscribe = () => {
				subscription = liveQuery(() => afterGemt(query)).subscribe({
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
