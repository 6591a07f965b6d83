import { sharedLoad } from '#lib/ui/lazy-part.ts';
import type { PlanDocument } from './document.ts';
import { needsFallback } from './faces.ts';
import type { PdfFiles } from './pdf-protocol.ts';
import { writePdf } from './pdf.ts';

/*
 * The browser side of a PDF, run in the PDF worker (pdf.worker.ts): fetches the fonts and the symbols the document shows
 * (from the app's own origin, cached for offline use by the service worker) and writes the file. The page names the
 * files by their addresses in its own build, so the worker's code carries none of them (a second copy of every symbol).
 */

async function bytes(url: string): Promise<ArrayBuffer> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: ${response.status}`);
	return response.arrayBuffer();
}

async function symbolSources(urls: ReadonlyMap<string, string>): Promise<Map<string, string>> {
	const entries = await Promise.all(
		[...urls].map(async ([id, url]) => {
			const response = await fetch(url);
			return response.ok ? ([id, await response.text()] as const) : undefined;
		})
	);
	return new Map(entries.filter((entry) => entry !== undefined));
}

/** PDFKit embeds JPEG and PNG only; any other photo leaves its symbol in its place. */
const EMBEDDABLE = ['image/jpeg', 'image/png'];

async function photoBytes(photos: ReadonlyMap<string, Blob>): Promise<Map<string, ArrayBuffer>> {
	const entries = await Promise.all(
		[...photos].map(async ([id, blob]) => (EMBEDDABLE.includes(blob.type) ? ([id, await blob.arrayBuffer()] as const) : undefined))
	);
	return new Map(entries.filter((entry) => entry !== undefined));
}

/** Each font file fetched once and kept for the next PDF; a fetch that failed is let go, so the next PDF fetches again. */
const fontLoads = new Map<string, () => Promise<ArrayBuffer>>();
function fontBytes(url: string): Promise<ArrayBuffer> {
	let load = fontLoads.get(url);
	if (!load) fontLoads.set(url, (load = sharedLoad(() => bytes(url))));
	return load();
}

/** The document's own fonts, fetched while the adviser reads the question before the file is made. */
export function loadFonts(files: Pick<PdfFiles, 'regular' | 'bold'>): Promise<[ArrayBuffer, ArrayBuffer]> {
	return Promise.all([fontBytes(files.regular), fontBytes(files.bold)]);
}

/**
 * The document as a PDF file's bytes. `files`: the fonts' addresses and the symbols' the document shows (symbolsOf);
 * `photos`: the pictures it shows, by media id (photosOf).
 */
export async function makePdf(document: PlanDocument, files: PdfFiles, photos: ReadonlyMap<string, Blob>): Promise<ArrayBuffer> {
	const [[regular, bold], symbols, photoData] = await Promise.all([loadFonts(files), symbolSources(files.symbols), photoBytes(photos)]);
	// Noto Sans (1.2 MB) only for a document with a letter Atkinson Hyperlegible lacks, and not kept after: most never need it.
	const fallback = needsFallback(document, regular)
		? await Promise.all([bytes(files.fallbackRegular), bytes(files.fallbackBold)]).then(([regular, bold]) => ({ regular, bold }))
		: undefined;
	const pdf = await writePdf(document, { regular, bold, symbols, photos: photoData, fallback });
	// A copy of exactly the file's bytes, which the worker hands to the page without copying again.
	return new Uint8Array(pdf).buffer;
}
