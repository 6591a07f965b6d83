import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-static';
import { defineConfig } from 'vitest/config';
import { STATEFUL_TESTS } from './tests/unit/stateful-tests.ts';
import { da } from './src/lib/i18n/da.ts';
import { partOf, type DictionaryPart } from './src/lib/i18n/parts.ts';
import { firstLoadChunks } from './deploy/first-load-chunks.ts';

// The app must never load anything from another origin, so the policy only allows 'self'
// plus blob:/data: for photos and recordings the user makes on the device. media-src allows data:
// because howler unlocks audio on tablets by playing a tiny silent data: clip on the first touch;
// wasm-unsafe-eval lets the offline Danish voice (eSpeak NG) compile its WebAssembly.
// No inline style: Svelte sets dynamic styles through the CSSOM (el.style), which CSP does not govern, so the only
// style attribute left in markup is SvelteKit's own route announcer; 'unsafe-hashes' allows exactly that value and no other.
// frame-ancestors and the other header-only directives are added by the web server (deploy/serve.ts, deploy/nginx.conf).
// sha256 of the style attribute of #svelte-announcer in @sveltejs/kit's root.svelte; a Kit update that changes it shows
// up as a CSP violation in every e2e test (tests/e2e/fixtures.ts).
const ANNOUNCER_STYLE_HASH = 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=' as const;
// app.html's one inline script (the first start's guess, which must run before the first paint) is allowed by its hash,
// taken from the file itself so that editing the script cannot leave a stale hash behind.
const APP_HTML_SCRIPT = /<script>([\s\S]*?)<\/script>/.exec(readFileSync(new URL('src/app.html', import.meta.url), 'utf8'))?.[1];
if (APP_HTML_SCRIPT === undefined) throw new Error('src/app.html holds no inline <script> to allow by its hash');
const APP_HTML_SCRIPT_HASH = `sha256-${createHash('sha256').update(APP_HTML_SCRIPT).digest('base64')}` as const;
const contentSecurityPolicy = {
	mode: 'hash' as const,
	directives: {
		'default-src': ['self' as const],
		'script-src': ['self' as const, 'wasm-unsafe-eval' as const, APP_HTML_SCRIPT_HASH],
		'style-src': ['self' as const],
		'style-src-attr': ['unsafe-hashes' as const, ANNOUNCER_STYLE_HASH],
		'img-src': ['self' as const, 'blob:' as const, 'data:' as const],
		'media-src': ['self' as const, 'blob:' as const, 'data:' as const],
		'font-src': ['self' as const],
		'connect-src': ['self' as const],
		'worker-src': ['self' as const],
		'manifest-src': ['self' as const],
		'object-src': ['none' as const],
		'base-uri': ['none' as const],
		'form-action': ['self' as const]
	}
};

// The offline voice's worker is handed the page's copy of eSpeak NG's module (src/lib/speech/offline-voice.ts), the one the
// service worker keeps for offline use; eSpeak's own fallback URL, never taken, would put a second 18 MB copy into the build.
const ESPEAK_FALLBACK_URL = "new URL('espeak-ng.wasm', import.meta.url).href";
const espeakModuleFromPage = {
	name: 'espeak-module-from-page',
	transform(code: string, id: string) {
		if (id.includes('/espeak-ng/dist/espeak-ng.js') && code.includes(ESPEAK_FALLBACK_URL)) return code.replace(ESPEAK_FALLBACK_URL, "''");
	}
};

// PDFKit embeds a PNG through png-js, whose browser build inflates it with fflate's asynchronous unzlib: that starts a
// blob: worker, which the policy's worker-src 'self' refuses, and nothing answers; the plan's PDF waited for ever for a
// photo stored as PNG. It inflates in the PDF's own worker instead, with fflate's synchronous unzlibSync.
const PNG_JS_ASYNC_INFLATE = "import { unzlib } from 'fflate';\n\nconst inflate = unzlib ;";
const PNG_JS_SYNC_INFLATE = `import { unzlibSync } from 'fflate';

const inflate = (data, done) => {
	let inflated;
	try {
		inflated = unzlibSync(data);
	} catch (error) {
		return done(error);
	}
	return done(null, inflated);
};`;
const pngInflateInPlace = {
	name: 'png-inflate-in-place',
	transform(code: string, id: string) {
		if (!id.includes('/png-js/lib/png-js.browser.js')) return;
		if (!code.includes(PNG_JS_ASYNC_INFLATE)) throw new Error('png-js changed how it inflates: check pngInflateInPlace in vite.config.ts');
		return code.replace(PNG_JS_ASYNC_INFLATE, PNG_JS_SYNC_INFLATE);
	}
};

