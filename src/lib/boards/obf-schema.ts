import { BOARD_NAME_MAX, isGridSize } from '#lib/domain/board.ts';
import { symbolUrl } from '#lib/content/symbols.ts';
import { base64ToBytes } from '#lib/encoding/base64.ts';
import { NAMED_COLOURS } from './css-colours.ts';

/*
 * Hand-written guards for Open Board Format (open-board-0.1) documents.
 *
 * Everything read from a file is `unknown` until one of these functions has looked at it. They never
 * throw and never recurse into the input: they read only the fields the importer uses, as own
 * properties (so keys such as "__proto__" or "constructor" are plain data), cap every string before
 * any regular expression sees it, and return either a small typed value or `undefined`.
 */

export const OBF_FORMAT = 'open-board-0.1';

/** The extension field Billedtale writes on images (and buttons) that show one of its own symbols. */
export const EXT_SYMBOL = 'ext_billedtale_symbol';

const ID_MAX = 256;
const PATH_MAX = 1024;
/** Longest raw label or vocalization looked at; the importer caps far below this. */
const TEXT_MAX = 2000;

export type JsonRecord = { readonly [key: string]: unknown };

export function isRecord(value: unknown): value is JsonRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property, never one inherited from Object.prototype. */
export function own(record: JsonRecord, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function asArray(value: unknown): readonly unknown[] | undefined {
	return Array.isArray(value) ? value : undefined;
}

/** A string no longer than `max`, or undefined. */
export function asString(value: unknown, max: number): string | undefined {
	return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** A string cut to at most `max` characters (other apps may write long texts; we keep the start). */
export function asText(value: unknown, max = TEXT_MAX): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value.slice(0, max) : undefined;
}

/** OBF ids are strings, but files from other apps also use numbers. */
export function asId(value: unknown): string | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
	if (typeof value !== 'string') return undefined;
	const id = value.trim();
	return id.length > 0 && id.length <= ID_MAX ? id : undefined;
}

/** A non-negative integer, also from a string of digits ("3"). */
export function asInteger(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	if (typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value)) return Number(value);
	return undefined;
}

/**
 * A path inside an .obz, relative to the zip's root, spelled one way whoever wrote it: forward slashes, no "." or ".."
 * segments (a ".." past the root stays at the root, so no name leads out of the package), percent escapes decoded and
 * in Unicode's composed form. Both a zip's file names and the paths its manifest and boards give are read through it,
 * so they match when their tools spelled them differently: a board names "images/glad%20ansigt.png" as a web address
 * does, or "../images/1.png" from its own folder, and macOS writes "å" in a file name as "a" and a combining ring.
 * A folder keeps its trailing "/".
 */
export function normalisePath(value: unknown): string | undefined {
	const raw = asString(value, PATH_MAX);
	if (raw === undefined) return undefined;
	const slashed = raw.trim().replace(/\\/g, '/');
	const decoded = new TextDecoder().decode(percentDecoded(slashed)).normalize('NFC');
	const segments: string[] = [];
	for (const segment of decoded.split('/')) {
		if (segment === '..') segments.pop();
		else if (segment !== '' && segment !== '.') segments.push(segment);
	}
	const path = segments.join('/');
	if (path.length === 0) return undefined;
	return decoded.endsWith('/') ? `${path}/` : path;
}

/**
 * A Billedtale symbol id this tablet has a picture for. A file from another version of Billedtale may name one it has
 * not: taken, the cell showed no picture and nothing said so; left out, the SVG the file carries with it is drawn as a
 * picture, as from any other app.
 */
export function asSymbolId(value: unknown): string | undefined {
	const id = asString(value, 100);
	return id !== undefined && symbolUrl(id) !== undefined ? id : undefined;
}

// ---------------------------------------------------------------------------------------------
// Colours

/** A CSS number or percentage ("128", ".5", "50%"), as the colour's channels and alpha write it. */
function numberOrPercent(text: string): { value: number; percent: boolean } | undefined {
	const match = /^(\d{1,3}(?:\.\d+)?|\.\d+)(%?)$/.exec(text);
	return match ? { value: Number(match[1]), percent: match[2] === '%' } : undefined;
}

function channel(text: string): number | undefined {
	const read = numberOrPercent(text);
	if (!read) return undefined;
	const value = read.percent ? (read.value / 100) * 255 : read.value;
	return Math.round(Math.min(255, Math.max(0, value)));
}

function hex2(n: number): string {
	return n.toString(16).padStart(2, '0');
}

