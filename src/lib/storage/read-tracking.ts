/*
 * Which tables a live read reads. Dexie followed a live query's reads across awaits in its own zones; without them, a
 * live read under way collects the tables of every transaction opened meanwhile (reads-in-flight.ts tells of each).
 * Reads running at the same time each collect the other's tables too: a read may then run again for a change it did not
 * need, never miss one it did.
 */

const running = new Set<Set<string>>();

/** Told of every transaction as it is opened. */
export function tablesRead(tables: readonly string[]): void {
	for (const collected of running) for (const table of tables) collected.add(table);
}

/**
 * Runs `read`, adding to `into` the tables of every transaction opened until it settles, each as it is opened: a commit
 * to one of them while the read is still under way must already make it run again.
 */
export async function collectingTables<T>(into: Set<string>, read: () => Promise<T>): Promise<T> {
	running.add(into);
	try {
		return await read();
	} finally {
		running.delete(into);
	}
}
