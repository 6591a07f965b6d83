/// <reference lib="webworker" />
import { loadFonts, makePdf } from './export.ts';
import type { PdfRequest, PdfResponse } from './pdf-protocol.ts';

/*
 * Writes PDFs off the page's thread: PDFKit lays out and compresses a 200-answer case file for some 400 ms at 4× CPU (bench
 * plan.pdf.blocking), and on the page's thread the app could not answer a tap or draw a frame while it did (issue 17).
 * PDFKit and the fonts are loaded here only, and kept for the next file until the page lets this worker go.
 */
self.onmessage = async ({ data }: MessageEvent<PdfRequest>) => {
	if (data.kind === 'prepare') {
		// A failure is told by the write that follows, which fetches the fonts again.
		loadFonts(data.files).catch(() => {});
		return;
	}
	let response: PdfResponse;
	try {
		response = { id: data.id, ok: true, bytes: await makePdf(data.document, data.files, data.photos) };
	} catch (error) {
		response = { id: data.id, ok: false, message: error instanceof Error ? error.message : String(error) };
	}
	self.postMessage(response, response.ok ? [response.bytes] : []);
};
