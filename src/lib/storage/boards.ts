import {
	checkBoardName,
	mediaIdsOf,
	unlinkBoard,
	validateBoardSet,
	withDistinctNames,
	withMediaIds,
	type Board,
	type BoardSet,
	type MediaItem
} from '#lib/domain/board.ts';
import { ValidationError } from '#lib/domain/validation.ts';
import { firstWithSameBytes } from '#lib/encoding/same-bytes.ts';
import { getStore, type StoreTables } from './db.ts';
import { guardedWrite, StorageError } from './errors.ts';
import type { TypedTx } from './idb/database.ts';
import { boardFromRecord, boardToRecord, mediaFromRecord, mediaToRecord, type BoardRecord } from './records.ts';
import { keptMedia, whenMediaFree } from './media-holds.ts';
import { MEDIA_FIELD, MEDIA_REFERRING_TABLES } from './registry.ts';
import { CHANGED_MEANWHILE, openRecords, sealRecord, sealRecords, unchangedSince, writeUnlessChanged, type Stored } from './sealing.ts';

export interface StoredBoardSet extends BoardSet {
	citizenId: string;
}

async function readBoards(citizenId: string): Promise<{ stored: Stored<BoardRecord>[]; records: BoardRecord[] }> {
	const stored = await getStore().transaction('r', ['boards'], (tx) => tx.boards.where('citizenId').equals(citizenId).toArray());
	return { stored, records: await openRecords('boards', stored) };
}

/** Inside a write: whether the citizen's boards are exactly those read before it. */
async function boardsUnchanged(tx: TypedTx<StoreTables>, citizenId: string, read: Stored<BoardRecord>[]): Promise<boolean> {
	const now = await tx.boards.where('citizenId').equals(citizenId).toArray();
	return now.length === read.length && now.every((record, i) => unchangedSince(read[i], record));
}

export async function getBoardSet(citizenId: string): Promise<StoredBoardSet | undefined> {
	const { records } = await readBoards(citizenId);
	const root = records.find((record) => record.payload.root);
	if (!root) return undefined;
	// The start board first, then by name as a person reads it ("Tavle 2" before "Tavle 10"); boards with the same name in
	// the order they arrived.
	const ordered = records.sort(
		(a, b) =>
			Number(b.payload.root) - Number(a.payload.root) ||
			a.payload.name.localeCompare(b.payload.name, 'da', { numeric: true }) ||
			a.createdAt - b.createdAt ||
			a.id.localeCompare(b.id)
	);
	return { citizenId, rootBoardId: root.id, boards: ordered.map(boardFromRecord) };
}

/** Gives a citizen their starting boards the first time their boards are opened. */
export async function ensureBoardSet(citizenId: string, makeDefault: () => BoardSet, now = Date.now()): Promise<void> {
	const store = getStore();
	if ((await store.transaction('r', ['boards'], (tx) => tx.boards.where('citizenId').equals(citizenId).count())) > 0) return;
	const set = makeDefault();
	validateBoardSet(set);
	const sealed = await sealRecords(
		'boards',
		set.boards.map((board) => boardToRecord(board, citizenId, board.id === set.rootBoardId, now, now))
	);
	await guardedWrite(() =>
		store.transaction('rw', ['citizens', 'boards'], async (tx) => {
			if (!(await tx.citizens.get(citizenId))) throw new StorageError('error.notFound');
			if ((await tx.boards.where('citizenId').equals(citizenId).count()) > 0) return;
			await tx.boards.bulkAdd(sealed);
		})
	);
}

/** Tables whose records can refer to media besides boards: they keep a plain, indexed `mediaIds` field. */
const OTHER_REFERRING_TABLES = MEDIA_REFERRING_TABLES.filter((name) => name !== 'boards');

/** Every table a board write touches: boards, media, and what else can keep a medium alive. */
const boardWriteScope = (): (keyof StoreTables & string)[] => ['boards', 'media', ...OTHER_REFERRING_TABLES];

/**
 * Deletes media that nothing of the citizen refers to any more, so a removed photo or voice leaves
 * no trace. Boards count as given (opened, so also boards from before media ids were kept plain);
 * every other table is asked through its media index, which needs no decryption. Only while no tab
 * holds the citizen's media (media-holds.ts): an undo or a form may still need one nothing refers to.
 */
async function pruneMedia(tx: TypedTx<StoreTables>, citizenId: string, boards: Board[], keptByTabs: ReadonlySet<string>): Promise<void> {
	const kept = new Set([...boards.flatMap(mediaIdsOf), ...keptByTabs]);
	const candidates = (await tx.media.where('citizenId').equals(citizenId).primaryKeys()).map(String).filter((id) => !kept.has(id));
	if (candidates.length === 0) return;
	const used = new Set<string>();
	for (const name of OTHER_REFERRING_TABLES) {
		for (const id of await tx.table(name).where(MEDIA_FIELD).anyOf(candidates).uniqueKeys()) used.add(String(id));
	}
	await tx.media.bulkDelete(candidates.filter((id) => !used.has(id)));
}