/** An alpha value: "0.5", ".5", "50%" (0–1 after clamping); undefined when unreadable. */
function alpha(text: string): number | undefined {
	const read = numberOrPercent(text);
	return read && Math.min(1, Math.max(0, read.percent ? read.value / 100 : read.value));
}

type Rgba = { rgb: Array<number | undefined>; opacity: number | undefined };

function hexColour(hex: string): Rgba | undefined {
	if (![3, 4, 6, 8].includes(hex.length)) return undefined;
	const digits = hex.length <= 4 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? []);
	const [r, g, b, a] = digits.map((pair) => parseInt(pair, 16));
	return { rgb: [r, g, b], opacity: a === undefined ? 1 : a / 255 };
}

/** The parts of "f(a, b, c)", "f(a, b, c, alpha)" or "f(a b c / alpha)". */
function functionParts(body: string): string[] | undefined {
	const parts = body.includes(',') ? body.split(/\s*,\s*/) : body.split(/\s*\/\s*|\s+/);
	return parts.length === 3 || parts.length === 4 ? parts : undefined;
}

const HUE_UNITS: Record<string, number> = { '': 1, deg: 1, grad: 0.9, rad: 180 / Math.PI, turn: 360 };

/** "hsl(h, s%, l%)" as red, green and blue (CSS Color 4's conversion). */
function hslColour(parts: string[]): Rgba {
	const hue = /^(-?\d*\.?\d+)(deg|grad|rad|turn)?$/.exec(parts[0] ?? '');
	const [saturation, lightness] = parts.slice(1, 3).map((part) => numberOrPercent(part));
	const opacity = parts[3] === undefined ? 1 : alpha(parts[3]);
	if (!hue || !saturation?.percent || !lightness?.percent) return { rgb: [undefined], opacity };
	const h = (((Number(hue[1]) * HUE_UNITS[hue[2] ?? '']!) % 360) + 360) % 360;
	const [s, l] = [Math.min(1, saturation.value / 100), Math.min(1, lightness.value / 100)];
	const f = (n: number) => {
		const k = (n + h / 30) % 12;
		return 255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
	};
	return { rgb: [f(0), f(8), f(4)], opacity };
}

function readColour(text: string): Rgba | undefined {
	const hex = /^#([0-9a-f]+)$/.exec(text)?.[1];
	if (hex !== undefined) return hexColour(hex);
	const named = NAMED_COLOURS.get(text);
	if (named !== undefined) return hexColour(named);
	if (text === 'transparent') return { rgb: [0, 0, 0], opacity: 0 };
	const [, name, body = ''] = /^(rgba?|hsla?)\(\s*([^()]*?)\s*\)$/.exec(text) ?? [];
	const parts = name === undefined ? undefined : functionParts(body);
	if (!parts) return undefined;
	if (name?.startsWith('hsl')) return hslColour(parts);
	return { rgb: parts.slice(0, 3).map(channel), opacity: parts[3] === undefined ? 1 : alpha(parts[3]) };
}

const WHITE = '#ffffff';

/**
 * A CSS colour as other apps write them: "rgb(r, g, b)", "rgba(r, g, b, a)", "rgb(r g b / a)", "#rgb", "#rgba",
 * "#rrggbb", "#rrggbbaa", "hsl(h, s%, l%)", "hsla(…)" or a colour name ("lightblue", "transparent"), as '#rrggbb' mixed
 * onto `onto` ('#rrggbb') by its alpha, with that alpha. The app paints opaque colours, so a see-through one is shown as
 * it looked on what the other app drew it on. Anything else is undefined.
 */
function mixedColour(value: unknown, onto: string): { hex: string; opacity: number } | undefined {
	const text = asString(value, 100)?.trim().toLowerCase();
	const colour = text ? readColour(text) : undefined;
	if (!colour || colour.opacity === undefined || colour.rgb.some((c) => c === undefined)) return undefined;
	const a = colour.opacity;
	const under = hexColour(onto.slice(1))?.rgb ?? [];
	const hex = '#' + colour.rgb.map((c, i) => hex2(Math.round((c ?? 0) * a + (under[i] ?? 255) * (1 - a)))).join('');
	return { hex, opacity: a };
}

/**
 * A button's background_color as '#rrggbb', mixed onto white as the other app showed it on its white board: with its
 * alpha dropped, "rgba(0, 0, 0, 0.1)" (a light grey there) became black under black text.
 */
export function parseColour(value: unknown): string | undefined {
	return mixedColour(value, WHITE)?.hex;
}

