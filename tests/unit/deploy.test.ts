import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer, headerPolicy, metaPolicy, securityHeaders } from '../../deploy/server.ts';
import { integrityTable, urlPathOf, writeIntegrity } from '../../deploy/sw-integrity.ts';
import { firstLoadChunks } from '../../deploy/first-load-chunks.ts';
import type { Server } from 'node:http';

const page = (hash: string) =>
	`<!doctype html><html><head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' '${hash}'; style-src 'self'"></head><body></body></html>`;

let dir: string;
let root: string;
let server: Server;
let port: number;

/** A raw request: node:http sends the path exactly as given, so ../ and %2e%2e reach the server unresolved. */
function get(
	path: string,
	method = 'GET'
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'billedtale-deploy-'));
	root = join(dir, 'build');
	await mkdir(join(root, '_app', 'immutable'), { recursive: true });
	await mkdir(join(root, 'moede'));
	await writeFile(join(root, 'index.html'), page('sha256-home'));
	await writeFile(join(root, 'borger.html'), page('sha256-citizen'));
	await writeFile(join(root, 'moede', 'plan.html'), page('sha256-plan'));
	await writeFile(join(root, '_app', 'immutable', 'start.abc.js'), 'export {};');
	await writeFile(join(root, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
	await writeFile(join(root, 'manifest.webmanifest'), '{}');
	await writeFile(join(root, 'voice.wasm'), 'wasm');
	await writeFile(join(root, 'notes.unknown'), '<script>alert(1)</script>');
	await writeFile(join(root, '.env'), 'SECRET=inside');
	// What traversal would be after: a file next to the build folder, and a symlink inside pointing at it.
	await writeFile(join(dir, 'secret.txt'), 'SECRET=outside');
	await symlink(join(dir, 'secret.txt'), join(root, 'link.txt'));
	server = await createAppServer(root);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	await rm(dir, { recursive: true, force: true });
});

describe('deploy/serve.ts', () => {
	it('serves pages by their adapter-static file names with the type a browser needs', async () => {
		for (const [path, type] of [
			['/', 'text/html; charset=utf-8'],
			['/borger?id=x', 'text/html; charset=utf-8'],
			['/moede/plan', 'text/html; charset=utf-8'],
			['/_app/immutable/start.abc.js', 'text/javascript; charset=utf-8'],
			['/icon.svg', 'image/svg+xml'],
			['/manifest.webmanifest', 'application/manifest+json'],
			['/voice.wasm', 'application/wasm'],
			// Never guessed: with nosniff an unknown type cannot be run as a page or a script.
			['/notes.unknown', 'application/octet-stream']
		]) {
			const response = await get(path!);
			expect(response.status, path).toBe(200);
			expect(response.headers['content-type'], path).toBe(type);
		}
		expect((await get('/borger')).body).toContain('sha256-citizen');
	});

	it('refuses every way out of the build folder and dot files', async () => {
		for (const path of [
			'/../secret.txt',
			'/%2e%2e/secret.txt',
			'/..%2fsecret.txt',
			'/..%5csecret.txt',
			'/link.txt',
			'/.env',
			'/%2eenv',
			'/%00',
			'/%E0%A4%A'
		]) {
			const response = await get(path);
			expect(response.status, path).toBe(404);
			expect(response.body, path).not.toContain('SECRET');
		}
	});

	it('sends the security headers on every answer, errors included', async () => {
		for (const [path, method, status] of [
			['/', 'GET', 200],
			['/_app/immutable/start.abc.js', 'GET', 200],
			['/findes-ikke', 'GET', 404],
			['/', 'POST', 405],
			['/', 'HEAD', 200]
		] as const) {
			const { headers, ...response } = await get(path, method);
			expect(response.status, `${method} ${path}`).toBe(status);
			expect(headers['x-content-type-options']).toBe('nosniff');
			expect(headers['referrer-policy']).toBe('no-referrer');
			expect(headers['permissions-policy']).toMatch(/(^|, )microphone=\(self\)(,|$)/);
			expect(headers['permissions-policy']).toContain('camera=()');
			expect(headers['cross-origin-opener-policy']).toBe('same-origin');
			expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		}
		// The policy joins the pages' hashes, so each page's own inline script is allowed by the header as well.
		const policy = (await get('/')).headers['content-security-policy'];
		expect(policy).toBe(
			"default-src 'self'; script-src 'self' 'sha256-citizen' 'sha256-home' 'sha256-plan'; style-src 'self'; frame-ancestors 'none'"
		);
		expect((await get('/', 'POST')).headers.allow).toBe('GET, HEAD');
		expect((await get('/_app/immutable/start.abc.js')).headers['cache-control']).toContain('immutable');
		expect((await get('/')).headers['cache-control']).toBe('no-cache');
	});
});

