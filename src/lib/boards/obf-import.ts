import { newId } from '#lib/domain/ids.ts';
import { PictureRefused, reencodePicture } from '#lib/encoding/reencode.ts';
import { isDecodableSize, readPixelSize } from '#lib/encoding/image-size.ts';
import { DRAWN_SIDE, drawSvgAsPng, looksLikeSvg } from '#lib/encoding/svg-drawing.ts';
import { firstWithSameBytes } from '#lib/encoding/same-bytes.ts';
import {
	BOARD_NAME_MAX,
	CELL_LABEL_MAX,
	CELL_VOCALIZATION_MAX,
	GRID_CELLS_MAX,
	normaliseCell,
	validateBoardSet,
	type Board,
	type BoardCell,
	type BoardSet,
	type MediaItem
} from '#lib/domain/board.ts';
import {
	decodeDataUri,
	parseManifest,
	percentDecoded,
	parseObfBoard,
	sniffAudio,
	type ObfBoardDoc,
	type ObfButton,
	type ObfLoadBoard,
	type ObfMediaRef,
	type ObzManifest
} from './obf-schema.ts';
import { IMPORT_LIMITS, ImportError } from './obf-limits.ts';
import { BoardAddresses, boardFiles, guessRoot } from './obz-root.ts';
import { MANIFEST, enclosingFolder, isZip, unzipBounded, zipNames } from './obz-zip.ts';

export { IMPORT_LIMITS, ImportError, type ImportErrorCode } from './obf-limits.ts';

/*
 * Import of the Open Board Format (open-board-0.1): single boards as .obf (JSON) and board sets
 * as .obz (a zip with manifest.json).
 *
 * An import never touches the network (remote images and sounds are dropped and reported), never
 * reuses ids from the file (every board and cell gets a new random id, links are remapped), and
 * either returns a set that passes validateBoardSet or throws an ImportError whose code is an i18n key.
 * An .obz's zip is read by obz-zip.ts, its root board found by obz-root.ts when the manifest names none, within the
 * limits of obf-limits.ts.
 */

export type ImportWarningCode =
	| 'import.remoteImageDropped'
	| 'import.remoteSoundDropped'
	| 'import.cellDropped'
	| 'import.brokenLinkDropped'
	| 'import.unsupportedImageDropped'
	| 'import.oversizedImageDropped'
	| 'import.unsupportedSoundDropped'
	| 'import.actionDropped'
	| 'import.spellingAsWords'
	| 'import.webLinkAsWords'
	| 'import.unreadableLinkDropped'
	| 'import.unreadableBoardDropped'
	| 'import.invalidCellDropped'
	| 'import.labelShortened'
	| 'import.cellWithoutWord'
	| 'import.picturesOverBudget';

/** Something left out of an import, counted over the whole file. */
export type ImportWarning = { code: ImportWarningCode; count: number };

export interface ImportResult {
	set: BoardSet;
	media: MediaItem[];
	warnings: ImportWarning[];
}

const BOARD_NAME_FALLBACK = 'Tavle';

// =============================================================================================
// Import: shared

class Collector {
	readonly media: MediaItem[] = [];
	private readonly pictures = new Map<string, Uint8Array<ArrayBuffer>>();
	private readonly sounds = new Map<string, { mimeType: string; bytes: Uint8Array<ArrayBuffer> }>();
	private readonly counts = new Map<ImportWarningCode, number>();

	warn(code: ImportWarningCode, count = 1): void {
		if (count > 0) this.counts.set(code, (this.counts.get(code) ?? 0) + count);
	}

	/** A sound is only given its id here; it becomes media in `addMedia`, once for all that have its bytes. */
	addSound(mimeType: string, bytes: Uint8Array<ArrayBuffer>): string {
		const id = newId();
		this.sounds.set(id, { mimeType, bytes });
		return id;
	}

	/** A picture is only given its id here; it becomes media once the worker has re-encoded it (`addMedia`). */
	addPicture(bytes: Uint8Array<ArrayBuffer>): string {
		const id = newId();
		this.pictures.set(id, bytes);
		return id;
	}

