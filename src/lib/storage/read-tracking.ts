/*
 * Which tables a live read reads. Dexie followed a live query's reads across awaits in its own zones; without them, a
 * transaction asked for while a read's code runs synchronously (a repository's first, as a rule) is that read's alone;
 * one asked for later, after an await, may be any running read's, so each of them collects its tables: a read may then
 * run again for a change it did not need, never miss one it did.
 */

const running = new Set<Set<string>>();
let calling: Set<string> | undefined;

/** Which live read's code is running synchronously now, if any: the database asks as a transaction is asked for (db.ts). */
export function liveReadCalling(): unknown {
	return calling;
}

/** Told of every transaction as it is opened, with the live read that asked for it, if known. */
export function tablesRead(tables: readonly string[], caller: unknown): void {
	const owners = caller instanceof Set && running.has(caller as Set<string>) ? [caller as Set<string>] : running;
	for (const collected of owners) for (const table of tables) collected.add(table);
}

/**
 * Runs `read`, adding to `into` the tables of every transaction it opens, each as it is opened: a commit to one of them
 * while the read is still under way must already make it run again.
 */
export async function collectingTables<T>(into: Set<string>, read: () => Promise<T>): Promise<T> {
	running.add(into);
	try {
		const reading = (() => {
			calling = into;
			try {
				return read();
			} finally {
				calling = undefined;
			}
		})();
		return await reading;
	} finally {
		running.delete(into);
	}
}
