import { Unzip, UnzipInflate } from 'fflate';
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

/**
 * Inflates the zip while counting every byte that comes out. Past maxInflatedBytes it stops at once,
 * so a zip bomb costs at most the cap (plus one chunk) in memory, whatever its entries declare.
 * Entries larger than their own limit are counted but not kept.
 */
export async function unzipBounded(bytes: Uint8Array): Promise<Map<string, Uint8Array<ArrayBuffer> | 'oversized'>> {
	// Zip tools that lock a package with a password lock every file; its first file's flags say so (bit 0). Read, the
	// locked data failed as "not a valid package", which sent people looking for another file.
	if (isZip(bytes) && ((bytes[6] ?? 0) & 1) === 1) throw new ImportError('import.passwordProtected');
	const entries = new Map<string, ZipEntry>();
	let fileCount = 0;
	let inflated = 0;
	let otherCompression = 0;
	let failure: ImportError | undefined;
	const fail = (error: ImportError) => {
		failure ??= error;
	};

	const unzip = new Unzip((file) => {
		if (failure) return;
		if (++fileCount > IMPORT_LIMITS.maxEntries) return fail(new ImportError('import.tooManyFiles'));
		const name = normalisePath(zipEntryName(file.name));
		// Folders, repeated names, macOS's metadata and compression methods other than stored/deflate are skipped
		// (never started, so never inflated); a picture among them is reported as unsupported.
		if (name === undefined || name.endsWith('/') || entries.has(name) || isMacMetadata(name)) return;
		if (file.compression !== 0 && file.compression !== 8) {
			otherCompression++;
			return;
		}
		if (typeof file.originalSize === 'number' && inflated + file.originalSize > IMPORT_LIMITS.maxInflatedBytes) {
			return fail(new ImportError('import.zipTooLarge'));
		}
		const limit = entryLimit(name);
		const entry: ZipEntry = { chunks: [], size: 0, oversized: false, done: false };
		entries.set(name, entry);
		file.ondata = (error, data, final) => {
			if (failure) return;
			if (error) return fail(new ImportError('import.notZip', { cause: error }));
			inflated += data.length;
			if (inflated > IMPORT_LIMITS.maxInflatedBytes) return fail(new ImportError('import.zipTooLarge'));
			entry.size += data.length;
			if (entry.size > limit) {
				entry.oversized = true;
				entry.chunks = [];
			} else if (data.length > 0) {
				entry.chunks.push(data);
			}
			if (final) entry.done = true;
		};
		file.start();
	});
	unzip.register(UnzipInflate);

	let sinceYield = 0;
	let inflatedAtYield = 0;
	try {
		for (let offset = 0; offset < bytes.length && !failure; offset += UNZIP_CHUNK) {
			const end = Math.min(offset + UNZIP_CHUNK, bytes.length);
			unzip.push(bytes.subarray(offset, end), end === bytes.length);
			sinceYield += end - offset;
			if (sinceYield + (inflated - inflatedAtYield) >= YIELD_EVERY_BYTES) {
				sinceYield = 0;
				inflatedAtYield = inflated;
				await nextTurn();
			}
		}
	} catch (error) {
		fail(new ImportError('import.notZip', { cause: error }));
	}
	if (failure) throw failure;
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
