import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATEFUL_FILES, STATEFUL_FOLDERS } from './stateful-tests.ts';

const root = join(import.meta.dirname, '../..');
const testFiles = ['src', 'tests/unit']
	.flatMap((folder) => readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).map((file) => `${folder}/${file}`))
	.filter((file) => file.endsWith('.test.ts'));
const isStateful = (file: string) => STATEFUL_FILES.includes(file) || STATEFUL_FOLDERS.some((folder) => file.startsWith(`${folder}/`));
// What makes a file unsafe to share a module graph with others: mocked modules or globals, and the stores that outlive a file.
const STATEFUL_USE =
	/\bvi\.(?:mock|doMock|stubGlobal|resetModules)\(|#lib\/storage\/(?!errors\.ts|registry\.ts|journal-sync\.ts)|indexedDB|localStorage|sessionStorage|beginSession\(/;

describe('unit test isolation', () => {
	it('runs every test file that mocks modules or keeps stored state with a module graph of its own', () => {
		expect(testFiles.length).toBeGreaterThan(50);
		const shared = testFiles.filter((file) => !isStateful(file) && file !== relative(root, import.meta.filename));
		expect(shared.filter((file) => STATEFUL_USE.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
	});

	it('names only test files that exist', () => {
		expect(STATEFUL_FILES.filter((file) => !testFiles.includes(file))).toEqual([]);
	});
});
