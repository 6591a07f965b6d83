/*
 * The unit test files that get a fresh module graph each (Vitest project "stateful", vite.config.ts): the ones that keep
 * state beside their modules (the in-memory IndexedDB, localStorage markers, the session's key) or replace modules
 * with vi.mock / vi.stubGlobal. The rest share one module graph per worker. tests/unit/isolation.test.ts fails when a
 * file that mocks or stores is missing here.
 */
export const STATEFUL_FOLDERS = ['src/lib/storage', 'src/lib/backup', 'src/lib/journal', 'src/lib/vault'];
export const STATEFUL_FILES = [
	'src/lib/boards/editor.test.ts',
	'src/lib/boards/obf.test.ts',
	'src/lib/conversation/vum/sorting.svelte.test.ts',
	'src/lib/encoding/reencode.test.ts',
	'src/lib/i18n/translate.test.ts',
	'src/lib/meeting/step-answers.test.ts',
	'src/lib/plan/pdf-writer.test.ts',
	'src/lib/provenance/choice.svelte.test.ts',
	'src/lib/speech/offline-voice.test.ts',
	'src/lib/speech/recorder.test.ts',
	'src/lib/speech/speech.test.ts'
];
export const STATEFUL_TESTS = [...STATEFUL_FOLDERS.map((folder) => `${folder}/**/*.test.ts`), ...STATEFUL_FILES];