/** Deletes no media, not even those the board no longer names: the editor's undo can bring them back (media-holds.ts). */
export function saveBoard(citizenId: string, board: Board, now = Date.now()): Promise<void> {
	const store = getStore();
	return writeUnlessChanged(async () => {
		const { stored, records } = await readBoards(citizenId);
		const existing = records.find((r) => r.id === board.id);
		if (!existing && (await store.transaction('r', ['boards'], (tx) => tx.boards.get(board.id)))) throw new StorageError('error.notFound');
		const boards = [...records.filter((r) => r.id !== board.id).map(boardFromRecord), board];
		const root = records.find((r) => r.payload.root)?.id ?? board.id;
		validateBoardSet({ rootBoardId: root, boards });
		checkBoardName(board, existing && boardFromRecord(existing), boards);
		const sealed = await sealRecord('boards', boardToRecord(board, citizenId, root === board.id, existing?.createdAt ?? now, now));
		return guardedWrite(() =>
			store.transaction('rw', ['boards'], async (tx) => {
				if (!(await boardsUnchanged(tx, citizenId, stored))) return CHANGED_MEANWHILE;
				await tx.boards.put(sealed);
			})
		);
	});
}

/**
 * The start board cannot be deleted; links to a deleted board are removed from the others. Its media go with it unless a
 * tab holds the citizen's media (an editor open on it can still undo): then they go at that editor's clean-up.
 */
export function deleteBoard(citizenId: string, boardId: string, now = Date.now()): Promise<void> {
	return whenMediaFree(citizenId, async (free) => {
		// Asked before the transaction, which must not wait on anything but the database.
		const kept = free ? await keptMedia(citizenId) : new Set<string>();
		return writeUnlessChanged(async () => {
			const { stored, records } = await readBoards(citizenId);
			const record = records.find((r) => r.id === boardId);
			if (!record) throw new StorageError('error.notFound');
			if (record.payload.root) throw new ValidationError('error.deleteRootBoard');
			const others = records.filter((r) => r.id !== boardId);
			const before = others.map(boardFromRecord);
			const remaining = before.map((board) => unlinkBoard(board, boardId));
			const sealed = await sealRecords(
				'boards',
				others.flatMap((other, i) =>
					remaining[i] === before[i] ? [] : [boardToRecord(remaining[i]!, citizenId, other.payload.root, other.createdAt, now)]
				)
			);
			return guardedWrite(() =>
				getStore().transaction('rw', boardWriteScope(), async (tx) => {
					if (!(await boardsUnchanged(tx, citizenId, stored))) return CHANGED_MEANWHILE;
					await tx.boards.delete(boardId);
					await tx.boards.bulkPut(sealed);
					if (free) await pruneMedia(tx, citizenId, remaining, kept);
				})
			);
		});
	});
}

/**
 * Deletes the media no board or other record refers to, unless a tab holds the citizen's media: when the editor is
 * left, what its undo and its forms kept alive goes, unless another tab can still bring it back.
 */
export function pruneUnusedMedia(citizenId: string): Promise<void> {
	return whenMediaFree(citizenId, async (free) => {
		if (!free) return;
		const kept = await keptMedia(citizenId);
		await writeUnlessChanged(async () => {
			const { stored, records } = await readBoards(citizenId);
			return guardedWrite(() =>
				getStore().transaction('rw', boardWriteScope(), async (tx) => {
					if (!(await boardsUnchanged(tx, citizenId, stored))) return CHANGED_MEANWHILE;
					await pruneMedia(tx, citizenId, records.map(boardFromRecord), kept);
				})
			);
		});
	});
}

/** An imported board stored under another name than the file gave it. */
export interface BoardRename {
	from: string;
	to: string;
}

/**
 * Each imported medium mapped to the id it is to be stored under: the citizen's own medium of the same kind, type and
 * bytes if there is one (the same board imported again, or an updated version of it), else the first imported one with
 * them, else its own. Only media of the same kind, type and size are read and hashed (firstWithSameBytes), a group at a
 * time.
 *
 * No digest is stored to find them by. In an index, a plain SHA-256 would let anyone holding the tablet's disk tell
 * whether a known picture is among a citizen's media, which encryption at rest must not allow; a keyed one (an HMAC
 * under a per-citizen key) would need a new schema version and every stored medium opened once after unlock to be
 * given it. Inside the sealed payload it would save only the hashing: the payload holds the bytes, so every medium is
 * opened to read it all the same. An import is rare, and the board pages open all of a citizen's media anyway.
 */
