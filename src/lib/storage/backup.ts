import type { Table } from 'dexie';
import { ValidationError } from '#lib/domain/validation.ts';
import { packRecords, unpackRecords } from '#lib/encoding/packed-records.ts';
import { PictureRefused, reencodePicture } from '#lib/encoding/reencode.ts';
import { getDb } from './db.ts';
import { guardedWrite } from './errors.ts';
import { rememberWhetherCitizensExist } from './eviction.ts';
import { BackupCheck, parseRecords, type BackupContent, type UncheckedBackup } from './backup-check.ts';
import type { RecordsByTable } from './records.ts';
import { versionedPayload } from './registry.ts';
import { openRecords, sealRecords, type Stored } from './sealing.ts';
import { OWNED_TABLES, SEALED_TABLES, type SealedTable } from './tables.ts';

export { checkedContent, restoreContent } from './backup-check.ts';
export type { BackupContent, UncheckedBackup };

type StoredTables = { [T in SealedTable]: Stored<RecordsByTable[T]>[] };

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

function table<T extends SealedTable>(name: T): Table<Stored<RecordsByTable[T]>, string> {
	return getDb().table(name);
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
 * left out, as if it had been deleted before the snapshot.
 */
async function* backupGroups(citizenIds: string[] | undefined): AsyncGenerator<BackupGroup> {
	const db = getDb();
	const { pages, mediaIds } = await db.transaction('r', [...SEALED_TABLES], async () => {
		const ids = citizenIds ?? (await table('citizens').toCollection().primaryKeys());
		const citizens = (await table('citizens').bulkGet(ids)).filter((record) => record !== undefined);
		const pages: { table: Exclude<SealedTable, 'media'>; packed: Blob }[] = [];
		for (const batch of batches(citizens, RECORDS_PER_GROUP)) pages.push({ table: 'citizens', packed: packRecords(batch) });
		for (const name of OWNED_TABLES) {
			if (name === 'media') continue;
			let page: unknown[] = [];
			await table(name)
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
		return { pages, mediaIds: await table('media').where('citizenId').anyOf(ids).primaryKeys() };
	});
	// Each page is let go once read, so the browser can drop its bytes.
	for (let page = pages.shift(); page; page = pages.shift()) {
		const { table: name, packed } = page;
		const stored = unpackRecords(await packed.arrayBuffer()) as Stored<RecordsByTable[typeof name]>[];
		yield { table: name, records: await opened(name, stored) } as BackupGroup;
	}
	for (const id of mediaIds) {
		const record = await table('media').get(id);
		const media = record ? await opened('media', [record]) : [];
		if (media.length > 0) yield { table: 'media', records: media };
	}
}

/** What a backup file of the given citizens is written from (all citizens when none are named). */
export function streamBackup(citizenIds?: string[], now = Date.now()): BackupSource {
	return { createdAt: now, groups: backupGroups(citizenIds) };
}

/** Every record of the given citizens at once, for checks that look at them all. */
export async function collectBackup(citizenIds?: string[], now = Date.now()): Promise<BackupContent> {
	const content = { createdAt: now, ...Object.fromEntries(SEALED_TABLES.map((name) => [name, []])) } as unknown as BackupContent;
	for await (const group of backupGroups(citizenIds)) (content[group.table] as unknown[]).push(...group.records);
	return content;
}

/**
 * Adds a backup's citizens in one transaction, sealed with this tablet's key. A citizen already on this
 * tablet is left exactly as it is, with none of the backup's records for it, so a restore never
 * overwrites newer work. A file is read twice, a group at a time: the first read checks every record and
 * re-encodes every picture, so a refused file has sealed nothing (sealing creates a restored citizen's
 * key); the second seals. Only the sealed records are held until the one transaction commits (its price:
 * an interrupted restore leaves nothing half added); the opened records never are all at once.
 */
export async function restoreBackup(
	backup: BackupContent | UncheckedBackup
): Promise<{ added: number; skipped: number; droppedPictures: number }> {
	const source = 'groups' in backup ? backup : contentAsBackup(backup);
	const check = new BackupCheck();
	const pictures = new Map<string, Blob | undefined>();
	let dropped = 0;
	for await (const group of source.groups()) {
		const records = check.add(group.table, group.records);
		for (const [id, picture] of picturesOf({ table: group.table, records } as BackupGroup)) {
			const kept = await reencode(picture);
			if (!kept) dropped++;
			pictures.set(id, kept);
		}
	}
	check.finish();
	const sealed = Object.fromEntries(SEALED_TABLES.map((name) => [name, []])) as unknown as StoredTables;
	for await (const group of source.groups()) {
		const records = withPictures({ table: group.table, records: parseRecords(group.table, group.records) } as BackupGroup, pictures);
		(sealed[group.table] as unknown[]).push(...(await sealRecords(group.table, records as RecordsByTable[typeof group.table][])));
	}
	const db = getDb();
	const result = await guardedWrite(() =>
		db.transaction('rw', [...SEALED_TABLES], async () => {
			const existing = new Set(
				await table('citizens')
					.where('id')
					.anyOf(sealed.citizens.map((c) => c.id))
					.primaryKeys()
			);
			const fresh = { citizens: sealed.citizens.filter((c) => !existing.has(c.id)) } as StoredTables;
			for (const name of OWNED_TABLES) {
				(fresh as Record<SealedTable, unknown>)[name] = (sealed[name] as Array<{ citizenId: string }>).filter(
					(r) => !existing.has(r.citizenId)
				);
			}
			// A new record whose id the tablet already holds (for another citizen) is a broken or forged file, not a full disk.
			for (const name of SEALED_TABLES) {
				const ids = (fresh[name] as Array<{ id: string }>).map((r) => r.id);
				if ((await db.table(name).where(':id').anyOf(ids).count()) > 0) throw new ValidationError('backup.idCollision');
			}
			for (const name of SEALED_TABLES) await db.table(name).bulkAdd(fresh[name]);
			return { added: fresh.citizens.length, skipped: existing.size, droppedPictures: dropped };
		})
	);
	await rememberWhetherCitizensExist();
	return result;
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
