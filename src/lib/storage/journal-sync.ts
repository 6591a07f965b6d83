import { journal } from '#lib/journal/client.ts';
import { grown } from '#lib/journal/compaction.ts';
import type { TableState } from '#lib/journal/replay.ts';
import type { VerifyCursor } from '#lib/journal/verify.ts';
import type { VaultRecord } from '#lib/vault/keys.ts';
import { isSealedPayload } from '#lib/vault/payload.ts';
import { DATABASE_NAME, getStore, openStore, type StoreTables } from './db.ts';
import { eraseEverything } from './erase.ts';
import { backgroundTransaction } from './saves-first.ts';
import { storageWasEvicted } from './eviction.ts';
import { SEALED_TABLES } from './sealing.ts';
import type { TypedTx } from './idb/database.ts';

/*
 * The database and its journal are compared at every start. Whichever holds more committed
 * transactions is copied over the other: after a crash that cost the database (Chromium deletes a
 * database it finds torn), the journal brings it back; a journal that missed a write, or that still
 * holds records deleted since, is written afresh from the database, in the background from the start on.
 */

/** What the journal mirrors: the sealed tables, the tablet's key and the citizens' keys kept in IndexedDB. */
const JOURNALED_TABLES = [...SEALED_TABLES, 'vault', 'citizenKeys'] as const;

/** The number of the last committed transaction. */
async function lastCommit(tx: TypedTx<StoreTables>): Promise<number> {
	return (await tx.commits.orderBy('seq').last())?.seq ?? 0;
}

/** Records read per step of a rewrite, each step in its own short transaction; about the migration pass's task size. */
const STEP_RECORDS = 50;

/**
 * The next step of a rewrite waits until the page has nothing more urgent: at background priority where the browser has
 * it (scheduler.yield, as the migration pass uses, would run the steps ahead of the page's own tasks), else a new task.
 */
function inBackground(): Promise<void> {
	return 'scheduler' in globalThis
		? scheduler.postTask(() => undefined, { priority: 'background' })
		: new Promise((resolve) => setTimeout(resolve, 0));
}

/** The name of the user-timing measure of one rewrite of the journal (bench/scenarios/years.ts reads it by this name). */
const SNAPSHOT_MEASURE = 'billedtale:journal-snapshot';

/**
 * Writes the journal afresh from the database: every sealed record, the tablet's key and the citizens' keys (records
 * not yet sealed stay out). Read in short transactions, each when the page has nothing more urgent, and written in steps while
 * writes go on being appended to the old file; the new file becomes the journal in one step at the end (store.ts).
 * Records read at different counts are consistent: each step reads after `baseSeq`, and every commit after it is replayed
 * over the snapshot in order.
 */