async function storedAs(existing: Iterable<MediaItem>, imported: readonly MediaItem[]): Promise<Map<string, string>> {
	const alike = (item: MediaItem) => `${item.kind} ${item.mimeType} ${item.blob.size}`;
	const groups = new Map(imported.map((item) => [alike(item), [] as MediaItem[]]));
	// The citizen's own first, so an imported medium is mapped to the one already stored.
	for (const item of [...existing, ...imported]) groups.get(alike(item))?.push(item);
	const ids = new Map(imported.map((item) => [item.id, item.id]));
	for (const group of groups.values()) {
		if (group.length < 2) continue;
		const bytes = new Map(await Promise.all(group.map(async (item) => [item.id, new Uint8Array(await item.blob.arrayBuffer())] as const)));
		for (const [id, first] of await firstWithSameBytes(bytes)) if (ids.has(id)) ids.set(id, first);
	}
	return ids;
}

/**
 * Adds imported boards and their media beside the existing ones; nothing existing is changed. An imported board named as
 * one the citizen has is named apart ("Mad (2)"): an import of a board the citizen already has must still succeed. A
 * picture or sound the citizen already has (the same bytes, kind and type) is not stored again: the imported boards show
 * the one stored, so importing a board twice does not fill the tablet and its backups with copies. A board deleted later
 * leaves it to the boards that still show it (pruneMedia). Returns the boards named apart, so the person importing is
 * told which name to look for.
 */
export async function addBoards(citizenId: string, imported: Board[], media: MediaItem[], now = Date.now()): Promise<BoardRename[]> {
	return writeUnlessChanged(async () => {
		const { stored, records } = await readBoards(citizenId);
		const existing = await getMediaOfCitizen(citizenId);
		const ids = await storedAs(existing.values(), media);
		const shared = [...new Set([...ids.values()].filter((id) => existing.has(id)))];
		const sealedMedia = await sealRecords(
			'media',
			media.filter((item) => ids.get(item.id) === item.id).map((item) => mediaToRecord(item, citizenId, now))
		);
		const boards = withDistinctNames(
			records.map((record) => record.payload.name),
			imported.map((board) => withMediaIds(board, ids))
		);
		const sealedBoards = await sealRecords(
			'boards',
			boards.map((board) => boardToRecord(board, citizenId, false, now, now))
		);
		return guardedWrite(() =>
			getStore().transaction('rw', ['citizens', 'boards', 'media'], async (tx) => {
				if (!(await tx.citizens.get(citizenId))) throw new StorageError('error.notFound');
				// The names were told apart from the boards read above; a rename in another tab since then starts over, so
				// two boards never end up with one name.
				if (!(await boardsUnchanged(tx, citizenId, stored))) return CHANGED_MEANWHILE;
				// A medium the import shares that a clean-up in another tab deleted since (its last use was removed meanwhile)
				// starts over too: the imported boards would show nothing where it was.
				if ((await tx.media.bulkGet(shared)).includes(undefined)) return CHANGED_MEANWHILE;
				await tx.media.bulkAdd(sealedMedia);
				await tx.boards.bulkAdd(sealedBoards);
				return boards.flatMap((board, i) => (board.name === imported[i]!.name ? [] : [{ from: imported[i]!.name, to: board.name }]));
			})
		);
	});
}

/** Stores a photo or recording before a cell refers to it. */
export async function saveMedia(citizenId: string, item: MediaItem, now = Date.now()): Promise<void> {
	const sealed = await sealRecord('media', mediaToRecord(item, citizenId, now));
	await guardedWrite(() => getStore().transaction('rw', ['media'], (tx) => tx.media.put(sealed)));
}

/** Only the media asked for (e.g. the photos of the people on a network map), not every picture and voice of the citizen. */
export async function getMediaByIds(ids: readonly string[]): Promise<Map<string, MediaItem>> {
	const stored = (await getStore().transaction('r', ['media'], (tx) => tx.media.bulkGet([...ids]))).filter(
		(record) => record !== undefined
	);
	const records = await openRecords('media', stored);
	return new Map(records.map((record) => [record.id, mediaFromRecord(record)]));
}

export async function getMediaOfCitizen(citizenId: string): Promise<Map<string, MediaItem>> {
	const stored = await getStore().transaction('r', ['media'], (tx) => tx.media.where('citizenId').equals(citizenId).toArray());
	const records = await openRecords('media', stored);
	return new Map(records.map((record) => [record.id, mediaFromRecord(record)]));
}
