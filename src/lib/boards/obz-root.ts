import { IMPORT_LIMITS, ImportError } from './obf-limits.ts';
import type { ObfBoardDoc, ObfLoadBoard, ObzManifest } from './obf-schema.ts';

/**
 * Boards by the web addresses CoughDrop names them by, for a link that no board's path or id matches: a link's "url" is
 * a board's "url", its "data_url" a board's "data_url" (CoughDrop's link carries an id of its own that no board has).
 * The first board of each address is kept. The addresses are only compared, never fetched.
 */
export class BoardAddresses<T> {
	private readonly byUrl = new Map<string, T>();
	private readonly byDataUrl = new Map<string, T>();

	add(doc: ObfBoardDoc, board: T): void {
		if (doc.url !== undefined && !this.byUrl.has(doc.url)) this.byUrl.set(doc.url, board);
		if (doc.dataUrl !== undefined && !this.byDataUrl.has(doc.dataUrl)) this.byDataUrl.set(doc.dataUrl, board);
	}

	find(link: ObfLoadBoard): T | undefined {
		return (
			(link.url === undefined ? undefined : this.byUrl.get(link.url)) ??
			(link.dataUrl === undefined ? undefined : this.byDataUrl.get(link.dataUrl))
		);
	}
}

/** The package's .obf files, by path: its boards when it has no manifest to list them. */
export const boardFiles = (files: Map<string, unknown>) => [...files.keys()].filter((path) => /\.obf$/i.test(path)).sort();

/**
 * The root of a package whose manifest names none, or that has no manifest at all (some tools zip their .obf files
 * and nothing else): the board that opens the most other boards, as a home board does, among those no other board
 * opens (all of them, when every board is opened from another, e.g. by a "back" button); then the one with the most
 * folder buttons; the first by path on a tie.
 * Only the package's readable .obf files count.
 */
export function guessRoot(files: Map<string, unknown>, readDoc: (path: string) => ObfBoardDoc, manifest: ObzManifest | undefined): string {
	const paths = boardFiles(files);
	if (paths.length > IMPORT_LIMITS.maxBoards) throw new ImportError('import.tooManyBoards');
	const boards: Array<{ path: string; doc: ObfBoardDoc }> = [];
	for (const path of paths) {
		try {
			boards.push({ path, doc: readDoc(path) });
		} catch (error) {
			if (!(error instanceof ImportError)) throw error;
		}
	}
	const known = new Set(boards.map(({ path }) => path));
	const byId = new Map(boards.map(({ path, doc }) => [doc.id, path]));
	const addresses = new BoardAddresses<string>();
	for (const { path, doc } of boards) addresses.add(doc, path);
	// A link is followed as the import follows it: by path, by id, then by the board's web addresses (CoughDrop's).
	const targetOf = (link: ObfLoadBoard | undefined) =>
		(link?.path !== undefined && known.has(link.path) ? link.path : undefined) ??
		(link?.id !== undefined ? byId.get(link.id) : undefined) ??
		(link && addresses.find(link));
	const opens = new Map(
		boards.map(({ path, doc }) => {
			const targets = new Set<string>();
			for (const { loadBoard: link } of doc.buttons) {
				const target = targetOf(link);
				if (target !== undefined && target !== path) targets.add(target);
			}
			return [path, targets];
		})
	);
	const opened = new Set([...opens.values()].flatMap((targets) => [...targets]));
	const unopened = boards.filter(({ path }) => !opened.has(path));
	const candidates = unopened.length > 0 ? unopened : boards;
	// Boards opened first, then every folder button to another board, in the package or not; sort keeps the path order on
	// a tie. A button that opens its own board is no folder.
	const folders = ({ path, doc }: (typeof boards)[number]) =>
		doc.buttons.filter(({ loadBoard: link }) => link && link.path !== path && (link.id === undefined || link.id !== doc.id)).length;
	const [root] = candidates
		.map((board) => ({ ...board, opens: opens.get(board.path)!.size, folders: folders(board) }))
		.sort((a, b) => b.opens - a.opens || b.folders - a.folders);
	if (root === undefined) throw new ImportError(manifest ? 'import.missingRoot' : 'import.notObf');
	return root.path;
}
