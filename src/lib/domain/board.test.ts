import { describe, expect, it } from 'vitest';
import {
	BOARD_NAME_MAX,
	checkBoardName,
	countMedia,
	createBoard,
	distinctBoardName,
	duplicateBoard,
	mediaIdsOf,
	moveCell,
	needsHomeMarker,
	normaliseCell,
	resizeBoard,
	rowMinFor,
	rowPage,
	rowsThatFit,
	setCell,
	spokenText,
	unlinkBoard,
	validateBoardSet,
	visibleCells,
	withDistinctNames,
	withMediaIds,
	type Board,
	type MediaItem
} from './board.ts';

const cell = (id: string, extra: object = {}) => ({ id, label: id, ...extra });

function board2x2(): Board {
	let board = createBoard('Test', 2, 2, 'b1');
	board = setCell(board, 0, cell('a'));
	board = setCell(board, 1, cell('b', { hidden: true }));
	board = setCell(board, 3, cell('d', { photoId: 'p1', recordingId: 'r1' }));
	return board;
}

describe('board names', () => {
	const mad = createBoard('Mad', 1, 1, 'mad');
	const drikke = createBoard('Drikke', 1, 1, 'drikke');

	it('refuses a new or renamed board named as another of the citizen’s boards, case and spaces not counting', () => {
		expect(() => checkBoardName(createBoard(' mad ', 1, 1, 'new'), undefined, [mad, drikke])).toThrow('error.boardNameTaken');
		expect(() => checkBoardName({ ...drikke, name: 'MAD' }, drikke, [mad, drikke])).toThrow('error.boardNameTaken');
		expect(() => checkBoardName({ ...drikke, name: 'Mad  og drikke' }, drikke, [mad, drikke])).not.toThrow();
		expect(() => checkBoardName(createBoard('Mad 2', 1, 1, 'new'), undefined, [mad, drikke])).not.toThrow();
		// A board saved under its own name again is no clash with itself.
		expect(() => checkBoardName({ ...mad, rows: 1 }, mad, [mad, drikke])).not.toThrow();
		// A set from before the rule may hold two of a name: editing one of them still saves.
		const twin = createBoard('Mad', 1, 1, 'twin');
		expect(() => checkBoardName(setCell(twin, 0, cell('x')), twin, [mad, twin])).not.toThrow();
	});

	it('gives a board whose name is taken the first free "(2)", "(3)" …, within the name’s length limit', () => {
		expect(distinctBoardName('Mad', ['Drikke'])).toBe('Mad');
		expect(distinctBoardName('Mad', ['mad'])).toBe('Mad (2)');
		expect(distinctBoardName('Mad', [' MAD', 'Mad (2)', 'mad (3) '])).toBe('Mad (4)');
		const long = 'x'.repeat(BOARD_NAME_MAX);
		expect(distinctBoardName(long, [long])).toBe(`${'x'.repeat(BOARD_NAME_MAX - 4)} (2)`);
	});

	it('names imported boards apart from the existing ones and from each other, in the order they come', () => {
		const imported = [createBoard('Mad', 1, 1, 'a'), createBoard('Leg', 1, 1, 'b'), createBoard('mad', 1, 1, 'c')];
		expect(withDistinctNames(['Mad', 'Forside'], imported).map((board) => board.name)).toEqual(['Mad (2)', 'Leg', 'mad (3)']);
		// Boards whose names are free are the same objects, unchanged.
		expect(withDistinctNames([], imported.slice(0, 2))).toEqual(imported.slice(0, 2));
	});
});

describe('the home board marker', () => {
	it('is left out when the name already says it, never doubled as "Forside (Forside)"', () => {
		expect(needsHomeMarker('Forside', 'Forside')).toBe(false);
		expect(needsHomeMarker(' forside ', 'Forside')).toBe(false);
		expect(needsHomeMarker('Mad', 'Forside')).toBe(true);
		expect(needsHomeMarker('Forside', 'Home board')).toBe(true);
	});
});