	/**
	 * Makes media of the pictures and sounds given, and points every cell at them. Packages from other apps give one
	 * picture many times (each of 40 boards its own copy, inline or under another path): the same bytes are one medium,
	 * re-encoded once, counted once in the pixel budget and stored once, and every cell that showed a copy shows it.
	 */
	async addMedia(boards: Board[]): Promise<void> {
		const picture = await firstWithSameBytes(this.pictures);
		const sound = await firstWithSameBytes(new Map([...this.sounds].map(([id, { bytes }]) => [id, bytes])));
		const refused = await this.reencodePictures(new Set(picture.values()));
		for (const [id, { mimeType, bytes }] of this.sounds) {
			if (sound.get(id) === id) this.media.push({ id, kind: 'audio', mimeType, blob: new Blob([bytes], { type: mimeType }) });
		}
		this.pictures.clear();
		this.sounds.clear();
		for (const cell of boards.flatMap((board) => board.slots)) {
			if (!cell) continue;
			const photoId = cell.photoId === undefined ? undefined : picture.get(cell.photoId);
			if (photoId === undefined || refused.has(photoId)) delete cell.photoId;
			else cell.photoId = photoId;
			const recordingId = cell.recordingId === undefined ? undefined : sound.get(cell.recordingId);
			if (recordingId === undefined) delete cell.recordingId;
			else cell.recordingId = recordingId;
		}
	}

	/**
	 * Re-encodes the pictures of these ids on the device, one at a time; an SVG drawing is drawn as pixels first. One
	 * that is refused is dropped with a warning (one per picture, however many cells showed it: the warning counts
	 * pictures) and the cells that showed it keep their label and symbol, as for a picture the file could not give; so is
	 * every picture past the file's pixel budget (IMPORT_LIMITS.maxDecodedPixels), before it is decoded. A drawing
	 * declares no pixels: it is counted at the most it is drawn at, or thousands of tiny drawings were drawn on the page's
	 * thread, one by one, past the budget. Past IMPORT_LIMITS.maxPictures pictures the rest are dropped the same way,
	 * however small. Returns the ids refused.
	 */
	private async reencodePictures(ids: ReadonlySet<string>): Promise<Set<string>> {
		const refused = new Set<string>();
		let pixelsLeft: number = IMPORT_LIMITS.maxDecodedPixels;
		let picturesLeft: number = IMPORT_LIMITS.maxPictures;
		for (const [id, bytes] of this.pictures) {
			if (!ids.has(id)) continue;
			const drawing = looksLikeSvg(bytes);
			const size = drawing ? { width: DRAWN_SIDE, height: DRAWN_SIDE } : readPixelSize(bytes);
			// A size no tablet can decode is refused as too large by itself, below.
			const pixels = size && isDecodableSize(size) ? size.width * size.height : 0;
			if (pixels > pixelsLeft || picturesLeft === 0) {
				refused.add(id);
				this.warn('import.picturesOverBudget');
				continue;
			}
			pixelsLeft -= pixels;
			picturesLeft--;
			try {
				const { blob, type } = await reencodePicture(drawing ? await drawSvgAsPng(bytes) : bytes);
				this.media.push({ id, kind: 'image', mimeType: type, blob });
			} catch (error) {
				if (!(error instanceof PictureRefused)) throw error;
				refused.add(id);
				this.warn(error.refusal === 'tooLarge' ? 'import.oversizedImageDropped' : 'import.unsupportedImageDropped');
			}
		}
		return refused;
	}

	get warnings(): ImportWarning[] {
		return [...this.counts].map(([code, count]) => ({ code, count }));
	}
}

/** Where the bytes behind a "path" come from: the zip's files, or nothing for a lone .obf. */
type FileLookup = (path: string) => Uint8Array<ArrayBuffer> | 'oversized' | undefined;

interface Layout {
	rows: number;
	columns: number;
	slots: Array<ObfButton | null>;
	dropped: number;
}

