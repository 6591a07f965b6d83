import { saveBoard } from '#lib/storage/boards.ts';
import { mediaIdsOf, type Board } from '#lib/domain/board.ts';

/**
 * Saves each edit at once and remembers the board as it was before the last edit, so one tap on
 * "Fortryd" puts it back.
 */
export class BoardEditHistory {
	previous = $state.raw<Board | undefined>();
	/** What the open cell forms hold before "Gem felt": a photo or voice already stored that no board refers to yet. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read only by a save, never shown
	readonly #held = new Set<() => (string | undefined)[]>();

	constructor(private readonly citizenId: () => string) {}

	/** A form's media survive every save until the returned function lets them go (the form is closed). */
	hold(ids: () => (string | undefined)[]): () => void {
		this.#held.add(ids);
		return () => this.#held.delete(ids);
	}

	/** Media a save must not clean up: those the undo can bring back and those the forms hold. */
	#keep(snapshot: Board | undefined): string[] {
		const held = [...this.#held].flatMap((ids) => ids().filter((id): id is string => !!id));
		return [...(snapshot ? mediaIdsOf(snapshot) : []), ...held];
	}

	async apply(board: Board, change: (board: Board) => Board): Promise<Board> {
		const next = change(board);
		// The board before this edit becomes the one "Fortryd" brings back, so its media stay; the older snapshot's may go.
		await saveBoard(this.citizenId(), next, this.#keep(board));
		this.previous = board;
		return next;
	}

	async undo(): Promise<void> {
		if (!this.previous) return;
		await saveBoard(this.citizenId(), this.previous, this.#keep(undefined));
		this.previous = undefined;
	}
}
