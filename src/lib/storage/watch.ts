import { getChanges } from './db.ts';
import { liveRead, type Observer } from './idb/live.ts';
import { collectingTables } from './read-tracking.ts';
import { afterGemt } from './saves-first.ts';

/**
 * Runs `query` now and again after every commit, in this tab or another, to a table it read (as it read them), once an
 * answer's "Gemt" on its way has been drawn. Returns the unsubscribe.
 */
export function watchQuery<T>(query: () => Promise<T>, observer: Observer<T>): () => void {
	const tables = new Set<string>();
	return liveRead(
		getChanges(),
		tables,
		async () => {
			await afterGemt();
			return collectingTables(tables, query);
		},
		observer
	);
}