/** Places the buttons: by grid.order first, then the rest into free slots; what does not fit is dropped. */
function layoutBoard(doc: ObfBoardDoc): Layout {
	if (doc.grid === 'too-large') throw new ImportError('import.badGrid');
	let rows: number;
	let columns: number;
	let order: Array<string | null>;
	if (doc.grid) {
		({ rows, columns, order } = doc.grid);
	} else {
		const count = doc.buttons.length;
		if (count > GRID_CELLS_MAX) throw new ImportError('import.badGrid');
		columns = Math.max(1, Math.ceil(Math.sqrt(count)));
		rows = Math.max(1, Math.ceil(count / columns));
		order = [];
	}
	const byId = new Map(doc.buttons.map((b) => [b.id, b]));
	const placed = new Set<string>();
	// A button the grid places twice (a "more" or "back" button in two corners) is shown in both places, as its app did.
	const slots: Array<ObfButton | null> = Array.from({ length: rows * columns }, (_, i) => {
		const id = order[i];
		const button = id == null ? undefined : byId.get(id);
		if (!button) return null;
		placed.add(button.id);
		return button;
	});
	let dropped = 0;
	let free = 0;
	for (const button of doc.buttons) {
		if (placed.has(button.id)) continue;
		while (free < slots.length && slots[free] !== null) free++;
		if (free < slots.length) slots[free] = button;
		else dropped++;
	}
	return { rows, columns, slots, dropped };
}

/**
 * C0/C1 controls, zero-width space, bidi overrides and isolates, byte order mark (ZWJ/ZWNJ stay: emoji need them), and
 * the characters that draw nothing though they are no space: the soft hyphen, the word joiner and invisible operators,
 * the Mongolian vowel separator and the Hangul fillers (a board named with U+3164 was listed as a blank name).
 */
const INVISIBLE =
	// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u115f\u1160\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]/g;
/**
 * Text of nothing that draws, though each character has its use inside a word: joiners and direction marks (Cf), marks
 * with no letter to sit on (M: a lone accent, a variation selector), spaces, and the braille blank. A label of only
 * these showed as an empty cell, a board name as a blank line in the list.
 */
const DRAWS_NOTHING = /^[\p{Cf}\p{M}\p{Z}\s\u2800]*$/u;
/** A surrogate pair, or a lone surrogate (no lookbehind: older Safari cannot parse it). */
const SURROGATES = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/**
 * Trimmed, white space folded, control characters removed, at most `max` characters, composed as the tablet's keyboard
 * writes: "å" as one character, not "a" and a ring (macOS, some exports), which looks the same but compares unequal,
 * so a board "Måltider" was not told apart from the citizen's own and the two were listed alike.
 */
function cleanText(value: string | undefined, max: number): string {
	if (!value) return '';
	let text = value
		.slice(0, max * 4)
		.replace(INVISIBLE, '')
		.replace(SURROGATES, (m) => (m.length === 2 ? m : '\ufffd'))
		.normalize('NFC')
		.replace(/\s+/g, ' ')
		.trim();
	if (text.length > max) {
		text = text.slice(0, max);
		if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1);
		text = text.trim();
	}
	return DRAWS_NOTHING.test(text) ? '' : text;
}

/** `text` as it fits `max` characters: cut after the last whole word that fits (a long word is cut), with "…". */
function shortenedAtWord(text: string, max: number): string {
	if (text.length <= max) return text;
	// The last space among the first `max` characters ends the last whole word that leaves room for the "…". One in the
	// first half would leave too little of the text to recognise it by; then the word is cut.
	const space = text.lastIndexOf(' ', max - 1);
	let cut = space > max / 2 ? text.slice(0, space) : text.slice(0, max - 1);
	if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
	return `${cut.trimEnd()}…`;
}

/**
 * The word a picture's file is named by ("…/mulberry/happy_face.svg" → "happy face"), for a button that has only a
 * picture: symbol sets name their files by their word. A name with digits or other signs (Cboard's "1gk3j3.png") is
 * no word, and the button is labelled "?" (and counted).
 */