export async function rewriteJournal(): Promise<void> {
	// One small entry per rewrite, so `npm run bench` can time the snapshot of a tablet used for years.
	const start = performance.now();
	const build = await journal.beginSnapshot();
	const baseSeq = await getStore().transaction('r', ['commits'], lastCommit);
	for (const name of JOURNALED_TABLES) {
		for (let after: string | undefined; ;) {
			await inBackground();
			// A step's read holds its table until the page has taken its records: an answer being saved goes first.
			const values = await backgroundTransaction('r', [name], (tx) => {
				const table = tx.table<{ id: string; payload?: unknown }>(name);
				return (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(STEP_RECORDS).toArray();
			});
			const kept = name === 'vault' || name === 'citizenKeys' ? values : values.filter((value) => isSealedPayload(value.payload));
			if (kept.length > 0)
				await journal.addToSnapshot(
					build,
					kept.map((value) => ({ table: name, value }))
				);
			if (values.length < STEP_RECORDS) break;
			after = values.at(-1)!.id;
		}
	}
	await journal.finishSnapshot(build, baseSeq);
	performance.measure(SNAPSHOT_MEASURE, { start });
}

/**
 * Checks the frames the start took on trust from the journal's checkpoint (store.ts), once the first screen has had the
 * page, a step at a time at background priority; a damaged journal is written afresh from the database.
 */
async function verifyJournal(): Promise<void> {
	await journal.afterStart();
	for (let from: VerifyCursor | undefined; ;) {
		await inBackground();
		const { next, damaged } = await journal.verify(from);
		if (damaged) return journal.catchUp();
		if (!next) return;
		from = next;
	}
}

/** Written without journaling: these records come from the journal. */
async function restoreDatabase(state: TableState, seq: number): Promise<void> {
	const raw = openStore(DATABASE_NAME, { journaled: false });
	try {
		await raw.transaction('rw', [...JOURNALED_TABLES, 'commits'], async (tx) => {
			for (const table of JOURNALED_TABLES) {
				await tx.table(table).clear();
				await tx.table(table).bulkPut([...(state.get(table)?.values() ?? [])]);
			}
			// Numbering goes on from the journal's last transaction.
			await tx.commits.clear();
			await tx.commits.put({ seq });
		});
	} finally {
		raw.close();
	}
}

/**
 * `evicted`: the browser cleared the database and the journal alike (storage pressure). `restoredPartly`: the database was
 * lost and brought back from a damaged journal, as much of it as could be read.
 */
export type StorageStart = 'ready' | 'restored' | 'restoredPartly' | 'evicted';

/** Settles once the start has tried the journal; until then whether it runs is not known. */
let journalTried: Promise<unknown> = Promise.resolve();

/**
 * What guards against a crash on this tablet: the journal as well as the database, or the database
 * alone (no private file system for workers, or the journal's files could not be opened).
 */
export async function crashProtection(): Promise<'journal' | 'database-only'> {
	await journalTried;
	return journal.supported() ? 'journal' : 'database-only';
}

/** Runs once at start; a tablet without a key in its database waits for it before choosing its first screen. */
export async function reconcileStorage(): Promise<StorageStart> {
	const compared = compareWithJournal();
	journalTried = compared.catch(() => undefined);
	const outcome = await compared;
	return outcome === 'ready' && (await storageWasEvicted()) ? 'evicted' : outcome;
}

async function compareWithJournal(): Promise<'ready' | 'restored' | 'restoredPartly'> {
	if (!journal.supported()) return 'ready';
	const [summary, [vault, seq]] = await Promise.all([
		journal.inspect().catch((error: unknown) => {
			console.warn('Billedtale: the journal could not be opened; writing to IndexedDB only', error);
			journal.disable();
			return undefined;
		}),
		getStore().transaction('r', ['vault', 'commits'], (tx) => Promise.all([tx.vault.get('vault'), lastCommit(tx)]))
	]);
	if (!summary) return 'ready';
	journal.rewrite = rewriteJournal;
	if (summary.erasing) {
		await eraseEverything();
		return 'ready';
	}
	const journalVault = summary.vault as VaultRecord | undefined;
	/** Whether a journal (its tablet key, its last commit) holds what the database lacks: the database lost it in a crash. */
	const databaseBehind = (key: VaultRecord | undefined, maxSeq: number) => !!key && (!vault || (vault.keyId === key.keyId && seq < maxSeq));
	// A damaged journal replaces no database that still holds its key: the database keeps what it has. One that lost it all
	// (the key too) has nothing to keep, and gets back what the journal can give.
	if ((summary.usable || !vault) && databaseBehind(journalVault, summary.maxSeq)) {
		// The summary took the frames before the checkpoint on trust; the read checks every one, and reads on past a damaged one.
		// Only a journal still ahead once read through replaces the database: a damaged commit in the middle once cut the
		// read short, and the restore then emptied a database that was behind by a single commit.
		const { state, maxSeq, usable } = await journal.read();
		if ((usable || !vault) && databaseBehind(state.get('vault')?.get('vault') as VaultRecord | undefined, maxSeq)) {
			await restoreDatabase(state, maxSeq);
			if (usable) return 'restored';
			// What a damaged frame held is missing, so the page must not say that everything came back; and the journal, which
			// takes no more appends, is written afresh from what was restored before the next write is "Gemt".
			journal.catchUp();
			return 'restoredPartly';
		}
	}
	const journalBehind = !summary.usable || !summary.contiguous || seq !== summary.maxSeq || vault?.keyId !== journalVault?.keyId;
	// The start does not wait for it (on a tablet used for years a rewrite takes seconds), but the journal catches up at once
	// and the next "Gemt" waits for it: until then a crash that cost the database would lose what only the database holds.
	if (journalBehind || summary.holdsDeleted) journal.catchUp();
	// A grown journal holds every write: compacting it waits until the first screen has had the page. One left grown (a
	// migration pass's rewrites, a page closed before its compaction ended) would otherwise wait for a write to notice it.
	else if (grown(summary)) journal.rewriteLater();
	// Needless when a rewrite is due: the new file is written from the database (checked beside it, the rewrite took longer).
	else if (summary.unverified)
		void verifyJournal().catch((error: unknown) => console.warn('Billedtale: the journal could not be checked', error));
	// Only the last number is needed; the rows before it go.
	await getStore().transaction('rw', ['commits'], (tx) => tx.commits.where('seq').below(seq).delete());
	return 'ready';
}
