import type { BoardTemplate } from '#lib/content/default-boards.ts';
import { newId } from '#lib/domain/ids.ts';
import { createBoard, setCell, validateBoardSet, type Board, type BoardSet } from '#lib/domain/board.ts';

/** Turns board templates into a citizen's own boards: fresh ids, folder links resolved by key. */
export function instantiateTemplates(
	templates: readonly BoardTemplate[],
	rootKey: string,
	labelOf: (symbolId: string) => string | undefined
): BoardSet {
	const ids = new Map(templates.map((template) => [template.key, newId()]));
	const boards = templates.map((template) => {
		let board: Board = createBoard(template.name, template.rows, template.columns, ids.get(template.key));
		template.cells.forEach((cell, index) => {
			if (!cell) return;
			const label = cell.label ?? labelOf(cell.symbol);
			if (!label) throw new Error(`Board template ${template.key} names unknown symbol ${cell.symbol}`);
			board = setCell(board, index, {
				id: newId(),
				label,
				symbolId: cell.symbol,
				vocalization: cell.vocalization,
				background: cell.background,
				linkBoardId: cell.link === undefined ? undefined : ids.get(cell.link)
			});
		});
		return board;
	});
	const set = { rootBoardId: ids.get(rootKey)!, boards };
	validateBoardSet(set);
	return set;
}