function pictureName(ref: ObfMediaRef | undefined): string | undefined {
	const file = (ref?.path ?? ref?.url)
		?.replace(/[?#].*$/, '')
		.split('/')
		.filter(Boolean)
		.at(-1);
	if (file === undefined) return undefined;
	const decoded = new TextDecoder().decode(percentDecoded(file.replace(/\.[a-z0-9]{2,5}$/i, '')));
	const name = cleanText(decoded.replace(/[-_+]+/g, ' '), CELL_LABEL_MAX);
	return name && /^\p{L}[\p{L}\p{M} '’]*$/u.test(name) ? name : undefined;
}

function boardName(doc: ObfBoardDoc): string {
	return cleanText(doc.name, BOARD_NAME_MAX) || BOARD_NAME_FALLBACK;
}

interface MediaContext {
	collector: Collector;
	files: FileLookup;
	manifest?: ObzManifest;
	/** Resolved pictures and sounds, so one file used by many buttons is read once (the same bytes are one medium anyway). */
	cache: Map<string, ResolvedImage | string | null>;
}

interface ResolvedImage {
	photoId?: string;
	symbolId?: string;
}

function mediaBytes(ref: ObfMediaRef | undefined, path: string | undefined, context: MediaContext) {
	if (ref?.oversized) return 'oversized';
	if (ref?.data !== undefined) return decodeDataUri(ref.data, IMPORT_LIMITS.maxImageBytes);
	const file = path === undefined ? undefined : context.files(path);
	// The zip keeps a file named as a board (.obf, .json) up to a board's limit: used as a picture or sound, it is held
	// to theirs.
	return file instanceof Uint8Array && file.length > IMPORT_LIMITS.maxImageBytes ? 'oversized' : file;
}

/**
 * What a picture or sound is cached by: its data: URI itself or its file's path, so one that 40 boards give is read (a
 * data: URI decoded) once; else the board's own id for it. A data: URI cut off as too large is no content to go by.
 */
function mediaKey(kind: 'image' | 'sound', ref: ObfMediaRef | undefined, path: string | undefined, onBoard: string): string {
	if (ref?.data !== undefined) return ref.oversized ? `${kind}:${onBoard}` : `${kind}-data:${ref.data}`;
	return path === undefined ? `${kind}:${onBoard}` : `${kind}-path:${path}`;
}

/**
 * Where in the package a picture or sound is: the path its board gives, or the manifest's path for its id (`listed`). A
 * board may name it only by a web address (or not at all) while the package holds the file under the manifest's path:
 * the file in the package is used, not the web address dropped. Cboard names a picture "/custom/Mad/æble.png" on its
 * board but zips it as "images/custom/Mad/æble.png", which only its manifest gives: a path the package does not hold
 * gives way to the manifest's.
 */
function packagePath(ref: ObfMediaRef | undefined, listed: string | undefined, context: MediaContext): string | undefined {
	const own = ref?.path;
	if (ref?.data !== undefined || listed === undefined) return own;
	return own !== undefined && context.files(own) !== undefined ? own : listed;
}

function resolveImage(doc: ObfBoardDoc, boardKey: string, imageId: string, context: MediaContext): ResolvedImage {
	const ref = doc.images.get(imageId);
	const path = packagePath(ref, context.manifest?.images.get(imageId), context);
	const key = ref?.symbolId ? `image:${boardKey}:${imageId}` : mediaKey('image', ref, path, `${boardKey}:${imageId}`);
	const cached = context.cache.get(key);
	if (cached !== undefined) return typeof cached === 'object' && cached !== null ? cached : {};
	let result: ResolvedImage = {};
	if (ref?.symbolId) {
		result = { symbolId: ref.symbolId };
	} else if (ref?.data !== undefined || path !== undefined) {
		const bytes = mediaBytes(ref, path, context);
		// Our own symbols come as symbol ids; a picture is checked and re-encoded in `addMedia`.
		if (bytes === 'oversized') context.collector.warn('import.oversizedImageDropped');
		else if (!bytes) context.collector.warn('import.unsupportedImageDropped');
		else result = { photoId: context.collector.addPicture(bytes) };
	} else if (ref?.url !== undefined && /^https?:/i.test(ref.url)) {
		context.collector.warn('import.remoteImageDropped');
	} else {
		// A symbol-set reference, another URL scheme, or an image_id with no image at all.
		context.collector.warn('import.unsupportedImageDropped');
	}
	context.cache.set(key, result);
	return result;
}

function resolveSound(doc: ObfBoardDoc, boardKey: string, soundId: string, context: MediaContext): string | undefined {
	const ref = doc.sounds.get(soundId);
	const path = packagePath(ref, context.manifest?.sounds.get(soundId), context);
	const key = mediaKey('sound', ref, path, `${boardKey}:${soundId}`);
	const cached = context.cache.get(key);
	if (cached !== undefined) return typeof cached === 'string' ? cached : undefined;
	let result: string | null = null;
	if (ref?.data !== undefined || path !== undefined) {
		const read = mediaBytes(ref, path, context);
		const bytes = read === 'oversized' ? undefined : read;
		const mimeType = bytes && sniffAudio(bytes);
		// A sound the tablet cannot play (e.g. Apple's .caf), too large or missing from the package: the button speaks its words.
		if (bytes && mimeType) result = context.collector.addSound(mimeType, bytes);
		else context.collector.warn('import.unsupportedSoundDropped');
	} else if (ref?.url !== undefined && /^https?:/i.test(ref.url)) {
		context.collector.warn('import.remoteSoundDropped');
	} else {
		// Another URL scheme, or a sound_id with no sound at all.
		context.collector.warn('import.unsupportedSoundDropped');
	}
	context.cache.set(key, result);
	return result ?? undefined;
}

interface LoadedBoard {
	newId: string;
	/** Distinguishes boards in the media cache. */
	key: string;
	doc: ObfBoardDoc;
	layout: Layout;
}

/** A link's board in the import, or why there is none: not in the file, or in it but not readable as a board. */
type LinkTarget = string | 'missing' | 'unreadable';

function convertBoard(loaded: LoadedBoard, resolveLink: (link: ObfLoadBoard) => LinkTarget, context: MediaContext): Board {
	const { doc, layout } = loaded;
	context.collector.warn('import.cellDropped', layout.dropped);
	context.collector.warn('import.invalidCellDropped', doc.skippedButtons);
	const slots = layout.slots.map((button): BoardCell | null => {
		if (!button) return null;
		// Kept, a ":clear" button would say "Clear" and put the word in the message instead of clearing it.
		if (button.action === 'special') {
			context.collector.warn('import.actionDropped');
			return null;
		}
		if (button.action === 'spelling') context.collector.warn('import.spellingAsWords');
		// The tablet opens no web page (nothing leaves it): the button says its words, and the notice says why it does no more.
		if (button.opensWebPage && !button.loadBoard) context.collector.warn('import.webLinkAsWords');
		const vocalization = cleanText(button.vocalization, CELL_VOCALIZATION_MAX);
		const written = cleanText(button.label, CELL_VOCALIZATION_MAX) || vocalization;
		let label =
			shortenedAtWord(written, CELL_LABEL_MAX) || pictureName(button.imageId === undefined ? undefined : doc.images.get(button.imageId));
		if (!label) {
			// A cell needs a word to say and to be named by; "?" stands in until someone gives it one in the editor.
			context.collector.warn('import.cellWithoutWord');
			label = '?';
		}
		const cell: BoardCell = { id: newId(), label };
		// A phrase button's text too long for a cell is shown shortened, and still said whole: it becomes what is spoken.
		if (written.length > CELL_LABEL_MAX) context.collector.warn('import.labelShortened');
		const spoken = vocalization || (written.length > CELL_LABEL_MAX ? written : '');
		if (spoken) cell.vocalization = spoken;
		if (button.background) cell.background = button.background;
		if (button.border) cell.border = button.border;
		if (button.hidden) cell.hidden = true;
		if (button.symbolId) cell.symbolId = button.symbolId;
		if (button.imageId !== undefined) {
			const image = resolveImage(doc, loaded.key, button.imageId, context);
			if (image.symbolId) cell.symbolId = image.symbolId;
			if (image.photoId) cell.photoId = image.photoId;
		}
		if (button.soundId !== undefined) {
			const recordingId = resolveSound(doc, loaded.key, button.soundId, context);
			if (recordingId) cell.recordingId = recordingId;
		}
		if (button.loadBoard) {
			const target = resolveLink(button.loadBoard);
			if (target === 'unreadable') context.collector.warn('import.unreadableLinkDropped');
			else if (target === 'missing') context.collector.warn('import.brokenLinkDropped');
			else cell.linkBoardId = target;
		}
		return normaliseCell(cell);
	});
	return { id: loaded.newId, name: boardName(doc), rows: layout.rows, columns: layout.columns, slots };
}

async function finish(set: BoardSet, collector: Collector): Promise<ImportResult> {
	await collector.addMedia(set.boards);
	validateBoardSet(set);
	return { set, media: collector.media, warnings: collector.warnings };
}

/** Runs an import; anything that is not already an ImportError becomes 'import.notObf'. */
async function guarded(run: () => Promise<ImportResult> | ImportResult): Promise<ImportResult> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof ImportError) throw error;
		throw new ImportError('import.notObf', { cause: error });
	}
}