// The Danish dictionary as its two parts (src/lib/i18n/parts.ts): `virtual:dictionary/da/first` and `…/rest`.
const DICTIONARY_PART = 'virtual:dictionary/da/';
const dictionaryParts = {
	name: 'dictionary-parts',
	resolveId: (id: string) => (id.startsWith(DICTIONARY_PART) ? `\0${id}` : undefined),
	load(id: string) {
		if (!id.startsWith(`\0${DICTIONARY_PART}`)) return;
		const part = id.slice(DICTIONARY_PART.length + 1) as DictionaryPart;
		return `export default ${JSON.stringify(Object.fromEntries(Object.entries(da).filter(([key]) => partOf(key) === part)))};`;
	}
};

/*
 * V8 compiles a function the first time it is called, on the page's thread, unless its file asks for all of its functions
 * ahead ("explicit compile hints", Chrome 136): then they are compiled while the file loads, off that thread. Opening a
 * meeting runs hundreds of functions for the first time (its page, its steps, Svelte's blocks): at 4× CPU their lazy
 * compilation was 44 ms of the 136 ms the open's render took (trace of open1000, V8.CompileCode). The app's chunks are
 * code the app runs when it loads them, so its files carry the hint; not the small ones, whose few functions cost
 * little to compile, while the hint's 30 bytes count in every first load. It must be the file's first line: written
 * after the build, as Vite puts the list of a chunk's dependencies before everything else. Other browsers read it as a
 * comment.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
const COMPILE_HINT_FROM_BYTES = 4096;
const compileHints = {
	name: 'compile-hints',
	apply: 'build' as const,
	writeBundle(
		this: { environment?: { name: string } },
		{ dir }: { dir?: string },
		bundle: Record<string, { type: string; fileName: string }>
	) {
		if (this.environment?.name !== 'client' || !dir) return;
		for (const chunk of Object.values(bundle)) {
			if (chunk.type !== 'chunk') continue;
			const file = join(dir, chunk.fileName);
			const code = readFileSync(file, 'utf8');
			if (code.length >= COMPILE_HINT_FROM_BYTES) writeFileSync(file, COMPILE_HINT + code);
		}
	}
};

const SOURCE = fileURLToPath(new URL('src/', import.meta.url));

export default defineConfig({
	// What every page loads at every start goes into two chunks instead of dozens (deploy/first-load-chunks.ts); Kit's own
	// group for its manifest is kept beside it.
	environments: {
		client: {
			build: {
				rolldownOptions: {
					output: {
						codeSplitting: {
							groups: [{ name: firstLoadChunks({ layout: `${SOURCE}routes/+layout.svelte`, startupFolder: `${SOURCE}lib/storage/` }) }]
						}
					}
				}
			}
		}
	},
	plugins: [
		compileHints,
		dictionaryParts,
		sveltekit({
			adapter: adapter({ strict: true }),
			// Runes everywhere in the app, so a component without a rune cannot fall back to legacy reactivity;
			// components from node_modules keep choosing their own mode.
			compilerOptions: { runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true) },
			csp: contentSecurityPolicy,
			paths: { relative: false },
			// Registered by the app once its first screen answers (src/lib/app/service-worker.ts), not on `load`.
			serviceWorker: { register: false }
		})
	],
	worker: { plugins: () => [espeakModuleFromPage, pngInflateInPlace] },
	test: {
		environment: 'node',
		// Under `npm test` (tests/all.ts) the unit tests run at nice 19 beside two browsers and get only the CPU those leave:
		// a test or hook that takes seconds alone can take a minute there (the plan PDF's and the zip bomb's did, past 30 and
		// 10 s). Set here, not on the command line: the projects below do not take the command line's timeouts.
		testTimeout: 120_000,
		hookTimeout: 120_000,
		setupFiles: ['fake-indexeddb/auto', './tests/unit/browser-storage.ts', './tests/unit/unlocked-tablet.ts'],
		projects: [
			// Files that keep state beside their modules or replace modules get a fresh module graph each, so no file sees
			// another's tablet (tests/unit/stateful-tests.ts).
			{ test: { name: 'stateful', include: STATEFUL_TESTS } },
			// The pure rest shares one module graph per worker: importing valibot, the content and PDFKit once per worker
			// instead of once per file halves the unit tests' CPU time.
			{
				test: {
					name: 'pure',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					exclude: ['**/node_modules/**', ...STATEFUL_TESTS],
					isolate: false
				}
			}
		]
	}
});
