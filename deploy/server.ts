/*
 * The reference web server for the static build: what a municipality's server must do for Billedtale, in code the
 * e2e suite runs against (deploy/nginx.conf says the same for nginx). Node's own http module only, so `npm start`
 * needs nothing beyond `npm ci`.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const MIME_TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.map': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.txt': 'text/plain; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.gif': 'image/gif',
	'.ico': 'image/x-icon',
	'.ttf': 'font/ttf',
	'.otf': 'font/otf',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.wasm': 'application/wasm',
	'.mp3': 'audio/mpeg',
	'.ogg': 'audio/ogg',
	'.wav': 'audio/wav',
	'.m4a': 'audio/mp4',
	'.pdf': 'application/pdf'
};

/** With nosniff, an unknown type is never guessed into something a browser runs. */
export function contentType(path: string): string {
	return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

type Policy = Map<string, string[]>;

function parsePolicy(text: string): Policy {
	const policy: Policy = new Map();
	for (const part of text.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) policy.set(name.toLowerCase(), sources);
	}
	return policy;
}

/** The policy SvelteKit wrote into a page's meta tag (with the hashes of that page's inline scripts), if any. */
export function metaPolicy(html: string): string | undefined {
	const tag = html.match(/<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/i);
	return tag?.[1]?.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/**
 * One header policy for the whole build: the meta policies of all pages with their hash lists joined, plus what a
 * meta tag cannot say. Each page keeps its own meta tag, and a browser enforces both, so a page still runs only its
 * own inline script; the header is what covers workers, the service worker, SVG files opened as documents and framing.
 */
export function headerPolicy(metaPolicies: string[]): string {
	const joined: Policy = new Map();
	for (const text of metaPolicies) {
		for (const [name, sources] of parsePolicy(text)) joined.set(name, [...new Set([...(joined.get(name) ?? []), ...sources])]);
	}
	// Nobody may frame the app (clickjacking a PIN or a "Slet alt"); only a header can say so.
	joined.set('frame-ancestors', ["'none'"]);
	return [...joined].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

async function htmlFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	// Sorted, so the header is the same text on every start and on every machine.
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => join(entry.parentPath, entry.name))
		.sort();
}

/** The header policy for a build folder (what deploy/nginx-csp.ts prints for nginx). */
export async function buildPolicy(root: string): Promise<string> {
	const pages = await Promise.all((await htmlFiles(root)).map((file) => readFile(file, 'utf8')));
	const policies = pages.map(metaPolicy).filter((policy): policy is string => policy !== undefined);
	if (policies.length === 0) throw new Error(`${root} holds no page with a Content-Security-Policy: is it a Billedtale build?`);
	return headerPolicy(policies);
}

export function securityHeaders(policy: string): Record<string, string> {
	return {
		'Content-Security-Policy': policy,
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer',
		// The recorder needs the microphone; nothing in the app needs the camera API (photos come through a file input).
		'Permissions-Policy': 'microphone=(self), camera=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=()',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Cross-Origin-Resource-Policy': 'same-origin',
		// For browsers older than frame-ancestors.
		'X-Frame-Options': 'DENY'
	};
}

/**
 * The file a URL path names inside root, or undefined. adapter-static writes /borger as borger.html and / as
 * index.html. A path that leaves root (../, an encoded %2e%2e or %2f, a symlink out) names nothing.
 */
export async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return undefined;
	}
	if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
	const segments = decoded.split('/').filter((segment) => segment !== '');
	// Dot files and parent steps are never part of the build, so they are refused rather than normalised away.
	if (segments.some((segment) => segment.startsWith('.'))) return undefined;
	const base = join(root, ...segments);
	const candidates = decoded.endsWith('/') ? [join(base, 'index.html')] : [base, `${base}.html`, join(base, 'index.html')];
	const realRoot = await realpath(root);
	for (const candidate of candidates) {
		const real = await realpath(candidate).catch(() => undefined);
		if (!real || !real.startsWith(realRoot + sep)) continue;
		if ((await stat(real)).isFile()) return real;
	}
	return undefined;
}

function cacheControl(urlPath: string): string {
	// Kit names everything under _app/immutable by its content hash; everything else must be revalidated, above all
	// the pages and the service worker, or a fixed page would wait for a cache to expire.
	return urlPath.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export async function createAppServer(root: string): Promise<Server> {
	// A new build into the same folder (npm start while a server runs) brings new script hashes: the policy is read
	// again whenever the home page changes.
	let policy = { stamp: -1, headers: {} as Record<string, string> };
	async function currentHeaders(): Promise<Record<string, string>> {
		const stamp = (await stat(join(root, 'index.html'))).mtimeMs;
		if (stamp !== policy.stamp) policy = { stamp, headers: securityHeaders(await buildPolicy(root)) };
		return policy.headers;
	}
	await currentHeaders();
	// adapter-static's SPA fallback page, if the build was made with one; otherwise unknown paths are a plain 404.
	const fallback = await resolveFile(root, '/200.html');

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const headers = await currentHeaders();
		const send = (status: number, text: string) => {
			response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
			response.end(text);
		};
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			response.setHeader('Allow', 'GET, HEAD');
			return send(405, 'Kun GET og HEAD.');
		}
		// The raw path, not new URL(): URL parsing would quietly resolve ../ that resolveFile must see and refuse.
		const urlPath = (request.url ?? '/').split(/[?#]/)[0] ?? '/';
		const file = (await resolveFile(root, urlPath)) ?? fallback;
		if (!file) return send(404, 'Siden findes ikke.');
		const { size } = await stat(file);
		response.writeHead(200, {
			...headers,
			'Content-Type': contentType(file),
			'Content-Length': size,
			'Cache-Control': cacheControl(urlPath)
		});
		if (request.method === 'HEAD') return void response.end();
		createReadStream(file).pipe(response);
	}

	return createServer((request, response) => {
		handle(request, response).catch(() => {
			if (!response.headersSent)
				response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Serveren kunne ikke læse filen.');
			else response.destroy();
		});
	});
}