/**
 * A board file's text. JSON is UTF-8, but a board edited on Windows may have been saved by Notepad as "Unicode"
 * (UTF-16, with its byte order mark) or as "ANSI" (Windows-1252): read strictly as UTF-8, both were "not valid JSON",
 * though every letter was there. A file of no text at all still fails as JSON.
 */
function jsonText(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return utf8OrWindows1252(bytes);
	}
}

/** How many bytes the UTF-8 sequence starting at `at` has, or 0 when none starts there (as a strict decoder reads it). */
function utf8SequenceLength(bytes: Uint8Array, at: number): number {
	const lead = bytes[at]!;
	const length =
		lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
	if (length === 0 || at + length > bytes.length) return 0;
	// No overlong forms, surrogates or code points past U+10FFFF: the second byte's range depends on the lead.
	const second = bytes[at + 1]!;
	const [low, high] =
		lead === 0xe0
			? [0xa0, 0xbf]
			: lead === 0xed
				? [0x80, 0x9f]
				: lead === 0xf0
					? [0x90, 0xbf]
					: lead === 0xf4
						? [0x80, 0x8f]
						: [0x80, 0xbf];
	if (length > 1 && (second < low || second > high)) return 0;
	for (let next = at + 2; next < at + length; next++) if ((bytes[next]! & 0xc0) !== 0x80) return 0;
	return length;
}

