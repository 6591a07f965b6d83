/*
 * `npm test`: every kind of test but the deep tier's, scheduled for a two-core machine.
 *
 * The end-to-end specs are the critical path (~5 min, from the end of the build) and leave about a fifth of the two
 * cores idle while their browsers wait. Everything else runs in what they leave, at the lowest priority (nice 19): the
 * unit tests (~40 s of CPU; with 2 minutes per test and per hook, set in vite.config.ts, as a test there waits for a
 * core far longer than it works), and ESLint, Prettier and svelte-check (~75 s of CPU, no timeouts). The build runs
 * beside them at normal priority, and the end-to-end specs as soon as it is there (two browsers at a time: three
 * gained nothing measurable, 343 s against 348). Measured here: 346 s with the unit tests at normal priority, 323 s so
 * (they ended at 283 s). Left to `npm run test:deep`, which CI runs after this: the end-to-end tests of crashes and of
 * what stays on disk, and the switch tests that repeat this tier's scanning in more tools (tagged @deep, tests/tier.ts),
 * and the WebKit tier (its quick journey is part of the deep one). With the first of them this took 381 s here.
 *
 * A failed build skips the browsers. Everything else always finishes, so one run reports every failure. Each script's
 * output, but the end-to-end specs' (printed as they go), is printed whole once the browsers are done, so it never breaks
 * into their list; a line says when each script ends.
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

interface Options {
	/** Added to the script's own arguments. */
	args?: string[];
	/** At the lowest priority (nice 19): it gets only the CPU the others leave. */
	background?: boolean;
	/** The output is printed as it comes, not afterwards. */
	live?: boolean;
	env?: Record<string, string>;
}

function run(script: string, { args = [], background = false, live = false, env = {} }: Options = {}): Promise<Result> {
	const started = Date.now();
	const npm = ['npm', 'run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])];
	const [command, ...rest] = background ? ['nice', '-n', '19', ...npm] : npm;
	return new Promise((resolve) => {
		const child = spawn(command!, rest, {
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
const checks = [
	run('lint:code', { background: true, env: { LINT_TYPES: 'off' } }),
	run('lint:format', { background: true }),
	run('check', { background: true })
];
const results: Result[] = [];

const unit = run('test:unit', { background: true });
const build = await run('build');
results.push(build);
process.stdout.write(build.output);
if (build.passed) results.push(await run('test:e2e', { live: true, args: ['--grep-invert', '@deep'] }));
else console.error('\nThe end-to-end tests are skipped: the build failed.');
const unitResult = await unit;
results.push(unitResult);
process.stdout.write(`\n── npm run test:unit said: ──\n`);
process.stdout.write(unitResult.output);

for (const result of await Promise.all(checks)) {
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
