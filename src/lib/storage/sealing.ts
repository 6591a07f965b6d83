import { DamagedPayloadError, isSealedPayload, openPayload, sealPayload, type SealedPayload } from '#lib/vault/payload.ts';
import type { DataKey } from '#lib/vault/keys.ts';
import { requireDataKey } from '#lib/vault/session.ts';
import { citizenKey, citizenKeyForSealing, MissingCitizenKeyError } from './citizen-keys.ts';
import { reportDamaged } from './damage.ts';
import { StorageError } from './errors.ts';
import { yieldToPage } from './yield-to-page.ts';
import type { RecordsByTable } from './records.ts';
import {
	ABOUT_FIELD,
	aboutOfRecord,
	assertRecordFits,
	DamagedRecordError,
	MEDIA_FIELD,
	mediaIdsOfRecord,
	parseRecord,
	REGISTRY,
	versionedPayload
} from './registry.ts';
import type { SealedTable } from './tables.ts';

export { SEALED_TABLES, type SealedTable } from './tables.ts';

/*
 * Records are sealed before a transaction opens and opened after the reads: a crypto await inside an
 * IndexedDB transaction would let IndexedDB commit it early. Every record opened is checked against its
 * table's registry entry (and upgraded from an older version), so no unchecked shape reaches the app.
 */

/**
 * A record as it lies on disk: its ids and dates in the clear, everything else sealed. Plain helpers
 * sit beside them: `v`, the payload version (so the migration pass finds old records without opening
 * every one), `mediaIds`, the random ids of the media it refers to (so media clean-up needs no
 * decryption), and for answers `about`, the kind of tool (so a view opens only the answers it shows).
 */
export type Stored<R extends { payload: unknown }> = Omit<R, 'payload'> & {
	payload: SealedPayload;
	v?: number;
	mediaIds?: string[];
	/** Which tool the record comes from (registry.ts, ABOUT_FIELD); missing on records written before it. */
	about?: string;
};

/** Every sealed record belongs to one citizen: the citizen record itself, or the one its `citizenId` names. */
export function citizenOf(table: SealedTable, record: { id: string; citizenId?: string }): string {
	return table === 'citizens' ? record.id : record.citizenId!;
}

/** Sealed under its citizen's key, so that deleting the citizen's key makes every copy of it unreadable. */
export async function sealRecord<T extends SealedTable>(table: T, record: RecordsByTable[T]): Promise<Stored<RecordsByTable[T]>> {
	assertRecordFits(table, record);
	// A locked tablet refuses before any citizen key is looked for (the cache of citizen keys goes with a lock anyway).
	requireDataKey();
	const key = await citizenKeyForSealing(citizenOf(table, record));
	const payload = await sealPayload(key, table, record.id, versionedPayload(table, record.payload));
	const mediaIds = mediaIdsOfRecord(table, record);
	const about = aboutOfRecord(table, record);
	return {
		...record,
		payload,
		v: REGISTRY[table].version,
		...(mediaIds ? { [MEDIA_FIELD]: mediaIds } : {}),
		...(about ? { [ABOUT_FIELD]: about } : {})
	};
}

export function sealRecords<T extends SealedTable>(table: T, records: readonly RecordsByTable[T][]): Promise<Stored<RecordsByTable[T]>[]> {
	return Promise.all(records.map((record) => sealRecord(table, record)));
}

/** Records from before citizen keys are under the tablet key until the migration pass (migrate.ts) reseals them. */
function keyOf(table: SealedTable, stored: { id: string; citizenId?: string; payload: SealedPayload }): Promise<DataKey> {
	const tabletKey = requireDataKey();
	// A payload that is no sealed payload at all fails to open under either key.
	const underCitizenKey = isSealedPayload(stored.payload) && stored.payload.keyId !== tabletKey.keyId;
	return underCitizenKey ? citizenKey(citizenOf(table, stored)) : Promise.resolve(tabletKey);
}

/*
 * Records opened in this session, by the key that opened them. A live list is read again after every write, and the
 * steps of a meeting read the same answers as its list: each record is decrypted and checked once, and read again only
 * when it was sealed anew (every sealing draws a fresh IV) or a field stored in the clear changed. Held by the key
 * object: when a lock drops the keys, or a deleted citizen's key is forgotten, the opened records go with it.
 */
type Opened = Map<string, { payload: SealedPayload; clear: string; record: unknown }>;
const openedByKey = new WeakMap<DataKey, Opened>();
/** Enough for years of one citizen's answers (issue 17: 7,200) without holding every citizen of a tablet in memory. */
const OPENED_LIMIT = 10_000;
/** Photos and recordings are not kept opened: they are large, shown through object URLs and read again rarely. */
const kept = (table: SealedTable) => table !== 'media';

/** The fields stored in the clear (ids, dates, version): the record is rebuilt when one of them changed without a new seal. */
const clearFields = (stored: Stored<{ payload: unknown }>) => JSON.stringify({ ...stored, payload: undefined });

/** The very bytes that were opened before, not only the same IV: a payload changed on disk is found damaged, as on a first read. */
function sameSealing(a: SealedPayload, b: unknown): boolean {
	return isSealedPayload(b) && a.keyId === b.keyId && sameBytes(a.iv, b.iv) && sameBytes(new Uint8Array(a.ct), new Uint8Array(b.ct));
}

