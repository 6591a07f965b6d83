import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/*
 * Import boundaries. Data flows one way: routes → components (.svelte) → state (*.svelte.ts) → storage → domain.
 * Every rule is a list of { regex, message } checked against the import's specifier, for static imports, re-exports
 * and dynamic import() alike. App modules are imported as `#lib/<folder>/…` (sibling folders never through `../`),
 * so a folder is visible in the specifier. In flat config the last matching block sets a rule's whole option list,
 * so every block below repeats the rules of the wider scopes it narrows (see `boundaries`).
 */

const lib = (folders) => new RegExp(String.raw`^[#$]lib\/(?:${folders.join('|')})(?:\/|$)`);
const libExcept = (folders) => new RegExp(String.raw`^[#$]lib\/(?!(?:${folders.join('|')})(?:\/|$))`);

// Folders that hold one capability's screens and state; they meet only through shared folders (ui, storage, domain …).
const FEATURES = ['boards', 'meeting', 'citizen', 'lock', 'backup', 'conversation', 'plan', 'story'];

const rules = {
	// Every lib module: a page may use lib, never the other way round; `$lib` and `../` would hide the folder. `app` wires
	// the features together for the root layout, so it sits on top of lib.
	lib: [
		{ regex: /(?:^|\/)routes(?:\/|$)/, message: 'A lib module must not depend on a page in src/routes.' },
		{ regex: lib(['app']), message: 'Only the root layout starts the app: nothing in lib may depend on lib/app.' },
		{ regex: /^\$lib(?:\/|$)/, message: 'Import app modules as #lib/… so the boundary rules can see the folder.' },
		{ regex: /^\.\.\/(?!\.\.\/\.\.\/)/, message: 'Reach another lib folder as #lib/<folder>/… so its boundary is checked.' }
	],
	// State classes are below components: a rune class never renders.
	state: [{ regex: /\.svelte$/, message: 'State (*.svelte.ts) must not import components.' }],
	// Pure rules: testable without a browser, reusable by every tool, free of storage and UI choices.
	domain: [
		{ regex: libExcept(['domain']), message: 'domain is pure: it imports only other domain files.' },
		{
			regex: /^(?:svelte|\$app|\$env|howler|espeak-ng)(?:\/|$)/,
			message: 'domain is pure: no Svelte, SvelteKit or browser media libraries.'
		}
	],
	// Repositories sit under every screen and state class; importing upwards would make cycles and let storage show UI.
	storage: [
		{
			regex: libExcept(['storage', 'domain', 'vault', 'crypto', 'journal', 'encoding', 'content']),
			message: 'storage may import only domain, vault, crypto, journal, encoding and content.'
		},
		{ regex: /\.svelte$|^\$app(?:\/|$)/, message: 'storage must not import components or SvelteKit.' }
	],
	// The key hierarchy, ciphers, the journal and encodings are used by storage, so they cannot use it (or anything above).
	infrastructure: [
		{
			regex: libExcept(['domain', 'vault', 'crypto', 'journal', 'encoding']),
			message: 'vault, crypto, journal and encoding may import only each other and domain.'
		},
		{ regex: /\.svelte$|^\$app(?:\/|$)/, message: 'vault, crypto, journal and encoding must not import components or SvelteKit.' }
	],
	// Content is data plus its loaders; storage reads it, so it stays below storage.
	content: [
		{ regex: libExcept(['content', 'domain', 'encoding']), message: 'content may import only domain and encoding.' },
		{ regex: /\.svelte$|^\$app(?:\/|$)/, message: 'content must not import components or SvelteKit.' }
	],
	// Shared primitives stay reusable by every feature: none of them may know about data or a feature.
	ui: [
		{
			regex: lib(['storage', 'vault', 'journal', ...FEATURES]),
			message: 'ui holds primitives only: no storage, vault, journal, lock, meeting, boards, citizen or backup.'
		}
	],
	// One feature folder must not reach into another; they share through ui, storage, domain and the service folders.
	feature: (name, allowed = []) => [
		{
			regex: lib(FEATURES.filter((other) => other !== name && !allowed.includes(other))),
			message: `${name} must not import another feature folder (${FEATURES.join(', ')}).`
		}
	]
};

// The same patterns as an esquery selector, so that dynamic import() is held to the same rules.
const dynamicImport = ({ regex, message }) => ({ selector: `ImportExpression[source.value=${regex}]`, message });

function boundaries(files, ...groups) {
	const patterns = groups.flat();
	return {
		files,
		rules: {
			'no-restricted-imports': ['error', { patterns: patterns.map(({ regex, message }) => ({ regex: regex.source, message })) }],
			'no-restricted-syntax': ['error', ...patterns.map(dynamicImport)]
		}
	};
}

