import { aboutFoundComplete, aboutWritesMark } from './about-index.ts';
import { getStore } from './db.ts';
import { MAX_KEY, MIN_KEY, type Query, type Table, type Tx } from './idb/database.ts';
import { guardedWrite } from './errors.ts';
import type { RecordsByTable } from './records.ts';
import { ABOUT_TABLES, DamagedRecordError, REGISTRY } from './registry.ts';
import { isOutdated, openRecord, sealRecord, unchangedSince, type Stored } from './sealing.ts';
import { SEALED_TABLES, type SealedTable } from './tables.ts';
import { requireDataKey } from '#lib/vault/session.ts';
import { takeBackCutShortRestore } from './restoring.ts';
import { afterAnswering, backgroundTransaction } from './saves-first.ts';
import { yieldToPage } from './yield-to-page.ts';

/*
 * The migration pass: after unlock, records written with an older payload version are opened,
 * upgraded by the registry's named steps and written back sealed, a batch per transaction. Reads
 * upgrade in memory anyway, so the app works before the pass has run; the pass makes the stored
 * records, the journal (it mirrors every write) and later backups hold today's shapes.
 *
 * It runs right after unlock, while the citizen may already tap. A batch's read and write clone every record on the
 * page's thread in one go: batches of 100 made tasks of 10–33 ms at 4× CPU that held a tap back by up to 93 ms (issue
 * 17). So batches are small, and the page gets its turn (input, a frame) before each one; an answer being saved goes
 * before a batch's transactions and aborts them (saves-first.ts).
 */

const BATCH = 10;

export interface MigrationReport {
	upgraded: number;
	damaged: number;
	/** Changed by another tab while being upgraded; the next pass takes them. */
	skipped: number;
}

/** A sealed table as read and written in `tx`. */
function table<T extends SealedTable>(tx: Tx, name: T) {
	return tx.table<Stored<RecordsByTable[T]>>(name);
}

async function upgradeBatch<T extends SealedTable>(name: T, batch: Stored<RecordsByTable[T]>[], report: MigrationReport): Promise<void> {
	const resealed: Stored<RecordsByTable[T]>[] = [];
	const read: Stored<RecordsByTable[T]>[] = [];
	for (const stored of batch) {
		// Not while answers are being saved: opening and sealing run on the page's thread too, between the save's own steps
		// (the profile of the real save: a batch's records sealed inside the answer's transaction, before its commit was heard),
		// and the batch's commit wakes the answer lists' live queries (saves-first.ts, afterAnswering).
		await afterAnswering();
		try {
			resealed.push(await sealRecord(name, await openRecord(name, stored)));
			read.push(stored);
		} catch (error) {
			if (!(error instanceof DamagedRecordError)) throw error;
			// Left as it is: a damaged record is reported where it is read, and never overwritten.
			report.damaged += 1;
		}
	}
	if (resealed.length === 0) return;
	const kept = await guardedWrite(() =>
		backgroundTransaction('rw', [name], async (tx) => {
			const now = await table(tx, name).bulkGet(read.map((r) => r.id));
			const unchanged = resealed.filter((_, i) => unchangedSince(read[i], now[i]));
			await table(tx, name).bulkPut(unchanged);
			return unchanged.length;
		})
	);
	// Counted once committed: a batch a save aborted is written again, and counted then.
	report.upgraded += kept;
	report.skipped += resealed.length - kept;
}

/** A batch's records as stored now, read in a transaction an answer being saved goes before. */
function readBatch<T extends SealedTable>(name: T, ids: IDBValidKey[]) {
	return backgroundTransaction('r', [name], (tx) => table(tx, name).bulkGet(ids));
}

/** The ids of the records `query` finds in a table, read in a transaction of their own. */
function idsOf(name: SealedTable, query: (table: Table<unknown>) => Query<unknown>): Promise<IDBValidKey[]> {
	return getStore().transaction('r', [name], (tx) => query(tx.table(name)).primaryKeys());
}

