// A tiny static server for a SvelteKit adapter-static build, so the benchmark does not depend on Vite.
// No compression on the wire (sizes are compressed with node:zlib for the report instead).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { contentType, resolveFile } from '../deploy/server.ts';

// The same file lookup and types as the production server (deploy/server.ts), so the benchmark loads what a tablet would.
export { resolveFile };

/**
 * Starts the server on 127.0.0.1 and a free port. Resolves to { origin, close, stats }.
 * `stats.bytes` counts body bytes sent, for a sanity check against what the browser reports.
 */
export interface StaticServer {
	origin: string;
	root: string;
	stats: { requests: number; bytes: number; notFound: string[] };
	close: () => Promise<void>;
}

export async function startStaticServer(dir: string): Promise<StaticServer> {
	const root = resolve(dir);
	const stats: StaticServer['stats'] = { requests: 0, bytes: 0, notFound: [] };
	const server = createServer(async (req, res) => {
		stats.requests += 1;
		const url = new URL(req.url ?? '/', 'http://localhost');
		const file = req.method === 'GET' || req.method === 'HEAD' ? await resolveFile(root, url.pathname) : undefined;
		if (!file) {
			stats.notFound.push(url.pathname);
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('Not found');
			return;
		}
		const body = await readFile(file);
		const immutable = url.pathname.startsWith('/_app/immutable/');
		res.writeHead(200, {
			'content-type': contentType(file),
			'content-length': body.length,
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
		});
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		stats.bytes += body.length;
		res.end(body);
	});
	await new Promise<void>((ok, fail) => {
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => ok());
	});
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('the bench server has no TCP port');
	const { port } = address;
	return {
		origin: `http://127.0.0.1:${port}`,
		root,
		stats,
		close: () =>
			new Promise<void>((ok) => {
				server.closeAllConnections();
				server.close(() => ok());
			})
	};
}
