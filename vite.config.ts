import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-static';
import { defineConfig } from 'vitest/config';

// The app must never load anything from another origin, so the policy only allows 'self'
// plus blob:/data: for photos and recordings the user makes on the device. media-src allows data:
// because howler unlocks audio on tablets by playing a tiny silent data: clip on the first touch;
// wasm-unsafe-eval lets the offline Danish voice (eSpeak NG) compile its WebAssembly.
const contentSecurityPolicy = {
	mode: 'hash' as const,
	directives: {
		'default-src': ['self' as const],
		'script-src': ['self' as const, 'wasm-unsafe-eval' as const],
		'style-src': ['self' as const, 'unsafe-inline' as const],
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

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ strict: true }),
			// Runes everywhere in the app, so a component without a rune cannot fall back to legacy reactivity;
			// components from node_modules keep choosing their own mode.
			compilerOptions: { runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true) },
			csp: contentSecurityPolicy,
			paths: { relative: false }
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['fake-indexeddb/auto', './tests/unit/browser-storage.ts', './tests/unit/unlocked-tablet.ts']
	}
});
