import { Inflate } from 'fflate';
import { IMPORT_LIMITS, ImportError, MiB } from './obf-limits.ts';
import { normalisePath } from './obf-schema.ts';

// Reading an .obz package's zip: bounded against zip bombs, and with the file names its tool meant.

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Compressed bytes handed to the inflater at a time: deflate expands at most ~1032×, so one push
 * can produce at most ~4 MiB before the running total is checked again. */
const UNZIP_CHUNK = 4096;
/** Give the event loop a turn after this much work, so a large file does not freeze the tablet. */
const YIELD_EVERY_BYTES = 4 * MiB;

export function isZip(bytes: Uint8Array): boolean {
	return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

function entryLimit(name: string): number {
	return /\.(obf|json)$/i.test(name) ? IMPORT_LIMITS.maxFileBytes : IMPORT_LIMITS.maxImageBytes;
}

interface ZipEntry {
	chunks: Uint8Array[];
	size: number;
	oversized: boolean;
	done: boolean;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Bytes 0x80–0xff in DOS code page 850, which Windows in Denmark writes zip file names in. */
const CODE_PAGE_850 =
	'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

/**
 * A file name in a zip as its tool meant it. A name without the zip's UTF-8 flag comes from the unzipper one character
 * per byte; macOS's Archive Utility writes UTF-8 names without setting the flag, so "følelser.obf" came as
 * "fÃ¸lelser.obf" and no longer matched its manifest. Bytes that are valid UTF-8 are read as UTF-8 (a name in a DOS
 * code page rarely is); others as Windows' "Send to compressed folder" writes them, in the DOS code page (850 in
 * Denmark: "f\x9blelser.obf" is "følelser.obf").
 * The unzipper does not say whether the flag was set, and a name it has read as UTF-8 ("følelser.obf" from JSZip,
 * 7-Zip or Python, which set the flag) is also made of characters up to U+00FF: read again as bytes it became
 * "f°lelser.obf". Such a name has no C1 control character (U+0080–U+009F), which no one names a file with, while a
 * name in code page 850 has one for every Danish letter (æ ø å Æ Ø Å é are 0x91 0x9B 0x86 0x92 0x9D 0x8F 0x82): a name
 * without one is kept as it came.
 */
function zipEntryName(name: string): string {
	const codes = Array.from(name, (char) => char.charCodeAt(0));
	if (!codes.some((code) => code >= 0x80) || codes.some((code) => code > 0xff)) return name;
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(codes));
	} catch {
		if (!codes.some((code) => code >= 0x80 && code < 0xa0)) return name;
		return String.fromCharCode(...codes.map((code) => (code < 0x80 ? code : CODE_PAGE_850.charCodeAt(code - 0x80))));
	}
}

/**
 * Finder's "Compress" adds an AppleDouble file ("._board.obf", under "__MACOSX/") beside every file: metadata, never
 * part of the package. Read, each "._….obf" was a board that "could not be read", and a package without a manifest
 * said so for every one of its boards.
 */
const isMacMetadata = (name: string) => name.startsWith('__MACOSX/') || /(^|\/)\._[^/]*$/.test(name);

/** The one folder every file of the package is in ("Mine tavler/"), when it was zipped as its folder. */
export function enclosingFolder(names: Iterable<string>): string | undefined {
	let folder: string | undefined;
	for (const name of names) {
		folder ??= name.slice(0, name.indexOf('/') + 1);
		if (!folder || !name.startsWith(folder)) return undefined;
	}
	return folder;
}

/**
 * The package's manifest, as the spec names it. Zipped on Windows or macOS it may be "Manifest.json" or "MANIFEST.JSON":
 * it is looked for as every other path is (zipNames), or it was missed and the home board guessed.
 */
export const MANIFEST = 'manifest.json';

/**
 * The zip's own name for a path the package's manifest or boards give, or undefined when it has none. A package made
 * where file names ignore letter case (Windows, macOS) may say "Images/Glad.PNG" of the zip's "images/glad.png", and
 * its tool never noticed: a path that is not in the zip as written is the one name that differs from it only in case.
 * Two such names ("Glad.png" and "glad.png") leave nothing to tell which was meant, and neither is taken.
 */
export function zipNames(files: ReadonlyMap<string, unknown>): (path: string) => string | undefined {
	// Indexed once, so each path is one look-up however many files the package holds; null marks a name found twice.
	const byLowerCase = new Map<string, string | null>();
	for (const name of files.keys()) {
		const key = name.toLowerCase();
		byLowerCase.set(key, byLowerCase.has(key) ? null : name);
	}
	return (path) => (files.has(path) ? path : (byLowerCase.get(path.toLowerCase()) ?? undefined));
}

/**
 * The package's files as its manifest and boards name them. Zipping the package's folder instead of its contents
 * (Windows' "Send to compressed folder", Finder's "Compress") puts every file under that folder: "Mine tavler/
 * manifest.json". The manifest was then not found, the home board was guessed, and every picture the boards name by
 * its path ("images/1.png") was left out. A folder that holds the manifest, with everything else in it, is the
 * package's root. Without a manifest nothing says where the root is (a package may keep all its boards in "boards/"
 * and link to them as "boards/…"): the names stay as they are, and the import looks in the folder for a path it does
 * not find (importObz).
 */