describe('board model', () => {
	it('creates grids of up to 144 cells and 24 to a side, as core-vocabulary boards of other AAC apps come', () => {
		expect(createBoard('Lille', 1, 1).slots).toEqual([null]);
		expect(createBoard('Stor', 8, 8).slots).toHaveLength(64);
		expect(createBoard('Kerneord', 7, 12).slots).toHaveLength(84);
		expect(createBoard('Kerneord', 12, 12).slots).toHaveLength(144);
		// CoughDrop's Quick Core 112 (8 rows of 14) and a Cboard board of 6 columns and 24 rows.
		expect(createBoard('Quick Core 112', 8, 14).slots).toHaveLength(112);
		expect(createBoard('Cboard', 24, 6).slots).toHaveLength(144);
		expect(() => createBoard('For stor', 13, 12)).toThrow('error.gridSize');
		expect(() => createBoard('For stor', 12, 13)).toThrow('error.gridSize');
		expect(() => createBoard('For lang', 25, 1)).toThrow('error.gridSize');
		expect(() => createBoard('For bred', 1, 25)).toThrow('error.gridSize');
		expect(() => createBoard('Ingen', 0, 4)).toThrow('error.gridSize');
		expect(() => createBoard('Halv', 2.5, 4)).toThrow('error.gridSize');
		expect(() => createBoard('  ', 2, 2)).toThrow('error.boardName');
	});

	it('cleans a cell: trims, drops empty fields, checks the colours', () => {
		expect(normaliseCell({ id: 'x', label: ' mor ', vocalization: ' ', background: '#AABBCC', hidden: false })).toEqual({
			id: 'x',
			label: 'mor',
			background: '#aabbcc'
		});
		expect(() => normaliseCell({ id: 'x', label: 'mor', background: 'red' })).toThrow('error.cellColour');
		expect(normaliseCell({ id: 'x', label: 'mor', border: '#1B5E20' })).toEqual({ id: 'x', label: 'mor', border: '#1b5e20' });
		expect(() => normaliseCell({ id: 'x', label: 'mor', border: 'green' })).toThrow('error.cellColour');
		expect(spokenText({ id: 'x', label: 'mor', vocalization: 'Jeg vil tale med mor' })).toBe('Jeg vil tale med mor');
	});

	it('keeps cells in their row and column when the grid grows, and refuses to drop any when it shrinks', () => {
		const grown = resizeBoard(board2x2(), 3, 3);
		expect(grown.slots.map((c) => c?.id ?? null)).toEqual(['a', 'b', null, null, 'd', null, null, null, null]);
		const narrow = resizeBoard(board2x2(), 3, 1);
		expect(narrow.slots.map((c) => c?.id ?? null)).toEqual(['a', 'b', 'd']);
		expect(() => resizeBoard(board2x2(), 1, 2)).toThrow('error.gridTooSmall');
	});

	it('moves a cell by swapping slots and hides hidden cells from the user', () => {
		const moved = moveCell(board2x2(), 0, 2);
		expect(moved.slots.map((c) => c?.id ?? null)).toEqual([null, 'b', 'a', 'd']);
		expect(visibleCells(board2x2()).map((c) => c?.id ?? null)).toEqual(['a', null, null, 'd']);
		expect(() => moveCell(board2x2(), 0, 4)).toThrow('error.cellPosition');
	});

	it('duplicates with new ids, lists media, and unlinks a deleted board', () => {
		const linked = setCell(board2x2(), 2, cell('c', { linkBoardId: 'b2' }));
		const copy = duplicateBoard(linked, 'Kopi');
		expect(copy.id).not.toBe('b1');
		expect(copy.slots.map((c) => c?.label ?? null)).toEqual(['a', 'b', 'c', 'd']);
		expect(copy.slots.every((c, i) => !c || c.id !== linked.slots[i]!.id)).toBe(true);
		expect(mediaIdsOf(linked)).toEqual(['p1', 'r1']);
		expect(unlinkBoard(linked, 'b2').slots[2]).toEqual({ id: 'c', label: 'c' });
		expect(unlinkBoard(linked, 'other')).toBe(linked);
	});

	it('points cells at the stored media an import shares, and leaves the rest as they are', () => {
		const board = setCell(board2x2(), 2, cell('c', { photoId: 'p2' }));
		const shared = withMediaIds(
			board,
			new Map([
				['p1', 'stored'],
				['r1', 'r1']
			])
		);
		expect(shared.slots.map((c) => c && [c.photoId, c.recordingId])).toEqual([
			[undefined, undefined],
			[undefined, undefined],
			['p2', undefined],
			['stored', 'r1']
		]);
		expect(shared.slots[0]).toBe(board.slots[0]);
		expect(board.slots[3]!.photoId).toBe('p1');
	});

	it('validates a set: a root, unique ids, links inside the set', () => {
		const home = setCell(board2x2(), 2, cell('c', { linkBoardId: 'b2' }));
		const other = createBoard('Anden', 1, 1, 'b2');
		expect(() => validateBoardSet({ rootBoardId: 'b1', boards: [home, other] })).not.toThrow();
		expect(() => validateBoardSet({ rootBoardId: 'b1', boards: [home] })).toThrow('error.boardSetLink');
		expect(() => validateBoardSet({ rootBoardId: 'x', boards: [home, other] })).toThrow('error.boardSetRoot');
		expect(() => validateBoardSet({ rootBoardId: 'b1', boards: [home, other, other] })).toThrow('error.boardSetDuplicateId');
	});

	it('counts the photos and recordings an export carries: each once, hidden cells too, nothing that is missing', () => {
		const item = (id: string, kind: MediaItem['kind']): [string, MediaItem] => [id, { id, kind, mimeType: '', blob: new Blob() }];
		const media = new Map([item('foto1', 'image'), item('foto2', 'image'), item('lyd1', 'audio'), item('lyd2', 'audio')]);
		let home = createBoard('Forside', 1, 4, 'b1');
		home = setCell(home, 0, cell('a', { photoId: 'foto1', recordingId: 'lyd1' }));
		home = setCell(home, 1, cell('b', { photoId: 'foto1', hidden: true }));
		home = setCell(home, 2, cell('c', { photoId: 'gone', recordingId: 'foto2' }));
		let other = createBoard('Anden', 1, 2, 'b2');
		other = setCell(other, 0, cell('d', { photoId: 'foto2', recordingId: 'lyd2' }));
		expect(countMedia([home], media)).toEqual({ photos: 1, recordings: 1 });
		expect(countMedia([home, other], media)).toEqual({ photos: 2, recordings: 2 });
		expect(countMedia([createBoard('Tom', 1, 1)], media)).toEqual({ photos: 0, recordings: 0 });
	});
});

