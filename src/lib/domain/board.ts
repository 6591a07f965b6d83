import { newId } from '#lib/domain/ids.ts';
import { requireText, ValidationError } from '#lib/domain/validation.ts';
import { BOARD_NAME_MAX, isGridSize, normaliseCell, type Board, type BoardCell, type BoardSet, type MediaItem } from './board-shape.ts';

/* What is done with boards; their stored shape is in board-shape.ts. */
export * from './board-shape.ts';

export function createBoard(name: string, rows: number, columns: number, id = newId()): Board {
	if (!isGridSize(rows, columns)) throw new ValidationError('error.gridSize');
	return {
		id,
		name: requireText(name, BOARD_NAME_MAX, 'error.boardName'),
		rows,
		columns,
		slots: Array.from({ length: rows * columns }, () => null)
	};
}

/** What is said aloud for a cell. */
export function spokenText(cell: BoardCell): string {
	return cell.vocalization ?? cell.label;
}

function withSlots(board: Board, slots: Array<BoardCell | null>): Board {
	return { ...board, slots };
}

export function setCell(board: Board, index: number, cell: BoardCell | null): Board {
	if (!Number.isInteger(index) || index < 0 || index >= board.slots.length) throw new ValidationError('error.cellPosition');
	const slots = [...board.slots];
	slots[index] = cell && normaliseCell(cell);
	return withSlots(board, slots);
}

/** Swaps two slots, so a cell can be moved onto an empty slot or trade places with another. */
export function moveCell(board: Board, from: number, to: number): Board {
	if (![from, to].every((i) => Number.isInteger(i) && i >= 0 && i < board.slots.length)) {
		throw new ValidationError('error.cellPosition');
	}
	const slots = [...board.slots];
	[slots[from], slots[to]] = [slots[to]!, slots[from]!];
	return withSlots(board, slots);
}

/**
 * Changes the grid size. Cells keep their row and column where they fit; cells that fall outside
 * move to the first free slots, and a grid too small for all cells is refused so nothing is lost.
 */
export function resizeBoard(board: Board, rows: number, columns: number): Board {
	if (!isGridSize(rows, columns)) throw new ValidationError('error.gridSize');
	const cells = board.slots.filter((c): c is BoardCell => c !== null);
	if (cells.length > rows * columns) throw new ValidationError('error.gridTooSmall');
	const slots: Array<BoardCell | null> = Array.from({ length: rows * columns }, () => null);
	const overflow: BoardCell[] = [];
	board.slots.forEach((cell, index) => {
		if (!cell) return;
		const row = Math.floor(index / board.columns);
		const column = index % board.columns;
		if (row < rows && column < columns) slots[row * columns + column] = cell;
		else overflow.push(cell);
	});
	for (const cell of overflow) slots[slots.indexOf(null)] = cell;
	return { ...board, rows, columns, slots };
}

/**
 * Whether the home board's list entry needs "(Forside)" after its name: not when the name already is that word,
 * which would read "Forside (Forside)". Case and spaces do not count.
 */
export function needsHomeMarker(name: string, homeWord: string): boolean {
	return plainName(name) !== plainName(homeWord);
}

/** A board's name as a person tells names apart: case and spaces do not count. */
function plainName(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
}

/**
 * Two boards of one citizen with the same name cannot be told apart in the board list or on a folder, by the citizen or
 * by staff: a new board, or one renamed, must not take another's name. A board saved under the name it had keeps it,
 * since a set from before this rule may hold two of a name. `before` is the board as stored, if it is.
 */
export function checkBoardName(board: Board, before: Board | undefined, boards: readonly Board[]): void {
	if (before && plainName(before.name) === plainName(board.name)) return;
	const taken = boards.some((other) => other.id !== board.id && plainName(other.name) === plainName(board.name));
	if (taken) throw new ValidationError('error.boardNameTaken');
}

/**
 * `name`, or the first of "name (2)", "name (3)" … that none of `taken` is: for a board that arrives beside one of the same
 * name (an import, a copy, a new board), which is named apart rather than refused. Shortened to fit BOARD_NAME_MAX.
 */