/**
 * A button's border_color as '#rrggbb', mixed onto the button's own `background` (a border is drawn over it), or onto
 * white. A border wholly see-through is none: the cell keeps the app's own edge rather than one in its own colour.
 */
export function parseBorderColour(value: unknown, background: string | undefined): string | undefined {
	const colour = mixedColour(value, background ?? WHITE);
	return colour && colour.opacity > 0 ? colour.hex : undefined;
}

/** '#rrggbb' → 'rgb(r, g, b)' for export. */
export function toRgb(colour: string): string | undefined {
	const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
	if (!match) return undefined;
	const [r, g, b] = [match[1], match[2], match[3]].map((h) => parseInt(h ?? '0', 16));
	return `rgb(${r}, ${g}, ${b})`;
}

// ---------------------------------------------------------------------------------------------
// Documents

export interface ObfLoadBoard {
	id?: string;
	path?: string;
	/** The web address of the board it opens, as CoughDrop gives it (never fetched: matched against the boards' own). */
	url?: string;
	/** The web address of that board's data, as CoughDrop gives it beside `url` (never fetched either). */
	dataUrl?: string;
}

export interface ObfButton {
	id: string;
	label?: string;
	vocalization?: string;
	imageId?: string;
	soundId?: string;
	/** '#rrggbb' when the file had a colour we understand. */
	background?: string;
	/** '#rrggbb' when the file had a border colour we understand that is not wholly see-through. */
	border?: string;
	hidden: boolean;
	loadBoard?: ObfLoadBoard;
	/** Billedtale's own symbol, set on the button when the image is a photo. */
	symbolId?: string;
	/**
	 * What the button does in its app besides saying its words: 'special' for one of the spec's specialty actions
	 * (":clear", ":backspace", ":home" …, which Billedtale has as its own controls beside the message), 'spelling' for
	 * letters added to the word being spelled ("+a").
	 */
	action?: 'special' | 'spelling';
	/** The button opened a web page or another app in the app that made it (its "url"), which Billedtale never does. */
	opensWebPage?: true;
}

export interface ObfMediaRef {
	id: string;
	/** A data: URI (the "data" field, or a "url" that is a data: URI). */
	data?: string;
	/** A path inside the .obz. */
	path?: string;
	/** Any other "url" (never fetched). */
	url?: string;
	/** The data: URI was larger than a picture or sound may be (`data` is then empty). */
	oversized?: true;
	symbolId?: string;
}

export interface ObfGrid {
	rows: number;
	columns: number;
	/** rows × columns, reading order; a button id or null. */
	order: Array<string | null>;
}

export interface ObfBoardDoc {
	id?: string;
	name?: string;
	/** The board's web address in the app that made it, by which other boards' links may name it. */
	url?: string;
	/** The web address of the board's data in that app ("data_url"), by which links may name it as well. */
	dataUrl?: string;
	/** undefined when the file has no grid we can read (the buttons are then laid out); 'too-large' past isGridSize. */
	grid: ObfGrid | 'too-large' | undefined;
	/** Buttons with a usable, unique id, in file order. */
	buttons: ObfButton[];
	/** Button entries that were not objects, had no id, or repeated an id. */
	skippedButtons: number;
	images: ReadonlyMap<string, ObfMediaRef>;
	sounds: ReadonlyMap<string, ObfMediaRef>;
}

/** Longest data: URI looked at; a larger one is dropped without being decoded. */
export function dataUriLimit(maxBytes: number): number {
	return Math.ceil((maxBytes * 4) / 3) + 1024;
}

/** A board's or link's "url": a board is matched by it, so one cut short could match another; longer is none. */
function asUrl(value: unknown): string | undefined {
	const url = asString(value, PATH_MAX)?.trim();
	return url ? url : undefined;
}

function parseLoadBoard(value: unknown): ObfLoadBoard | undefined {
	if (!isRecord(value)) return undefined;
	const result: ObfLoadBoard = {};
	const id = asId(own(value, 'id'));
	const path = normalisePath(own(value, 'path'));
	const url = asUrl(own(value, 'url'));
	const dataUrl = asUrl(own(value, 'data_url'));
	if (id !== undefined) result.id = id;
	if (path !== undefined) result.path = path;
	if (url !== undefined) result.url = url;
	if (dataUrl !== undefined) result.dataUrl = dataUrl;
	// A link that names no board in the file is kept as an (unresolvable) link, so it is reported.
	return result;
}