function remember(opened: Opened, slot: string, entry: { payload: SealedPayload; clear: string; record: unknown }) {
	opened.delete(slot);
	opened.set(slot, entry);
	// A Map keeps insertion order: the first entry is the one used least recently.
	if (opened.size > OPENED_LIMIT) opened.delete(opened.keys().next().value!);
}

/**
 * `remember: false` for one pass over everything (a backup): its records, kept opened, would push out those the
 * pages show and stay in the heap (up to OPENED_LIMIT per citizen).
 */
export type OpenOptions = { remember?: boolean };

/** Opens and checks one record. Throws DamagedRecordError when it cannot be opened or does not fit its table. */
export async function openRecord<T extends SealedTable>(
	table: T,
	stored: Stored<RecordsByTable[T]>,
	{ remember: keep = true }: OpenOptions = {}
): Promise<RecordsByTable[T]> {
	try {
		const key = await keyOf(table, stored);
		let opened = openedByKey.get(key);
		if (!opened) openedByKey.set(key, (opened = new Map()));
		const slot = `${table}/${stored.id}`;
		const known = kept(table) ? opened.get(slot) : undefined;
		const clear = clearFields(stored);
		if (known && known.clear === clear && sameSealing(known.payload, stored.payload)) {
			remember(opened, slot, known);
			return known.record as RecordsByTable[T];
		}
		const payload = await openPayload(key, table, stored.id, stored.payload);
		const record = parseRecord(table, { ...stored, payload });
		if (keep && kept(table)) remember(opened, slot, { payload: stored.payload as SealedPayload, clear, record });
		return record;
	} catch (error) {
		if (error instanceof DamagedPayloadError || error instanceof MissingCitizenKeyError) {
			throw new DamagedRecordError(table, stored.id, ['cannot be opened'], { cause: error });
		}
		throw error;
	}
}

export { onDamagedRecord } from './damage.ts';

/**
 * How many records are opened at once. A long list is opened a batch at a time: a thousand decryptions started
 * together would fill the crypto queue in one go, so a small read started meanwhile (the newest answers of a list)
 * would wait for all of them. No timer between batches: a timer hop per batch made reading years of answers many times
 * slower (bench years.overtime: over 30 s instead of about 0.6 s at 7,200 answers).
 */
export const OPEN_BATCH = 32;

/**
 * How long opening a list may hold the page's thread before it lets input and rendering in. Records opened before in
 * this session come from memory, and their promises settle as microtasks: without a break, a thousand of them were one
 * task that held up the first frame of the page that asked (issue 17: the meeting with 1,000 answers, its staff panel
 * fetched meanwhile could not even start). Decryptions yield by themselves; a break costs one task every few ms.
 */
const SLICE_MS = 8;

/**
 * Opens a list of records. A damaged record is left out and reported, so one bad record does not
 * hide a whole meeting; any other failure (no key) is thrown.
 */
export async function openRecords<T extends SealedTable>(
	table: T,
	stored: readonly Stored<RecordsByTable[T]>[],
	options?: OpenOptions
): Promise<RecordsByTable[T][]> {
	const records: RecordsByTable[T][] = [];
	let sliceStart = performance.now();
	for (let start = 0; start < stored.length; start += OPEN_BATCH) {
		if (performance.now() - sliceStart > SLICE_MS) {
			await yieldToPage();
			sliceStart = performance.now();
		}
		const opened = await Promise.allSettled(stored.slice(start, start + OPEN_BATCH).map((record) => openRecord(table, record, options)));
		for (const result of opened) {
			if (result.status === 'fulfilled') records.push(result.value);
			else if (result.reason instanceof DamagedRecordError) {
				console.warn('Billedtale: a stored record is damaged and left out', result.reason);
				reportDamaged(result.reason);
			} else throw result.reason;
		}
	}
	return records;
}

/** Whether a stored record was written before today's payload version. */
export function isOutdated(table: SealedTable, stored: { v?: number }): boolean {
	// Records from before versioning carry no version: they are version 1.
	return (stored.v ?? 1) < REGISTRY[table].version;
}

/** Whether a record is still the one read earlier: every sealing draws a fresh IV. */
export function unchangedSince(read: { payload: SealedPayload } | undefined, now: { payload: SealedPayload } | undefined): boolean {
	if (!read || !now) return read === now;
	return sameBytes(read.payload.iv, now.payload.iv);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	// A plain loop: every record read from memory compares its whole ciphertext, and a callback per byte cost more than
	// the rest of that read (issue 17, profile of the meeting with 1,000 answers).
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** Returned by a write that found its records changed since they were read. */
export const CHANGED_MEANWHILE = Symbol('changed meanwhile');
const ATTEMPTS = 3;

/**
 * Read, open, change and seal outside a transaction; then a short transaction checks that nothing
 * changed meanwhile and writes. A change in between (another tab) means starting over.
 */
export async function writeUnlessChanged<T>(attempt: () => Promise<T | typeof CHANGED_MEANWHILE>): Promise<T> {
	for (let tries = 1; ; tries++) {
		const result = await attempt();
		if (result !== CHANGED_MEANWHILE) return result;
		if (tries >= ATTEMPTS) throw new StorageError('error.storageWrite');
	}
}
