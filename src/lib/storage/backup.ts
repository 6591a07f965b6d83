import { ValidationError } from '#lib/domain/validation.ts';
import { journal } from '#lib/journal/client.ts';
import { packRecords, unpackRecords } from '#lib/encoding/packed-records.ts';
import { PictureRefused, reencodePicture } from '#lib/encoding/reencode.ts';
import { getStore } from './db.ts';
import { guardedWrite } from './errors.ts';
import { rememberWhetherCitizensExist } from './eviction.ts';
import { BackupCheck, BackupSelection, parseRecords, type BackupContent, type UncheckedBackup } from './backup-check.ts';
import type { RecordsByTable } from './records.ts';
import { versionedPayload } from './registry.ts';
import { citizenOf, openRecords, sealRecords, type Stored } from './sealing.ts';
import { inRestoreTurn, writeRestore } from './restoring.ts';
import { OWNED_TABLES, SEALED_TABLES, type SealedTable } from './tables.ts';

export { checkedContent, restoreContent } from './backup-check.ts';
export type { BackupContent, UncheckedBackup };

/** Some records of one table: what one chunk of a backup file holds. */
export type BackupGroup = { [T in SealedTable]: { table: T; records: RecordsByTable[T][] } }[SealedTable];

/** A backup as it is written: its groups are produced one at a time, so no more than one is open at once. */
export interface BackupSource {
	createdAt: number;
	groups: AsyncIterable<BackupGroup> | Iterable<BackupGroup>;
}

/**
 * Records per group. Answers, meetings and boards are at most a few kB each, so a group stays around 1 MB
 * of plaintext; a media record (up to 20 MB) is a group of its own, so a file's chunks follow its media.
 */
const RECORDS_PER_GROUP = 200;
const groupSize = (table: SealedTable) => (table === 'media' ? 1 : RECORDS_PER_GROUP);

function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
	for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}

/** A backup already held whole (tests, a checked copy) as the groups a file is written from. */
export function* groupsOfContent(content: BackupContent): Generator<BackupGroup> {
	for (const name of SEALED_TABLES) {
		for (const records of batches(content[name] as unknown[], groupSize(name))) {
			yield { table: name, records } as BackupGroup;
		}
	}
}

async function opened<T extends SealedTable>(name: T, stored: Stored<RecordsByTable[T]>[]): Promise<RecordsByTable[T][]> {
	// A backup passes over every record once: kept opened, years of answers (up to 10,000 per citizen) stayed in the heap.
	const records = await openRecords(name, stored, { remember: false });
	return records.map((record) => ({ ...record, payload: versionedPayload(name, record.payload) }));
}

/**
 * Every record of the given citizens (all citizens when none are named), group by group. Every record but
 * the media is read in one transaction, so a write in another tab lands wholly before or wholly after the
 * snapshot; they are opened after it (a crypto await inside would end the transaction early). The snapshot
 * leaves the transaction packed into a Blob per group as the cursor passes (packed-records.ts): held as
 * records, years of answers made the backup's peak heap grow with the tablet's history (issue 17: 138 MB
 * for 72,000 answers). The media, which are most of the bytes, are only listed there and then read one at a
 * time. A media record is written once and never changed; one deleted meanwhile (its last use removed) is
 * left out, as if it had been deleted before the snapshot. A record that cannot be opened (damaged) is left out,
 * with what a restore would refuse without it (BackupSelection), and counted by `leaveOut`: once, a file written so
 * could not be restored at all, for any of its citizens.
 */