function parseButton(value: unknown): ObfButton | undefined {
	if (!isRecord(value)) return undefined;
	const id = asId(own(value, 'id'));
	if (id === undefined) return undefined;
	// Cboard writes a tile it hides as its own field, not the spec's "hidden": read as shown, it came back on the board.
	const hidden = own(value, 'hidden') === true || own(value, 'ext_cboard_hidden') === true;
	const button: ObfButton = { id, hidden };
	const label = asText(own(value, 'label'));
	const vocalization = asText(own(value, 'vocalization'));
	const imageId = asId(own(value, 'image_id'));
	const soundId = asId(own(value, 'sound_id'));
	const background = parseColour(own(value, 'background_color'));
	const border = parseBorderColour(own(value, 'border_color'), background);
	const loadBoard = parseLoadBoard(own(value, 'load_board'));
	const symbolId = asSymbolId(own(value, EXT_SYMBOL));
	const action = parseActions(own(value, 'action'), own(value, 'actions'));
	const webPage = asString(own(value, 'url'), PATH_MAX)?.trim();
	if (label !== undefined) button.label = label;
	if (vocalization !== undefined) button.vocalization = vocalization;
	if (imageId !== undefined) button.imageId = imageId;
	if (soundId !== undefined) button.soundId = soundId;
	if (background !== undefined) button.background = background;
	if (border !== undefined) button.border = border;
	if (loadBoard !== undefined) button.loadBoard = loadBoard;
	if (symbolId !== undefined) button.symbolId = symbolId;
	if (action !== undefined) button.action = action;
	if (webPage) button.opensWebPage = true;
	return button;
}

/** A button's "action" and "actions" (the spec allows either): a specialty action wins over spelling. */
function parseActions(action: unknown, actions: unknown): ObfButton['action'] {
	const all = [action, ...(asArray(actions) ?? []).slice(0, 20)].map((a) => asString(a, TEXT_MAX)?.trim()).filter((a) => a !== undefined);
	if (all.some((a) => a.startsWith(':'))) return 'special';
	if (all.some((a) => a.startsWith('+'))) return 'spelling';
	return undefined;
}

function parseMediaRef(value: unknown, dataLimit: number): ObfMediaRef | undefined {
	if (!isRecord(value)) return undefined;
	const id = asId(own(value, 'id'));
	if (id === undefined) return undefined;
	const ref: ObfMediaRef = { id };
	const data = own(value, 'data');
	const url = own(value, 'url');
	const path = normalisePath(own(value, 'path'));
	const symbolId = asSymbolId(own(value, EXT_SYMBOL));
	// An oversized URI is kept as an empty one marked as too large, so it is reported as such instead of silently ignored.
	const takeData = (uri: string) => {
		if (uri.length <= dataLimit) return uri.trim();
		ref.oversized = true;
		return 'data:';
	};
	if (typeof data === 'string' && /^\s*data:/i.test(data.slice(0, 64))) ref.data = takeData(data);
	if (typeof url === 'string') {
		if (/^\s*data:/i.test(url.slice(0, 64))) ref.data ??= takeData(url);
		else ref.url = url.slice(0, PATH_MAX).trim();
	}
	if (path !== undefined) ref.path = path;
	if (symbolId !== undefined) ref.symbolId = symbolId;
	return ref;
}

function parseMediaList(value: unknown, dataLimit: number): Map<string, ObfMediaRef> {
	const map = new Map<string, ObfMediaRef>();
	for (const entry of asArray(value) ?? []) {
		const ref = parseMediaRef(entry, dataLimit);
		if (ref && !map.has(ref.id)) map.set(ref.id, ref);
	}
	return map;
}

/**
 * A grid without a readable size ({"columns": 3}, 0 × 0) is read as no grid, as a file without one is: its buttons are
 * laid out in order, instead of the file being refused as too large, which it is not.
 */
function parseGrid(value: unknown): ObfGrid | 'too-large' | undefined {
	if (!isRecord(value)) return undefined;
	const rows = asInteger(own(value, 'rows'));
	const columns = asInteger(own(value, 'columns'));
	if (rows === undefined || columns === undefined || rows < 1 || columns < 1) return undefined;
	if (!isGridSize(rows, columns)) return 'too-large';
	const orderRows = asArray(own(value, 'order')) ?? [];
	const order: Array<string | null> = [];
	for (let r = 0; r < rows; r++) {
		const row = asArray(orderRows[r]) ?? [];
		for (let c = 0; c < columns; c++) order.push(asId(row[c]) ?? null);
	}
	return { rows, columns, order };
}

