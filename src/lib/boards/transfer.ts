import { symbolUrl } from '#lib/content/symbols.ts';
import type { Board, BoardSet, MediaItem } from '#lib/domain/board.ts';

/** Loads the SVG text of every symbol the boards use, so exports can embed them. */
export async function symbolSvgsFor(boards: Board[]): Promise<(symbolId: string) => string | undefined> {
	const ids = new Set(boards.flatMap((board) => board.slots.flatMap((cell) => (cell?.symbolId ? [cell.symbolId] : []))));
	const entries = await Promise.all(
		[...ids].map(async (id) => {
			const url = symbolUrl(id);
			return [id, url ? await (await fetch(url)).text() : undefined] as const;
		})
	);
	const svgs = new Map(entries);
	return (id) => svgs.get(id);
}

export async function exportBoard(board: Board, media: ReadonlyMap<string, MediaItem>): Promise<string> {
	const { exportObf } = await import('./obf-export.ts');
	return exportObf(board, media, await symbolSvgsFor([board]));
}

export async function exportBoardSet(set: BoardSet, media: ReadonlyMap<string, MediaItem>): Promise<Uint8Array> {
	const { exportObz } = await import('./obf-export.ts');
	return exportObz(set, media, await symbolSvgsFor(set.boards));
}
