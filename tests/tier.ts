/*
 * How hard the stress tests push, read from TEST_TIER in this one place. `npm test` (quick) runs the unit fuzz tests
 * with short runs, so the whole suite stays under six minutes on a two-core machine; `npm run test:deep`
 * (TEST_TIER=deep) runs the full figures. A misspelt tier fails instead of silently running the quick one.
 */

const tier = process.env.TEST_TIER ?? 'quick';
if (tier !== 'quick' && tier !== 'deep') throw new Error(`TEST_TIER must be "quick" or "deep", not "${tier}"`);

export const TEST_TIER: 'quick' | 'deep' = tier;

/**
 * The end-to-end tests of crashes and of what stays on disk: a Chromium of their own killed in the middle of writes or
 * its profile's files scanned (the durability, at-rest and deleted-data specs), the database taken away as after a crash
 * (the journal and journal-catch-up specs). And the switch tests that repeat the quick tier's scanning in more tools and
 * in what was met in real use (access.spec: two groups). Run by `npm run test:deep` (and by `npm run test:e2e`), not by
 * `npm test`, which they would take over six minutes (the crash and disk specs were an eighth of the browsers' time).
 * Given as a test's or a group's details: `test(title, DEEP, body)`, `test.describe(title, DEEP, body)`.
 */
export const DEEP = { tag: '@deep' };

/** Browser kills, and page closes, in the middle of writes (tests/e2e/durability.spec.ts). */
export const FAULT_RUNS = TEST_TIER === 'deep' ? 50 : 2;

/** Mutated files per format for the backup, .obf and .obz fuzz tests, with a fixed seed so a failure replays. */
export const FUZZ_RUNS = TEST_TIER === 'deep' ? 10_000 : 1_000;

/** Answers given for each citizen before one of them is deleted and the profile is scanned (tests/e2e/deleted-data.spec.ts). */
export const DELETION_ANSWERS = TEST_TIER === 'deep' ? 30 : 3;
