// The bench's command line: options, their defaults (smaller in --quick) and the settings every scenario reads.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = dirname(fileURLToPath(import.meta.url));

const HELP = `Usage: node bench/run.ts [--build DIR] [--runs N] [--quick] [--soak-minutes M] [--only IDS] [--trace PREFIX [--trace-light]] [--out FILE] [--fail-on-missed]

  --build DIR        static build to measure (default: ./build)
  --runs N           measured runs per metric, after warm-up (default 5; --quick: 1)
  --warmup N         discarded warm-up runs (default 1; --quick: 0)
  --quick            smoke mode: 1 run, no warm-up, 200 saves, a 0.2-minute soak (aim: under 90 s)
  --soak-minutes M   length of the scripted-meeting memory soak (default 2; --quick: 0.2; the full brief: 30)
  --trace PREFIX     write a Chrome trace (timeline + JS samples) of each board-switch row to PREFIX-<size>.json, of
                     the speech taps to PREFIX-speak.json, of the real-save taps to PREFIX-save.json, of open1000 to
                     PREFIX-open1000.json, of the first start (navigation → setup screen) to PREFIX-setup.json and of
                     the cold load of / (navigation → passphrase screen settled) to PREFIX-home.json
  --trace-light      with --trace: the timeline and task times without the JS samples, whose overhead (~45 % more time at 4×
                     CPU) shifts what a trace shows; for the main thread's CPU per phase (compare two builds)
  --out FILE         where to write the JSON (default: bench/results.json)
  --fail-on-missed   exit with status 1 when a budget is MISSED (default: only on errors)
  --years-scales S   the years-of-use fixture's scales, one or two, comma-separated (default 1,10; --quick: 0.1,1); with
                     one scale (e.g. 10, to look at the large tablet alone) the years rows show it and no growth
  --only IDS         measure only the rows whose id starts with one of these (comma-separated, e.g. open1000,home.,save.real)
                     and the scenarios they need; the others report "n/a (not measured)" (a noisy shared machine)
`;

export const { values: argv } = parseArgs({
	options: {
		build: { type: 'string', default: 'build' },
		runs: { type: 'string' },
		warmup: { type: 'string' },
		quick: { type: 'boolean', default: false },
		'soak-minutes': { type: 'string' },
		trace: { type: 'string' },
		'trace-light': { type: 'boolean', default: false },
		out: { type: 'string' },
		'fail-on-missed': { type: 'boolean', default: false },
		only: { type: 'string' },
		'years-scales': { type: 'string' },
		help: { type: 'boolean', short: 'h', default: false }
	}
});
if (argv.help) {
	process.stdout.write(HELP);
	process.exit(0);
}

function positiveNumber(value: string, name: string, { integer = false, allowZero = false } = {}): number {
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0) || (integer && !Number.isInteger(n))) {
		console.error(`--${name} must be a ${integer ? 'whole' : ''} number${allowZero ? ' ≥ 0' : ' > 0'}, got ${value}`);
		process.exit(2);
	}
	return n;
}

export const QUICK = argv.quick;

function yearsScales(value: string | undefined): readonly number[] {
	if (value === undefined) return QUICK ? [0.1, 1] : [1, 10];
	const scales = value.split(',').map((s) => positiveNumber(s.trim(), 'years-scales'));
	if (scales.length > 2 || (scales.length === 2 && scales[0]! >= scales[1]!)) {
		console.error(`--years-scales takes one scale or two in rising order (e.g. 1,10), got ${value}`);
		process.exit(2);
	}
	return scales;
}
const ONLY = argv.only
	? argv.only
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean)
	: undefined;
/** Whether a row is measured in this bench (all of them unless --only narrows it). */
export const wanted = (id: string): boolean => ONLY === undefined || ONLY.some((prefix) => id.startsWith(prefix));
// `npm run bench` runs in the package root; relative paths are taken from where the command was typed.
const CALLER_CWD = process.env.INIT_CWD ?? process.cwd();
export const CONFIG = {
	buildDir: resolve(CALLER_CWD, argv.build),
	runs: argv.runs !== undefined ? positiveNumber(argv.runs, 'runs', { integer: true }) : QUICK ? 1 : 5,
	warmups: argv.warmup !== undefined ? positiveNumber(argv.warmup, 'warmup', { integer: true, allowZero: true }) : QUICK ? 0 : 1,
	soakMinutes:
		argv['soak-minutes'] !== undefined ? positiveNumber(argv['soak-minutes'], 'soak-minutes', { allowZero: true }) : QUICK ? 0.2 : 2,
	out: argv.out ? resolve(CALLER_CWD, argv.out) : join(HERE, 'results.json'),
	// On a shared machine one row can be measured without the minutes the others take.
	trace: argv.trace ? resolve(CALLER_CWD, argv.trace) : undefined,
	traceLight: argv['trace-light'],
	tapsPerRun: 20,
	speechTaps: QUICK ? 8 : 20,
	switchesPerRun: QUICK ? 5 : 10,
	tapGapMs: 120,
	realSaves: QUICK ? 10 : 20,
	themeOpens: QUICK ? 2 : 5,
	themeMoves: QUICK ? 4 : 10,
	storyDragSteps: 30,
	rawSavesPerRun: QUICK ? 50 : 200,
	bigAnswers: 1000,
	// The years-of-use fixture at two scales (issue 17): its rows show 1×, their growth rows the cost at the larger scale
	// over the smaller. The full bench compares 1× with 10×; --quick 0.1× with 1×, so that it stays a smoke check.
	yearsScales: yearsScales(argv['years-scales']),
	cpuThrottle: 4,
	settleAfterLoadMs: 2000
};
