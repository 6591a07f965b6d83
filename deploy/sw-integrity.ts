/*
 * Build step after `vite build`: writes the SHA-256 of every file of the build into the service worker, which then
 * serves a cached file only while its bytes still match (src/service-worker/index.ts says why).
 *   node deploy/sw-integrity.ts [build]
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

const PLACEHOLDER = /(["'`])__BILLEDTALE_INTEGRITY__\1/;

/** The path the app fetches a file by: adapter-static writes the page /moede/plan as moede/plan.html and / as index.html. */
export function urlPathOf(file: string): string {
	const path = file.split(sep).join('/');
	if (path === 'index.html') return '/';
	return `/${path.endsWith('.html') ? path.slice(0, -'.html'.length) : path}`;
}

export async function integrityTable(root: string): Promise<Record<string, string>> {
	const entries = await readdir(root, { withFileTypes: true, recursive: true });
	const files = entries
		.filter((entry) => entry.isFile())
		.map((entry) => relative(root, join(entry.parentPath, entry.name)))
		.filter((file) => file !== 'service-worker.js')
		.sort();
	const table: Record<string, string> = {};
	for (const file of files)
		table[urlPathOf(file)] = createHash('sha256')
			.update(await readFile(join(root, file)))
			.digest('hex');
	return table;
}

export async function writeIntegrity(root: string): Promise<number> {
	const worker = join(root, 'service-worker.js');
	const source = await readFile(worker, 'utf8');
	// The table goes in as a string literal that the worker parses. A worker without the placeholder (already stamped,
	// or the minifier removed it) would trust nothing or stale hashes, so the build stops instead.
	if (!PLACEHOLDER.test(source)) throw new Error(`${worker} has no integrity placeholder: run this once, right after vite build`);
	const table = await integrityTable(root);
	await writeFile(
		worker,
		source.replace(PLACEHOLDER, () => JSON.stringify(JSON.stringify(table)))
	);
	return Object.keys(table).length;
}

// Run as a script (npm run build); the unit tests import the functions.
if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
	const root = process.argv[2] ?? 'build';
	console.log(`Service worker: ${await writeIntegrity(root)} file hashes written into ${root}/service-worker.js`);
}
