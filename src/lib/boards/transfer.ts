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

/**
 * A recording's length, from the browser's own decoder: the WebM that MediaRecorder makes has no length in its header, and
 * an offline context decodes without sound and without a tap first. The bytes are copied, as decoding takes them over.
 */
export async function soundSeconds(bytes: Uint8Array): Promise<number | undefined> {
	if (typeof OfflineAudioContext === 'undefined') return undefined;
	try {
		return (await new OfflineAudioContext(1, 1, 44_100).decodeAudioData(bytes.slice().buffer)).duration;
	} catch {
		return undefined; // A recording the browser cannot decode goes out without its length.
	}
}

export async function exportBoard(board: Board, media: ReadonlyMap<string, MediaItem>): Promise<string> {
	const { exportObf } = await import('./obf-export.ts');
	return exportObf(board, media, { symbolSvg: await symbolSvgsFor([board]), soundSeconds });
}

export async function exportBoardSet(set: BoardSet, media: ReadonlyMap<string, MediaItem>): Promise<Uint8Array> {
	const { exportObz } = await import('./obf-export.ts');
	return exportObz(set, media, { symbolSvg: await symbolSvgsFor(set.boards), soundSeconds });
}
