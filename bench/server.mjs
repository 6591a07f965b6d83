// A tiny static server for a SvelteKit adapter-static build, so the benchmark does not depend on Vite.
// No compression on the wire (sizes are compressed with node:zlib for the report instead).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.gif': 'image/gif',
	'.ico': 'image/x-icon',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.ttf': 'font/ttf',
	'.otf': 'font/otf',
	'.wasm': 'application/wasm',
	'.mp3': 'audio/mpeg',
	'.ogg': 'audio/ogg',
	'.wav': 'audio/wav',
	'.m4a': 'audio/mp4',
	'.pdf': 'application/pdf',
	'.txt': 'text/plain; charset=utf-8',
	'.map': 'application/json; charset=utf-8'
};

async function isFile(path) {
	try {
		return (await stat(path)).isFile();
	} catch {
		return false;
	}
}

/** Maps a URL path to a file in the build, the way a static host serves a prerendered SvelteKit app. */
export async function resolveFile(root, pathname) {
	let decoded;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return undefined;
	}
	const safe = normalize(decoded).replace(/^([/\\])+/, '');
	const base = join(root, safe);
	if (base !== root && !base.startsWith(root + sep)) return undefined;
	const candidates = decoded.endsWith('/') ? [join(base, 'index.html')] : [base, `${base}.html`, join(base, 'index.html')];
	for (const candidate of candidates) if (await isFile(candidate)) return candidate;
	return undefined;
}

/**
 * Starts the server on 127.0.0.1 and a free port. Resolves to { origin, close, stats }.
 * `stats.bytes` counts body bytes sent, for a sanity check against what the browser reports.
 */
export async function startStaticServer(dir) {
	const root = resolve(dir);
	const stats = { requests: 0, bytes: 0, notFound: [] };
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
			'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
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
	await new Promise((ok, fail) => {
		server.once('error', fail);
		server.listen(0, '127.0.0.1', ok);
	});
	const { port } = server.address();
	return {
		origin: `http://127.0.0.1:${port}`,
		root,
		stats,
		close: () =>
			new Promise((ok) => {
				server.closeAllConnections?.();
				server.close(() => ok());
			})
	};
}
