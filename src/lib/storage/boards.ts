import { mediaIdsOf, unlinkBoard, validateBoardSet, type Board, type BoardSet, type MediaItem } from '#lib/boards/model.ts';
import { ValidationError } from '#lib/domain/validation.ts';
import { getDb } from './db.ts';
import { guardedWrite, StorageError } from './errors.ts';
import { boardFromRecord, boardToRecord, mediaFromRecord, mediaToRecord } from './records.ts';

export interface StoredBoardSet extends BoardSet {
	citizenId: string;
}

export async function getBoardSet(citizenId: string): Promise<StoredBoardSet | undefined> {
	const records = await getDb().boards.where('citizenId').equals(citizenId).toArray();
	const root = records.find((record) => record.payload.root);
	if (!root) return undefined;
	// The start board first, then by name; boards with the same name in the order they arrived.
	const ordered = records.sort(
		(a, b) =>
			Number(b.payload.root) - Number(a.payload.root) ||
			a.payload.name.localeCompare(b.payload.name, 'da') ||
			a.createdAt - b.createdAt ||
			a.id.localeCompare(b.id)
	);
	return { citizenId, rootBoardId: root.id, boards: ordered.map(boardFromRecord) };
}

/** Gives a citizen their starting boards the first time their boards are opened. */
export async function ensureBoardSet(citizenId: string, makeDefault: () => BoardSet, now = Date.now()): Promise<void> {
	const db = getDb();
	await guardedWrite(() =>
		db.transaction('rw', [db.citizens, db.boards], async () => {
			if (!(await db.citizens.get(citizenId))) throw new StorageError('error.notFound');
			if ((await db.boards.where('citizenId').equals(citizenId).count()) > 0) return;
			const set = makeDefault();
			validateBoardSet(set);
			await db.boards.bulkAdd(set.boards.map((board) => boardToRecord(board, citizenId, board.id === set.rootBoardId, now, now)));
		})
	);
}

/** Deletes media that no board of the citizen uses any more, so a removed photo or voice leaves no trace. */
async function pruneMedia(citizenId: string): Promise<void> {
	const db = getDb();
	const boards = await db.boards.where('citizenId').equals(citizenId).toArray();
	const used = new Set(boards.flatMap((record) => mediaIdsOf(boardFromRecord(record))));
	await db.media
		.where('citizenId')
		.equals(citizenId)
		.filter((media) => !used.has(media.id))
		.delete();
}

export async function saveBoard(citizenId: string, board: Board, now = Date.now()): Promise<void> {
	const db = getDb();
	await guardedWrite(() =>
		db.transaction('rw', [db.boards, db.media], async () => {
			const existing = await db.boards.get(board.id);
			if (existing && existing.citizenId !== citizenId) throw new StorageError('error.notFound');
			const all = await db.boards.where('citizenId').equals(citizenId).toArray();
			const boards = [...all.filter((r) => r.id !== board.id).map(boardFromRecord), board];
			const root = all.find((r) => r.payload.root)?.id ?? board.id;
			validateBoardSet({ rootBoardId: root, boards });
			await db.boards.put(boardToRecord(board, citizenId, root === board.id, existing?.createdAt ?? now, now));
			await pruneMedia(citizenId);
		})
	);
}

/** The start board cannot be deleted; links to a deleted board are removed from the others. */
export async function deleteBoard(citizenId: string, boardId: string, now = Date.now()): Promise<void> {
	const db = getDb();
	await guardedWrite(() =>
		db.transaction('rw', [db.boards, db.media], async () => {
			const record = await db.boards.get(boardId);
			if (!record || record.citizenId !== citizenId) throw new StorageError('error.notFound');
			if (record.payload.root) throw new ValidationError('error.deleteRootBoard');
			await db.boards.delete(boardId);
			const others = await db.boards.where('citizenId').equals(citizenId).toArray();
			for (const other of others) {
				const board = boardFromRecord(other);
				const unlinked = unlinkBoard(board, boardId);
				if (unlinked !== board) await db.boards.put({ ...boardToRecord(unlinked, citizenId, other.payload.root, other.createdAt, now) });
			}
			await pruneMedia(citizenId);
		})
	);
}

/** Adds imported boards and their media beside the existing ones; nothing existing is changed. */
export async function addBoards(citizenId: string, boards: Board[], media: MediaItem[], now = Date.now()): Promise<void> {
	const db = getDb();
	await guardedWrite(() =>
		db.transaction('rw', [db.citizens, db.boards, db.media], async () => {
			if (!(await db.citizens.get(citizenId))) throw new StorageError('error.notFound');
			await db.media.bulkAdd(media.map((item) => mediaToRecord(item, citizenId, now)));
			await db.boards.bulkAdd(boards.map((board) => boardToRecord(board, citizenId, false, now, now)));
		})
	);
}

/** Stores a photo or recording before a cell refers to it. */
export async function saveMedia(citizenId: string, item: MediaItem, now = Date.now()): Promise<void> {
	await guardedWrite(() => getDb().media.put(mediaToRecord(item, citizenId, now)));
}

export async function getMediaOfCitizen(citizenId: string): Promise<Map<string, MediaItem>> {
	const records = await getDb().media.where('citizenId').equals(citizenId).toArray();
	return new Map(records.map((record) => [record.id, mediaFromRecord(record)]));
}
