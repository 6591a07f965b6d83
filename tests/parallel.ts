/*
 * Runs npm scripts side by side and fails if any fails: `npm test` runs the static checks, the unit tests and the build
 * this way.
 * ESLint, Prettier and svelte-check mostly use one core each, so on a two-core machine they finish in about the time
 * of the longest instead of the sum. Each script's output is printed whole when it ends, so the logs do not interleave.
 * SvelteKit's generated files are written once first; the scripts' own `svelte-kit sync` (and the build's) then find them
 * unchanged, so no script sees them rewritten under it.
 */
import { spawn, spawnSync } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) throw new Error('usage: node tests/parallel.ts <npm script> …');

const sync = spawnSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);

function run(script: string): Promise<boolean> {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
		const output: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
		child.on('close', (code) => {
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			process.stdout.write(`\n── npm run ${script}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s ──\n`);
			process.stdout.write(Buffer.concat(output));
			resolve(code === 0);
		});
	});
}

const results = await Promise.all(scripts.map(run));
const failed = scripts.filter((_, i) => !results[i]);
if (failed.length > 0) {
	console.error(`\nFailed: ${failed.join(', ')}`);
	process.exit(1);
}
