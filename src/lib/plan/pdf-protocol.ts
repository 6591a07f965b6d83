import type { PlanDocument } from './document.ts';

/** The files a PDF is written with, by their addresses in the app's build. */
export interface PdfFiles {
	regular: string;
	bold: string;
	/** Noto Sans, fetched only for a document with a letter Atkinson Hyperlegible lacks (faces.ts). */
	fallbackRegular: string;
	fallbackBold: string;
	/** The symbols the document draws (symbolsOf), by symbol id; empty in a request only to prepare. */
	symbols: ReadonlyMap<string, string>;
}

/**
 * The page asks the PDF worker (pdf.worker.ts) to start fetching its fonts while the question before the file is read,
 * or to write one document. `photos`: the pictures the document shows, by media id (photosOf).
 */
export type PdfRequest =
	| { kind: 'prepare'; files: PdfFiles }
	| { kind: 'write'; id: number; document: PlanDocument; files: PdfFiles; photos: ReadonlyMap<string, Blob> };

/** The written file's bytes (transferred), or why it could not be written. */
export type PdfResponse = { id: number; ok: true; bytes: ArrayBuffer } | { id: number; ok: false; message: string };