/**
 * Whether the bytes hold what UTF-8 Danish is full of and Windows-1252 text hardly ever has: Latin-1's letters and signs
 * (æ ø å é «: C2 or C3 and one more) or typographic punctuation (“ ” – …: E2 80 and one more). Read as UTF-8, a file all
 * in Windows-1252 would have "GÅ”" as "GŔ" (C5 94 is UTF-8 too): such a file is read as Windows-1252 throughout.
 */
function holdsUtf8(bytes: Uint8Array): boolean {
	for (let at = 0; at < bytes.length; at++) {
		const lead = bytes[at]!;
		if ((lead === 0xc2 || lead === 0xc3 || (lead === 0xe2 && bytes[at + 1] === 0x80)) && utf8SequenceLength(bytes, at) > 0) return true;
	}
	return false;
}

/**
 * UTF-8 where the bytes are UTF-8, and each byte that is not, in Windows-1252. An editor that took a UTF-8 board for
 * "ANSI" writes a word typed into it in Windows-1252 beside the UTF-8 it kept: read whole as Windows-1252 for that one
 * byte, every other Danish letter of the board came in garbled ("MÃ¥ltider"). A file without UTF-8 in it (holdsUtf8)
 * is read as Windows-1252 throughout, as before.
 */
function utf8OrWindows1252(bytes: Uint8Array): string {
	const windows1252 = new TextDecoder('windows-1252');
	if (!holdsUtf8(bytes)) return windows1252.decode(bytes);
	const utf8 = new TextDecoder('utf-8', { ignoreBOM: false });
	let text = '';
	let run = 0;
	for (let at = 0; at < bytes.length;) {
		const length = utf8SequenceLength(bytes, at);
		if (length > 0) {
			at += length;
			continue;
		}
		text += utf8.decode(bytes.subarray(run, at), { stream: true }) + windows1252.decode(bytes.subarray(at, at + 1));
		run = at += 1;
	}
	return text + utf8.decode(bytes.subarray(run));
}

function parseJson(bytes: Uint8Array): unknown {
	const text = jsonText(bytes);
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw new ImportError('import.notJson', { cause: error });
	}
}

function readBoardDoc(bytes: Uint8Array): ObfBoardDoc {
	const doc = parseObfBoard(parseJson(bytes), IMPORT_LIMITS.maxImageBytes);
	if (!doc) throw new ImportError('import.notObf');
	return doc;
}

// =============================================================================================
// Import: .obf

