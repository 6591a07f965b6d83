import { backgroundTransaction } from './saves-first.ts';

/*
 * Every read-write transaction adds a row to the `commits` table (journaling.ts), and only the last one is ever read
 * (its number, to compare with the journal's). The start removes the others; a tablet left running all day added a
 * row per answer until then. Once this many have come since the last clean-up, the older ones go, in a background
 * transaction: it waits for the saves under way and gives way to a new one, as the table is in every save's scope.
 */
export const COMMIT_ROWS_KEPT = 500;

let cleanedBelow = 0;
let cleaning: Promise<void> | undefined;

/** Told of each transaction's number as it commits; removes the rows before it when enough have come. */
export function commitCounted(seq: number): void {
	// A database deleted and made anew ("Slet alt", tests) numbers from 1 again.
	if (seq < cleanedBelow) cleanedBelow = 0;
	if (cleaning || seq - cleanedBelow < COMMIT_ROWS_KEPT) return;
	cleaning = backgroundTransaction('rw', ['commits'], (tx) => tx.commits.where('seq').below(seq).delete())
		.then(
			() => void (cleanedBelow = seq),
			(error: unknown) => console.warn('Billedtale: old commit numbers could not be removed', error)
		)
		.finally(() => (cleaning = undefined));
}

/** Resolves once a clean-up under way has ended (tests). */
export function commitRowsCleaned(): Promise<void> {
	return cleaning ?? Promise.resolve();
}