describe('pages of rows, for a board taller than the screen', () => {
	it('makes rows as tall as the citizen’s picture size and a label line, as far as the column is wide', () => {
		const needs = { rowMin: 72, picture: 140, edge: 13, label: 35 };
		// A default board's column on a tablet: the picture whole, 13 + 140 + 13 + 35.
		expect(rowMinFor(275, needs)).toBe(201);
		// A column narrower than the picture: the picture only as wide as the column leaves it (69 − 26).
		expect(rowMinFor(69, needs)).toBe(43 + 26 + 35);
		// Never below the citizen's smallest cell, also in a column too narrow for any picture.
		expect(rowMinFor(20, needs)).toBe(72);
		// At the normal size pictures shrink to show the whole board: only the smallest cell counts.
		expect(rowMinFor(275, { ...needs, picture: 0 })).toBe(72);
	});

	it('counts the whole rows that fit, gaps between them, and at least one', () => {
		// 64 px rows, 8 px apart: 8 rows take 8 × 64 + 7 × 8 = 568 px.
		expect(rowsThatFit(568, 64, 8)).toBe(8);
		expect(rowsThatFit(567, 64, 8)).toBe(7);
		expect(rowsThatFit(10, 64, 8)).toBe(1);
		expect(rowsThatFit(-50, 64, 8)).toBe(1);
		expect(rowsThatFit(500, 0, 8)).toBe(1);
	});

	it('shows every row on one page when they all fit', () => {
		expect(rowPage(8, 8, 0)).toEqual({ first: 0, count: 8, index: 0, pages: 1 });
		expect(rowPage(8, 20, 0)).toEqual({ first: 0, count: 8, index: 0, pages: 1 });
	});

	it('starts pages at fixed rows, the last page holding what is left', () => {
		expect(rowPage(12, 8, 0)).toEqual({ first: 0, count: 8, index: 0, pages: 2 });
		expect(rowPage(12, 8, 1)).toEqual({ first: 8, count: 4, index: 1, pages: 2 });
		expect(rowPage(7, 3, 2)).toEqual({ first: 6, count: 1, index: 2, pages: 3 });
		expect(rowPage(12, 1, 11)).toEqual({ first: 11, count: 1, index: 11, pages: 12 });
	});

	it('takes a page out of range as the nearest one, e.g. after the screen grew', () => {
		expect(rowPage(12, 8, 5)).toEqual({ first: 8, count: 4, index: 1, pages: 2 });
		expect(rowPage(12, 12, 1)).toEqual({ first: 0, count: 12, index: 0, pages: 1 });
		expect(rowPage(12, 8, -1).index).toBe(0);
		expect(rowPage(12, 0, 0)).toEqual({ first: 0, count: 1, index: 0, pages: 12 });
	});
});