export function isObfFormat(value: unknown): boolean {
	const format = asString(value, 100);
	return format !== undefined && /^open-board-\d/i.test(format.trim());
}

const language = (code: string) => code.trim().toLowerCase().split(/[-_]/)[0];

/** The record under a Danish language code ("da", "da_DK", "da-dk") in `record`, if there is one. */
function danishEntry(record: unknown): JsonRecord | undefined {
	if (!isRecord(record)) return undefined;
	const key = Object.keys(record).find((code) => code.length <= 100 && language(code) === 'da');
	const entry = key === undefined ? undefined : own(record, key);
	return isRecord(entry) ? entry : undefined;
}

/** Words to show or say: text that is not blank. */
function wordsIn(value: unknown): string | undefined {
	const text = asText(value);
	return text?.trim() ? text : undefined;
}

/**
 * A board in another language may carry its words in Danish: the citizen's boards speak Danish, so those are used. A
 * button may carry its own ("translations": {"da": {"label": "glad"}}, as CoughDrop writes them); the board a table of
 * them ("strings": {"da": {"happy": "glad"}}, keyed by the text they translate). A word with no Danish keeps its own.
 */
function inDanish(button: ObfButton, translations: unknown, table: JsonRecord | undefined): void {
	const itsOwn = danishEntry(translations);
	for (const field of ['label', 'vocalization'] as const) {
		const text = button[field];
		const danish = wordsIn(itsOwn && own(itsOwn, field)) ?? (text === undefined || !table ? undefined : wordsIn(own(table, text)));
		if (danish !== undefined) button[field] = danish;
	}
}

/**
 * The name of a board that gives none, from its description: Cboard's own boards have a name key instead of a name, and
 * Cboard writes the name in its reader's language as the description, so each came in as "Tavle". Only a short plain
 * text is a name; markup or anything longer than a board's name is a description, and names nothing.
 */
function nameInDescription(value: unknown): string | undefined {
	const text = asString(value, TEXT_MAX)?.trim();
	return text && text.length <= BOARD_NAME_MAX && !text.includes('<') ? text : undefined;
}

/**
 * Whether a document that does not say its "format" (boards written by hand, some older apps) has a board's shape
 * anyway: at least one button it can use, and a grid, an id or a name. A "buttons" array alone is found in JSON that is
 * no board (a dialog's settings), and would import as a board of nothing.
 */
function looksLikeBoard(value: JsonRecord, doc: ObfBoardDoc): boolean {
	return doc.buttons.length > 0 && (isRecord(own(value, 'grid')) || doc.id !== undefined || doc.name !== undefined);
}

/** The parts of an .obf document the importer uses, or undefined if it is not an OBF board. */
export function parseObfBoard(value: unknown, maxMediaBytes: number): ObfBoardDoc | undefined {
	if (!isRecord(value)) return undefined;
	const format = own(value, 'format');
	if (format !== undefined && !isObfFormat(format)) return undefined;
	const buttonList = asArray(own(value, 'buttons'));
	if (buttonList === undefined) return undefined;
	const buttons: ObfButton[] = [];
	const seen = new Set<string>();
	let skippedButtons = 0;
	// A board already in Danish keeps its own words.
	const locale = asString(own(value, 'locale'), 100);
	const danish = locale !== undefined && language(locale) === 'da' ? undefined : { table: danishEntry(own(value, 'strings')) };
	for (const entry of buttonList) {
		const button = parseButton(entry);
		if (!button || seen.has(button.id)) {
			skippedButtons++;
			continue;
		}
		seen.add(button.id);
		if (danish && isRecord(entry)) inDanish(button, own(entry, 'translations'), danish.table);
		buttons.push(button);
	}
	const dataLimit = dataUriLimit(maxMediaBytes);
	const doc: ObfBoardDoc = {
		grid: parseGrid(own(value, 'grid')),
		buttons,
		skippedButtons,
		images: parseMediaList(own(value, 'images'), dataLimit),
		sounds: parseMediaList(own(value, 'sounds'), dataLimit)
	};
	const id = asId(own(value, 'id'));
	const name = asText(own(value, 'name')) ?? nameInDescription(own(value, 'description_html'));
	const url = asUrl(own(value, 'url'));
	const dataUrl = asUrl(own(value, 'data_url'));
	if (id !== undefined) doc.id = id;
	if (name !== undefined) doc.name = name;
	if (url !== undefined) doc.url = url;
	if (dataUrl !== undefined) doc.dataUrl = dataUrl;
	if (danish?.table && doc.name !== undefined) doc.name = wordsIn(own(danish.table, doc.name)) ?? doc.name;
	return format !== undefined || looksLikeBoard(value, doc) ? doc : undefined;
}