async function* backupGroups(citizenIds: string[] | undefined, leaveOut: (count: number) => void): AsyncGenerator<BackupGroup> {
	const { pages, mediaIds } = await getStore().transaction('r', [...SEALED_TABLES], async (tx) => {
		const ids = citizenIds ?? (await tx.citizens.orderBy(':id').primaryKeys());
		const citizens = (await tx.citizens.bulkGet(ids)).filter((record) => record !== undefined);
		const pages: { table: Exclude<SealedTable, 'media'>; packed: Blob }[] = [];
		for (const batch of batches(citizens, RECORDS_PER_GROUP)) pages.push({ table: 'citizens', packed: packRecords(batch) });
		for (const name of OWNED_TABLES) {
			if (name === 'media') continue;
			let page: unknown[] = [];
			await tx
				.table(name)
				.where('citizenId')
				.anyOf(ids)
				.each((record) => {
					page.push(record);
					if (page.length < RECORDS_PER_GROUP) return;
					pages.push({ table: name, packed: packRecords(page) });
					page = [];
				});
			if (page.length > 0) pages.push({ table: name, packed: packRecords(page) });
		}
		return { pages, mediaIds: await tx.media.where('citizenId').anyOf(ids).primaryKeys() };
	});
	const selection = new BackupSelection();
	let boards: RecordsByTable['boards'][] = [];
	function* keptBoards(): Generator<BackupGroup> {
		const kept = selection.keepBoards(boards);
		leaveOut(boards.length - kept.length);
		boards = [];
		for (const records of batches(kept, RECORDS_PER_GROUP)) yield { table: 'boards', records };
	}
	// Each page is let go once read, so the browser can drop its bytes.
	for (let page = pages.shift(); page; page = pages.shift()) {
		const { table: name, packed } = page;
		const stored = unpackRecords(await packed.arrayBuffer()) as Stored<RecordsByTable[typeof name]>[];
		const records = await opened(name, stored);
		leaveOut(stored.length - records.length);
		if (name === 'boards') {
			// A board set is checked whole: the boards, a few kB each, are held until the last of them is opened.
			boards.push(...(records as RecordsByTable['boards'][]));
			if (pages[0]?.table !== 'boards') yield* keptBoards();
			continue;
		}
		const kept = selection.keep(name, records as RecordsByTable[typeof name][]);
		leaveOut(records.length - kept.length);
		if (kept.length > 0) yield { table: name, records: kept } as BackupGroup;
	}
	for (const id of mediaIds) {
		const record = await getStore().transaction('r', ['media'], (tx) => tx.media.get(id));
		if (!record) continue;
		const media = selection.keep('media', await opened('media', [record]));
		leaveOut(1 - media.length);
		if (media.length > 0) yield { table: 'media', records: media };
	}
}

/** A backup as it is written from this tablet. */
export interface BackupStream extends BackupSource {
	/**
	 * How many records the backup left out: those it could not read (damaged) and those a restore would refuse without
	 * them (BackupSelection). Final once every group has been read.
	 */
	leftOut(): number;
}

/** What a backup file of the given citizens is written from (all citizens when none are named). */
export function streamBackup(citizenIds?: string[], now = Date.now()): BackupStream {
	let leftOut = 0;
	const groups = backupGroups(citizenIds, (count) => (leftOut += count));
	return { createdAt: now, groups, leftOut: () => leftOut };
}

/** Every record of the given citizens at once, for checks that look at them all. */
export async function collectBackup(citizenIds?: string[], now = Date.now()): Promise<BackupContent> {
	const content = { createdAt: now, ...Object.fromEntries(SEALED_TABLES.map((name) => [name, []])) } as unknown as BackupContent;
	for await (const group of streamBackup(citizenIds, now).groups) (content[group.table] as unknown[]).push(...group.records);
	return content;
}

