/**
 * The time a slow unit test (PDFs, eSpeak NG, hundreds of transactions, big imports) may take. Under `npm test`
 * (tests/all.ts) the unit tests run at the lowest priority beside two browsers and get only the CPU those leave, so a
 * test that takes 5 s alone can take a minute there; a test's own shorter timeout would undo this one.
 */
export const SLOW_TEST_MS = 120_000;