function folderBoundaries(folder, ...groups) {
	return [
		boundaries([`src/lib/${folder}/**`], rules.lib, ...groups),
		boundaries([`src/lib/${folder}/**/*.svelte.ts`], rules.lib, rules.state, ...groups)
	];
}

/*
 * Every field that can hold what a user typed or chose carries autocomplete="off". Chromium keeps the other fields'
 * values in the page's history entry (to fill them in after a reload or "back") and writes that entry, in the clear, to
 * the profile's session-restore file (tests/e2e/at-rest.spec.ts); it also offers them to its autofill store.
 */
const NO_FORM_STATE_TYPES = new Set(['checkbox', 'radio', 'file', 'range', 'color', 'password', 'hidden', 'button', 'submit', 'reset']);
const formStateOff = {
	meta: {
		type: 'problem',
		schema: [],
		messages: {
			missing: '<{{name}}> needs autocomplete="off": its value would be kept in the clear in the browser\'s session-restore file.'
		}
	},
	create(context) {
		return {
			SvelteElement(node) {
				const name = node.name?.name;
				if (node.kind !== 'html' || !['input', 'textarea', 'select'].includes(name)) return;
				const attribute = (key) => node.startTag.attributes.find((a) => a.type === 'SvelteAttribute' && a.key.name === key);
				const type = attribute('type')?.value?.[0]?.value;
				if (NO_FORM_STATE_TYPES.has(type) || attribute('autocomplete')) return;
				context.report({ node: node.startTag, messageId: 'missing', data: { name } });
			}
		};
	}
};

export default defineConfig(
	globalIgnores([
		'build/',
		'.svelte-kit/',
		'node_modules/',
		'symbols/',
		'static/',
		'test-results/',
		'playwright-report/',
		'bench/results*'
	]),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	{
		languageOptions: {
			parserOptions: { extraFileExtensions: ['.svelte'] }
		},
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// The app is always served from its origin's root (no paths.base), so resolve() would only wrap every link.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	// Type-aware, but only the promise rules: a write nobody awaits is how an answer shown as saved gets lost. The full
	// type-checked set would double the lint time and mostly repeat what svelte-check already checks. The typed pass is
	// ~50 of the lint's ~70 CPU seconds (~0.2 s a component): `npm test`, whose two cores the browsers already fill, lints
	// without it (LINT_TYPES=off, tests/all.ts), and `npm run test:deep` runs it (lint:typed), as `npm run lint` does.
	...(process.env.LINT_TYPES === 'off'
		? []
		: [
				{
					files: ['src/**/*.{ts,svelte}'],
					languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
					rules: {
						'@typescript-eslint/no-floating-promises': 'error',
						'@typescript-eslint/no-misused-promises': 'error',
						'@typescript-eslint/await-thenable': 'error'
					}
				}
			]),
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				// Kit 3 keeps the Svelte options in vite.config.ts; the parser needs to know every file is in runes mode.
				svelteConfig: { compilerOptions: { runes: true } }
			}
		},
		// As in .ts files (typescript-eslint turns it off there): TypeScript checks names, types included, better.
		rules: { 'no-undef': 'off' }
	},
	{
		files: ['**/*.svelte'],
		plugins: { billedtale: { rules: { 'form-state-off': formStateOff } } },
		rules: { 'billedtale/form-state-off': 'error' }
	},
	// Where each file runs: the app in the browser, the journal in a dedicated worker, the offline cache in a service worker,
	// tools and tests in Node.
	{ files: ['src/**'], languageOptions: { globals: globals.browser } },
	{ files: ['src/**/*.worker.ts'], languageOptions: { globals: globals.worker } },
	{ files: ['src/service-worker/**'], languageOptions: { globals: globals.serviceworker } },
	{
		files: ['*.{js,ts}', 'bench/**', 'deploy/**', 'tests/**', 'src/**/*.test.ts'],
		languageOptions: { globals: globals.node }
	},
	// The benchmark's functions handed to page.evaluate() run inside the app's page.
	{ files: ['bench/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
	// End-to-end specs read raw records out of the browser and assert their shape field by field.
	{ files: ['tests/e2e/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },

	boundaries(['src/lib/**'], rules.lib),
	boundaries(['src/lib/**/*.svelte.ts'], rules.lib, rules.state),
	...folderBoundaries('domain', rules.domain),
	...folderBoundaries('storage', rules.storage),
	...['vault', 'crypto', 'journal', 'encoding'].flatMap((folder) => folderBoundaries(folder, rules.infrastructure)),
	...folderBoundaries('content', rules.content),
	...folderBoundaries('ui', rules.ui),
	...FEATURES.flatMap((feature) => folderBoundaries(feature, rules.feature(feature)))
);
