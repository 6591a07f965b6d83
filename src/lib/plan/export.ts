import regularUrl from '@expo-google-fonts/atkinson-hyperlegible/400Regular/AtkinsonHyperlegible_400Regular.ttf?url';
import boldUrl from '@expo-google-fonts/atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf?url';
import fallbackRegularUrl from '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf?url';
import fallbackBoldUrl from '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf?url';
import { symbolUrl } from '#lib/content/symbols.ts';
import { sharedLoad } from '#lib/ui/lazy-part.ts';
import { photosOf, type PlanDocument } from './document.ts';
import { needsFallback } from './faces.ts';
import { symbolsOf, writePdf } from './pdf.ts';

/*
 * The browser side of a PDF: fetches the fonts and the symbols the document shows (from the app's own
 * origin, cached for offline use by the service worker) and writes the file. Imported with import() when
 * someone asks for a PDF, so PDFKit and the fonts never weigh on the first load.
 */

async function bytes(url: string): Promise<ArrayBuffer> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: ${response.status}`);
	return response.arrayBuffer();
}

async function symbolSources(ids: string[]): Promise<Map<string, string>> {
	const entries = await Promise.all(
		ids.map(async (id) => {
			const url = symbolUrl(id);
			if (!url) return undefined;
			const response = await fetch(url);
			return response.ok ? ([id, await response.text()] as const) : undefined;
		})
	);
	return new Map(entries.filter((entry) => entry !== undefined));
}

/** PDFKit embeds JPEG and PNG only; any other photo leaves its symbol in its place. */
const EMBEDDABLE = ['image/jpeg', 'image/png'];

async function photoBytes(ids: string[], photos: ReadonlyMap<string, { blob: Blob }>): Promise<Map<string, ArrayBuffer>> {
	const entries = await Promise.all(
		ids.map(async (id) => {
			const blob = photos.get(id)?.blob;
			return blob && EMBEDDABLE.includes(blob.type) ? ([id, await blob.arrayBuffer()] as const) : undefined;
		})
	);
	return new Map(entries.filter((entry) => entry !== undefined));
}

/** The fonts, fetched once: PdfExport starts this while the adviser reads the question before the file is made. */
export const loadFonts = sharedLoad(() => Promise.all([bytes(regularUrl), bytes(boldUrl)]));

export async function makePdf(
	document: PlanDocument,
	fileName: string,
	photos: ReadonlyMap<string, { blob: Blob }> = new Map()
): Promise<File> {
	const [[regular, bold], symbols, photoData] = await Promise.all([
		loadFonts(),
		symbolSources(symbolsOf(document)),
		photoBytes(photosOf(document), photos)
	]);
	// Noto Sans (1.2 MB) only for a document with a letter Atkinson Hyperlegible lacks, and not kept after: most never need it.
	const fallback = needsFallback(document, regular)
		? await Promise.all([bytes(fallbackRegularUrl), bytes(fallbackBoldUrl)]).then(([regular, bold]) => ({ regular, bold }))
		: undefined;
	const pdf = await writePdf(document, { regular, bold, symbols, photos: photoData, fallback });
	return new File([new Uint8Array(pdf)], fileName, { type: 'application/pdf' });
}
