import { requireText, ValidationError } from '#lib/domain/validation.ts';

/*
 * The stored shape of boards, apart from what is done with them (board.ts): what every start checks stored records
 * against (storage/registry.ts) needs only this, and the first screen loads no more of the board model.
 *
 * The board model follows the Open Board Format (OBF): a grid of rows × columns whose slots hold
 * buttons ("cells"), each with a label, a picture (symbol or photo), optional spoken text and
 * recording, a background and a border colour and an optional link to another board (a folder).
 */

export const GRID_MIN = 1;
/*
 * Core-vocabulary boards from other AAC apps come with up to 144 cells, not always square: 12 × 12, CoughDrop's Quick Core
 * 112 is 8 rows of 14, Cboard keeps 6 columns and adds rows. So a side may be up to 24 long, the whole up to 144 cells
 * (the board-switch budget of issue 17 is held at 144).
 */
export const GRID_SIDE_MAX = 24;
export const GRID_CELLS_MAX = 144;
export const BOARD_NAME_MAX = 60;
export const CELL_LABEL_MAX = 60;
export const CELL_VOCALIZATION_MAX = 200;

export interface BoardCell {
	id: string;
	label: string;
	/** Spoken instead of the label when set (e.g. label "Mor", spoken "Jeg vil gerne tale med mor"). */
	vocalization?: string;
	/** An id from symbols/manifest.json. */
	symbolId?: string;
	/** A media id: a photo taken or chosen on the tablet. Wins over symbolId when both are set. */
	photoId?: string;
	/** A media id: a recorded voice. Played instead of synthetic speech. */
	recordingId?: string;
	/** '#rrggbb' */
	background?: string;
	/** '#rrggbb': the edge another app's board gave the cell (OBF border_color). Only looks: it means nothing. */
	border?: string;
	/** Tapping opens this board instead of adding the cell to the message. */
	linkBoardId?: string;
	hidden?: boolean;
}

export interface Board {
	id: string;
	name: string;
	rows: number;
	columns: number;
	/** rows × columns slots in reading order (left to right, top to bottom); null is an empty slot. */
	slots: Array<BoardCell | null>;
}

export interface BoardSet {
	rootBoardId: string;
	boards: Board[];
}

export interface MediaItem {
	id: string;
	kind: 'image' | 'audio';
	mimeType: string;
	blob: Blob;
}

const COLOUR = /^#[0-9a-f]{6}$/;

export function isGridSize(rows: number, columns: number): boolean {
	return [rows, columns].every((n) => Number.isInteger(n) && n >= GRID_MIN && n <= GRID_SIDE_MAX) && rows * columns <= GRID_CELLS_MAX;
}

export function normaliseCell(cell: BoardCell): BoardCell {
	const label = requireText(cell.label, CELL_LABEL_MAX, 'error.cellLabel');
	const vocalization = cell.vocalization?.trim();
	if (vocalization && vocalization.length > CELL_VOCALIZATION_MAX) throw new ValidationError('error.cellVocalization');
	const [background, border] = [cell.background, cell.border].map((colour) => colour?.toLowerCase());
	for (const colour of [background, border]) {
		if (colour !== undefined && !COLOUR.test(colour)) throw new ValidationError('error.cellColour');
	}
	const result: BoardCell = { id: cell.id, label };
	if (vocalization) result.vocalization = vocalization;
	if (cell.symbolId) result.symbolId = cell.symbolId;
	if (cell.photoId) result.photoId = cell.photoId;
	if (cell.recordingId) result.recordingId = cell.recordingId;
	if (background) result.background = background;
	if (border) result.border = border;
	if (cell.linkBoardId) result.linkBoardId = cell.linkBoardId;
	if (cell.hidden) result.hidden = true;
	return result;
}

export function mediaIdsOf(board: Board): string[] {
	return board.slots.flatMap((cell) => (cell ? [cell.photoId, cell.recordingId].filter((id): id is string => !!id) : []));
}