/**
 * Reseals every record still under the tablet key (written before citizen keys) under its citizen's key,
 * creating the key on the way. Resumable and idempotent: it only ever looks for records under the tablet
 * key, by index, and a record moves only when it is still the one read; a pass cut short is taken up by
 * the next unlock.
 */
async function resealUnderCitizenKeys(report: MigrationReport): Promise<void> {
	const tabletKeyId = requireDataKey().keyId;
	for (const name of SEALED_TABLES) {
		const underTabletKey = await idsOf(name, (table) => table.where('payload.keyId').equals(tabletKeyId));
		for (let i = 0; i < underTabletKey.length; i += BATCH) {
			await yieldToPage();
			const batch = (await readBatch(name, underTabletKey.slice(i, i + BATCH))).filter(
				(record): record is Stored<RecordsByTable[typeof name]> => record?.payload.keyId === tabletKeyId
			);
			await upgradeBatch(name, batch, report);
		}
	}
}

/**
 * Gives `about` (which tool an answer comes from, registry.ts) to every record written before it, by resealing it:
 * sealRecord sets the field. Such a record is in no `about` index, so a citizen whose records outnumber their entries
 * in `[citizenId+about]` has some; only those citizens' keys are compared, and only the records lacking it are opened.
 * Until a citizen is done, readers read all their answers (answers.ts), so nothing is missed meanwhile; once every
 * citizen is, the readers stop checking (about-index.ts).
 */
async function giveAbout(report: MigrationReport): Promise<void> {
	const since = aboutWritesMark();
	let complete = true;
	const citizenIds = await getStore().transaction('r', ['citizens'], (tx) => tx.citizens.orderBy(':id').primaryKeys());
	for (const name of ABOUT_TABLES) {
		for (const citizenId of citizenIds) {
			const all = (table: Table<unknown>) => table.where('citizenId').equals(citizenId);
			const indexed = (table: Table<unknown>) => table.where('[citizenId+about]').between([citizenId, MIN_KEY], [citizenId, MAX_KEY]);
			// Both counted in one transaction: a write between them cannot make them differ.
			const allIndexed = () =>
				getStore().transaction('r', [name], async (tx) => (await all(tx.table(name)).count()) === (await indexed(tx.table(name)).count()));
			if (await allIndexed()) continue;
			const known = new Set(await idsOf(name, indexed));
			const lacking = (await idsOf(name, all)).filter((id) => !known.has(id));
			for (let i = 0; i < lacking.length; i += BATCH) {
				await yieldToPage();
				const batch = (await readBatch(name, lacking.slice(i, i + BATCH))).filter(
					(record): record is Stored<RecordsByTable[typeof name]> => record !== undefined && record.about === undefined
				);
				await upgradeBatch(name, batch, report);
			}
			// A damaged record, or one another tab changed meanwhile, is still without it.
			if (!(await allIndexed())) complete = false;
		}
	}
	if (complete) aboutFoundComplete(since);
}

/**
 * Takes back a restore cut short (restoring.ts), then upgrades every stored record older than its table's payload
 * version, then moves what is left under the tablet key to its citizen's key, then gives `about` to records from before
 * it. Needs the unlocked tablet's key.
 */
export async function migrateRecords(): Promise<MigrationReport> {
	await takeBackCutShortRestore();
	const report: MigrationReport = { upgraded: 0, damaged: 0, skipped: 0 };
	for (const name of SEALED_TABLES) {
		if (REGISTRY[name].version === 1) continue;
		const outdated = await idsOf(name, (table) => table.where('v').below(REGISTRY[name].version));
		for (let i = 0; i < outdated.length; i += BATCH) {
			await yieldToPage();
			const batch = (await readBatch(name, outdated.slice(i, i + BATCH))).filter(
				(record): record is Stored<RecordsByTable[typeof name]> => record !== undefined && isOutdated(name, record)
			);
			await upgradeBatch(name, batch, report);
		}
	}
	await resealUnderCitizenKeys(report);
	await giveAbout(report);
	return report;
}