function withoutEnclosingFolder<T>(files: Map<string, T>): Map<string, T> {
	const nameInZip = zipNames(files);
	if (nameInZip(MANIFEST) !== undefined) return files;
	const folder = enclosingFolder(files.keys());
	if (folder === undefined || nameInZip(folder + MANIFEST) === undefined) return files;
	return new Map([...files].map(([name, bytes]) => [name.slice(folder.length), bytes]));
}

/** Where a zip's files are and what its central directory says of each. */
interface CentralEntry {
	name: string;
	flags: number;
	method: number;
	compressedSize: number;
	size: number;
	localHeader: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record (22 bytes) and a comment of at most 65,535 bytes after it. */
const END_SEARCHED = 22 + 0xffff;
/** A zip whose directory lists more entries than this is refused before any is looked at (folders and metadata included). */
const DIRECTORY_ENTRIES_MAX = 4 * IMPORT_LIMITS.maxEntries;

/**
 * The zip's files as its central directory, at the file's end, lists them. The directory is what says where each file
 * ends: a file whose sizes come after its data (Java's and Python's zip streams, `jar`, `zip -` to a pipe) was read to
 * the next bytes that looked like a zip signature, and a photo holding those four bytes (one in 70 packages of 20 MB)
 * cut the photo short and swallowed the files after it. A file cut short (a download or a copy broken off) has no
 * directory, and is no package: read from its start, it came in as a success with its last boards missing.
 */
function centralDirectory(bytes: Uint8Array): CentralEntry[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const u16 = (at: number) => view.getUint16(at, true);
	const u32 = (at: number) => view.getUint32(at, true);
	const u64 = (at: number) => Number(view.getBigUint64(at, true));
	// The end record's comment reaches to the end of the file: the same four bytes inside a comment are not it.
	let end = -1;
	for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - END_SEARCHED); at--) {
		if (u32(at) === END_OF_DIRECTORY && at + 22 + u16(at + 20) === bytes.length) {
			end = at;
			break;
		}
	}
	if (end < 0) throw new ImportError('import.notZip');
	let count = u16(end + 10);
	let size = u32(end + 12);
	let offset = u32(end + 16);
	let directoryEnd = end;
	const locator = end - 20;
	if (locator >= 0 && u32(locator) === ZIP64_END_LOCATOR) {
		directoryEnd = u64(locator + 8);
		if (directoryEnd + 56 > bytes.length || u32(directoryEnd) !== ZIP64_END_OF_DIRECTORY) throw new ImportError('import.notZip');
		count = u64(directoryEnd + 32);
		size = u64(directoryEnd + 40);
		offset = u64(directoryEnd + 48);
	}
	if (count > DIRECTORY_ENTRIES_MAX) throw new ImportError('import.tooManyFiles');
	// The directory ends where the end record begins (a package starts with a file's header, so nothing comes before it).
	if (directoryEnd !== offset + size) throw new ImportError('import.notZip');
	const entries: CentralEntry[] = [];
	let at = offset;
	for (let i = 0; i < count; i++) {
		if (at + 46 > directoryEnd || u32(at) !== DIRECTORY_ENTRY) throw new ImportError('import.notZip');
		const flags = u16(at + 8);
		const nameLength = u16(at + 28);
		const extraLength = u16(at + 30);
		if (at + 46 + nameLength + extraLength + u16(at + 32) > directoryEnd) throw new ImportError('import.notZip');
		const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
		const entry: CentralEntry = {
			// As the streaming reader gave it: UTF-8 when the zip says so (bit 11), else one character per byte (zipEntryName).
			name: flags & 0x800 ? new TextDecoder().decode(nameBytes) : Array.from(nameBytes, (byte) => String.fromCharCode(byte)).join(''),
			flags,
			method: u16(at + 10),
			compressedSize: u32(at + 20),
			size: u32(at + 24),
			localHeader: u32(at + 42)
		};
		// Sizes and offsets too large for 32 bits are in the zip64 extra field, in this order, each only where it is needed.
		for (let field = at + 46 + nameLength; field + 4 <= at + 46 + nameLength + extraLength; field += 4 + u16(field + 2)) {
			if (u16(field) !== 0x0001) continue;
			let value = field + 4;
			for (const key of ['size', 'compressedSize', 'localHeader'] as const) {
				if (entry[key] !== 0xffffffff) continue;
				if (value + 8 > field + 4 + u16(field + 2)) throw new ImportError('import.notZip');
				entry[key] = u64(value);
				value += 8;
			}
		}
		entries.push(entry);
		at += 46 + nameLength + extraLength + u16(at + 32);
	}
	return entries;
}