/** One board from an .obf file. It becomes the root; links to other boards are dropped. */
export async function importObf(bytes: Uint8Array): Promise<ImportResult> {
	return guarded(async () => {
		if (bytes.length > IMPORT_LIMITS.maxFileBytes) throw new ImportError('import.tooLarge');
		const doc = readBoardDoc(bytes);
		const loaded: LoadedBoard = { newId: newId(), key: '0', doc, layout: layoutBoard(doc) };
		const collector = new Collector();
		const context: MediaContext = { collector, files: () => undefined, cache: new Map() };
		// A board alone can link only to itself: by its id, or by its web addresses as CoughDrop names boards.
		const addresses = new BoardAddresses<string>();
		addresses.add(doc, loaded.newId);
		const itself = (link: ObfLoadBoard) => (link.id !== undefined && link.id === doc.id) || addresses.find(link) !== undefined;
		const board = convertBoard(loaded, (link) => (itself(link) ? loaded.newId : 'missing'), context);
		return finish({ rootBoardId: board.id, boards: [board] }, collector);
	});
}

// =============================================================================================
// Import: .obz

/** The board with every path it gives (its links, pictures and sounds) as the package's zip names the file. */
function withPackagePaths(doc: ObfBoardDoc, inPackage: (path: string) => string): ObfBoardDoc {
	for (const { loadBoard } of doc.buttons) {
		if (loadBoard?.path !== undefined) loadBoard.path = inPackage(loadBoard.path);
	}
	for (const ref of [...doc.images.values(), ...doc.sounds.values()]) {
		if (ref.path !== undefined) ref.path = inPackage(ref.path);
	}
	return doc;
}

/** The manifest with every path it gives (its root, boards, pictures and sounds) as the package's zip names the file. */
function manifestWithPackagePaths(manifest: ObzManifest, inPackage: (path: string) => string): ObzManifest {
	const renamed = (paths: ReadonlyMap<string, string>) => new Map([...paths].map(([id, path]) => [id, inPackage(path)]));
	const result: ObzManifest = { boards: renamed(manifest.boards), images: renamed(manifest.images), sounds: renamed(manifest.sounds) };
	if (manifest.root !== undefined) result.root = inPackage(manifest.root);
	return result;
}

