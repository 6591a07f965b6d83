import { isNewerRecord, reportNewerApp } from './damage.ts';
import { sameRead, takeReadAhead } from './read-ahead.ts';
import { watchQuery } from './watch.ts';

const RETRY_DELAYS_MS = [100, 300, 1000, 3000];

/**
 * Keeps `current` in step with a query of the database. `select` is read inside an effect, so the query is
 * rebuilt when the reactive values it reads (e.g. an id from the URL) change.
 * A failed read is tried again a few times before `failed` is set: a busy or just-restarted browser
 * can refuse a read for a moment, and "no citizens" must never be shown because of that.
 * `ahead`: the key of a read started ahead for this query's first value (read-ahead.ts), when there may be one.
 * Must be created while a component initialises.
 */
export class LiveQuery<T> {
	// Raw, not deeply proxied: records go back into IndexedDB, which cannot clone a Proxy.
	current = $state.raw<T | undefined>(undefined);
	loaded = $state(false);
	failed = $state(false);

	constructor(select: () => () => Promise<T>, { ahead }: { ahead?: string } = {}) {
		const early = ahead ? takeReadAhead<T>(ahead) : undefined;
		if (early?.result) this.#show(early.result.value);
		else early?.read.then((value) => !this.loaded && this.#show(value)).catch(() => {});
		$effect(() => {
			const query = select();
			let attempt = 0;
			let retry: ReturnType<typeof setTimeout> | undefined;
			let unsubscribe: (() => void) | undefined;
			const subscribe = () => {
				unsubscribe = watchQuery(query, {
					next: (value) => {
						attempt = 0;
						// The same records as read ahead (or as last time) are not drawn again.
						if (!(this.loaded && sameRead(value, this.current))) this.current = value;
						this.loaded = true;
						this.failed = false;
					},
					error: (error: unknown) => {
						// A failed read ends the subscription, as an observable's error does; a retry subscribes anew.
						unsubscribe?.();
						// A record from a newer Billedtale (another tab was updated) stays unreadable, so it is not tried again. What this
						// page shows stays on screen, with what is typed there; the tab is told to reload.
						if (isNewerRecord(error)) {
							reportNewerApp();
							if (this.current === undefined) this.failed = true;
							this.loaded = true;
							return;
						}
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
				unsubscribe?.();
			};
		});
	}

	#show(value: T): void {
		this.current = value;
		this.loaded = true;
	}
}