export interface ObzManifest {
	root?: string;
	/** Board id → path, in file order. */
	boards: ReadonlyMap<string, string>;
	images: ReadonlyMap<string, string>;
	sounds: ReadonlyMap<string, string>;
}

function pathMap(value: unknown): Map<string, string> {
	const map = new Map<string, string>();
	if (!isRecord(value)) return map;
	for (const key of Object.keys(value)) {
		const id = asId(key);
		const path = normalisePath(own(value, key));
		if (id !== undefined && path !== undefined && !map.has(id)) map.set(id, path);
	}
	return map;
}

/** An .obz manifest.json, or undefined if it is not one. */
export function parseManifest(value: unknown): ObzManifest | undefined {
	if (!isRecord(value)) return undefined;
	const format = own(value, 'format');
	if (format !== undefined && !isObfFormat(format)) return undefined;
	const paths = own(value, 'paths');
	const record = isRecord(paths) ? paths : {};
	const manifest: ObzManifest = {
		boards: pathMap(own(record, 'boards')),
		images: pathMap(own(record, 'images')),
		sounds: pathMap(own(record, 'sounds'))
	};
	const root = normalisePath(own(value, 'root'));
	if (root !== undefined) manifest.root = root;
	return manifest;
}

// ---------------------------------------------------------------------------------------------
// Media bytes

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** The audio type the bytes really are, if it is a container browsers play. */
export function sniffAudio(bytes: Uint8Array): string | undefined {
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WAVE'), 8)) return 'audio/wav';
	if (startsWith(bytes, ascii('OggS'))) return 'audio/ogg';
	if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'audio/webm';
	if (startsWith(bytes, ascii('fLaC'))) return 'audio/flac';
	if (startsWith(bytes, ascii('ftyp'), 4)) return 'audio/mp4';
	if (startsWith(bytes, ascii('ID3'))) return 'audio/mpeg';
	const [b0 = 0, b1 = 0] = bytes;
	if (b0 === 0xff && (b1 & 0xf6) === 0xf0) return 'audio/aac';
	if (b0 === 0xff && (b1 & 0xe0) === 0xe0) return 'audio/mpeg';
	return undefined;
}

/** The bytes of a data: URI (base64 or percent-encoded), or undefined if it cannot be decoded. */
export function decodeDataUri(uri: string, maxBytes: number): Uint8Array<ArrayBuffer> | 'oversized' | undefined {
	const comma = uri.indexOf(',');
	if (comma < 5 || comma > 300) return undefined;
	const header = uri.slice(5, comma).toLowerCase();
	const payload = uri.slice(comma + 1);
	if (/;\s*base64\s*$/.test(header)) {
		const clean = payload.replace(/\s+/g, '');
		if (Math.floor((clean.length * 3) / 4) > maxBytes + 2) return 'oversized';
		let bytes: Uint8Array<ArrayBuffer>;
		try {
			bytes = base64ToBytes(clean);
		} catch {
			return undefined;
		}
		return bytes.length <= maxBytes ? bytes : 'oversized';
	}
	const bytes = percentDecoded(payload);
	return bytes.length <= maxBytes ? bytes : 'oversized';
}

/**
 * The bytes of percent-encoded text (a data: URI's payload, a file name in a URL), as a URL parser reads them: "%" and two hex digits is one byte, a "%" without
 * them stays itself. Other apps write SVG as plain text there ("data:image/svg+xml;utf8,<svg width="100%" …>"), where
 * decodeURIComponent gave up on the first lone "%".
 */
export function percentDecoded(text: string): Uint8Array<ArrayBuffer> {
	const utf8 = new TextEncoder().encode(text);
	const out = new Uint8Array(utf8.length);
	const hex = (byte: number | undefined) => (byte === undefined ? NaN : parseInt(String.fromCharCode(byte), 16));
	let length = 0;
	for (let i = 0; i < utf8.length; i++) {
		const high = utf8[i] === 0x25 ? hex(utf8[i + 1]) : NaN;
		const low = hex(utf8[i + 2]);
		if (Number.isNaN(high) || Number.isNaN(low)) out[length++] = utf8[i]!;
		else {
			out[length++] = high * 16 + low;
			i += 2;
		}
	}
	return out.slice(0, length);
}