export function distinctBoardName(name: string, taken: readonly string[]): string {
	const used = new Set(taken.map(plainName));
	let candidate = name;
	for (let n = 2; used.has(plainName(candidate)); n++) {
		const suffix = ` (${n})`;
		candidate = `${name.slice(0, BOARD_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
	}
	return candidate;
}

/** Imported boards named apart from the citizen's `existing` names and from each other, in the order they come. */
export function withDistinctNames(existing: readonly string[], boards: readonly Board[]): Board[] {
	const taken = [...existing];
	return boards.map((board) => {
		const name = distinctBoardName(board.name, taken);
		taken.push(name);
		return name === board.name ? board : { ...board, name };
	});
}

export function renameBoard(board: Board, name: string): Board {
	return { ...board, name: requireText(name, BOARD_NAME_MAX, 'error.boardName') };
}

/** A copy with new ids for the board and its cells; links to other boards are kept. */
export function duplicateBoard(board: Board, name: string): Board {
	return {
		...board,
		id: newId(),
		name: requireText(name, BOARD_NAME_MAX, 'error.boardName'),
		slots: board.slots.map((cell) => cell && { ...cell, id: newId() })
	};
}

/** Rows of a board shown at once: a board taller than the screen is shown a page of whole rows at a time. */
export interface RowPage {
	/** The first row shown, from 0. */
	first: number;
	/** How many rows are shown. */
	count: number;
	/** Which page this is, from 0, and how many there are. */
	index: number;
	pages: number;
}

/** What a board's cell needs around its picture, in CSS pixels, for the citizen's picture size. */
export interface CellNeeds {
	/** The citizen's smallest cell, the least a row may have. */
	rowMin: number;
	/** The least side of a picture at the citizen's size; 0 where pictures shrink to show the whole board (normal size). */
	picture: number;
	/** A cell's edge on either side of its picture: padding and border. */
	edge: number;
	/** One line of label below (or above) the picture, with the space between them. */
	label: number;
}

/**
 * The least height of a board's rows whose columns are `column` pixels wide. At a larger picture size the rows are at
 * least as tall as a picture of that size and a line of label need, so the pictures are larger, not only the least cell:
 * on a tablet every row of a default board was taller than the largest least cell anyway, and the setting changed
 * nothing. A picture is never wider than its column, so a narrow column does not make its rows taller than its picture.
 */
export function rowMinFor(column: number, needs: CellNeeds): number {
	if (!(needs.picture > 0)) return needs.rowMin;
	const side = Math.max(0, Math.min(needs.picture, column - 2 * needs.edge));
	return Math.max(needs.rowMin, side + 2 * needs.edge + needs.label);
}

/** How many whole rows fit in `height` when each needs at least `rowMin` and rows are `gap` apart: never fewer than one. */
export function rowsThatFit(height: number, rowMin: number, gap: number): number {
	if (!(rowMin > 0)) return 1;
	return Math.max(1, Math.floor((height + gap) / (rowMin + gap)));
}

/**
 * Page `index` of a board with `rows` rows, `perPage` whole rows a page. Pages start at fixed rows (1–8, 9–12 …), so a
 * cell is always on the same page at the same place; an index out of range is taken as the nearest page.
 */
export function rowPage(rows: number, perPage: number, index: number): RowPage {
	const size = Math.max(1, Math.min(rows, Math.floor(perPage) || 1));
	const pages = Math.max(1, Math.ceil(rows / size));
	const page = Math.min(pages - 1, Math.max(0, Math.floor(index) || 0));
	const first = page * size;
	return { first, count: Math.min(size, rows - first), index: page, pages };
}

export function visibleCells(board: Board): Array<BoardCell | null> {
	return board.slots.map((cell) => (cell && !cell.hidden ? cell : null));
}

/** A cell's photo and recording as far as they are really there: a missing item, or one of the other kind, is none. */
export function cellMedia(cell: BoardCell, media: ReadonlyMap<string, MediaItem>): { photo?: MediaItem; recording?: MediaItem } {
	const photo = cell.photoId ? media.get(cell.photoId) : undefined;
	const recording = cell.recordingId ? media.get(cell.recordingId) : undefined;
	return { photo: photo?.kind === 'image' ? photo : undefined, recording: recording?.kind === 'audio' ? recording : undefined };
}

/** How many photos and recordings of one's own the boards carry, each counted once, hidden cells too: what an export writes. */
export function countMedia(boards: readonly Board[], media: ReadonlyMap<string, MediaItem>): { photos: number; recordings: number } {
	const photos = new Set<string>();
	const recordings = new Set<string>();
	for (const cell of boards.flatMap((board) => board.slots)) {
		if (!cell) continue;
		const { photo, recording } = cellMedia(cell, media);
		if (photo) photos.add(photo.id);
		if (recording) recordings.add(recording.id);
	}
	return { photos: photos.size, recordings: recordings.size };
}

/**
 * The board with its cells' photos and recordings under the ids `ids` maps them to: an imported picture the citizen
 * already has is shown from the one stored. Ids not in the map stay.
 */
export function withMediaIds(board: Board, ids: ReadonlyMap<string, string>): Board {
	return withSlots(
		board,
		board.slots.map((cell) => {
			const photoId = cell?.photoId && ids.get(cell.photoId);
			const recordingId = cell?.recordingId && ids.get(cell.recordingId);
			return cell && (photoId || recordingId)
				? { ...cell, ...(photoId ? { photoId } : {}), ...(recordingId ? { recordingId } : {}) }
				: cell;
		})
	);
}

/** Removes links to a board that is being deleted, so no folder points into nothing. */
export function unlinkBoard(board: Board, removedBoardId: string): Board {
	if (!board.slots.some((cell) => cell?.linkBoardId === removedBoardId)) return board;
	return withSlots(
		board,
		board.slots.map((cell) => {
			if (cell?.linkBoardId !== removedBoardId) return cell;
			const { linkBoardId: _removed, ...rest } = cell;
			return rest;
		})
	);
}

/** Checks a whole set: unique ids, consistent grids, the root exists, links point inside the set. */
export function validateBoardSet(set: BoardSet): void {
	const ids = new Set(set.boards.map((b) => b.id));
	if (ids.size !== set.boards.length) throw new ValidationError('error.boardSetDuplicateId');
	if (!ids.has(set.rootBoardId)) throw new ValidationError('error.boardSetRoot');
	for (const board of set.boards) {
		if (!isGridSize(board.rows, board.columns) || board.slots.length !== board.rows * board.columns) {
			throw new ValidationError('error.gridSize');
		}
		for (const cell of board.slots) {
			if (cell?.linkBoardId && !ids.has(cell.linkBoardId)) throw new ValidationError('error.boardSetLink');
		}
	}
}
