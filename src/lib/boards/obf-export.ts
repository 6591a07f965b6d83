import { zipSync, type Zippable } from 'fflate';
import { bytesToBase64 } from '#lib/encoding/base64.ts';
import { cellMedia, type Board, type BoardSet, type MediaItem } from '#lib/domain/board.ts';
import { readPixelSize, type PixelSize } from '#lib/encoding/image-size.ts';
import { drawnSize } from '#lib/encoding/svg-drawing.ts';
import { EXT_SYMBOL, OBF_FORMAT, toRgb } from './obf-schema.ts';

/*
 * Export to the Open Board Format: one board as .obf (JSON with pictures and sounds inline as data:
 * URIs) or a set as .obz (a zip with manifest.json, boards/, images/ and sounds/). Symbols go out as
 * SVG tagged with their id, so Billedtale reads them back as symbols, not as pictures. Every picture carries its pixel
 * size and every recording its length in whole seconds: the format's reference validator (and apps that lay a picture out
 * before loading it) require them.
 */

export type SymbolSvg = (symbolId: string) => string | undefined;
/** A recording's length in seconds, or undefined when it cannot be read. */
export type SoundSeconds = (bytes: Uint8Array, mimeType: string) => Promise<number | undefined>;

/** Where an export finds what the stored boards only name: the symbols' drawings and the recordings' lengths. */
export interface ExportSources {
	symbolSvg: SymbolSvg;
	soundSeconds: SoundSeconds;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/svg+xml': 'svg',
	'audio/webm': 'webm',
	'audio/ogg': 'ogg',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'audio/aac': 'aac',
	'audio/wav': 'wav',
	'audio/flac': 'flac'
};

function baseMime(mimeType: string): string {
	return mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
}

function extensionOf(mimeType: string): string {
	const base = baseMime(mimeType);
	return Object.prototype.hasOwnProperty.call(EXTENSIONS, base) ? (EXTENSIONS[base] ?? 'bin') : 'bin';
}

/**
 * Reads each medium's bytes from its blob once for the whole file: one photo shown on 30 boards is read once, not once
 * per board.
 */
function mediaReader(): (item: MediaItem) => Promise<Uint8Array<ArrayBuffer>> {
	const read = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
	return (item) => {
		let bytes = read.get(item.id);
		if (!bytes) read.set(item.id, (bytes = item.blob.arrayBuffer().then((buffer) => new Uint8Array(buffer))));
		return bytes;
	};
}

type JsonObject = { [key: string]: JsonValue };
type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** How media end up in the file: inline data: URIs (.obf) or files next to the boards (.obz). */
interface MediaSink {
	image(id: string, mimeType: string, bytes: Uint8Array): JsonObject;
	sound(id: string, mimeType: string, bytes: Uint8Array): JsonObject;
}

const inlineMedium = (id: string, mimeType: string, bytes: Uint8Array): JsonObject => ({
	id,
	content_type: baseMime(mimeType),
	data: `data:${baseMime(mimeType)};base64,${bytesToBase64(bytes)}`
});
const inlineSink: MediaSink = { image: inlineMedium, sound: inlineMedium };

function safeName(id: string): string {
	return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || 'x';
}

class ZipSink implements MediaSink {
	readonly files: Zippable = {};
	readonly images = new Map<string, string>();
	readonly sounds = new Map<string, string>();
	private readonly used = new Set<string>();

	private place(folder: string, id: string, mimeType: string, bytes: Uint8Array, paths: Map<string, string>): string {
		const existing = paths.get(id);
		if (existing) return existing;
		const extension = extensionOf(mimeType);
		let path = `${folder}/${safeName(id)}.${extension}`;
		for (let n = 2; this.used.has(path); n++) path = `${folder}/${safeName(id)}-${n}.${extension}`;
		this.used.add(path);
		paths.set(id, path);
		// Photos and sounds are compressed already; deflating them again only costs time.
		this.files[path] = [bytes, { level: extension === 'svg' || extension === 'wav' ? 6 : 0 }];
		return path;
	}

	image(id: string, mimeType: string, bytes: Uint8Array): JsonObject {
		return { id, content_type: baseMime(mimeType), path: this.place('images', id, mimeType, bytes, this.images) };
	}

	sound(id: string, mimeType: string, bytes: Uint8Array): JsonObject {
		return { id, content_type: baseMime(mimeType), path: this.place('sounds', id, mimeType, bytes, this.sounds) };
	}
}

function colourToRgb(colour: string | undefined): string | undefined {
	return colour ? toRgb(colour) : undefined;
}

/** The picture's entry with its pixel size, when its header (or the drawing's box) tells it. */
function sizedImage(image: JsonObject, size: PixelSize | undefined): JsonObject {
	return size ? { ...image, width: size.width, height: size.height } : image;
}

