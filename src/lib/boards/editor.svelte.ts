import { saveBoard } from '#lib/storage/boards.ts';
import type { Board } from '#lib/domain/board.ts';

/**
 * Saves each edit at once and remembers the board as it was before the last edit, so one tap on
 * "Fortryd" puts it back. Its photos and voices are still stored then: a save deletes no media, and the
 * editor page holds the citizen's media until it is left (media-holds.ts).
 */
export class BoardEditHistory {
	previous = $state.raw<Board | undefined>();

	constructor(private readonly citizenId: () => string) {}

	async apply(board: Board, change: (board: Board) => Board): Promise<Board> {
		const next = change(board);
		await saveBoard(this.citizenId(), next);
		this.previous = board;
		return next;
	}

	async undo(): Promise<void> {
		if (!this.previous) return;
		await saveBoard(this.citizenId(), this.previous);
		this.previous = undefined;
	}
}