describe('the header policy', () => {
	it('reads the meta policy SvelteKit writes and adds what only a header can say', () => {
		expect(metaPolicy(page('sha256-a'))).toBe("default-src 'self'; script-src 'self' 'sha256-a'; style-src 'self'");
		expect(metaPolicy('<html></html>')).toBeUndefined();
		expect(headerPolicy(["default-src 'self'; frame-ancestors *"])).toBe("default-src 'self'; frame-ancestors 'none'");
	});
});

describe('deploy/nginx.conf', () => {
	it('sends the same headers as deploy/serve.ts, the policy from the build', async () => {
		const conf = await readFile('deploy/nginx.conf', 'utf8');
		const added = Object.fromEntries([...conf.matchAll(/^\s*add_header ([\w-]+) "([^"]*)" always;$/gm)].map((m) => [m[1], m[2]]));
		const { 'Content-Security-Policy': _policy, ...others } = securityHeaders('');
		expect(added).toEqual(others);
		expect(conf).toMatch(/^\s*include snippets\/billedtale-csp\.conf;$/m);
		expect(conf).toContain('try_files $uri $uri.html $uri/index.html =404;');
	});
});

describe('deploy/sw-integrity.ts', () => {
	it('keys each file by the path the app fetches it by', () => {
		expect(urlPathOf('index.html')).toBe('/');
		expect(urlPathOf(join('moede', 'plan.html'))).toBe('/moede/plan');
		expect(urlPathOf(join('_app', 'immutable', 'start.abc.js'))).toBe('/_app/immutable/start.abc.js');
	});

	it('writes the hashes of the build into the worker once, and refuses a worker without the placeholder', async () => {
		const worker = join(root, 'service-worker.js');
		await writeFile(worker, 'const INTEGRITY = parse(`__BILLEDTALE_INTEGRITY__`);');
		const table = await integrityTable(root);
		// sha256("export {};"), as the worker will compute it from the cached bytes.
		expect(table['/_app/immutable/start.abc.js']).toBe('2e29cd9a98755c46896f7a2d56524db2d6d96b248e36db46de14c30bf47c8d05');
		expect(table['/borger']).toMatch(/^[0-9a-f]{64}$/);
		expect(table['/service-worker.js']).toBeUndefined();
		await writeIntegrity(root);
		const written = await readFile(worker, 'utf8');
		const literal = written.slice('const INTEGRITY = parse('.length, -');'.length);
		expect(JSON.parse(JSON.parse(literal) as string)).toEqual(table);
		await expect(writeIntegrity(root)).rejects.toThrow('no integrity placeholder');
		await rm(worker);
	});
});

describe('deploy/first-load-chunks.ts', () => {
	// layout → a → b, layout ⇢ storage/open (dynamic) → storage/db → b, layout ⇢ page (dynamic) → c → storage/db,
	// layout ⇢ storage/backup (dynamic, from a page only) is not the shell's.
	const graph = {
		'/src/routes/+layout.svelte': { importedIds: ['/src/a.ts'], dynamicallyImportedIds: ['/src/lib/storage/open.ts', '/src/page.svelte'] },
		'/src/a.ts': { importedIds: ['/src/b.ts'], dynamicallyImportedIds: [] },
		'/src/b.ts': { importedIds: [], dynamicallyImportedIds: [] },
		'/src/lib/storage/open.ts': { importedIds: ['/src/lib/storage/db.ts'], dynamicallyImportedIds: [] },
		'/src/lib/storage/db.ts': { importedIds: ['/src/b.ts', '/node_modules/dexie.mjs'], dynamicallyImportedIds: [] },
		'/node_modules/dexie.mjs': { importedIds: [], dynamicallyImportedIds: [] },
		'/src/page.svelte': { importedIds: ['/src/c.ts'], dynamicallyImportedIds: ['/src/lib/storage/backup.ts'] },
		'/src/c.ts': { importedIds: ['/src/lib/storage/db.ts'], dynamicallyImportedIds: [] },
		'/src/lib/storage/backup.ts': { importedIds: [], dynamicallyImportedIds: [] }
	} as const;
	const modules = { getModuleInfo: (id: string) => (id in graph ? graph[id as keyof typeof graph] : null) };

	it('puts what the root layout imports in one chunk, the database code the start-up fetches in another, the rest nowhere', () => {
		const chunkOf = firstLoadChunks({ layout: '/src/routes/+layout.svelte', startupFolder: '/src/lib/storage/' });
		const chunks = Object.fromEntries(Object.keys(graph).map((id) => [id, chunkOf(id, modules)]));
		expect(chunks).toEqual({
			'/src/routes/+layout.svelte': 'shell',
			'/src/a.ts': 'shell',
			'/src/b.ts': 'shell',
			'/src/lib/storage/open.ts': 'storage',
			'/src/lib/storage/db.ts': 'storage',
			'/node_modules/dexie.mjs': 'storage',
			'/src/page.svelte': null,
			'/src/c.ts': null,
			'/src/lib/storage/backup.ts': null
		});
	});
});