/** A restore writes its sealed records a batch per transaction: this many at most, or about this many bytes of them. */
const WRITE_BATCH_RECORDS = RECORDS_PER_GROUP;
const WRITE_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Adds a backup's citizens, sealed with this tablet's key. A citizen already on this tablet is left exactly as it is,
 * with none of the backup's records for it, so a restore never overwrites newer work. A file is read twice, a group at a
 * time. The first read checks every record, re-encodes every picture and looks for ids the tablet holds already, so a
 * refused file has written nothing (not even a restored citizen's key, which sealing creates). The second seals and
 * writes, a batch per transaction and the citizens last, so the page holds one batch at a time, not the whole file
 * sealed (issue 17); a restore that fails or is cut short is taken back (restoring.ts).
 */
export function restoreBackup(
	backup: BackupContent | UncheckedBackup
): Promise<{ added: number; skipped: number; droppedPictures: number }> {
	const source = 'groups' in backup ? backup : contentAsBackup(backup);
	return inRestoreTurn(async () => {
		const onTablet = new Set(await getStore().transaction('r', ['citizens'], (tx) => tx.citizens.orderBy(':id').primaryKeys()));
		const check = new BackupCheck();
		const pictures = new Map<string, Blob | undefined>();
		const inFile: string[] = [];
		let dropped = 0;
		let collides = false;
		for await (const group of source.groups()) {
			const records = check.add(group.table, group.records);
			// A new record whose id the tablet already holds (for another citizen) is a broken or forged file, not a full disk.
			collides ||= await anyStored(
				group.table,
				records.filter((record) => !onTablet.has(citizenOf(group.table, record))).map((record) => record.id)
			);
			if (group.table === 'citizens') inFile.push(...records.map((citizen) => citizen.id));
			for (const [id, picture] of picturesOf({ table: group.table, records } as BackupGroup)) {
				const kept = await reencode(picture);
				if (!kept) dropped++;
				pictures.set(id, kept);
			}
		}
		check.finish();
		if (collides) throw new ValidationError('backup.idCollision');
		const adding = inFile.filter((id) => !onTablet.has(id));
		if (adding.length > 0) {
			const written = writeRestore(adding, () => writeRestored(source, pictures, new Set(adding)));
			journal.compactAfter(written);
			await written;
		}
		await rememberWhetherCitizensExist();
		return { added: adding.length, skipped: inFile.length - adding.length, droppedPictures: dropped };
	});
}

async function anyStored(name: SealedTable, ids: string[]): Promise<boolean> {
	return ids.length > 0 && (await getStore().transaction('r', [name], (tx) => tx.table(name).where(':id').anyOf(ids).count())) > 0;
}

/** The second read of a restore: the records of the citizens it adds, sealed and written a batch at a time, the citizens last. */
async function writeRestored(source: UncheckedBackup, pictures: ReadonlyMap<string, Blob | undefined>, adding: ReadonlySet<string>) {
	const citizens: Stored<RecordsByTable['citizens']>[] = [];
	let batch: { table: SealedTable; records: Stored<RecordsByTable[SealedTable]>[] }[] = [];
	let held = { records: 0, bytes: 0 };
	// The next batch is sealed while the one before is written (and journaled): two at most are held.
	let writing: Promise<void> = Promise.resolve();
	const write = async () => {
		const writes = batch;
		batch = [];
		held = { records: 0, bytes: 0 };
		await writing;
		// Each write waits for the journal too (guardedWrite), so its copies do not pile up behind the restore either.
		writing = guardedWrite(() =>
			getStore().transaction('rw', [...new Set(writes.map((w) => w.table))], async (tx) => {
				for (const { table: name, records } of writes) await tx.table(name).bulkAdd(records);
			})
		);
		// Heard of at the next write or at the end; meanwhile not an unhandled rejection.
		writing.catch(() => undefined);
	};
	for await (const group of source.groups()) {
		const parsed = { table: group.table, records: parseRecords(group.table, group.records) } as BackupGroup;
		const records = (withPictures(parsed, pictures) as Array<RecordsByTable[SealedTable]>).filter((record) =>
			adding.has(citizenOf(group.table, record))
		);
		if (records.length === 0) continue;
		const sealed = await sealRecords(group.table, records as RecordsByTable[typeof group.table][]);
		if (group.table === 'citizens') {
			citizens.push(...(sealed as Stored<RecordsByTable['citizens']>[]));
			continue;
		}
		batch.push({ table: group.table, records: sealed });
		held = { records: held.records + sealed.length, bytes: sealed.reduce((sum, record) => sum + record.payload.ct.byteLength, held.bytes) };
		if (held.records >= WRITE_BATCH_RECORDS || held.bytes >= WRITE_BATCH_BYTES) await write();
	}
	if (batch.length > 0) await write();
	await writing;
	// Until this commits, nothing written belongs to a citizen the app shows or backs up.
	await guardedWrite(() => getStore().transaction('rw', ['citizens'], (tx) => tx.citizens.bulkAdd(citizens)));
}

/** A backup held whole, read as a file is: group by group, as often as asked. */
function contentAsBackup(content: BackupContent): UncheckedBackup {
	return { createdAt: content.createdAt, groups: () => groupsOfContent(content) };
}

/**
 * Pictures come from outside like an imported board's, and are decoded and re-encoded on this tablet the
 * same way (encoding/reencode.ts). One that is not an allowed raster picture, or declares or decodes to
 * more pixels than a tablet can hold, can only come from a forged file: the whole restore is refused.
 * One that is cut off or otherwise cannot be decoded shows nothing anyway: it is left out (undefined).
 */
async function reencode(picture: Blob): Promise<Blob | undefined> {
	try {
		return (await reencodePicture(picture)).blob;
	} catch (error) {
		if (!(error instanceof PictureRefused)) throw error;
		if (error.refusal !== 'undecodable') throw new ValidationError('backup.badPicture', { cause: error });
		return undefined;
	}
}

/** The pictures of a group, by the id of the record that holds them: citizens' photos and image media. */
function* picturesOf(group: BackupGroup): Generator<[string, Blob]> {
	if (group.table === 'citizens') {
		for (const citizen of group.records) if (citizen.payload.photo) yield [citizen.id, citizen.payload.photo];
	} else if (group.table === 'media') {
		for (const item of group.records) if (item.payload.kind === 'image') yield [item.id, item.payload.blob];
	}
}

/** A group's records with their pictures as this tablet re-encoded them; a copy, the records read are not changed. */
function withPictures(group: BackupGroup, pictures: ReadonlyMap<string, Blob | undefined>): BackupGroup['records'] {
	if (group.table === 'citizens') {
		return group.records.map((citizen) => {
			const { photo, ...payload } = citizen.payload;
			const kept = photo && pictures.get(citizen.id);
			return { ...citizen, payload: kept ? { ...payload, photo: kept } : payload };
		});
	}
	if (group.table === 'media') {
		return group.records.flatMap((item) => {
			if (item.payload.kind !== 'image') return [item];
			const blob = pictures.get(item.id);
			return blob ? [{ ...item, payload: { ...item.payload, mimeType: blob.type, blob } }] : [];
		});
	}
	return group.records;
}