/** The bytes of an entry as stored in the zip: after its local header, as long as the directory says. */
function storedBytes(bytes: Uint8Array, entry: CentralEntry): Uint8Array {
	const at = entry.localHeader;
	if (at + 30 > bytes.length || new DataView(bytes.buffer, bytes.byteOffset + at, 30).getUint32(0, true) !== LOCAL_HEADER) {
		throw new ImportError('import.notZip');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset + at, 30);
	const start = at + 30 + view.getUint16(26, true) + view.getUint16(28, true);
	if (start + entry.compressedSize > bytes.length) throw new ImportError('import.notZip');
	return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * Each file's bytes are its own: zip tools write every file once. A directory whose entries share bytes (2,000 names for
 * one stream that inflates to nothing) had each inflate them again, past every cap on what came out: a 209 kB file held
 * the page's thread for more than a second, and one at the size limit would for minutes.
 */
function refuseOverlaps(listed: CentralEntry[], stored: Uint8Array[], bytes: Uint8Array): void {
	const spans = listed
		.map((file, i) => ({ start: file.localHeader, end: stored[i]!.byteOffset - bytes.byteOffset + stored[i]!.length }))
		.sort((a, b) => a.start - b.start);
	for (let i = 1; i < spans.length; i++) if (spans[i]!.start < spans[i - 1]!.end) throw new ImportError('import.notZip');
}

/**
 * Reads the zip's files while counting every byte that comes out. Past maxInflatedBytes it stops at once,
 * so a zip bomb costs at most the cap (plus one chunk) in memory, whatever its entries declare.
 * Entries larger than their own limit are counted but not kept.
 */
export async function unzipBounded(bytes: Uint8Array): Promise<Map<string, Uint8Array<ArrayBuffer> | 'oversized'>> {
	const listed = centralDirectory(bytes);
	const stored = listed.map((file) => storedBytes(bytes, file));
	refuseOverlaps(listed, stored, bytes);
	const entries = new Map<string, ZipEntry>();
	let fileCount = 0;
	let inflated = 0;
	let otherCompression = 0;
	let sinceYield = 0;
	/** `length` bytes came out of `read` bytes of the zip: both count towards the page's next turn. */
	const counted = async (length: number, read: number) => {
		inflated += length;
		if (inflated > IMPORT_LIMITS.maxInflatedBytes) throw new ImportError('import.zipTooLarge');
		sinceYield += length + read;
		if (sinceYield >= YIELD_EVERY_BYTES) {
			sinceYield = 0;
			await nextTurn();
		}
	};

	for (const [index, file] of listed.entries()) {
		const name = normalisePath(zipEntryName(file.name));
		// Folders, repeated names and macOS's metadata are skipped, and not counted as the package's files.
		if (name === undefined || name.endsWith('/') || entries.has(name) || isMacMetadata(name)) continue;
		if (++fileCount > IMPORT_LIMITS.maxEntries) throw new ImportError('import.tooManyFiles');
		// Zip tools that lock a package with a password lock its files (bit 0), maybe not its folders. Read, the locked
		// data failed as "not a valid package", which sent people looking for another file.
		if (file.flags & 1) throw new ImportError('import.passwordProtected');
		// Compression methods other than stored and deflate are skipped; a picture among them is reported as unsupported.
		if (file.method !== 0 && file.method !== 8) {
			otherCompression++;
			continue;
		}
		if (inflated + file.size > IMPORT_LIMITS.maxInflatedBytes) throw new ImportError('import.zipTooLarge');
		const limit = entryLimit(name);
		const entry: ZipEntry = { chunks: [], size: 0, oversized: false, done: false };
		entries.set(name, entry);
		const take = (data: Uint8Array) => {
			entry.size += data.length;
			if (entry.size > limit) {
				entry.oversized = true;
				entry.chunks = [];
			} else if (data.length > 0) {
				entry.chunks.push(data);
			}
		};
		const data = stored[index]!;
		if (file.method === 0) {
			take(data.slice());
			await counted(data.length, data.length);
		} else {
			const inflater = new Inflate((out) => take(out));
			for (let offset = 0; offset < data.length || offset === 0; offset += UNZIP_CHUNK) {
				const before = entry.size;
				const end = Math.min(offset + UNZIP_CHUNK, data.length);
				try {
					inflater.push(data.subarray(offset, end), end === data.length);
				} catch (error) {
					throw new ImportError('import.notZip', { cause: error });
				}
				await counted(entry.size - before, end - offset);
				if (end === data.length) break;
			}
		}
		entry.done = true;
	}
	if (fileCount === 0) throw new ImportError('import.notZip');
	// Packed with bzip2 or LZMA throughout (zip tools offer them): no file of it can be read, and "not a board" would be wrong.
	if (entries.size === 0 && otherCompression > 0) throw new ImportError('import.unsupportedCompression');

	const files = new Map<string, Uint8Array<ArrayBuffer> | 'oversized'>();
	for (const [name, entry] of entries) {
		if (!entry.done) throw new ImportError('import.notZip');
		if (entry.oversized) {
			files.set(name, 'oversized');
			continue;
		}
		const joined = new Uint8Array(entry.size);
		let at = 0;
		for (const chunk of entry.chunks) {
			joined.set(chunk, at);
			at += chunk.length;
		}
		entry.chunks = [];
		files.set(name, joined);
	}
	return withoutEnclosingFolder(files);
}
