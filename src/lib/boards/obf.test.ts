import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Zip, ZipDeflate, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	createBoard,
	setCell,
	validateBoardSet,
	withDistinctNames,
	type Board,
	type BoardCell,
	type BoardSet,
	type MediaItem
} from '#lib/domain/board.ts';
import {
	IMPORT_LIMITS,
	ImportError,
	importBoardFile,
	importObf,
	importObz,
	type ImportErrorCode,
	type ImportResult
} from './obf-import.ts';
import { exportObf, exportObz, type ExportSources } from './obf-export.ts';
import { FUZZ_RUNS, TEST_TIER } from '../../../tests/tier.ts';
import { cpuMilliseconds } from '../../../tests/unit/cpu-time.ts';
import { worker } from '../../../tests/unit/picture-worker-double.ts';
import { DRAWN_SIDE, drawSvgAsPng } from '#lib/encoding/svg-drawing.ts';

// Node has no worker or canvas: the page's checks run for real, the worker's decoding is a stand-in.
vi.mock('#lib/encoding/picture-worker-client.ts', () => import('../../../tests/unit/picture-worker-double.ts'));
// Node cannot draw an SVG either: the real drawing refuses there (as a browser without a DOM would); one test hands the
// import a drawing's PNG to follow it through (the drawing itself: tests/e2e/board-files.spec.ts).
vi.mock('#lib/encoding/svg-drawing.ts', async (original) => {
	const real = await original<typeof import('#lib/encoding/svg-drawing.ts')>();
	return { ...real, drawSvgAsPng: vi.fn(real.drawSvgAsPng) };
});

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/obf/${name}`, import.meta.url)));
const json = (value: unknown) => strToU8(JSON.stringify(value));

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) =>
	c.charCodeAt(0)
);
// JFIF header and a start-of-frame declaring 1×1 pixels: enough for the importer's checks.
const JPEG = new Uint8Array([
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xc0, 0x00,
	0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9
]);
const WEBM_AUDIO = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x00, 0x7f]);
const OGG = new Uint8Array([...strToU8('OggS'), 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ERROR_CODES: readonly ImportErrorCode[] = [
	'import.notJson',
	'import.notObf',
	'import.tooLarge',
	'import.notZip',
	'import.zipTooLarge',
	'import.tooManyFiles',
	'import.missingRoot',
	'import.missingBoard',
	'import.badGrid',
	'import.tooManyBoards',
	'import.passwordProtected'
];

async function importError(promise: Promise<unknown>): Promise<ImportError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(ImportError);
		return error as ImportError;
	}
	throw new Error('expected the import to fail');
}

/** A board of one row with a button per picture, labelled as given; a picture shown twice is listed once. */
function picturesBoard(pictures: Array<[label: string, image: { id: string; [field: string]: string }]>) {
	const buttons = pictures.map(([label, image], i) => ({ id: `c${i}`, label, image_id: image.id }));
	const images = [...new Map(pictures.map(([, image]) => [image.id, image])).values()];
	const grid = { rows: 1, columns: buttons.length, order: [buttons.map((button) => button.id)] };
	return { format: 'open-board-0.1', id: 'b', name: 'Billeder', buttons, grid, images };
}

async function bytesOf(item: MediaItem | undefined): Promise<number[]> {
	if (!item) return [];
	return [...new Uint8Array(await item.blob.arrayBuffer())];
}

function mediaMap(media: readonly MediaItem[]): Map<string, MediaItem> {
	return new Map(media.map((m) => [m.id, m]));
}

function warningCounts(result: ImportResult): Record<string, number> {
	return Object.fromEntries(result.warnings.map((w) => [w.code, w.count]));
}

/** Checks everything an ImportResult promises, whatever file it came from. */
function expectValidResult(result: ImportResult): void {
	validateBoardSet(result.set);
	const media = mediaMap(result.media);
	expect(media.size).toBe(result.media.length);
	for (const board of result.set.boards) {
		expect(board.id).toMatch(UUID);
		expect(board.name.length).toBeGreaterThan(0);
		expect(board.name.length).toBeLessThanOrEqual(60);
		for (const cell of board.slots) {
			if (!cell) continue;
			expect(cell.id).toMatch(UUID);
			expect(cell.label.trim()).toBe(cell.label);
			expect(cell.label.length).toBeGreaterThan(0);
			expect(cell.label.length).toBeLessThanOrEqual(60);
			expect((cell.vocalization ?? '').length).toBeLessThanOrEqual(200);
			if (cell.background !== undefined) expect(cell.background).toMatch(/^#[0-9a-f]{6}$/);
			if (cell.border !== undefined) expect(cell.border).toMatch(/^#[0-9a-f]{6}$/);
			if (cell.photoId !== undefined) expect(media.get(cell.photoId)?.kind).toBe('image');
			if (cell.recordingId !== undefined) expect(media.get(cell.recordingId)?.kind).toBe('audio');
		}
	}
	for (const item of result.media) {
		expect(item.blob.size).toBeLessThanOrEqual(IMPORT_LIMITS.maxImageBytes);
		expect(item.blob.type).toBe(item.mimeType);
	}
	for (const warning of result.warnings) expect(warning.count).toBeGreaterThan(0);
}

afterEach(() => {
	vi.restoreAllMocks();
	worker.decoded = 0;
	worker.refuse = [];
});

describe('importObf with hand-written fixtures', () => {
	it('refuses hostile pictures: a GIF and a JPEG that hide a giant frame, a PNG bomb (tests/fixtures/hostile)', async () => {
		const hostile = ['gif-frame-larger-than-screen.gif', 'jpeg-hidden-large-frame.jpg', 'png-decompression-bomb.png'];
		const images = hostile.map((name, i) => ({
			id: `i${i}`,
			data: `data:application/octet-stream;base64,${readFileSync(`tests/fixtures/hostile/${name}`).toString('base64')}`
		}));
		const doc = {
			format: 'open-board-0.1',
			id: 'b',
			name: 'Hostile',
			buttons: images.map((image, i) => ({ id: `c${i}`, label: `c${i}`, image_id: image.id })),
			grid: { rows: 1, columns: 3, order: [images.map((_, i) => `c${i}`)] },
			images
		};
		const result = await importObf(new TextEncoder().encode(JSON.stringify(doc)));
		expect(result.media).toEqual([]);
		expect(warningCounts(result)).toEqual({ 'import.oversizedImageDropped': 3 });
		// Refused before any decoding: none of them reached the worker.
		expect(worker.decoded).toBe(0);
		expect(result.set.boards[0]?.slots.map((cell) => cell?.label)).toEqual(['c0', 'c1', 'c2']);
	});

	it('decodes at most its pixel budget of the file’s pictures, and drops the rest before decoding them', async () => {
		// Camera-sized pictures (49 million pixels each, as their headers say): 40 fit in the budget, the 41st does not.
		const camera = (i: number) => {
			const bytes = PNG.slice();
			const view = new DataView(bytes.buffer);
			view.setUint32(16, 7000);
			view.setUint32(20, 7000 + i);
			return { id: `p${i}`, data: `data:image/png;base64,${Buffer.from(bytes).toString('base64')}` };
		};
		const images = Array.from({ length: 41 }, (_, i) => camera(i));
		const buttons = images.map((image, i) => ({ id: `c${i}`, label: `foto ${i}`, image_id: image.id }));
		const order = Array.from({ length: 4 }, (_, row) => Array.from({ length: 12 }, (_, column) => buttons[row * 12 + column]?.id ?? null));
		expect(41 * 7000 * 7000).toBeGreaterThan(IMPORT_LIMITS.maxDecodedPixels);
		const result = await importObf(
			json({ format: 'open-board-0.1', id: 'f', name: 'Fotos', grid: { rows: 4, columns: 12, order }, buttons, images })
		);
		expectValidResult(result);
		expect(worker.decoded).toBe(40);
		expect(result.media).toHaveLength(40);
		expect(warningCounts(result)).toEqual({ 'import.picturesOverBudget': 1 });
		const last = result.set.boards[0]?.slots[40];
		expect(last).toMatchObject({ label: 'foto 40' });
		expect(last?.photoId).toBeUndefined();
	});

	it('counts an SVG drawing in the pixel budget at the size it is drawn at, so drawings cannot go past it', async () => {
		// Drawings have no pixel size in their header: uncounted, a package of thousands of tiny ones was drawn one by one
		// on the page's thread, however many the budget left room for.
		const camera = (i: number) => {
			const bytes = PNG.slice();
			const view = new DataView(bytes.buffer);
			view.setUint32(16, 7000);
			view.setUint32(20, 7100);
			// A byte after the end tells the photos apart: the same bytes would be one picture, counted once.
			return { id: `p${i}`, data: `data:image/png;base64,${Buffer.concat([bytes, Buffer.from([i])]).toString('base64')}` };
		};
		const drawing = (i: number) => ({
			id: `s${i}`,
			data: `data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg"><title>${i}</title></svg>`
		});
		const images = [...Array.from({ length: 40 }, (_, i) => camera(i)), ...Array.from({ length: 60 }, (_, i) => drawing(i))];
		const buttons = images.map((image, i) => ({ id: `c${i}`, label: `billede ${i}`, image_id: image.id }));
		const order = Array.from({ length: 10 }, (_, row) => buttons.slice(row * 10, row * 10 + 10).map((button) => button.id));
		const drawingsThatFit = Math.floor((IMPORT_LIMITS.maxDecodedPixels - 40 * 7000 * 7100) / DRAWN_SIDE ** 2);
		expect(drawingsThatFit).toBeLessThan(60);
		const draw = vi.mocked(drawSvgAsPng);
		const real = draw.getMockImplementation();
		draw.mockClear().mockImplementation(async () => PNG.slice());
		const board = { format: 'open-board-0.1', id: 'f', name: 'Billeder', grid: { rows: 10, columns: 10, order }, buttons, images };
		const result = await importObf(json(board)).finally(() => draw.mockImplementation(real!));
		expectValidResult(result);
		expect(vi.mocked(drawSvgAsPng)).toHaveBeenCalledTimes(drawingsThatFit);
		expect(result.media).toHaveLength(40 + drawingsThatFit);
		expect(warningCounts(result)).toEqual({ 'import.picturesOverBudget': 60 - drawingsThatFit });
	});

	it('takes at most maxPictures different pictures from a file, however small, and says the rest were left out', async () => {
		// Inline pictures are bounded by no file count: 15 boards of 144 different tiny PNGs.
		const tiny = (i: number) => ({ id: `p${i}`, data: dataUri('image/png', Buffer.concat([PNG, Buffer.from(`${i}`)])) });
		const perBoard = 144;
		const boards = Array.from({ length: 15 }, (_, b) => ({ images: Array.from({ length: perBoard }, (_, i) => tiny(b * perBoard + i)) }));
		const total = 15 * perBoard;
		expect(total).toBeGreaterThan(IMPORT_LIMITS.maxPictures);
		const before = worker.decoded;
		const result = await importObz(boardsObz(boards));
		expectValidResult(result);
		expect(worker.decoded - before).toBe(IMPORT_LIMITS.maxPictures);
		expect(result.media).toHaveLength(IMPORT_LIMITS.maxPictures);
		expect(warningCounts(result)).toEqual({ 'import.picturesOverBudget': total - IMPORT_LIMITS.maxPictures });
		expect(cellsOf(result).filter((cell) => cell.photoId !== undefined)).toHaveLength(IMPORT_LIMITS.maxPictures);
	});

	it('draws an SVG picture as pixels and stores only the drawing, never the SVG text', async () => {
		const svg = readFileSync('tests/fixtures/hostile/script.svg');
		const drawing = { id: 'svg', content_type: 'image/svg+xml', data: `data:image/svg+xml;base64,${svg.toString('base64')}` };
		const photo = { id: 'png', data: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` };
		const doc = picturesBoard([
			['tegning', drawing],
			['igen', drawing],
			['foto', photo]
		]);
		vi.mocked(drawSvgAsPng).mockClear().mockResolvedValueOnce(PNG.slice());
		const result = await importObf(json(doc));
		expectValidResult(result);
		// Drawn once for the two cells that show it; the raster picture is not taken for a drawing.
		expect(vi.mocked(drawSvgAsPng).mock.calls.map(([bytes]) => Buffer.from(bytes).equals(svg))).toEqual([true]);
		expect(worker.decoded).toBe(2);
		expect(result.warnings).toEqual([]);
		const [drawn, again, shown] = result.set.boards[0]?.slots ?? [];
		expect(drawn?.photoId).toBeDefined();
		expect(again?.photoId).toBe(drawn?.photoId);
		expect(shown?.photoId).not.toBe(drawn?.photoId);
		const media = mediaMap(result.media);
		expect(media.get(drawn?.photoId ?? '')?.mimeType).toBe('image/png');
		expect(await bytesOf(media.get(drawn?.photoId ?? ''))).toEqual([...PNG]);
	});

	it('reads an SVG written as plain text in a data: URI, "%" and all, and says a picture is too large when it is', async () => {
		const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" viewBox="0 0 1 1"><text>50 %, 100%25</text></svg>';
		const big = `data:image/png;base64,${'A'.repeat(Math.ceil((IMPORT_LIMITS.maxImageBytes * 4) / 3) + 8)}`;
		const doc = picturesBoard([
			['tegning', { id: 'svg', data: `data:image/svg+xml;utf8,${svg}` }],
			['stor', { id: 'big', url: big }]
		]);
		vi.mocked(drawSvgAsPng).mockClear().mockResolvedValueOnce(PNG.slice());
		const result = await importObf(json(doc));
		expectValidResult(result);
		// A lone "%" stays itself, "%25" is one "%".
		const drawn = vi.mocked(drawSvgAsPng).mock.calls.map(([bytes]) => new TextDecoder().decode(bytes));
		expect(drawn).toEqual([svg.replace('100%25', '100%')]);
		expect(result.set.boards[0]?.slots.map((cell) => cell?.photoId !== undefined)).toEqual([true, false]);
		expect(warningCounts(result)).toEqual({ 'import.oversizedImageDropped': 1 });
	});

	it('stores only what the worker re-encoded, and keeps the board when the worker refuses a picture', async () => {
		const picture = (bytes: Uint8Array) => `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`;
		const photo = readFileSync('tests/fixtures/hostile/jpeg-with-gps.jpg');
		const doc = {
			format: 'open-board-0.1',
			id: 'b',
			name: 'Fotos',
			buttons: [
				{ id: 'a', label: 'lyver', image_id: 'liar' },
				{ id: 'b', label: 'ulæselig', image_id: 'broken' },
				{ id: 'c', label: 'fint', image_id: 'fine' }
			],
			grid: { rows: 1, columns: 3, order: [['a', 'b', 'c']] },
			// Three pictures, not one: the same bytes would be one picture, decoded once.
			images: ['liar', 'broken', 'fine'].map((id, i) => ({ id, data: picture(Buffer.concat([photo, Buffer.from([i])])) }))
		};
		worker.refuse = ['tooLarge', 'undecodable'];
		const result = await importObf(json(doc));
		expectValidResult(result);
		expect(worker.decoded).toBe(3);
		expect(warningCounts(result)).toEqual({ 'import.oversizedImageDropped': 1, 'import.unsupportedImageDropped': 1 });
		const [liar, broken, fine] = result.set.boards[0]?.slots ?? [];
		expect([liar?.label, broken?.label, fine?.label]).toEqual(['lyver', 'ulæselig', 'fint']);
		expect([liar?.photoId, broken?.photoId]).toEqual([undefined, undefined]);
		expect(result.media).toHaveLength(1);
		expect(result.media[0]).toMatchObject({ id: fine?.photoId, kind: 'image', mimeType: 'image/jpeg' });
	});

	it('reads a simple 2×3 board, keeps data: pictures and drops remote ones without fetching', async () => {
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const result = await importObf(fixture('simple-2x3.obf'));
		expectValidResult(result);
		expect(fetchSpy).not.toHaveBeenCalled();

		const [board] = result.set.boards;
		expect(result.set.boards).toHaveLength(1);
		expect(board).toMatchObject({ name: 'Morning things', rows: 2, columns: 3 });
		const slots = board?.slots ?? [];
		expect(slots.map((c) => c?.label ?? null)).toEqual(['coffee', 'toast', 'more', 'all done', null, 'shower']);

		const media = mediaMap(result.media);
		expect(slots[0]?.background).toBe('#fff176');
		expect(media.get(slots[0]?.photoId ?? '')?.mimeType).toBe('image/png');
		expect(await bytesOf(media.get(slots[0]?.photoId ?? ''))).toEqual([...PNG]);
		expect(slots[1]).toMatchObject({ vocalization: 'I would like toast, please' });
		expect(slots[1]?.photoId).toBeUndefined();
		// An SVG is only ever stored as the pixels a browser drew from it; Node cannot draw, so here it is dropped.
		expect(slots[2]?.photoId).toBeUndefined();
		// rgba(200, 230, 201, 0.5): half of it over white.
		expect(slots[2]?.background).toBe('#e4f3e4');
		expect(slots[3]).toMatchObject({ label: 'all done', vocalization: 'all done' });
		expect(slots[3]?.background).toBeUndefined();
		expect(slots[5]?.photoId).toBeUndefined();

		expect(warningCounts(result)).toEqual({ 'import.remoteImageDropped': 1, 'import.unsupportedImageDropped': 2 });
		expect(result.media).toHaveLength(1);
		expect(slots.some((c) => c?.id === 'b1')).toBe(false);
	});

	it('keeps a lone board’s link to itself given only by its web address (CoughDrop), and reports one to another board', async () => {
		const doc = {
			format: 'open-board-0.1',
			id: 'cd-1',
			url: 'https://app.example/eksempel/hjem',
			name: 'Hjem',
			grid: { rows: 1, columns: 2, order: [['a', 'b']] },
			buttons: [
				{ id: 'a', label: 'hjem', load_board: { id: 'cd-link-1', url: 'https://app.example/eksempel/hjem' } },
				{ id: 'b', label: 'mad', load_board: { id: 'cd-link-2', url: 'https://app.example/eksempel/mad' } }
			]
		};
		const result = await importObf(strToU8(JSON.stringify(doc)));
		const [board] = result.set.boards;
		expect(board?.slots[0]?.linkBoardId).toBe(board?.id);
		expect(board?.slots[1]?.linkBoardId).toBeUndefined();
		expect(warningCounts(result)).toEqual({ 'import.brokenLinkDropped': 1 });
	});

	it('drops a picture whose header declares more pixels than a tablet can decode (pixel flood)', async () => {
		const flood = PNG.slice();
		new DataView(flood.buffer).setUint32(16, 100_000);
		new DataView(flood.buffer).setUint32(20, 100_000);
		const doc = {
			format: 'open-board-0.1',
			id: 'flood',
			name: 'Flod',
			grid: { rows: 1, columns: 2, order: [['a', 'b']] },
			buttons: [
				{ id: 'a', label: 'stor', image_id: 'big' },
				{ id: 'b', label: 'lille', image_id: 'small' }
			],
			images: [
				{ id: 'big', content_type: 'image/png', data: `data:image/png;base64,${btoa(String.fromCharCode(...flood))}` },
				{ id: 'small', content_type: 'image/png', data: `data:image/png;base64,${btoa(String.fromCharCode(...PNG))}` }
			]
		};
		const result = await importObf(strToU8(JSON.stringify(doc)));
		expect(warningCounts(result)).toEqual({ 'import.oversizedImageDropped': 1 });
		const [board] = result.set.boards;
		expect(board?.slots[0]?.photoId).toBeUndefined();
		expect(board?.slots[1]?.photoId).toBeDefined();
	});

	it('reads an AsTeRICS-style board: numeric ids, short order rows, unplaced buttons appended', async () => {
		const result = await importObf(fixture('asterics-style.obf'));
		expectValidResult(result);
		const board = result.set.boards[0];
		expect(board).toMatchObject({ name: 'Gefühle', rows: 3, columns: 3 });
		const slots = board?.slots ?? [];
		expect(slots.map((c) => c?.label ?? null)).toEqual([
			'froh',
			'traurig',
			'wütend',
			'müde',
			'nicht im Raster',
			'auch nicht',
			null,
			null,
			null
		]);
		expect(slots.map((c) => c?.background)).toEqual([
			'#ffeb3b',
			'#90caf9',
			'#ff4444',
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			undefined
		]);
		expect(slots[3]?.hidden).toBe(true);
		expect(slots[4]?.linkBoardId).toBe(board?.id); // a link to itself stays
		expect(slots[5]?.linkBoardId).toBeUndefined();
		expect(warningCounts(result)).toEqual({ 'import.brokenLinkDropped': 1 });
	});

	it('drops buttons that do not fit the grid and reports them', async () => {
		const doc = {
			format: 'open-board-0.1',
			id: 'full',
			name: 'Fuld',
			grid: { rows: 1, columns: 2, order: [['a', 'b']] },
			buttons: [{ id: 'a', label: 'a' }, { id: 'b', label: 'b' }, { id: 'c', label: 'c' }, { id: 'c', label: 'dup' }, 'junk']
		};
		const result = await importObf(json(doc));
		expectValidResult(result);
		expect(result.set.boards[0]?.slots.map((c) => c?.label)).toEqual(['a', 'b']);
		// One had no room; the second "c" and the entry that is no button are said to be invalid, not to lack room.
		expect(warningCounts(result)).toEqual({ 'import.cellDropped': 1, 'import.invalidCellDropped': 2 });
	});

	it('computes a grid when the file has none and caps long texts', async () => {
		const buttons = Array.from({ length: 10 }, (_, i) => ({ id: i, label: `knap ${i}` }));
		buttons[0] = { id: 0, label: ` ${'x'.repeat(300)} ` };
		buttons[1] = { id: 1, label: '\u202e👨‍👩‍👧\n\tfamilie\u0000' };
		buttons[2] = { id: 2, label: '\ud800x' };
		buttons[3] = { id: 3, label: '\u3164\u3164' };
		buttons[4] = { id: 4, label: 'se\u00adnge\u2060tøj\u180e\u115f' };
		const result = await importObf(json({ format: 'open-board-0.1', id: 1, name: '', buttons, images: 'nope', sounds: null }));
		expectValidResult(result);
		const board = result.set.boards[0];
		expect(board).toMatchObject({ rows: 3, columns: 4, name: 'Tavle' });
		expect(board?.slots.filter(Boolean)).toHaveLength(10);
		expect(board?.slots[0]?.label).toBe(`${'x'.repeat(59)}…`);
		expect(board?.slots[1]?.label).toBe('👨‍👩‍👧 familie');
		expect(board?.slots[2]?.label).toBe('\ufffdx');
		// Characters that draw nothing are no word: a label of only those is none.
		expect(board?.slots[3]?.label).toBe('?');
		expect(board?.slots[4]?.label).toBe('sengetøj');
		expect(warningCounts(result)).toEqual({ 'import.labelShortened': 1, 'import.cellWithoutWord': 1 });
	});

	it('shows a phrase too long for a cell shortened after a whole word, says it whole, and counts it', async () => {
		const phrase = 'Jeg vil gerne gå en tur i parken efter frokost, hvis vejret er godt nok til det i dag';
		const buttons = [
			{ id: 'a', label: phrase },
			{ id: 'b', label: phrase, vocalization: 'Tur i parken' },
			{ id: 'c', label: 'kort', vocalization: phrase },
			{ id: 'd', vocalization: phrase },
			{ id: 'e', label: `${'ø'.repeat(40)} ${'å'.repeat(40)}` },
			{ id: 'f', label: `${'😀'.repeat(30)}aa` },
			{ id: 'g', label: `${'😀'.repeat(29)}aa` }
		];
		const grid = { rows: 1, columns: 7, order: [buttons.map((b) => b.id)] };
		const result = await importObf(json({ format: 'open-board-0.1', id: 'p', name: 'Sætninger', grid, buttons }));
		expectValidResult(result);
		const cells = result.set.boards[0]!.slots;
		const shown = 'Jeg vil gerne gå en tur i parken efter frokost, hvis vejret…';
		expect(cells.map((cell) => [cell?.label, cell?.vocalization])).toEqual([
			[shown, phrase],
			[shown, 'Tur i parken'],
			['kort', phrase],
			[shown, phrase],
			[`${'ø'.repeat(40)}…`, `${'ø'.repeat(40)} ${'å'.repeat(40)}`],
			// 60 UTF-16 units fit; a cut never splits an emoji's surrogate pair.
			[`${'😀'.repeat(29)}…`, `${'😀'.repeat(30)}aa`],
			[`${'😀'.repeat(29)}aa`, undefined]
		]);
		// Only the buttons whose shown text was shortened are counted; a long spoken text under a short label is not.
		expect(warningCounts(result)).toEqual({ 'import.labelShortened': 5 });
	});
});

describe('buttons as other AAC apps write them', () => {
	it('mixes see-through colours onto white, as the other app showed them on its white board', async () => {
		const colours = ['rgba(0, 0, 0, 0.1)', 'rgba(0,255,0,0.5)', '#00000000', '#0f08', 'rgb(10 20 30 / 50%)', '#336699', 'rgba(0, 0, 0, 2)'];
		const buttons = colours.map((background_color, i) => ({ id: i, label: `k${i}`, background_color }));
		const result = await importObf(json({ format: 'open-board-0.1', id: 'c', name: 'Farver', buttons }));
		expectValidResult(result);
		expect(result.set.boards[0]?.slots.slice(0, colours.length).map((cell) => cell?.background)).toEqual([
			'#e6e6e6', // 10 % black on white: the light grey the other app showed, not black under black text
			'#80ff80', // as CoughDrop's own converter gives it
			'#ffffff',
			'#77ff77',
			'#858a8f',
			'#336699',
			'#000000'
		]);
	});

	it('reads colour names and hsl() as CSS does, and leaves out what is no colour', async () => {
		const colours = {
			LightBlue: '#add8e6',
			' white ': '#ffffff',
			rebeccapurple: '#663399',
			transparent: '#ffffff',
			'hsl(120, 100%, 25%)': '#008000',
			'hsla(0 100% 50% / 50%)': '#ff8080',
			'hsl(0.5turn, 100%, 50%)': '#00ffff',
			'hsl(-120deg 100% 50%)': '#0000ff',
			'hsl(120, 100, 50)': undefined,
			'hsl(red)': undefined,
			lightblu: undefined,
			'#12345': undefined
		};
		const buttons = Object.keys(colours).map((background_color, i) => ({ id: i, label: `k${i}`, background_color }));
		const result = await importObf(json({ format: 'open-board-0.1', id: 'c', name: 'Farver', buttons }));
		expectValidResult(result);
		const read = result.set.boards[0]?.slots.slice(0, buttons.length).map((cell) => cell?.background);
		expect(Object.fromEntries(Object.keys(colours).map((colour, i) => [colour, read?.[i]]))).toEqual(colours);
	});

	it("takes border_color as the cell's edge, see-through mixed onto its background; none, or no colour, is left out", async () => {
		const borders: Array<[border_color: unknown, background_color: string | undefined, border: string | undefined]> = [
			['rgb(0, 0, 128)', undefined, '#000080'],
			['DarkRed', 'white', '#8b0000'],
			['hsl(120, 100%, 25%)', undefined, '#008000'],
			// Half black over the button's own red, as the other app drew it, not over white.
			['rgba(0, 0, 0, 0.5)', '#ff0000', '#800000'],
			['#00000080', undefined, '#7f7f7f'],
			// Wholly see-through: no edge of its own, so the cell keeps the app's.
			['transparent', '#ff0000', undefined],
			['rgba(0, 0, 0, 0)', undefined, undefined],
			['not a colour', undefined, undefined],
			['', undefined, undefined],
			[42, undefined, undefined],
			[{ r: 0 }, undefined, undefined],
			[undefined, '#ff0000', undefined]
		];
		const buttons = borders.map(([border_color, background_color], i) => ({ id: i, label: `k${i}`, border_color, background_color }));
		const result = await importObf(json({ format: 'open-board-0.1', id: 'c', name: 'Kanter', buttons }));
		expectValidResult(result);
		expect(warningCounts(result)).toEqual({});
		const cells = result.set.boards[0]?.slots.slice(0, borders.length) ?? [];
		expect(cells.map((cell) => cell?.border)).toEqual(borders.map(([, , border]) => border));
		// The edge leaves the background as it was.
		expect(cells[3]?.background).toBe('#ff0000');
		// What is left out leaves no trace on the cell.
		expect(cells.filter((cell) => cell && 'border' in cell)).toHaveLength(5);
	});

	it('takes a board in another language in the Danish words it carries ("strings"), and keeps words it has none for', async () => {
		const board = (locale: string | undefined, strings: object) => ({
			format: 'open-board-0.1',
			id: 's',
			locale,
			name: 'Food',
			strings,
			buttons: [
				{ id: '1', label: 'happy' },
				{ id: '2', label: 'I want', vocalization: 'I want that' },
				{ id: '3', label: 'pizza' }
			]
		});
		const words = async (doc: object) => {
			const result = await importObf(json(doc));
			expectValidResult(result);
			const [read] = result.set.boards;
			return [read?.name, ...(read?.slots ?? []).filter(Boolean).map((cell) => `${cell?.label}|${cell?.vocalization ?? ''}`)];
		};
		const danish = { happy: 'glad', 'I want': 'jeg vil', 'I want that': 'jeg vil have det', Food: 'Mad', pizza: ' ' };
		const expected = ['Mad', 'glad|', 'jeg vil|jeg vil have det', 'pizza|'];
		expect(await words(board('en', { es: { happy: 'feliz' }, da_DK: danish }))).toEqual(expected);
		expect(await words(board(undefined, { 'da-dk': danish }))).toEqual(expected);
		// A Danish board keeps its own words; a board without a Danish table too.
		const own = ['Food', 'happy|', 'I want|I want that', 'pizza|'];
		expect(await words(board('da', { da: danish }))).toEqual(own);
		expect(await words(board('en', { es: { happy: 'feliz' }, da: 'glad' }))).toEqual(own);
	});

	it('takes the Danish words a button carries itself ("translations", as CoughDrop writes them) before the board’s table', async () => {
		const doc = {
			format: 'open-board-0.1',
			id: 't',
			locale: 'en',
			name: 'Feelings',
			strings: { da: { Feelings: 'Følelser', sad: 'ked af det' } },
			buttons: [
				{ id: '1', label: 'happy', translations: { es: { label: 'feliz' }, da: { label: 'glad', vocalization: 'jeg er glad' } } },
				{ id: '2', label: 'sad', translations: { da_DK: { vocalization: 'jeg er ked af det' } } },
				{ id: '3', label: 'tired', translations: { da: { label: ' ' } } }
			]
		};
		const result = await importObf(json(doc));
		expectValidResult(result);
		const board = result.set.boards[0];
		expect(board?.name).toBe('Følelser');
		expect(board?.slots.filter(Boolean).map((cell) => `${cell?.label}|${cell?.vocalization ?? ''}`)).toEqual([
			'glad|jeg er glad',
			'ked af det|jeg er ked af det',
			'tired|'
		]);
		// A Danish board keeps its own words.
		const danish = await importObf(json({ ...doc, locale: 'da' }));
		expect(danish.set.boards[0]?.slots[0]?.label).toBe('happy');
	});

	it('keeps words in any script, and takes a label or name of only characters that draw nothing for none', async () => {
		// Joiners, direction marks, a lone accent, a variation selector, the braille blank, a grapheme joiner, the Arabic
		// letter mark, a Mongolian variation selector: each shows as an empty cell, or a board with no name in the list.
		const blank = ['\u200d', '\u200f', '\u0301', '\ufe0f', '\u2800', '\u034f', '\u061c', '\u180b', '\u200d\u200c\u200f'];
		const words = ['مرحبا', 'שלום', '😀', '👩‍👧', 'café', 'ÆØÅ'];
		const buttons = [...blank, ...words].map((label, i) => ({ id: i, label }));
		const result = await importObf(json({ format: 'open-board-0.1', id: 'b', name: '\u2800\u200f', buttons }));
		expectValidResult(result);
		const board = result.set.boards[0];
		expect(board?.name).toBe('Tavle');
		expect(board?.slots.slice(0, blank.length + words.length).map((cell) => cell?.label)).toEqual([...blank.map(() => '?'), ...words]);
		expect(warningCounts(result)).toEqual({ 'import.cellWithoutWord': blank.length });
	});

	it('writes letters with accents as one character, as the tablet’s keyboard does, so a board is told apart by its name', async () => {
		// "å" and "é" written as a letter and a combining mark (macOS, some exports): they look the same, compare unequal.
		const decomposed = { format: 'open-board-0.1', id: 'm', name: 'Ma\u030altider', buttons: [{ id: '1', label: 'cafe\u0301' }] };
		const result = await importObf(json(decomposed));
		expectValidResult(result);
		const board = result.set.boards[0]!;
		expect(board.name).toBe('M\u00e5ltider');
		expect(board.slots[0]?.label).toBe('caf\u00e9');
		// The citizen already has a board of that name: the imported one is named apart, not listed twice alike.
		expect(withDistinctNames(['M\u00e5ltider'], [board])[0]?.name).toBe('M\u00e5ltider (2)');
	});

	it('labels a picture-only button with the word its picture file is named by, or "?" when the name is no word', async () => {
		const files = [
			'https://example.org/libraries/mulberry/happy_face.svg?v=2#x',
			'images/glad-mand.png',
			'images/r%C3%B8d%20bil.png',
			'images/1gk3j3.png',
			'images/%E0%A4%A.png'
		];
		const buttons = files.map((_, i) => ({ id: `b${i}`, image_id: `i${i}` }));
		const images = files.map((file, i) => (file.startsWith('http') ? { id: `i${i}`, url: file } : { id: `i${i}`, path: file }));
		const result = await importObf(json({ format: 'open-board-0.1', id: 'p', name: 'Billeder', buttons, images }));
		expectValidResult(result);
		const labels = result.set.boards[0]?.slots.filter(Boolean).map((cell) => cell?.label);
		expect(labels).toEqual(['happy face', 'glad mand', 'rød bil', '?', '?']);
		expect(warningCounts(result)).toMatchObject({ 'import.cellWithoutWord': 2 });
	});

	it('hides a button Cboard hid ("ext_cboard_hidden", its own field), as one the spec’s "hidden" hides', async () => {
		const buttons = [
			{ id: 'a', label: 'ja', hidden: true },
			{ id: 'b', label: 'nej', ext_cboard_hidden: true },
			{ id: 'c', label: 'måske', hidden: false, ext_cboard_hidden: false },
			{ id: 'd', label: 'stop', hidden: 'true' }
		];
		const result = await importObf(json({ format: 'open-board-0.1', id: 'h', name: 'Skjult', buttons }));
		expectValidResult(result);
		expect(result.set.boards[0]?.slots.map((cell) => cell?.hidden ?? false)).toEqual([true, true, false, false]);
	});

	it('names a board that has no name by its description when that is a short plain text, as Cboard exports its own boards', async () => {
		// Cboard's own boards have a name key, not a name: it writes the name in the reader's language as the description.
		const named = async (fields: object) => {
			const buttons = [{ id: '1', label: 'æble' }];
			const result = await importObf(json({ format: 'open-board-0.1', id: 'food', ...fields, buttons }));
			expectValidResult(result);
			return result.set.boards[0]?.name;
		};
		expect(await named({ description_html: 'Mad & drikke', ext_cboard_name_key: 'cboard.board.food' })).toBe('Mad & drikke');
		expect(await named({ name: 'Frugt', description_html: 'Mad og drikke' })).toBe('Frugt');
		// A description written as a description (markup, or longer than a name) names nothing.
		expect(await named({ description_html: 'Lavet med <b>CoughDrop</b>' })).toBe('Tavle');
		expect(await named({ description_html: 'En tavle til måltider, med mad, drikke og de ord, man bruger ved bordet' })).toBe('Tavle');
		expect(await named({ description_html: ' ' })).toBe('Tavle');
	});

	it('shows a button the grid places twice in both places, as two cells of their own', async () => {
		const buttons = [
			{ id: 'mere', label: 'mere', background_color: 'yellow' },
			{ id: 'ja', label: 'ja' }
		];
		const grid = {
			rows: 2,
			columns: 2,
			order: [
				['mere', 'ja'],
				[null, 'mere']
			]
		};
		const result = await importObf(json({ format: 'open-board-0.1', id: 't', name: 'To gange', grid, buttons }));
		expectValidResult(result);
		const slots = result.set.boards[0]?.slots ?? [];
		expect(slots.map((cell) => cell?.label ?? null)).toEqual(['mere', 'ja', null, 'mere']);
		expect(slots[3]).toMatchObject({ label: 'mere', background: '#ffff00' });
		expect(slots[3]?.id).not.toBe(slots[0]?.id);
		expect(result.warnings).toEqual([]);
	});

	it('reads a grid without a readable size as no grid, and lays the buttons out instead of refusing the board', async () => {
		for (const grid of [{ columns: 3 }, { rows: 0, columns: 0 }, { rows: 'to', columns: 2 }, 'gitter']) {
			const buttons = [1, 2, 3].map((id) => ({ id, label: `knap ${id}` }));
			const result = await importObf(json({ format: 'open-board-0.1', id: 'g', name: 'Gitter', grid, buttons }));
			expectValidResult(result);
			expect(result.set.boards[0]).toMatchObject({ rows: 2, columns: 2 });
			expect(result.set.boards[0]?.slots.map((cell) => cell?.label ?? null)).toEqual(['knap 1', 'knap 2', 'knap 3', null]);
		}
	});

	it('reads a board written by hand or by an older app without its "format", and still refuses JSON that is no board', async () => {
		const buttons = [
			{ id: '1', label: 'ja' },
			{ id: '2', label: 'nej' }
		];
		const grid = { rows: 1, columns: 2, order: [['2', '1']] };
		for (const board of [
			{ id: 'h', name: 'Håndlavet', buttons },
			{ name: 'Håndlavet', buttons },
			{ grid, buttons }
		]) {
			const result = await importObf(json(board));
			expectValidResult(result);
			expect(result.set.boards[0]?.slots.map((cell) => cell?.label)).toEqual(board.grid ? ['nej', 'ja'] : ['ja', 'nej']);
		}
		const inPackage = await importObz(zipSync({ 'tavle.obf': json({ id: 'h', name: 'Håndlavet', buttons }) }));
		expect(inPackage.set.boards.map((board) => board.name)).toEqual(['Håndlavet']);
		const notBoards = [
			{ name: 'billedtale', version: '1.0.0', scripts: { build: 'vite build' } },
			{ buttons: 5 },
			// Buttons alone, or named buttons that are no objects (a dialog's "OK" and "Annuller"), are no board either.
			{ buttons },
			{ name: 'Dialog', buttons: ['OK', 'Annuller'] },
			{ format: 'something-else', id: 'h', name: 'Håndlavet', buttons }
		];
		for (const value of notBoards) expect((await importError(importObf(json(value)))).code).toBe('import.notObf');
	});

	it('leaves out the specialty actions Billedtale has controls of its own for, and says so; spelling buttons become words', async () => {
		const buttons = [
			{ id: 'a', label: 'jeg' },
			{ id: 'b', label: 'Clear', action: ':clear' },
			{ id: 'c', label: '⌫', actions: [':backspace'] },
			{ id: 'd', label: 'hjem', action: ':home', load_board: { id: 'x' } },
			{ id: 'e', label: 'less', action: '+less' },
			{ id: 'f', label: 'vil', actions: ['+vil', ':space'] }
		];
		const grid = {
			rows: 2,
			columns: 3,
			order: [
				['a', 'b', 'c'],
				['d', 'e', 'f']
			]
		};
		const result = await importObf(json({ format: 'open-board-0.1', id: 's', name: 'Handlinger', grid, buttons }));
		expectValidResult(result);
		expect(result.set.boards[0]?.slots.map((cell) => cell?.label ?? null)).toEqual(['jeg', null, null, null, 'less', null]);
		// The home button's link is not reported as broken: the button itself is left out, and counted once.
		expect(warningCounts(result)).toEqual({ 'import.actionDropped': 4, 'import.spellingAsWords': 1 });
	});

	it('keeps a button that opened a web page in its app (CoughDrop\'s "url") as words, never opening it, and says so', async () => {
		const buttons = [
			{ id: 'a', label: 'musik', url: 'https://www.youtube.com/watch?v=abc' },
			// A button that opens a board here, whatever else it did there, is a link like any other.
			{ id: 'b', label: 'igen', url: 'https://example.org/igen', load_board: { id: 'w' } },
			{ id: 'c', label: 'ja', url: '' }
		];
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const result = await importObf(json({ format: 'open-board-0.1', id: 'w', name: 'Web', buttons }));
		expectValidResult(result);
		expect(fetchSpy).not.toHaveBeenCalled();
		const cells = result.set.boards[0]?.slots ?? [];
		expect(cells.slice(0, 3).map((cell) => cell?.label)).toEqual(['musik', 'igen', 'ja']);
		expect(cells[1]?.linkBoardId).toBe(result.set.rootBoardId);
		expect(warningCounts(result)).toEqual({ 'import.webLinkAsWords': 1 });
	});

	/** An .obz whose root board holds `buttons` in one row, with `files` beside it and the manifest's `paths` added. */
	function packageOf(buttons: Array<{ id: string }>, board: object, files: Zippable = {}, paths: object = {}): Uint8Array {
		const root = {
			format: 'open-board-0.1',
			id: 'root',
			name: 'Forside',
			grid: { rows: 1, columns: buttons.length, order: [buttons.map((button) => button.id)] },
			buttons,
			...board
		};
		const manifest = { format: 'open-board-0.1', root: 'boards/root.obf', paths: { boards: { root: 'boards/root.obf' }, ...paths } };
		return zipSync({ 'manifest.json': json(manifest), 'boards/root.obf': json(root), ...files });
	}

	it('reads Danish file names that a zip tool wrote as UTF-8 without saying so (macOS Archive Utility)', async () => {
		const buttons = [{ id: 'a', label: 'følelser', load_board: { path: 'boards/følelser.obf' } }];
		const feelings = { format: 'open-board-0.1', id: 'f', name: 'Følelser', buttons: [{ id: '1', label: 'glad', image_id: 'g' }] };
		const zip = packageOf(
			buttons,
			{},
			{ 'boards/følelser.obf': json({ ...feelings, images: [{ id: 'g', path: 'billeder/glæde.png' }] }), 'billeder/glæde.png': PNG }
		);
		const flagged = zip.slice();
		// Clear the UTF-8 flag (bit 11) in every local and central header, as the tool left it.
		const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
		let cleared = 0;
		for (let i = 0; i + 10 < zip.length; i++) {
			const signature = view.getUint32(i, true);
			const at = signature === 0x04034b50 ? i + 6 : signature === 0x02014b50 ? i + 8 : -1;
			if (at < 0 || !(view.getUint16(at, true) & 0x800)) continue;
			view.setUint16(at, view.getUint16(at, true) & ~0x800, true);
			cleared++;
		}
		expect(cleared).toBe(4);
		// Read as the zip says they are (UTF-8, and its flag set: JSZip, 7-Zip, Python), and as the tool left them.
		for (const bytes of [flagged, zip]) {
			const result = await importObz(bytes);
			expectValidResult(result);
			expect(result.set.boards.map((board) => board.name)).toEqual(['Forside', 'Følelser']);
			expect(result.set.boards[1]?.slots[0]?.photoId).toBeDefined();
			expect(result.warnings).toEqual([]);
		}
	});

	it('reads Danish file names that Windows’ "Send to compressed folder" wrote in its DOS code page (850)', async () => {
		const buttons = [{ id: 'a', label: 'følelser', load_board: { path: 'boards/følelser.obf' } }];
		const feelings = { format: 'open-board-0.1', id: 'f', name: 'Følelser', buttons: [{ id: '1', label: 'glad', image_id: 'g' }] };
		// Written with one ASCII byte in place of each Danish letter, then given the letter's byte in code page 850.
		const zip = packageOf(
			buttons,
			{},
			{ 'boards/f#lelser.obf': json({ ...feelings, images: [{ id: 'g', path: 'billeder/Å-glæde.png' }] }), 'billeder/$-gl@de.png': PNG }
		);
		const cp850 = { '#': 0x9b, '@': 0x91, $: 0x8f };
		let patched = 0;
		for (const name of ['boards/f#lelser.obf', 'billeder/$-gl@de.png']) {
			const ascii = strToU8(name);
			for (let at = 0; at + ascii.length <= zip.length; at++) {
				if (!ascii.every((byte, i) => zip[at + i] === byte)) continue;
				ascii.forEach((byte, i) => {
					const letter = cp850[String.fromCharCode(byte) as keyof typeof cp850];
					if (letter !== undefined) zip[at + i] = letter;
				});
				patched++;
			}
		}
		// Each name in its local header and in the central directory.
		expect(patched).toBe(4);
		const result = await importObz(zip);
		expectValidResult(result);
		expect(result.set.boards.map((board) => board.name)).toEqual(['Forside', 'Følelser']);
		expect(result.set.boards[1]?.slots[0]?.photoId).toBeDefined();
		expect(result.warnings).toEqual([]);
	});

	it('says a picture in the package is too large when it is, not that its format is unknown, whatever its file is named', async () => {
		const buttons = [
			{ id: 'a', label: 'stor', image_id: 'big' },
			// A board file may be larger than a picture or sound: named as one, a picture or sound got past their own limit.
			{ id: 'b', label: 'forklædt', image_id: 'named', sound_id: 'named' }
		];
		const huge = new Uint8Array(IMPORT_LIMITS.maxImageBytes + 1);
		huge.set(PNG);
		const hugeSound = new Uint8Array(IMPORT_LIMITS.maxImageBytes + 1);
		hugeSound.set(OGG);
		const images = [
			{ id: 'big', path: 'images/big.png' },
			{ id: 'named', path: 'images/big.json' }
		];
		const sounds = [{ id: 'named', path: 'sounds/big.obf' }];
		const files = { 'images/big.png': huge, 'images/big.json': huge, 'sounds/big.obf': hugeSound };
		const result = await importObz(packageOf(buttons, { images, sounds }, files));
		expectValidResult(result);
		expect(result.set.boards[0]?.slots.map((cell) => [cell?.photoId, cell?.recordingId])).toEqual([
			[undefined, undefined],
			[undefined, undefined]
		]);
		expect(warningCounts(result)).toEqual({ 'import.oversizedImageDropped': 2, 'import.unsupportedSoundDropped': 1 });
	});

	it('says a link leads to a board in the package that could not be read, not to one that was left out', async () => {
		const buttons = [
			{ id: 'a', label: 'stor', load_board: { path: 'boards/big.obf' } },
			{ id: 'b', label: 'væk', load_board: { path: 'boards/gone.obf' } }
		];
		const big = { format: 'open-board-0.1', id: 'big', name: 'Stor', grid: { rows: 16, columns: 16, order: [] }, buttons: [] };
		const result = await importObz(packageOf(buttons, {}, { 'boards/big.obf': json(big) }));
		expectValidResult(result);
		expect(result.set.boards).toHaveLength(1);
		expect(result.set.boards[0]?.slots.map((cell) => cell?.linkBoardId)).toEqual([undefined, undefined]);
		expect(warningCounts(result)).toEqual({
			'import.unreadableBoardDropped': 1,
			'import.unreadableLinkDropped': 1,
			'import.brokenLinkDropped': 1
		});
	});

	it('follows a link that names its board only by the board’s web address, as CoughDrop writes them, and says when none has it', async () => {
		const site = 'https://app.mycoughdrop.com/example';
		const buttons = [
			// CoughDrop's id for the board it opens is its own, not the one the board carries.
			{ id: 'a', label: 'mad', load_board: { id: '1_99', url: `${site}/mad`, data_url: `${site}/api/v1/boards/example/mad` } },
			{ id: 'b', label: 'væk', load_board: { url: `${site}/slettet` } },
			// A link by its "data_url" alone (the board's "url" is another, or none), and one whose "data_url" no board has.
			{ id: 'c', label: 'drikke', load_board: { id: '1_98', data_url: `${site}/api/v1/boards/example/drikke` } },
			{ id: 'd', label: 'også væk', load_board: { id: '1_97', data_url: `${site}/api/v1/boards/example/slettet` } }
		];
		const food = {
			format: 'open-board-0.1',
			id: '1_2',
			url: `${site}/mad`,
			name: 'Mad',
			buttons: [{ id: '1', label: 'tilbage', load_board: { url: `${site}/forside` } }]
		};
		const drinks = { ...food, id: '1_3', url: undefined, data_url: `${site}/api/v1/boards/example/drikke`, name: 'Drikke' };
		const boards = { root: 'boards/root.obf', '1_2': 'boards/mad.obf', '1_3': 'boards/drikke.obf' };
		const files = { 'boards/mad.obf': json(food), 'boards/drikke.obf': json(drinks) };
		const result = await importObz(packageOf(buttons, { url: `${site}/forside` }, files, { boards }));
		expectValidResult(result);
		const [home, mad, drikke] = result.set.boards;
		expect([mad?.name, drikke?.name]).toEqual(['Mad', 'Drikke']);
		expect(home?.slots.map((cell) => cell?.linkBoardId)).toEqual([mad?.id, undefined, drikke?.id, undefined]);
		expect(mad?.slots[0]?.linkBoardId).toBe(home?.id);
		expect(warningCounts(result)).toEqual({ 'import.brokenLinkDropped': 2 });
		// A lone board's link to itself by its "data_url" is followed too.
		const alone = await importObf(json({ ...drinks, buttons: [{ id: '1', label: 'igen', load_board: { data_url: drinks.data_url } }] }));
		expect(alone.set.boards[0]?.slots[0]?.linkBoardId).toBe(alone.set.rootBoardId);

		// Without a manifest, the home board is the one that opens the other by its address, though it comes second by path.
		const under = {
			...food,
			url: `${site}/under`,
			name: 'Under',
			buttons: [{ id: '1', label: 'væk', load_board: { url: `${site}/slettet` } }]
		};
		const hjem = {
			...food,
			url: `${site}/hjem`,
			name: 'Hjem',
			buttons: [{ id: '1', label: 'under', load_board: { url: `${site}/under` } }]
		};
		const guessed = await importObz(zipSync({ 'a.obf': json(under), 'b.obf': json(hjem) }));
		expect(guessed.set.boards.find((board) => board.id === guessed.set.rootBoardId)?.name).toBe('Hjem');
		// So is the one that opens the other by its "data_url".
		const byData = { ...hjem, buttons: [{ id: '1', label: 'under', load_board: { data_url: `${site}/api/v1/boards/under` } }] };
		const underByData = { ...under, url: undefined, data_url: `${site}/api/v1/boards/under` };
		const guessedByData = await importObz(zipSync({ 'a.obf': json(underByData), 'b.obf': json(byData) }));
		expect(guessedByData.set.boards.find((board) => board.id === guessedByData.set.rootBoardId)?.name).toBe('Hjem');
	});

	it('leaves out a board the manifest lists that cannot be read, with the rest of the package, and says so', async () => {
		const buttons = [{ id: 'a', label: 'mad', load_board: { id: 'mad' } }];
		const big = { format: 'open-board-0.1', id: 'stor', name: 'Stor', grid: { rows: 13, columns: 13, order: [] }, buttons: [] };
		const food = { format: 'open-board-0.1', id: 'mad', name: 'Mad', buttons: [{ id: '1', label: 'æble' }] };
		const files = { 'boards/big.obf': json(big), 'boards/food.obf': json(food), 'boards/junk.obf': strToU8('{"format":') };
		const boards = { root: 'boards/root.obf', stor: 'boards/big.obf', mad: 'boards/food.obf', junk: 'boards/junk.obf' };
		const result = await importObz(packageOf(buttons, {}, files, { boards }));
		expectValidResult(result);
		expect(result.set.boards.map((board) => board.name)).toEqual(['Forside', 'Mad']);
		expect(result.set.boards[0]?.slots[0]?.linkBoardId).toBe(result.set.boards[1]?.id);
		expect(warningCounts(result)).toEqual({ 'import.unreadableBoardDropped': 2 });
		// The home board itself is what the package is for: unreadable, it refuses the import, as before.
		const rootTooLarge = packageOf(buttons, { grid: { rows: 13, columns: 13, order: [] } }, files, { boards });
		expect((await importError(importObz(rootTooLarge))).code).toBe('import.badGrid');
	});

	it('takes a picture and a sound from the package when the board names them only by a web address or by id', async () => {
		const buttons = [
			{ id: 'a', label: 'hund', image_id: '9', sound_id: 's' },
			{ id: 'b', label: 'kat', image_id: '10' }
		];
		const board = {
			images: [
				{ id: '9', url: 'https://example.org/hund.png' },
				{ id: '10', content_type: 'image/png' }
			],
			sounds: [{ id: 's', url: 'https://example.org/hund.ogg' }]
		};
		const files = { 'images/hund.png': PNG, 'images/kat.png': PNG, 'sounds/hund.ogg': OGG };
		const paths = { images: { '9': 'images/hund.png', '10': 'images/kat.png' }, sounds: { s: 'sounds/hund.ogg' } };
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const result = await importObz(packageOf(buttons, board, files, paths));
		expectValidResult(result);
		expect(fetchSpy).not.toHaveBeenCalled();
		const [dog, cat] = result.set.boards[0]?.slots ?? [];
		expect(dog?.photoId && cat?.photoId && dog.recordingId).toBeTruthy();
		expect(result.warnings).toEqual([]);
	});

	it('takes a picture from where the manifest says when the board’s own path is not in the package, as Cboard writes them', async () => {
		// Cboard names a picture "/custom/<board>/<label>.png" on the board, zips it as "images/" and that path, and gives
		// the zip's name in the manifest by the picture's id.
		const buttons = [
			{ id: 'a', label: 'æble', image_id: '64f1c2a9e4b0a1b2c3d4e5f6' },
			{ id: 'b', label: 'drikke', image_id: '64f1c2a9e4b0a1b2c3d4e5f7' },
			{ id: 'c', label: 'væk', image_id: '64f1c2a9e4b0a1b2c3d4e5f8' }
		];
		const images = [
			{ id: '64f1c2a9e4b0a1b2c3d4e5f6', path: '/custom/Forside/æble.png', content_type: 'image/png', width: 300, height: 300 },
			{ id: '64f1c2a9e4b0a1b2c3d4e5f7', path: '/symbols/mulberry/drink.png', content_type: 'image/png', width: 300, height: 300 },
			// Neither its own path nor the manifest's is in the package: said as before.
			{ id: '64f1c2a9e4b0a1b2c3d4e5f8', path: '/custom/Forside/væk.png', content_type: 'image/png' }
		];
		const files = { 'images//custom/Forside/æble.png': PNG, 'images//symbols/mulberry/drink.png': JPEG };
		const paths = {
			images: {
				'64f1c2a9e4b0a1b2c3d4e5f6': 'images//custom/Forside/æble.png',
				'64f1c2a9e4b0a1b2c3d4e5f7': 'images//symbols/mulberry/drink.png',
				'64f1c2a9e4b0a1b2c3d4e5f8': 'images//custom/Forside/væk.png'
			}
		};
		const result = await importObz(packageOf(buttons, { images }, files, paths));
		expectValidResult(result);
		const media = mediaMap(result.media);
		const cells = result.set.boards[0]?.slots ?? [];
		expect(await Promise.all(cells.map((cell) => bytesOf(media.get(cell?.photoId ?? ''))))).toEqual([[...PNG], [...JPEG], []]);
		expect(warningCounts(result)).toEqual({ 'import.unsupportedImageDropped': 1 });
	});

	it('says when a sound cannot be played, missing from the package or in a format the tablet does not play', async () => {
		const caf = new Uint8Array([...strToU8('caff'), 0x00, 0x01, 0x00, 0x00]);
		const buttons = [
			{ id: 'a', label: 'ogg', sound_id: 'ogg' },
			{ id: 'b', label: 'caf', sound_id: 'caf' },
			{ id: 'c', label: 'væk', sound_id: 'gone' },
			{ id: 'd', label: 'intet', sound_id: 'nothing' }
		];
		const sounds = [
			{ id: 'ogg', path: 'sounds/a.ogg' },
			{ id: 'caf', path: 'sounds/a.caf' },
			{ id: 'gone', path: 'sounds/gone.mp3' },
			{ id: 'nothing' }
		];
		const result = await importObz(packageOf(buttons, { sounds }, { 'sounds/a.ogg': OGG, 'sounds/a.caf': caf }));
		expectValidResult(result);
		const cells = result.set.boards[0]?.slots ?? [];
		expect(cells.map((cell) => Boolean(cell?.recordingId))).toEqual([true, false, false, false]);
		expect(cells.map((cell) => cell?.label)).toEqual(['ogg', 'caf', 'væk', 'intet']);
		expect(warningCounts(result)).toEqual({ 'import.unsupportedSoundDropped': 3 });
	});

	it('reads a board saved as UTF-16 (Notepad\'s "Unicode") or in Windows\' Western code page ("ANSI"), letters and all', async () => {
		const board = { format: 'open-board-0.1', id: 'b', name: 'Følelser', buttons: [{ id: '1', label: 'glæde' }] };
		const text = JSON.stringify(board);
		const utf16 = (littleEndian: boolean) => {
			const view = new DataView(new ArrayBuffer(2 + text.length * 2));
			view.setUint16(0, 0xfeff, littleEndian);
			for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
			return new Uint8Array(view.buffer);
		};
		// Every character of the board is in Latin-1, which Windows-1252 matches there.
		const ansi = Uint8Array.from(text, (char) => char.charCodeAt(0));
		for (const bytes of [utf16(true), utf16(false), ansi]) {
			const result = await importBoardFile('følelser.obf', bytes);
			expectValidResult(result);
			expect(result.set.boards[0]?.name).toBe('Følelser');
			expect(result.set.boards[0]?.slots[0]?.label).toBe('glæde');
		}
		// UTF-8, with one word typed in by an editor that took the file for ANSI: that word's "ø" is the one byte 0xF8.
		const [before, after] = text.split('glæde') as [string, string];
		const utf8 = (part: string) => [...new TextEncoder().encode(part)];
		const mixed = Uint8Array.from([...utf8(before), ...[...'smør'].map((char) => char.charCodeAt(0)), ...utf8(after)]);
		const result = await importBoardFile('følelser.obf', mixed);
		expect(result.set.boards[0]?.name).toBe('Følelser');
		expect(result.set.boards[0]?.slots[0]?.label).toBe('smør');
		// All in ANSI, with pairs of bytes that happen to be UTF-8 too ("Å”" is C5 94, "Ŕ" in UTF-8): read as ANSI throughout.
		const labels = ['“GÅ”', 'NÆ…', 'KØ–'];
		const ansiBoard = JSON.stringify({ ...board, buttons: labels.map((label, i) => ({ id: `${i}`, label })) });
		const windows1252 = new Map([...'“”…–'].map((char, i) => [char, [0x93, 0x94, 0x85, 0x96][i]!]));
		const ansiBytes = Uint8Array.from(ansiBoard, (char) => windows1252.get(char) ?? char.charCodeAt(0));
		const ansiResult = await importBoardFile('følelser.obf', ansiBytes);
		expect(ansiResult.set.boards[0]?.name).toBe('Følelser');
		expect(ansiResult.set.boards[0]?.slots.slice(0, 3).map((cell) => cell?.label)).toEqual(labels);
	});

	it('finds a file the board names as a web address or a relative path does, or in another Unicode form', async () => {
		const buttons = [
			{ id: 'a', label: 'glad', image_id: 'g' },
			{ id: 'b', label: 'på', image_id: 'p', load_board: { path: 'boards/../boards/./mad%20og%20drikke.obf' } }
		];
		const images = [
			{ id: 'g', path: 'billeder/glad%20ansigt.png' },
			// macOS wrote "å" as "a" and a combining ring; the board names it as one letter.
			{ id: 'p', path: '../billeder/p\u00e5.png' }
		];
		const food = { format: 'open-board-0.1', id: 'mad', name: 'Mad og drikke', buttons: [{ id: '1', label: 'æble' }] };
		const files = {
			'billeder/glad ansigt.png': PNG,
			'billeder/pa\u030a.png': JPEG,
			'boards/mad og drikke.obf': json(food)
		};
		const result = await importObz(packageOf(buttons, { images }, files));
		expectValidResult(result);
		const [glad, pa] = result.set.boards[0]?.slots ?? [];
		expect(glad?.photoId).toBeDefined();
		expect(pa?.photoId).toBeDefined();
		expect(pa?.linkBoardId).toBe(result.set.boards[1]?.id);
		expect(result.warnings).toEqual([]);
	});

	it('finds a file named in other capitals, as on Windows and macOS, but guesses none when two files differ only so', async () => {
		// The zip names every board, picture and sound in capitals where its manifest and boards do not; once with the
		// food board listed in the manifest, once reached only by the home board's link.
		const inCapitals: Record<string, string> = {
			'boards/root.obf': 'Boards/Root.obf',
			'boards/2b7kq1.obf': 'boards/2B7KQ1.OBF',
			'images/1gk3j3.png': 'Images/1GK3J3.png',
			'sounds/s1.ogg': 'SOUNDS/s1.ogg'
		};
		for (const manifestPatch of [{}, { paths: { boards: { root: 'boards/root.obf' } } }]) {
			const files = unzipSync(cboardObz({}, manifestPatch));
			const renamed = zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [inCapitals[name] ?? name, bytes])));
			const [exact, result] = await Promise.all([importObz(cboardObz({}, manifestPatch)), importObz(renamed)]);
			expectValidResult(result);
			expect(result.set.boards).toHaveLength(2);
			expect(await describeSet(result.set, mediaMap(result.media))).toEqual(await describeSet(exact.set, mediaMap(exact.media)));
			expect(result.warnings).toEqual(exact.warnings);
		}

		const buttons = ['a', 'b', 'c'].map((id) => ({ id, label: `billede ${id}`, image_id: id }));
		const images = [
			{ id: 'a', path: 'images/GLAD.png' },
			{ id: 'b', path: 'images/Glad.png' },
			{ id: 'c', path: 'images/glad.png' }
		];
		const link = { id: 'd', label: 'mad', load_board: { path: 'BOARDS/MAD.OBF' } };
		const food = (name: string) => json({ format: 'open-board-0.1', name, buttons: [{ id: '1', label: 'æble' }] });
		const files = { 'images/Glad.png': PNG, 'images/glad.png': JPEG, 'boards/Mad.obf': food('Mad'), 'boards/mad.obf': food('mad') };
		const result = await importObz(packageOf([...buttons, link], { images }, files));
		expectValidResult(result);
		const media = mediaMap(result.media);
		const cells = result.set.boards[0]?.slots ?? [];
		expect(await Promise.all(cells.map((cell) => bytesOf(media.get(cell?.photoId ?? ''))))).toEqual([[], [...PNG], [...JPEG], []]);
		expect(result.set.boards).toHaveLength(1);
		expect(warningCounts(result)).toEqual({ 'import.unsupportedImageDropped': 1, 'import.brokenLinkDropped': 1 });
	});
});

function cboardObz(extra: Zippable = {}, manifestPatch: Record<string, unknown> = {}): Uint8Array {
	const manifest = {
		format: 'open-board-0.1',
		root: 'boards/root.obf',
		paths: {
			boards: { root: 'boards/root.obf', '2b7kq1': 'boards/2b7kq1.obf' },
			images: { '1gk3j3': 'images/1gk3j3.png' },
			sounds: { s1: 'sounds/s1.ogg' }
		},
		...manifestPatch
	};
	return zipSync({
		'manifest.json': json(manifest),
		'boards/root.obf': fixture('cboard-root.obf'),
		'boards/2b7kq1.obf': fixture('cboard-food.obf'),
		'images/1gk3j3.png': PNG,
		'sounds/s1.ogg': OGG,
		...extra
	});
}

describe('importObz', () => {
	it('reads a Cboard-style export: links by path, shared pictures, sounds, rgb colours', async () => {
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const result = await importObz(cboardObz());
		expectValidResult(result);
		expect(fetchSpy).not.toHaveBeenCalled();

		// The root is the board the manifest names (boards/root.obf, "Start"), whatever order the boards come in.
		const root = result.set.boards.find((b) => b.id === result.set.rootBoardId);
		const food = result.set.boards.find((b) => b.name === 'Mad');
		expect(result.set.boards).toHaveLength(2);
		expect(root).toMatchObject({ name: 'Start', rows: 2, columns: 2 });
		expect(food).toMatchObject({ name: 'Mad', rows: 1, columns: 3 });
		const [mad, hej, leg] = root?.slots ?? [];
		expect(mad).toMatchObject({ label: 'mad', background: '#fff176', border: '#ffffff', linkBoardId: food?.id });
		expect(hej).toMatchObject({ label: 'hej', vocalization: 'hej med dig', background: '#81d4fa' });
		expect(leg?.linkBoardId).toBeUndefined();
		expect(food?.slots[2]).toMatchObject({ label: 'tilbage', linkBoardId: root?.id });

		const media = mediaMap(result.media);
		// images/1gk3j3.png is used on both boards and becomes one media item.
		expect(mad?.photoId).toEqual(expect.any(String));
		expect(food?.slots[0]?.photoId).toBe(mad?.photoId);
		expect(await bytesOf(media.get(mad?.photoId ?? ''))).toEqual([...PNG]);
		expect(media.get(hej?.recordingId ?? '')).toMatchObject({ kind: 'audio', mimeType: 'audio/ogg' });
		expect(await bytesOf(media.get(hej?.recordingId ?? ''))).toEqual([...OGG]);
		// "hej" carries the same picture inline: the same bytes, so the same medium.
		expect(hej?.photoId).toBe(mad?.photoId);
		expect(result.media).toHaveLength(2);
		expect(warningCounts(result)).toEqual({ 'import.brokenLinkDropped': 1, 'import.remoteImageDropped': 1 });
	});

	it("reads packages written as a stream, with each file's sizes after it, also where a photo holds a zip signature", async () => {
		// Written by `jar` (Java's ZipOutputStream: deflate) and by Info-ZIP's `zip -r0 -` to a pipe (stored): two boards, a
		// photo whose bytes hold "PK\x01\x02" or "PK\x03\x04" (any photo may), a GIF and a sound. Read to the next bytes
		// that looked like a signature, the jar package was refused and the other lost its photo and sound.
		for (const name of ['jar-stream-signature-in-photo.obz', 'infozip-pipe-signature-in-photo.obz']) {
			const result = await importObz(fixture(name));
			expectValidResult(result);
			expect(result.set.boards.map((board) => board.name).sort(), name).toEqual(['Food', 'Home']);
			expect(result.warnings, name).toEqual([]);
			expect(result.media.map((item) => item.kind).sort(), name).toEqual(['audio', 'image', 'image']);
		}
	});

	it('refuses a package cut short, wherever it ends, instead of bringing in the boards before the cut', async () => {
		const zip = cboardObz();
		const directory = new DataView(zip.buffer, zip.byteOffset).getUint32(zip.length - 22 + 16, true);
		// At the end of each file's data (the boundaries a broken-off copy most often leaves) and inside the directory.
		for (const at of [directory, directory + 10, zip.length - 1, Math.floor(zip.length / 2)]) {
			expect((await importError(importObz(zip.slice(0, at)))).code, `cut at ${at}`).toBe('import.notZip');
		}
	});

	it('refuses a directory whose entries share their bytes, before inflating any of them again and again', async () => {
		// 2,000 names for one stream of empty stored blocks, which inflates to nothing: each was inflated anew, past every
		// cap on what came out (1.3 s of the page's thread for 209 kB, minutes at the size limit).
		const u16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
		const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
		const data = new Uint8Array(20_000 * 5 + 5);
		for (let i = 0; i < 20_000; i++) data.set([0, 0, 0, 0xff, 0xff], i * 5);
		data.set([1, 0, 0, 0xff, 0xff], 20_000 * 5);
		const header = (name: number[]) => [
			...u16(20),
			...u16(0),
			...u16(8),
			...u16(0),
			...u16(0),
			...u32(0),
			...u32(data.length),
			...u32(0),
			...u16(name.length),
			...u16(0)
		];
		const local = [...u32(0x04034b50), ...header([0x78]), 0x78];
		const directory = Array.from({ length: IMPORT_LIMITS.maxEntries }, (_, i) => {
			const name = [...strToU8(`p${i}.png`)];
			return [...u32(0x02014b50), ...u16(20), ...header(name), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...name];
		}).flat();
		const zip = Uint8Array.from([
			...local,
			...data,
			...directory,
			...[...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(IMPORT_LIMITS.maxEntries), ...u16(IMPORT_LIMITS.maxEntries)],
			...[...u32(directory.length), ...u32(local.length + data.length), ...u16(0)]
		]);
		// Refused as no package from its directory; read, it ended as "not a board" after 2,000 inflations.
		expect((await importError(importObz(zip))).code).toBe('import.notZip');
	});

	it("reads a package whose comment holds the end record's signature, and calls a broken directory no package", async () => {
		const zip = zipSync({
			'manifest.json': json({ format: 'open-board-0.1', root: 'b.obf' }),
			'b.obf': json({ format: 'open-board-0.1', id: 'b', name: 'B', buttons: [] })
		});
		const comment = strToU8('made by a tool; its trailer PK\x05\x06 and more text after it');
		const commented = new Uint8Array(zip.length + comment.length);
		commented.set(zip);
		commented.set(comment, zip.length);
		new DataView(commented.buffer).setUint16(zip.length - 2, comment.length, true);
		expectValidResult(await importObz(commented));
		// An entry's extra field said to run past the end of the directory.
		const broken = zip.slice();
		const view = new DataView(broken.buffer);
		view.setUint16(view.getUint32(broken.length - 22 + 16, true) + 30, 0xfff0, true);
		expect((await importError(importObz(broken))).code).toBe('import.notZip');
	});

	it("does not count macOS's metadata beside each file as the package's files", async () => {
		const files: Zippable = { 'manifest.json': json({ format: 'open-board-0.1', root: 'b.obf' }) };
		files['b.obf'] = json({ format: 'open-board-0.1', id: 'b', name: 'B', buttons: [] });
		for (let i = 0; i < IMPORT_LIMITS.maxEntries; i++) files[`__MACOSX/._${i}.png`] = new Uint8Array(0);
		expectValidResult(await importObz(zipSync(files, { level: 0 })));
	});

	it('is chosen by content in importBoardFile, whatever the name says', async () => {
		const viaName = await importBoardFile('tavler.obf', cboardObz());
		expect(viaName.set.boards).toHaveLength(2);
		const plain = await importBoardFile('board.obz', fixture('asterics-style.obf'));
		expect(plain.set.boards).toHaveLength(1);
	});

	it('refuses a manifest whose root is missing, or a listed board that is not in the zip', async () => {
		expect((await importError(importObz(cboardObz({}, { root: 'boards/nowhere.obf' })))).code).toBe('import.missingRoot');
		const missing = cboardObz({}, { paths: { boards: { root: 'boards/root.obf', x: 'boards/x.obf' } } });
		expect((await importError(importObz(missing))).code).toBe('import.missingBoard');
		expect((await importError(importObz(zipSync({ 'manifest.json': json({ format: 'open-board-0.1' }) })))).code).toBe(
			'import.missingRoot'
		);
		expect((await importError(importObz(zipSync({ 'billede.png': PNG, 'tavle.json': json({ name: 'x' }) })))).code).toBe('import.notObf');
	});

	it('reads a manifest whose root names the home board by its id instead of its path, as some apps write it', async () => {
		const byPath = await importObz(cboardObz());
		const byId = await importObz(cboardObz({}, { root: 'root' }));
		expectValidResult(byId);
		expect(await describeSet(byId.set, mediaMap(byId.media))).toEqual(await describeSet(byPath.set, mediaMap(byPath.media)));
		const otherHome = await importObz(cboardObz({}, { root: '2b7kq1' }));
		expect(otherHome.set.boards.find((board) => board.id === otherHome.set.rootBoardId)?.name).toBe(
			byPath.set.boards.find((board) => board.id !== byPath.set.rootBoardId)?.name
		);
	});

	it('reads a package without a manifest, or whose manifest names no root: the home board is the one that opens the others', async () => {
		const start = async (bytes: Uint8Array) => {
			const result = await importObz(bytes);
			expectValidResult(result);
			const root = result.set.boards.find((board) => board.id === result.set.rootBoardId);
			const links = root?.slots.flatMap((cell) => (cell?.linkBoardId ? [cell.linkBoardId] : []));
			return [root?.name, result.set.boards.length, links?.map((id) => result.set.boards.find((board) => board.id === id)?.name)];
		};
		// Start and Mad open each other (Mad has a way back): Start opens more. Its link to a deleted board stays out.
		expect(await start(cboardObz({}, { root: undefined }))).toEqual(['Start', 2, ['Mad']]);
		const zipped = { 'boards/2b7kq1.obf': fixture('cboard-food.obf'), 'boards/root.obf': fixture('cboard-root.obf') };
		expect(await start(zipSync(zipped))).toEqual(['Start', 2, ['Mad']]);
		// Two boards that open each other, one with a button to itself as well: that button is no folder.
		const a = json({ format: 'open-board-0.1', id: 'a', name: 'Hjem', buttons: [{ id: '1', label: 'til B', load_board: { id: 'b' } }] });
		const b = json({
			format: 'open-board-0.1',
			id: 'b',
			name: 'Under',
			buttons: [
				{ id: '1', label: 'til A', load_board: { id: 'a', path: 'a.obf' } },
				{ id: '2', label: 'mig selv', load_board: { id: 'b' } }
			]
		});
		expect(await start(zipSync({ 'a.obf': a, 'b.obf': b }))).toEqual(['Hjem', 2, ['Under']]);
		// A board no other board opens comes first; one that cannot be read is no candidate, and is said to be left out.
		const lone = json({ format: 'open-board-0.1', id: 'alene', name: 'Alene', buttons: [{ id: '1', label: 'hej' }] });
		const withLone = zipSync({ ...zipped, 'z/alene.obf': lone, 'a/ødelagt.obf': strToU8('{') });
		expect(await start(withLone)).toEqual(['Alene', 3, []]);
		expect(warningCounts(await importObz(withLone))['import.unreadableBoardDropped']).toBe(1);
	});

	it('reads a package zipped as a folder, with the "__MACOSX" copies macOS adds beside it, as the package itself', async () => {
		const appleDouble = new Uint8Array([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]);
		const inFolder = (files: Record<string, Uint8Array>) => {
			const zipped: Zippable = {};
			for (const [path, bytes] of Object.entries(files)) {
				zipped[`Mine tavler/${path}`] = bytes;
				// Finder's "Compress" writes each file's metadata as an AppleDouble "._" file under __MACOSX.
				zipped[`__MACOSX/Mine tavler/${path.replace(/[^/]+$/, (name) => `._${name}`)}`] = appleDouble;
			}
			return zipSync(zipped);
		};
		const files = unzipSync(cboardObz());
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const result = await importObz(inFolder(files));
		expectValidResult(result);
		expect(fetchSpy).not.toHaveBeenCalled();
		const unzipped = await importObz(cboardObz());
		expect(await describeSet(result.set, mediaMap(result.media))).toEqual(await describeSet(unzipped.set, mediaMap(unzipped.media)));
		expect(result.warnings).toEqual(unzipped.warnings);

		// Without a manifest the home board is found as before, the paths its boards give are found in the folder, and the
		// metadata files are no boards that "could not be read".
		delete files['manifest.json'];
		const withoutManifest = await importObz(inFolder(files));
		expectValidResult(withoutManifest);
		const unzippedWithout = await importObz(zipSync(files));
		expect(await describeSet(withoutManifest.set, mediaMap(withoutManifest.media))).toEqual(
			await describeSet(unzippedWithout.set, mediaMap(unzippedWithout.media))
		);
		expect(withoutManifest.warnings).toEqual(unzippedWithout.warnings);
	});

	it('finds a manifest named in other capitals ("Manifest.json", "MANIFEST.JSON"), also in the folder the package was zipped as', async () => {
		// This manifest names the food board as the home board, which no guess would: found, the import opens there.
		const { 'manifest.json': manifest, ...rest } = unzipSync(cboardObz({}, { root: '2b7kq1' }));
		const exact = await importObz(cboardObz({}, { root: '2b7kq1' }));
		const expected = await describeSet(exact.set, mediaMap(exact.media));
		expect(expected.boards[expected.root ?? -1]?.name).toBe('Mad');
		for (const name of ['Manifest.json', 'MANIFEST.JSON']) {
			for (const folder of ['', 'Mine tavler/']) {
				const files = Object.entries({ ...rest, [name]: manifest! }).map(([path, bytes]) => [folder + path, bytes] as const);
				const result = await importObz(zipSync(Object.fromEntries(files)));
				expectValidResult(result);
				expect(await describeSet(result.set, mediaMap(result.media))).toEqual(expected);
				expect(result.warnings).toEqual(exact.warnings);
			}
		}
		// Two that differ only in capitals leave nothing to tell which was meant: neither is taken, the home board is guessed.
		const twice = await importObz(zipSync({ ...rest, 'Manifest.json': manifest!, 'MANIFEST.JSON': json({ format: 'open-board-0.1' }) }));
		expectValidResult(twice);
		expect(twice.set.boards.find((board) => board.id === twice.set.rootBoardId)?.name).toBe('Start');
	});

	it('refuses too many entries and too many boards', async () => {
		const many: Zippable = {};
		for (let i = 0; i <= IMPORT_LIMITS.maxEntries; i++) many[`f/${i}.txt`] = new Uint8Array(0);
		expect((await importError(importObz(zipSync(many, { level: 0 })))).code).toBe('import.tooManyFiles');

		const board = strToU8(JSON.stringify({ format: 'open-board-0.1', id: 'b', name: 'b', buttons: [] }));
		const files: Zippable = {};
		const boards: Record<string, string> = {};
		for (let i = 0; i <= IMPORT_LIMITS.maxBoards; i++) {
			files[`boards/${i}.obf`] = board;
			boards[String(i)] = `boards/${i}.obf`;
		}
		files['manifest.json'] = json({ format: 'open-board-0.1', root: 'boards/0.obf', paths: { boards } });
		expect((await importError(importObz(zipSync(files, { level: 0 })))).code).toBe('import.tooManyBoards');
	});

	it('refuses a manifest that lists 150,000 boards at once, not after comparing each path with every other', async () => {
		// 20 MB of manifest holds about a million: compared pairwise, that took a quarter of an hour on a desktop computer, the page busy all along.
		const entries = Array.from({ length: 150_000 }, (_, i) => `"${i}":"b/${i}.obf"`).join(',');
		const manifest = strToU8(`{"format":"open-board-0.1","root":"a.obf","paths":{"boards":{${entries}}}}`);
		const zip = zipSync({ 'manifest.json': manifest, 'a.obf': json({ format: 'open-board-0.1', id: 'a', buttons: [] }) });
		let code: string | undefined;
		const cpu = await cpuMilliseconds(async () => (code = (await importError(importObz(zip))).code));
		expect(code).toBe('import.tooManyBoards');
		// Well under a second of CPU here; pairwise it took 20 s.
		expect(cpu).toBeLessThan(5_000);
	});
});

/** A set of three boards that uses every feature the format must carry. */
function richSet(): { set: BoardSet; media: Map<string, MediaItem> } {
	const photo: MediaItem = { id: 'photo-1', kind: 'image', mimeType: 'image/png', blob: new Blob([PNG], { type: 'image/png' }) };
	const portrait: MediaItem = { id: 'photo-2', kind: 'image', mimeType: 'image/jpeg', blob: new Blob([JPEG], { type: 'image/jpeg' }) };
	const voice: MediaItem = {
		id: 'rec-1',
		kind: 'audio',
		mimeType: 'audio/webm;codecs=opus',
		blob: new Blob([WEBM_AUDIO], { type: 'audio/webm;codecs=opus' })
	};
	let home = createBoard('Hjem', 3, 4);
	let food = createBoard('Mad og drikke', 2, 2);
	let people = createBoard('Familie', 1, 3);
	const cell = (label: string, rest: Partial<BoardCell> = {}): BoardCell => ({ id: crypto.randomUUID(), label, ...rest });
	home = setCell(home, 0, cell('ja', { symbolId: 'ja', background: '#a5d6a7', border: '#1b5e20' }));
	home = setCell(home, 1, cell('nej', { symbolId: 'nej', background: '#ef9a9a', hidden: true }));
	home = setCell(home, 5, cell('Mad', { symbolId: 'aeble', linkBoardId: food.id, background: '#fff176' }));
	home = setCell(home, 11, cell('Familie', { photoId: photo.id, linkBoardId: people.id }));
	food = setCell(food, 0, cell('æble', { symbolId: 'aeble', vocalization: 'Jeg vil gerne have et æble' }));
	food = setCell(food, 3, cell('tilbage', { linkBoardId: home.id }));
	people = setCell(
		people,
		1,
		cell('Mor', { photoId: portrait.id, symbolId: 'ja', recordingId: voice.id, vocalization: 'Jeg vil gerne tale med mor' })
	);
	people = setCell(people, 2, cell('Hjem', { linkBoardId: home.id, photoId: photo.id }));
	return { set: { rootBoardId: home.id, boards: [home, food, people] }, media: new Map([photo, portrait, voice].map((m) => [m.id, m])) };
}

const symbolSvg = (id: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>${id}</title></svg>`;
/** In Node no recording can be decoded: an export then leaves the length out (see the test of lengths below). */
const sources: ExportSources = { symbolSvg, soundSeconds: () => Promise.resolve(undefined) };

/** A board set described without ids: links become board indices, media become bytes. */
async function describeSet(set: BoardSet, media: ReadonlyMap<string, MediaItem>) {
	const index = new Map(set.boards.map((b, i) => [b.id, i]));
	return {
		root: index.get(set.rootBoardId),
		boards: await Promise.all(
			set.boards.map(async (board) => ({
				name: board.name,
				rows: board.rows,
				columns: board.columns,
				slots: await Promise.all(
					board.slots.map(async (cell) =>
						cell
							? {
									label: cell.label,
									vocalization: cell.vocalization,
									symbolId: cell.symbolId,
									background: cell.background,
									border: cell.border,
									hidden: cell.hidden ?? false,
									link: cell.linkBoardId === undefined ? undefined : index.get(cell.linkBoardId),
									photo: cell.photoId ? await bytesOf(media.get(cell.photoId)) : undefined,
									recording: cell.recordingId ? await bytesOf(media.get(cell.recordingId)) : undefined
								}
							: null
					)
				)
			}))
		)
	};
}

/** A data: URI of `bytes`, as a board carries a picture or sound inline. */
const dataUri = (type: string, bytes: Uint8Array) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

/**
 * An .obz of boards "Tavle 1", "Tavle 2", …, all listed in the manifest: each a row of buttons, one per picture and
 * sound it is given, with `files` beside them.
 */
function boardsObz(boards: Array<{ images?: Array<{ id: string }>; sounds?: Array<{ id: string }> }>, files: Zippable = {}): Uint8Array {
	const paths = boards.map((_, i) => `boards/${i}.obf`);
	const docs = boards.map(({ images = [], sounds = [] }, i) => {
		const buttons = [
			...images.map((image, j) => ({ id: `i${j}`, label: `billede ${j}`, image_id: image.id })),
			...sounds.map((sound, j) => ({ id: `s${j}`, label: `lyd ${j}`, sound_id: sound.id }))
		];
		const columns = Math.min(12, buttons.length);
		const order = Array.from({ length: Math.ceil(buttons.length / columns) }, (_, row) =>
			Array.from({ length: columns }, (_, column) => buttons[row * columns + column]?.id ?? null)
		);
		const grid = { rows: order.length, columns, order };
		return [paths[i]!, json({ format: 'open-board-0.1', id: `b${i}`, name: `Tavle ${i + 1}`, grid, buttons, images, sounds })] as const;
	});
	const manifest = {
		format: 'open-board-0.1',
		root: paths[0],
		paths: { boards: Object.fromEntries(paths.map((path, i) => [`b${i}`, path])) }
	};
	return zipSync({ 'manifest.json': json(manifest), ...Object.fromEntries(docs), ...files });
}

/** Every cell of the import, board by board. */
const cellsOf = (result: ImportResult) => result.set.boards.flatMap((board) => board.slots.filter((cell) => cell !== null));

describe('a picture or sound the package uses many times', () => {
	it('stores a picture three boards list by one path once, and every cell shows that one', async () => {
		const ja = [{ id: 'ja', path: 'images/ja.png' }];
		const result = await importObz(boardsObz([{ images: ja }, { images: ja }, { images: ja }], { 'images/ja.png': PNG }));
		expectValidResult(result);
		expect(result.set.boards).toHaveLength(3);
		expect(result.media).toHaveLength(1);
		expect(worker.decoded).toBe(1);
		expect(cellsOf(result).map((cell) => cell.photoId)).toEqual([result.media[0]?.id, result.media[0]?.id, result.media[0]?.id]);
	});

	it('stores the same picture once, whether the boards give it by another path or inline as a data: URI', async () => {
		const boards = [
			{ images: [{ id: 'ja', path: 'images/ja.png' }] },
			{ images: [{ id: 'ja', path: 'billeder/ja-kopi.png' }] },
			{ images: [{ id: 'ja', data: dataUri('image/png', PNG) }] },
			{ images: [{ id: 'også-ja', data: dataUri('image/png', PNG) }] }
		];
		const result = await importObz(boardsObz(boards, { 'images/ja.png': PNG, 'billeder/ja-kopi.png': PNG }));
		expectValidResult(result);
		expect(result.warnings).toEqual([]);
		expect(worker.decoded).toBe(1);
		expect(result.media).toHaveLength(1);
		expect(new Set(cellsOf(result).map((cell) => cell.photoId))).toEqual(new Set([result.media[0]?.id]));
		expect(await bytesOf(result.media[0])).toEqual([...PNG]);
	});

	it('keeps two different pictures apart, each shown by its own cells', async () => {
		const ja = { id: 'ja', data: dataUri('image/png', PNG) };
		const nej = { id: 'nej', data: dataUri('image/jpeg', JPEG) };
		const result = await importObz(boardsObz([{ images: [ja, nej] }, { images: [nej, ja] }]));
		expectValidResult(result);
		expect(result.media).toHaveLength(2);
		const [first, second] = result.set.boards;
		expect(first?.slots[0]?.photoId).not.toBe(first?.slots[1]?.photoId);
		expect(second?.slots.map((cell) => cell?.photoId)).toEqual([first?.slots[1]?.photoId, first?.slots[0]?.photoId]);
		const media = mediaMap(result.media);
		expect(await bytesOf(media.get(first?.slots[0]?.photoId ?? ''))).toEqual([...PNG]);
		expect(await bytesOf(media.get(first?.slots[1]?.photoId ?? ''))).toEqual([...JPEG]);
	});

	it('counts a picture shown again in the pixel budget once, so a package that fits by that keeps all its pictures', async () => {
		// 40 camera-sized pictures fill the budget; the first shown again on a second board adds no pixels to decode.
		const camera = (i: number) => {
			const bytes = PNG.slice();
			new DataView(bytes.buffer).setUint32(16, 7000);
			new DataView(bytes.buffer).setUint32(20, 7000 + i);
			return { id: `p${i}`, data: dataUri('image/png', bytes) };
		};
		const photos = Array.from({ length: 40 }, (_, i) => camera(i));
		expect(41 * 7000 * 7000).toBeGreaterThan(IMPORT_LIMITS.maxDecodedPixels);
		const result = await importObz(boardsObz([{ images: photos }, { images: [camera(0)] }]));
		expectValidResult(result);
		expect(result.warnings).toEqual([]);
		expect(worker.decoded).toBe(40);
		expect(result.media).toHaveLength(40);
		const [all, again] = result.set.boards;
		expect(all?.slots.filter((cell) => cell?.photoId !== undefined)).toHaveLength(40);
		expect(again?.slots[0]?.photoId).toBe(all?.slots[0]?.photoId);
	});

	it('stores a sound several boards give, by path or inline, once', async () => {
		const boards = [
			{ sounds: [{ id: 'hej', path: 'sounds/hej.ogg' }] },
			{ sounds: [{ id: 'hej', path: 'sounds/hej-igen.ogg' }] },
			{ sounds: [{ id: 'hej', data: dataUri('audio/ogg', OGG) }] },
			{
				sounds: [
					{ id: 'hej', data: dataUri('audio/ogg', OGG) },
					{ id: 'andet', data: dataUri('audio/webm', WEBM_AUDIO) }
				]
			}
		];
		const result = await importObz(boardsObz(boards, { 'sounds/hej.ogg': OGG, 'sounds/hej-igen.ogg': OGG }));
		expectValidResult(result);
		expect(result.warnings).toEqual([]);
		expect(result.media.map((item) => item.mimeType).sort()).toEqual(['audio/ogg', 'audio/webm']);
		const ogg = result.media.find((item) => item.mimeType === 'audio/ogg');
		expect(cellsOf(result).map((cell) => cell.recordingId === ogg?.id)).toEqual([true, true, true, true, false]);
		expect(await bytesOf(ogg)).toEqual([...OGG]);
	});

	it('drops a picture the tablet refuses from every cell that shows it, and counts it as one picture', async () => {
		// Said per picture ("1 billede"): the same picture on many boards is one picture left out, however often shown.
		const broken = { id: 'x', data: dataUri('image/png', PNG) };
		const fine = { id: 'ok', data: dataUri('image/jpeg', JPEG) };
		worker.refuse = ['undecodable'];
		const result = await importObz(boardsObz([{ images: [broken, fine] }, { images: [broken] }, { images: [fine, broken] }]));
		expectValidResult(result);
		expect(worker.decoded).toBe(2);
		expect(warningCounts(result)).toEqual({ 'import.unsupportedImageDropped': 1 });
		expect(result.media).toHaveLength(1);
		const shown = cellsOf(result).map((cell) => (cell.photoId === undefined ? null : cell.photoId === result.media[0]?.id));
		expect(shown).toEqual([null, true, null, true, null]);
		expect(cellsOf(result).map((cell) => cell.label)).toEqual(['billede 0', 'billede 1', 'billede 0', 'billede 0', 'billede 1']);
	});
});

describe('export and import round trip', () => {
	it('keeps a three-board set through .obz', async () => {
		const { set, media } = richSet();
		const read = vi.spyOn(media.get('photo-1')!.blob, 'arrayBuffer');
		const zip = await exportObz(set, media, sources);
		const entries = unzipSync(zip);
		const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
			root: string;
			paths: { boards: Record<string, string>; images: Record<string, string> };
		};
		expect(manifest.root).toBe(`boards/${set.rootBoardId}.obf`);
		expect(Object.keys(manifest.paths.boards)).toHaveLength(3);
		// The photo two boards show is one file in the package, read from storage once, and both boards name its path.
		expect(Object.keys(entries).filter((path) => path.startsWith('images/photo-1'))).toEqual([manifest.paths.images['photo-1']]);
		expect(read).toHaveBeenCalledTimes(1);
		const pathsOfPhoto = Object.values(manifest.paths.boards).filter((path) =>
			new TextDecoder().decode(entries[path]).includes(`"path":"${manifest.paths.images['photo-1']}"`)
		);
		expect(pathsOfPhoto).toHaveLength(2);
		const rootDoc = JSON.parse(new TextDecoder().decode(entries[manifest.root])) as Record<string, unknown>;
		expect(rootDoc).toMatchObject({ format: 'open-board-0.1', locale: 'da', grid: { rows: 3, columns: 4 } });
		expect(JSON.stringify(rootDoc)).toContain('"background_color":"rgb(165, 214, 167)","border_color":"rgb(27, 94, 32)"');
		expect(JSON.stringify(rootDoc)).not.toContain('data:');

		const result = await importObz(zip);
		expectValidResult(result);
		expect(result.warnings).toEqual([]);
		expect(await describeSet(result.set, mediaMap(result.media))).toEqual(await describeSet(set, media));
		const oldIds = new Set([...set.boards.map((b) => b.id), ...set.boards.flatMap((b) => b.slots.map((c) => c?.id))]);
		for (const board of result.set.boards) {
			expect(oldIds.has(board.id)).toBe(false);
			for (const cell of board.slots) if (cell) expect(oldIds.has(cell.id)).toBe(false);
		}
		// The recording keeps a playable type; the photo used twice is stored once, and both cells show that one.
		expect(result.media.map((m) => m.mimeType).sort()).toEqual(['audio/webm', 'image/jpeg', 'image/png']);
		const png = result.media.find((m) => m.mimeType === 'image/png');
		expect(result.set.boards.flatMap((b) => b.slots).filter((cell) => cell?.photoId === png?.id)).toHaveLength(2);
	});

	it('keeps a single board through .obf, with inline data: URIs', async () => {
		const { set, media } = richSet();
		const people = set.boards[2] as Board;
		const selfLinked = setCell(people, 0, { id: crypto.randomUUID(), label: 'igen', linkBoardId: people.id, background: '#000000' });
		const text = await exportObf(selfLinked, media, sources);
		const doc = JSON.parse(text) as { images: Array<{ data?: string; ext_billedtale_symbol?: string }>; grid: { order: unknown } };
		expect(doc.grid.order).toEqual([[selfLinked.slots[0]?.id, selfLinked.slots[1]?.id, selfLinked.slots[2]?.id]]);
		expect(doc.images.every((image) => image.data?.startsWith('data:'))).toBe(true);

		const result = await importObf(strToU8(text));
		expectValidResult(result);
		// The link back to "Hjem" leaves the file and is reported; the self link survives.
		expect(warningCounts(result)).toEqual({ 'import.brokenLinkDropped': 1 });
		const expected = await describeSet({ rootBoardId: selfLinked.id, boards: [selfLinked] }, media);
		const slots = expected.boards[0]?.slots ?? [];
		if (slots[2]) slots[2].link = undefined;
		expect(await describeSet(result.set, mediaMap(result.media))).toEqual(expected);
	});

	// Issue 17: core-vocabulary boards as other AAC apps ship them, with gaps, a hidden cell and a folder among the words.
	it.each([
		[7, 12],
		[12, 12]
	])('keeps a %i × %i board exactly, every slot in its place, through .obf and through .obz', async (rows, columns) => {
		let core = createBoard('Kerneord', rows, columns);
		const folder = createBoard('Mad', 1, 2);
		for (let i = 0; i < rows * columns; i++) {
			if (i % 17 === 5) continue;
			core = setCell(core, i, {
				id: crypto.randomUUID(),
				label: `ord ${i + 1}`,
				symbolId: i % 3 === 0 ? 'ja' : undefined,
				hidden: i === 40
			});
		}
		core = setCell(core, rows * columns - 1, { id: crypto.randomUUID(), label: 'mad', linkBoardId: folder.id });
		const set: BoardSet = { rootBoardId: core.id, boards: [core, folder] };
		const media = new Map<string, MediaItem>();

		const fromObf = await importObf(strToU8(await exportObf(core, media, sources)));
		expectValidResult(fromObf);
		const alone = await describeSet({ rootBoardId: core.id, boards: [core] }, media);
		const lastSlot = alone.boards[0]?.slots.at(-1);
		// A lone .obf cannot carry the folder's board: its link is dropped and reported, the cell stays.
		if (lastSlot) lastSlot.link = undefined;
		expect(await describeSet(fromObf.set, mediaMap(fromObf.media))).toEqual(alone);
		expect(warningCounts(fromObf)).toEqual({ 'import.brokenLinkDropped': 1 });

		const fromObz = await importObz(await exportObz(set, media, sources));
		expectValidResult(fromObz);
		expect(fromObz.warnings).toEqual([]);
		expect(await describeSet(fromObz.set, mediaMap(fromObz.media))).toEqual(await describeSet(set, media));
		expect(fromObz.set.boards[0]).toMatchObject({ rows, columns });
	});

	it('exports symbols as SVG data: URIs tagged with the symbol id', async () => {
		const { set, media } = richSet();
		const doc = JSON.parse(await exportObf(set.boards[0] as Board, media, sources)) as {
			images: Array<{ id: string; data?: string; ext_billedtale_symbol?: string }>;
			buttons: Array<{ hidden?: boolean; load_board?: { id: string } }>;
		};
		const symbol = doc.images.find((image) => image.ext_billedtale_symbol === 'ja');
		expect(symbol?.data?.startsWith('data:image/svg+xml;base64,')).toBe(true);
		expect(atob(symbol?.data?.split(',')[1] ?? '')).toBe(symbolSvg('ja'));
		expect(doc.buttons.filter((b) => b.hidden)).toHaveLength(1);
		expect(doc.buttons.filter((b) => b.load_board)).toHaveLength(2);
	});

	// The reference validator (open-aac/obf, validate_obf) refuses a picture without width and height and a recording
	// without a duration, in an .obf and in every board of an .obz.
	it('gives every picture its pixel size and every recording its length in whole seconds, in .obf and .obz', async () => {
		const { set, media } = richSet();
		const wide = (id: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><title>${id}</title></svg>`;
		const measured: Array<[number, string]> = [];
		const lengths: ExportSources = {
			symbolSvg: wide,
			soundSeconds: (bytes, mimeType) => {
				measured.push([bytes.length, mimeType]);
				return Promise.resolve(2.6);
			}
		};
		type Doc = { images: Array<Record<string, unknown>>; sounds: Array<Record<string, unknown>> };
		const people = JSON.parse(await exportObf(set.boards[2] as Board, media, lengths)) as Doc;
		const entries = unzipSync(await exportObz(set, media, lengths));
		const boards = Object.keys(entries)
			.filter((path) => path.startsWith('boards/'))
			.map((path) => JSON.parse(new TextDecoder().decode(entries[path])) as Doc);
		for (const doc of [people, ...boards]) {
			for (const image of doc.images) {
				const symbol = typeof image.ext_billedtale_symbol === 'string';
				// Symbols are drawn DRAWN_SIDE on their longer side, in their own proportions; photos keep their header's size.
				expect(image).toMatchObject(symbol ? { width: DRAWN_SIDE, height: DRAWN_SIDE / 2 } : { width: 1, height: 1 });
			}
			for (const sound of doc.sounds) expect(sound).toMatchObject({ id: 'rec-1', duration: 3 });
		}
		expect(boards.flatMap((doc) => doc.sounds)).toHaveLength(1);
		expect(measured[0]).toEqual([WEBM_AUDIO.length, 'audio/webm;codecs=opus']);

		// What cannot be read is left out rather than guessed: a picture without a readable header, a recording not decoded.
		const unreadable: MediaItem = { id: 'photo-1', kind: 'image', mimeType: 'image/png', blob: new Blob([strToU8('no picture')]) };
		const silent: ExportSources = { symbolSvg: () => undefined, soundSeconds: () => Promise.resolve(undefined) };
		const bare = JSON.parse(await exportObf(set.boards[2] as Board, new Map([...media, ['photo-1', unreadable]]), silent)) as Doc;
		expect(bare.images.find((image) => image.id === 'photo-1')).not.toHaveProperty('width');
		expect(bare.sounds[0]).not.toHaveProperty('duration');
	});

	it('draws a symbol this tablet does not have (from another version of Billedtale) from the SVG the file carries', async () => {
		const svg = (id: string) => dataUri('image/svg+xml', strToU8(symbolSvg(id)));
		const photo = dataUri('image/png', PNG);
		const doc = {
			format: 'open-board-0.1',
			id: 'b',
			name: 'Symboler',
			buttons: [
				{ id: '1', label: 'ja', image_id: 'symbol-ja' },
				{ id: '2', label: 'ny', image_id: 'symbol-ny' },
				{ id: '3', label: 'mor', image_id: 'foto', ext_billedtale_symbol: 'findes-ikke' }
			],
			images: [
				{ id: 'symbol-ja', data: svg('ja'), ext_billedtale_symbol: 'ja' },
				{ id: 'symbol-ny', data: svg('findes-ikke'), ext_billedtale_symbol: 'findes-ikke' },
				{ id: 'foto', data: photo }
			]
		};
		vi.mocked(drawSvgAsPng).mockClear().mockResolvedValueOnce(PNG.slice());
		const result = await importObf(json(doc));
		expectValidResult(result);
		const [known, unknown, withPhoto] = result.set.boards[0]?.slots ?? [];
		expect(known).toMatchObject({ symbolId: 'ja' });
		expect(known?.photoId).toBeUndefined();
		// Drawn as a picture, as from any other app: a symbol id the tablet has no picture for would show none.
		expect(vi.mocked(drawSvgAsPng)).toHaveBeenCalledTimes(1);
		expect(unknown?.symbolId).toBeUndefined();
		expect(unknown?.photoId).toBeDefined();
		expect(withPhoto?.symbolId).toBeUndefined();
		expect(withPhoto?.photoId).toBeDefined();
		expect(result.warnings).toEqual([]);
	});
});

describe('refusing bad input', () => {
	it('says so when every file of a package is packed with a method other than stored or deflate (bzip2, LZMA)', async () => {
		const board = { format: 'open-board-0.1', id: 'b', name: 'B', buttons: [] };
		const zip = zipSync({ 'manifest.json': json({ format: 'open-board-0.1', root: 'b.obf' }), 'b.obf': json(board) }, { level: 0 });
		// The method in every local header (offset 8) and central directory entry (offset 10) becomes bzip2's 12.
		const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
		for (let at = 0; at + 4 <= zip.length; at++) {
			const signature = view.getUint32(at, true);
			if (signature === 0x04034b50) view.setUint16(at + 8, 12, true);
			if (signature === 0x02014b50) view.setUint16(at + 10, 12, true);
		}
		expect((await importError(importObz(zip))).code).toBe('import.unsupportedCompression');
	});

	it('says so when the package is locked (encrypted with a password), instead of that it is no package', async () => {
		const board = { format: 'open-board-0.1', id: 'b', name: 'B', buttons: [] };
		const zip = zipSync({ 'manifest.json': json({ format: 'open-board-0.1', root: 'b.obf' }), 'b.obf': json(board) });
		// The "encrypted" bit (0) of the flags in every local header (offset 6) and central directory entry (offset 8), as
		// a zip tool sets it when asked for a password; the data is then unreadable without it.
		const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
		for (let at = 0; at + 4 <= zip.length; at++) {
			const signature = view.getUint32(at, true);
			if (signature === 0x04034b50) view.setUint16(at + 6, view.getUint16(at + 6, true) | 1, true);
			if (signature === 0x02014b50) view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true);
		}
		expect((await importError(importObz(zip))).code).toBe('import.passwordProtected');
	});

	it('says a package locked with `zip -er` is locked, though its folders (listed first) are not', async () => {
		expect((await importError(importObz(fixture('zip-er-locked.obz')))).code).toBe('import.passwordProtected');
	});

	it('names what is wrong', async () => {
		expect((await importError(importObf(strToU8('{"format": "open-board-0.1", ')))).code).toBe('import.notJson');
		expect(await importError(importObf(new Uint8Array([0xff, 0xfe, 0x00])))).toMatchObject({ code: 'import.notJson' });
		expect((await importError(importObf(json({ hello: 'world' })))).code).toBe('import.notObf');
		expect((await importError(importObf(json([1, 2, 3])))).code).toBe('import.notObf');
		expect((await importError(importObf(json(null)))).code).toBe('import.notObf');
		// Up to 144 cells and 24 to a side, as core-vocabulary boards come; one row or column more is refused.
		for (const [rows, columns] of [
			[13, 12],
			[12, 13],
			[25, 1],
			[1, 25]
		]) {
			const tooBig = { format: 'open-board-0.1', id: 'x', name: 'x', grid: { rows, columns, order: [] }, buttons: [] };
			expect((await importError(importObf(json(tooBig)))).code).toBe('import.badGrid');
		}
		const tooMany = { format: 'open-board-0.1', id: 'x', buttons: Array.from({ length: 145 }, (_, i) => ({ id: i, label: 'x' })) };
		expect((await importError(importObf(json(tooMany)))).code).toBe('import.badGrid');
		// CoughDrop's Quick Core 112: 8 rows of 14, kept as its app laid it out.
		const quickCore = {
			format: 'open-board-0.1',
			id: 'q',
			name: 'Quick Core 112',
			grid: { rows: 8, columns: 14, order: [['a']] },
			buttons: [{ id: 'a', label: 'jeg' }]
		};
		expect((await importObf(json(quickCore))).set.boards[0]).toMatchObject({
			rows: 8,
			columns: 14,
			slots: expect.arrayContaining([expect.objectContaining({ label: 'jeg' })])
		});
		const most = { format: 'open-board-0.1', id: 'x', buttons: Array.from({ length: 144 }, (_, i) => ({ id: i, label: 'x' })) };
		expect((await importObf(json(most))).set.boards[0]).toMatchObject({ rows: 12, columns: 12 });
		expect((await importError(importObz(strToU8('not a zip at all')))).code).toBe('import.notZip');
		expect((await importError(importBoardFile('tavler.obz', strToU8('not a zip at all')))).code).toBe('import.notZip');
		expect((await importError(importObz(cboardObz().subarray(0, 300)))).code).toBe('import.notZip');
		const huge = new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1);
		expect((await importError(importObf(huge))).code).toBe('import.tooLarge');
		huge.set([0x50, 0x4b, 0x03, 0x04]);
		expect((await importError(importBoardFile('x.obz', huge))).code).toBe('import.tooLarge');
	});

	it('treats "__proto__" and other odd keys as plain data', async () => {
		const text = `{"format":"open-board-0.1","id":"__proto__","name":"constructor","__proto__":{"polluted":true},
			"grid":{"rows":1,"columns":2,"order":[["__proto__","toString"]],"__proto__":{"rows":9}},
			"buttons":[{"id":"__proto__","label":"a","__proto__":{"hidden":true}},{"id":"toString","label":"b","load_board":{"id":"__proto__"}}],
			"images":[{"id":"hasOwnProperty","__proto__":{"data":"x"}}]}`;
		const result = await importObf(strToU8(text));
		expectValidResult(result);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		const slots = result.set.boards[0]?.slots ?? [];
		expect(slots.map((c) => c?.label)).toEqual(['a', 'b']);
		expect(slots[0]?.hidden).toBeUndefined();
		expect(slots[1]?.linkBoardId).toBe(result.set.boards[0]?.id);

		const manifest = `{"format":"open-board-0.1","root":"boards/a.obf","paths":{"__proto__":{"boards":{"x":"y"}},"boards":{"__proto__":"boards/a.obf"}}}`;
		const zip = zipSync({ 'manifest.json': strToU8(manifest), 'boards/a.obf': strToU8(text), __proto__: strToU8('{}') });
		expectValidResult(await importObz(zip));
	});
});

describe('zip bombs', () => {
	const BOMB_BYTES = 100 * 1024 * 1024;
	let bomb: Uint8Array;

	beforeAll(() => {
		// 100 MiB of zeros squeezed to ~100 KiB, made from one reused 1 MiB buffer.
		const parts: Uint8Array[] = [];
		const zip = new Zip((error, chunk) => {
			if (error) throw error;
			parts.push(chunk);
		});
		const manifest = new ZipDeflate('manifest.json', { level: 9 });
		zip.add(manifest);
		manifest.push(json({ format: 'open-board-0.1', root: 'boards/root.obf', paths: { images: { z: 'images/zeros.png' } } }), true);
		const zeros = new ZipDeflate('images/zeros.png', { level: 9 });
		zip.add(zeros);
		const chunk = new Uint8Array(1024 * 1024);
		for (let written = 0; written < BOMB_BYTES; written += chunk.length) zeros.push(chunk, written + chunk.length >= BOMB_BYTES);
		zip.end();
		bomb = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
		let at = 0;
		for (const part of parts) {
			bomb.set(part, at);
			at += part.length;
		}
	});

	it('stops inflating at the cap and never holds the inflated size in memory', async () => {
		expect(bomb.length).toBeLessThan(1024 * 1024);
		const before = process.memoryUsage().arrayBuffers;
		let peak = before;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().arrayBuffers);
		}, 1);
		try {
			expect((await importError(importObz(bomb))).code).toBe('import.zipTooLarge');
		} finally {
			clearInterval(sampler);
		}
		peak = Math.max(peak, process.memoryUsage().arrayBuffers);
		expect(peak - before).toBeLessThan(BOMB_BYTES / 2);
	});

	it('refuses an entry whose declared size is over the cap before inflating it', async () => {
		const zip = zipSync({ 'manifest.json': new Uint8Array(1024) }, { level: 9 });
		// The size the central directory declares (at its entry's byte 24), which the reader goes by.
		const view = new DataView(zip.buffer, zip.byteOffset);
		const directory = view.getUint32(zip.length - 22 + 16, true);
		view.setUint32(directory + 24, IMPORT_LIMITS.maxInflatedBytes + 1, true);
		expect((await importError(importObz(zip))).code).toBe('import.zipTooLarge');
	});
});

describe('any mutation of a valid file', () => {
	type Mutation =
		| { kind: 'replace'; path: number[]; value: unknown }
		| { kind: 'delete'; path: number[] }
		| { kind: 'truncate'; at: number }
		| { kind: 'insertKey'; path: number[]; key: string; value: unknown };

	const base = JSON.parse(new TextDecoder().decode(fixture('simple-2x3.obf'))) as unknown;
	const interesting = fc.constantFrom<unknown>(
		9,
		0,
		-1,
		8,
		1e9,
		1.5,
		'3',
		'',
		' ',
		null,
		[],
		{},
		true,
		'__proto__',
		'x'.repeat(5000),
		'data:image/png;base64,####',
		'data:image/svg+xml,%E0%A4%A',
		'rgb(1,2)',
		[[null, 'b1', 7]],
		{ id: 'b1' }
	);
	const value = fc.oneof(interesting, fc.jsonValue({ maxDepth: 3 }));
	const path = fc.array(fc.nat(), { maxLength: 6 });
	const mutation: fc.Arbitrary<Mutation> = fc.oneof(
		{ arbitrary: fc.record({ kind: fc.constant('replace' as const), path, value }), weight: 5 },
		{ arbitrary: fc.record({ kind: fc.constant('delete' as const), path }), weight: 2 },
		{ arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }), weight: 1 },
		{
			arbitrary: fc.record({
				kind: fc.constant('insertKey' as const),
				path,
				key: fc.oneof(
					fc.constantFrom('__proto__', 'constructor', 'grid', 'buttons', 'id', 'load_board', 'hidden', 'image_id', 'ext_billedtale_symbol'),
					fc.string()
				),
				value
			}),
			weight: 2
		}
	);

	/** Walks down `path` (each number picks a child modulo the count) and returns the parent and key. */
	function locate(root: unknown, path: number[]): { parent: Record<string, unknown> | unknown[]; key: string | number } | undefined {
		let parent: Record<string, unknown> | unknown[] | undefined;
		let key: string | number | undefined;
		let node = root;
		for (const step of path) {
			if (Array.isArray(node) && node.length > 0) {
				parent = node;
				key = step % node.length;
				node = node[key];
			} else if (typeof node === 'object' && node !== null && Object.keys(node).length > 0) {
				const keys = Object.keys(node);
				parent = node as Record<string, unknown>;
				key = keys[step % keys.length] ?? '';
				node = parent[key];
			} else break;
		}
		return parent === undefined || key === undefined ? undefined : { parent, key };
	}

	function apply(mutations: Mutation[]): Uint8Array {
		const doc = structuredClone(base);
		let text: string | undefined;
		for (const m of mutations) {
			if (m.kind === 'truncate') {
				const full = text ?? JSON.stringify(doc);
				text = full.slice(0, m.at % (full.length + 1));
				continue;
			}
			if (text !== undefined) continue;
			const spot = locate(doc, m.path);
			if (!spot) continue;
			const { parent, key } = spot;
			// Cloned: fast-check shares constant values between runs, and a mutation must not change them.
			if (m.kind === 'replace') (parent as Record<string | number, unknown>)[key] = structuredClone(m.value);
			else if (m.kind === 'delete') {
				if (Array.isArray(parent)) parent.splice(Number(key), 1);
				else delete parent[key as string];
			} else {
				const target = (parent as Record<string | number, unknown>)[key];
				if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
					Object.defineProperty(target, m.key, { value: structuredClone(m.value), enumerable: true, configurable: true, writable: true });
				}
			}
		}
		return strToU8(text ?? JSON.stringify(doc));
	}

	it(`either imports cleanly or throws an ImportError (${FUZZ_RUNS} mutated .obf files)`, async () => {
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const outcome = { imported: 0, refused: 0 };
		await fc.assert(
			fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
				const bytes = apply(mutations);
				let result: ImportResult;
				try {
					result = await importObf(bytes);
				} catch (error) {
					expect(error).toBeInstanceOf(ImportError);
					expect(ERROR_CODES).toContain((error as ImportError).code);
					// The safety net in the importer must not be what caught it.
					expect((error as ImportError).cause).not.toBeInstanceOf(TypeError);
					expect((error as ImportError).cause).not.toBeInstanceOf(RangeError);
					outcome.refused += 1;
					return;
				}
				expectValidResult(result);
				outcome.imported += 1;
			}),
			{ seed: 20261123, numRuns: FUZZ_RUNS }
		);
		console.log(
			`fuzz .obf (${TEST_TIER}): ${FUZZ_RUNS} mutated files, ${outcome.imported} imported, ${outcome.refused} refused with a reason, 0 crashes`
		);
		// Both paths are reached: the mutations neither all break the file at once nor all miss what is checked.
		expect(outcome.imported).toBeGreaterThan(0);
		expect(outcome.refused).toBeGreaterThan(0);
		expect(fetchSpy).not.toHaveBeenCalled();
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it(`either imports cleanly or throws an ImportError (${FUZZ_RUNS} damaged .obz packages)`, async () => {
		const { set, media } = richSet();
		const valid = await exportObz(set, media, sources);
		const outcome = { imported: 0, refused: 0 };
		const damage = fc.oneof(
			fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
			fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
			fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) })
		);
		await fc.assert(
			fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), async (damages) => {
				let bytes = valid.slice();
				for (const d of damages) {
					const at = d.at % bytes.length;
					if (d.kind === 'flip') bytes[at] = bytes[at]! ^ d.bits;
					else if (d.kind === 'truncate') bytes = bytes.slice(0, at);
					else bytes = new Uint8Array([...bytes.slice(0, at), ...d.bytes, ...bytes.slice(at)]);
				}
				try {
					expectValidResult(await importObz(bytes));
					outcome.imported += 1;
				} catch (error) {
					expect(error).toBeInstanceOf(ImportError);
					outcome.refused += 1;
				}
			}),
			{ seed: 20261123, numRuns: FUZZ_RUNS }
		);
		console.log(
			`fuzz .obz (${TEST_TIER}): ${FUZZ_RUNS} damaged packages, ${outcome.imported} imported, ${outcome.refused} refused with a reason, 0 crashes`
		);
		expect(outcome.imported).toBeGreaterThan(0);
		expect(outcome.refused).toBeGreaterThan(0);
	});
});
