import type { Table } from 'dexie';
import { validateBoardSet } from '#lib/domain/board.ts';
import { ValidationError } from '#lib/domain/validation.ts';
import { packRecords, unpackRecords } from '#lib/encoding/packed-records.ts';
import { PictureRefused, reencodePicture } from '#lib/encoding/reencode.ts';
import { getDb } from './db.ts';
import { guardedWrite } from './errors.ts';
import { rememberWhetherCitizensExist } from './eviction.ts';
import { boardFromRecord, type RecordsByTable } from './records.ts';
import { DamagedRecordError, parseRecord, versionedPayload } from './registry.ts';
import { openRecords, sealRecords, type Stored } from './sealing.ts';
import { OWNED_TABLES, SEALED_TABLES, type SealedTable } from './tables.ts';

/**
 * Every record of some citizens, opened, in their stored shapes: what a backup file holds. Each
 * payload carries its version, so a later app upgrades it on restore the way it upgrades stored ones.
 */
export type BackupContent = { createdAt: number } & { [T in SealedTable]: RecordsByTable[T][] };

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
	const records = await openRecords(name, stored);
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
 * overwrites newer work. One transaction means an interrupted restore leaves nothing half added; its
 * price is that the sealed records are all held until it commits (about the size of the media once).
 * They are sealed a group at a time, so no more than one group's plain bytes are read out at once.
 */
export async function restoreBackup(backup: BackupContent): Promise<{ added: number; skipped: number; droppedPictures: number }> {
	const { content, dropped } = await reencodePictures(backup);
	const db = getDb();
	const sealed = {} as StoredTables;
	for (const name of SEALED_TABLES) {
		const records: Stored<RecordsByTable[typeof name]>[] = [];
		for (const group of batches(content[name] as RecordsByTable[typeof name][], groupSize(name))) {
			for (const record of await sealRecords(name, group)) records.push(record);
		}
		(sealed as Record<SealedTable, unknown>)[name] = records;
	}
	const result = await guardedWrite(() =>
		db.transaction('rw', [...SEALED_TABLES], async () => {
			const existing = new Set(
				await table('citizens')
					.where('id')
					.anyOf(content.citizens.map((c) => c.id))
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
			return { added: content.citizens.length - existing.size, skipped: existing.size, droppedPictures: dropped };
		})
	);
	await rememberWhetherCitizensExist();
	return result;
}

// --- the restore layer: every record is checked against the registry, nothing unknown is kept ------

const invalid = (): never => {
	throw new ValidationError('backup.invalid');
};

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Records of one table a file may hold; the reader stops at it before holding more. */
export const MAX_RECORDS = 200_000;
/** Far more than one team's tablet holds; a file with more is not a backup from Billedtale. */
const MAX_CITIZENS = 2_000;

function records<T extends SealedTable>(name: T, value: unknown): RecordsByTable[T][] {
	// A table newer than the file is simply absent from it.
	if (value === undefined && name !== 'citizens') return [];
	if (!Array.isArray(value) || value.length > MAX_RECORDS) return invalid();
	// Array.from turns holes in a sparse array into undefined, which parseRecord refuses.
	return Array.from(value, (record) => {
		try {
			return parseRecord(name, record);
		} catch (error) {
			if (error instanceof DamagedRecordError) return invalid();
			throw error;
		}
	});
}

/** Who an answer names must be at its meeting; only someone other than the citizen relays. */
function checkAnswers(content: BackupContent): void {
	const meetings = new Map(content.meetings.map((m) => [m.id, m]));
	for (const answer of content.answers) {
		const meeting = meetings.get(answer.meetingId) ?? invalid();
		if (answer.citizenId !== meeting.citizenId) invalid();
		const people = new Map(meeting.payload.participants.map((p) => [p.id, p]));
		for (const provenance of [answer.payload.provenance, ...answer.payload.history.map((r) => r.provenance)]) {
			const person = provenance.participantId === undefined ? undefined : (people.get(provenance.participantId) ?? invalid());
			if (provenance.mode === 'formidlet' && (!person || person.role === 'borger')) invalid();
		}
	}
}

/**
 * Pictures come from outside like an imported board's, and are decoded and re-encoded on this tablet the
 * same way (encoding/reencode.ts). One that is not an allowed raster picture, or declares or decodes to
 * more pixels than a tablet can hold, can only come from a forged file: the whole restore is refused.
 * One that is cut off or otherwise cannot be decoded shows nothing anyway: it is left out and counted.
 * Returns a copy; the content read from the file is not changed.
 */
async function reencodePictures(backup: BackupContent): Promise<{ content: BackupContent; dropped: number }> {
	let dropped = 0;
	const reencode = async (picture: Blob): Promise<Blob | undefined> => {
		try {
			return (await reencodePicture(picture)).blob;
		} catch (error) {
			if (!(error instanceof PictureRefused)) throw error;
			if (error.refusal !== 'undecodable') throw new ValidationError('backup.badPicture', { cause: error });
			dropped++;
			return undefined;
		}
	};
	const citizens: BackupContent['citizens'] = [];
	for (const citizen of backup.citizens) {
		const { photo, ...payload } = citizen.payload;
		const kept = photo && (await reencode(photo));
		citizens.push({ ...citizen, payload: kept ? { ...payload, photo: kept } : payload });
	}
	const media: BackupContent['media'] = [];
	for (const item of backup.media) {
		if (item.payload.kind !== 'image') {
			media.push(item);
			continue;
		}
		const blob = await reencode(item.payload.blob);
		if (blob) media.push({ ...item, payload: { ...item.payload, mimeType: blob.type, blob } });
	}
	return { content: { ...backup, citizens, media }, dropped };
}

function checkBoards(content: BackupContent): void {
	for (const board of content.boards) {
		const cellIds = board.payload.slots.flatMap((cell) => (cell ? [cell.id] : []));
		if (new Set(cellIds).size !== cellIds.length) throw new ValidationError('backup.duplicateIds');
	}
	for (const citizen of content.citizens) {
		const own = content.boards.filter((b) => b.citizenId === citizen.id);
		if (own.length === 0) continue;
		const roots = own.filter((b) => b.payload.root);
		if (roots.length !== 1) invalid();
		try {
			validateBoardSet({ rootBoardId: roots[0]!.id, boards: own.map(boardFromRecord) });
		} catch {
			invalid();
		}
	}
}

/**
 * Checks a backup's decrypted content and returns a clean copy, or throws backup.invalid. Older record
 * versions are upgraded on the way (the registry's migrations), so every released backup keeps restoring.
 */
export function restoreContent(raw: unknown): BackupContent {
	if (!isObject(raw)) return invalid();
	const createdAt = typeof raw.createdAt === 'number' && Number.isFinite(raw.createdAt) && raw.createdAt >= 0 ? raw.createdAt : invalid();
	const content = { createdAt } as BackupContent;
	if (Array.isArray(raw.citizens) && raw.citizens.length > MAX_CITIZENS) throw new ValidationError('backup.tooMany');
	for (const name of SEALED_TABLES) (content as Record<SealedTable, unknown>)[name] = records(name, raw[name]);
	const citizenIds = new Set(content.citizens.map((c) => c.id));
	for (const name of OWNED_TABLES) {
		if ((content[name] as Array<{ citizenId: string }>).some((r) => !citizenIds.has(r.citizenId))) invalid();
	}
	checkAnswers(content);
	checkBoards(content);
	const allIds = SEALED_TABLES.flatMap((name) => (content[name] as Array<{ id: string }>).map((r) => r.id));
	if (new Set(allIds).size !== allIds.length) throw new ValidationError('backup.duplicateIds');
	return content;
}
