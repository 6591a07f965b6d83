/*
 * `npm test`: every kind of test, scheduled for a two-core machine.
 *
 * The end-to-end specs are most of the time (~4.5 min) and leave about a fifth of the two cores idle while their
 * browsers wait. ESLint, Prettier and svelte-check (~80 s of CPU together) have no timeouts, so they run the whole time
 * at the lowest priority (nice 19) and use what the others leave. What has timeouts runs at normal priority (a starved
 * core would fail Vitest's 5 s per test): the unit tests from the start, the build beside them, the end-to-end specs as
 * soon as the build is there, and the WebKit journey in the place the unit tests leave (it waited for the end-to-end
 * specs, 6 s at the end of the run). Measured on one machine: 352–356 s against ~372 s for the same scripts as three
 * steps one after the other (checks side by side, then the browsers).
 *
 * A failed build skips the browsers. Everything else always finishes, so one run reports every failure. Each script's output, but the end-to-end specs' (printed as they go), is printed whole once
 * the browsers are done, so it never breaks into their list; a line says when each script ends.
 */
import { spawn, spawnSync } from 'node:child_process';

// SvelteKit's generated files are written once first; the scripts' own `svelte-kit sync` (and the build's) then find
// them unchanged, so no script sees them rewritten under it.
const sync = spawnSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);

interface Result {
	script: string;
	passed: boolean;
	output: Buffer;
}

const began = Date.now();
const clock = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;

function run(script: string, { background = false, live = false, env = {} as Record<string, string> } = {}): Promise<Result> {
	const started = Date.now();
	const [command, args] = background ? ['nice', ['-n', '19', 'npm', 'run', '--silent', script]] : ['npm', ['run', '--silent', script]];
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'],
			env: { ...process.env, ...env }
		});
		const output: Buffer[] = [];
		child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
		child.on('close', (code) => {
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			process.stdout.write(
				`\n── npm run ${script}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s (at ${clock()}) ──\n`
			);
			resolve({ script, passed: code === 0, output: Buffer.concat(output) });
		});
	});
}

// The type-aware lint pass is test:deep's (eslint.config.js): here ESLint runs without type information.
const background = [
	run('lint:code', { background: true, env: { LINT_TYPES: 'off' } }),
	run('lint:format', { background: true }),
	run('check', { background: true })
];
const results: Result[] = [];

const unit = run('test:unit');
const build = await run('build');
results.push(build);
process.stdout.write(build.output);
if (build.passed) {
	// The WebKit journey needs the build, and the core the unit tests leave: it runs beside the end-to-end specs from then.
	const webkit = unit.then(() => run('test:webkit'));
	results.push(await run('test:e2e', { live: true }));
	const webkitResult = await webkit;
	results.push(webkitResult);
	process.stdout.write(`\n── npm run test:webkit said: ──\n`);
	process.stdout.write(webkitResult.output);
} else {
	console.error('\nThe end-to-end tests and the WebKit journey are skipped: the build failed.');
}
const unitResult = await unit;
results.push(unitResult);
process.stdout.write(`\n── npm run test:unit said: ──\n`);
process.stdout.write(unitResult.output);

for (const result of await Promise.all(background)) {
	results.push(result);
	process.stdout.write(`\n── npm run ${result.script} said: ──\n`);
	process.stdout.write(result.output);
}

const failed = results.filter((result) => !result.passed).map((result) => result.script);
console.log(`\nnpm test took ${clock()}.`);
if (failed.length > 0) {
	console.error(`Failed: ${failed.join(', ')}`);
	process.exit(1);
}