/** A board set from an .obz: the manifest's root and every board it lists or links to by path. */
export async function importObz(bytes: Uint8Array): Promise<ImportResult> {
	return guarded(async () => {
		if (bytes.length > IMPORT_LIMITS.maxFileBytes) throw new ImportError('import.tooLarge');
		if (!isZip(bytes)) throw new ImportError('import.notZip');
		const files = await unzipBounded(bytes);
		const lookup: FileLookup = (path) => files.get(path);

		// Every path the manifest and the boards give is read through this, once, as the zip names the file: as written,
		// or in other capitals (zipNames), the manifest's own name too. A package without a manifest zipped as its folder:
		// a path not in the zip ("images/1.png") is looked for in that folder ("Mine tavler/images/1.png").
		const nameInZip = zipNames(files);
		const manifestName = nameInZip(MANIFEST);
		const manifestBytes = manifestName === undefined ? undefined : files.get(manifestName);
		if (manifestBytes === 'oversized') throw new ImportError('import.tooLarge');

		const folder = manifestBytes === undefined ? enclosingFolder(files.keys()) : undefined;
		const inPackage = (path: string) => nameInZip(path) ?? (folder === undefined ? undefined : nameInZip(folder + path)) ?? path;

		const parsed = manifestBytes === undefined ? undefined : parseManifest(parseJson(manifestBytes));
		if (manifestBytes !== undefined && !parsed) throw new ImportError('import.notObf');
		const manifest = parsed && manifestWithPackagePaths(parsed, inPackage);

		const docs = new Map<string, ObfBoardDoc>();
		const readDoc = (path: string): ObfBoardDoc => {
			const file = files.get(path);
			if (file === undefined) throw new ImportError('import.missingBoard');
			if (file === 'oversized') throw new ImportError('import.tooLarge');
			const doc = docs.get(path) ?? withPackagePaths(readBoardDoc(file), inPackage);
			docs.set(path, doc);
			return doc;
		};
		// Some apps write the home board's id as the root, not its path: the manifest's own list of boards gives the path.
		const named = manifest?.root;
		const rootPath =
			named === undefined ? guessRoot(files, readDoc, manifest) : files.has(named) ? named : (manifest?.boards.get(named) ?? named);
		if (!files.has(rootPath)) throw new ImportError('import.missingRoot');

		const byPath = new Map<string, LoadedBoard>();
		const load = (path: string): LoadedBoard => {
			const existing = byPath.get(path);
			if (existing) return existing;
			if (byPath.size >= IMPORT_LIMITS.maxBoards) throw new ImportError('import.tooManyBoards');
			const doc = readDoc(path);
			const loaded: LoadedBoard = { newId: newId(), key: String(byPath.size), doc, layout: layoutBoard(doc) };
			byPath.set(path, loaded);
			return loaded;
		};

		const packageBoards = manifest ? manifest.boards.values() : boardFiles(files);
		// A Set keeps the first of each path in order, the root first, in one pass: a manifest of 20 MB lists about a
		// million, and comparing each with every other (indexOf) took a quarter of an hour on a desktop computer.
		const listed = [...new Set([rootPath, ...packageBoards])];
		if (listed.length > IMPORT_LIMITS.maxBoards) throw new ImportError('import.tooManyBoards');
		const root = load(rootPath);
		// A board the manifest lists or a button opens by path that is in the package but not a readable board (larger
		// than a board may be, not JSON) is left out with its links, said as such, instead of failing the whole import.
		const unreadable = new Set<string>();
		const loadReadable = (path: string) => {
			try {
				return load(path);
			} catch (error) {
				const missing = error instanceof ImportError && error.code === 'import.missingBoard';
				if (!(error instanceof ImportError) || error.code === 'import.tooManyBoards' || missing) throw error;
				unreadable.add(path);
				return undefined;
			}
		};
		for (const path of listed) loadReadable(path);

		// Boards reached only through a load_board path are imported too.
		const queue = [...byPath.values()];
		for (let i = 0; i < queue.length; i++) {
			for (const button of queue[i]?.doc.buttons ?? []) {
				const path = button.loadBoard?.path;
				if (path === undefined || byPath.has(path) || unreadable.has(path) || !files.has(path)) continue;
				const loaded = loadReadable(path);
				if (loaded) queue.push(loaded);
			}
		}

		const byId = new Map<string, LoadedBoard>();
		for (const [id, path] of manifest?.boards ?? []) {
			const loaded = byPath.get(path);
			if (loaded && !byId.has(id)) byId.set(id, loaded);
		}
		const addresses = new BoardAddresses<LoadedBoard>();
		for (const loaded of byPath.values()) {
			if (loaded.doc.id !== undefined && !byId.has(loaded.doc.id)) byId.set(loaded.doc.id, loaded);
			addresses.add(loaded.doc, loaded);
		}
		const resolveLink = (link: ObfLoadBoard): LinkTarget => {
			const target =
				(link.path !== undefined ? byPath.get(link.path) : undefined) ??
				(link.id !== undefined ? byId.get(link.id) : undefined) ??
				addresses.find(link);
			if (target) return target.newId;
			return link.path !== undefined && unreadable.has(link.path) ? 'unreadable' : 'missing';
		};

		const collector = new Collector();
		collector.warn('import.unreadableBoardDropped', unreadable.size);
		const context: MediaContext = { collector, files: lookup, manifest, cache: new Map() };
		const boards = [...byPath.values()].map((loaded) => convertBoard(loaded, resolveLink, context));
		return finish({ rootBoardId: root.newId, boards }, collector);
	});
}

/** Picks the importer by content: a zip is an .obz, anything else is read as an .obf. */
export async function importBoardFile(fileName: string, bytes: Uint8Array): Promise<ImportResult> {
	if (isZip(bytes)) return importObz(bytes);
	let first = 0;
	while (first < bytes.length && first < 64 && [0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].includes(bytes[first] ?? 0)) first++;
	const looksLikeJson = bytes[first] === 0x7b; // '{'
	if (!looksLikeJson && /\.(obz|zip)$/i.test(fileName.trim())) {
		throw new ImportError(bytes.length > IMPORT_LIMITS.maxFileBytes ? 'import.tooLarge' : 'import.notZip');
	}
	return importObf(bytes);
}