/** The recording's entry with its length in whole seconds, at least 1: the format counts whole seconds. */
async function timedSound(sound: JsonObject, bytes: Uint8Array, mimeType: string, soundSeconds: SoundSeconds): Promise<JsonObject> {
	const seconds = await soundSeconds(bytes, mimeType);
	return seconds !== undefined && Number.isFinite(seconds) && seconds > 0
		? { ...sound, duration: Math.max(1, Math.round(seconds)) }
		: sound;
}

async function boardDocument(
	board: Board,
	media: ReadonlyMap<string, MediaItem>,
	{ symbolSvg, soundSeconds }: ExportSources,
	sink: MediaSink,
	boardPath: (boardId: string) => string | undefined,
	bytesOf = mediaReader()
): Promise<JsonObject> {
	const buttons: JsonObject[] = [];
	const images = new Map<string, JsonObject>();
	const sounds = new Map<string, JsonObject>();

	for (const cell of board.slots) {
		if (!cell) continue;
		const button: JsonObject = { id: cell.id, label: cell.label };
		if (cell.vocalization) button.vocalization = cell.vocalization;
		const background = colourToRgb(cell.background);
		if (background) button.background_color = background;
		const border = colourToRgb(cell.border);
		if (border) button.border_color = border;
		if (cell.hidden) button.hidden = true;

		const { photo, recording } = cellMedia(cell, media);
		if (photo) {
			const imageId = photo.id;
			if (!images.has(imageId)) {
				const bytes = await bytesOf(photo);
				images.set(imageId, sizedImage(sink.image(imageId, photo.mimeType, bytes), readPixelSize(bytes)));
			}
			button.image_id = imageId;
			if (cell.symbolId) button[EXT_SYMBOL] = cell.symbolId;
		} else if (cell.symbolId) {
			const imageId = `symbol-${cell.symbolId}`;
			if (!images.has(imageId)) {
				const svg = symbolSvg(cell.symbolId);
				const image: JsonObject =
					svg === undefined
						? { id: imageId, content_type: 'image/svg+xml' }
						: sizedImage(sink.image(imageId, 'image/svg+xml', new TextEncoder().encode(svg)), drawnSize(svg));
				image[EXT_SYMBOL] = cell.symbolId;
				images.set(imageId, image);
			}
			button.image_id = imageId;
		}

		if (recording) {
			if (!sounds.has(recording.id)) {
				const bytes = await bytesOf(recording);
				sounds.set(
					recording.id,
					await timedSound(sink.sound(recording.id, recording.mimeType, bytes), bytes, recording.mimeType, soundSeconds)
				);
			}
			button.sound_id = recording.id;
		}

		if (cell.linkBoardId) {
			const loadBoard: JsonObject = { id: cell.linkBoardId };
			const path = boardPath(cell.linkBoardId);
			if (path) loadBoard.path = path;
			button.load_board = loadBoard;
		}
		buttons.push(button);
	}

	const order: Array<Array<string | null>> = [];
	for (let r = 0; r < board.rows; r++) {
		order.push(board.slots.slice(r * board.columns, (r + 1) * board.columns).map((cell) => cell?.id ?? null));
	}
	return {
		format: OBF_FORMAT,
		id: board.id,
		locale: 'da',
		name: board.name,
		grid: { rows: board.rows, columns: board.columns, order },
		buttons,
		images: [...images.values()],
		sounds: [...sounds.values()]
	};
}

/** One board as .obf JSON, with pictures and recordings inline as data: URIs. */
export async function exportObf(board: Board, media: ReadonlyMap<string, MediaItem>, sources: ExportSources): Promise<string> {
	return JSON.stringify(await boardDocument(board, media, sources, inlineSink, () => undefined));
}

/** A board set as .obz: manifest.json, boards/<id>.obf, images/… and sounds/… referenced by path. */
export async function exportObz(
	set: BoardSet,
	media: ReadonlyMap<string, MediaItem>,
	sources: ExportSources
): Promise<Uint8Array<ArrayBuffer>> {
	const sink = new ZipSink();
	const boardPaths = new Map<string, string>();
	for (const board of set.boards) {
		let path = `boards/${safeName(board.id)}.obf`;
		for (let n = 2; [...boardPaths.values()].includes(path); n++) path = `boards/${safeName(board.id)}-${n}.obf`;
		boardPaths.set(board.id, path);
	}
	const encoder = new TextEncoder();
	const bytesOf = mediaReader();
	for (const board of set.boards) {
		const doc = await boardDocument(board, media, sources, sink, (id) => boardPaths.get(id), bytesOf);
		sink.files[boardPaths.get(board.id) ?? ''] = encoder.encode(JSON.stringify(doc));
	}
	const manifest = {
		format: OBF_FORMAT,
		root: boardPaths.get(set.rootBoardId) ?? '',
		paths: {
			boards: Object.fromEntries(boardPaths),
			images: Object.fromEntries(sink.images),
			sounds: Object.fromEntries(sink.sounds)
		}
	};
	sink.files['manifest.json'] = encoder.encode(JSON.stringify(manifest));
	return zipSync(sink.files, { level: 6 });
}
