/*
 * Two chunks for the code every page loads on every start (issue 17, first-load JS). Left to itself the bundler cuts the
 * client into a chunk per set of importers: /moede's first load fetched 58 files, most under 1 kB gzip, and gzip cannot
 * share what it learned in one file with the next (the same 58 files concatenated are 13 kB smaller). Two sets are
 * loaded together anyway, so they can be one file each without any page loading a byte more:
 * - "shell": everything the root layout imports statically. Every route loads the root layout, and with it all of this.
 * - "storage": the database's code that the start-up fetches once the first screen is up (src/lib/app/browser.ts and
 *   the lock import it dynamically, so that the passphrase screen does not wait for it), with its static imports.
 * Everything else is chunked as before. A module of the database folder that the shell imports dynamically for a rare
 * action would now be fetched at every start with the rest: the bench's first-load JS rows (moede/home.js.gzip) show it.
 */

interface ModuleGraph {
	getModuleInfo(id: string): { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;
}

export interface FirstLoadRoots {
	/** The root layout's module id. */
	layout: string;
	/** The folder whose modules the shell imports dynamically at every start (the database layer). */
	startupFolder: string;
}

/** The static closure of `roots`, without what `taken` already holds. */
function closure(graph: ModuleGraph, roots: readonly string[], taken: ReadonlyMap<string, string>): Set<string> {
	const found = new Set<string>();
	const next = [...roots];
	while (next.length) {
		const id = next.pop()!;
		if (found.has(id) || taken.has(id)) continue;
		found.add(id);
		next.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
	}
	return found;
}

/** Rolldown's `codeSplitting.groups[].name`: the chunk a module goes into, or null to leave it to the bundler. */
export function firstLoadChunks({ layout, startupFolder }: FirstLoadRoots) {
	let chunkOf: Map<string, string> | undefined;
	return (id: string, graph: ModuleGraph): string | null => {
		if (!chunkOf) {
			chunkOf = new Map();
			const shell = closure(graph, [layout], chunkOf);
			for (const module of shell) chunkOf.set(module, 'shell');
			const startup = [...shell].flatMap((module) =>
				(graph.getModuleInfo(module)?.dynamicallyImportedIds ?? []).filter((target) => target.startsWith(startupFolder))
			);
			for (const module of closure(graph, startup, chunkOf)) chunkOf.set(module, 'storage');
		}
		return chunkOf.get(id) ?? null;
	};
}
