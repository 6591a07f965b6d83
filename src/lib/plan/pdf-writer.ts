import regular from '@expo-google-fonts/atkinson-hyperlegible/400Regular/AtkinsonHyperlegible_400Regular.ttf?url';
import bold from '@expo-google-fonts/atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf?url';
import fallbackRegular from '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf?url';
import fallbackBold from '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf?url';
import { symbolUrl } from '#lib/content/symbols.ts';
import { photosOf, symbolsOf, type PlanDocument } from './document.ts';
import type { PdfFiles, PdfRequest, PdfResponse } from './pdf-protocol.ts';

/** The files of the page's own build that a PDF is written with: the fonts, and the symbols a document draws. */
function filesFor(document?: PlanDocument): PdfFiles {
	const symbols = new Map(document ? symbolsOf(document).flatMap((id) => (symbolUrl(id) ? [[id, symbolUrl(id)!] as const] : [])) : []);
	return { regular, bold, fallbackRegular, fallbackBold, symbols };
}

/** A file the worker could not write, or a worker that could not start (offline before it was kept): said in Danish. */
export class PdfWriteError extends Error {
	readonly code = 'error.pdf';
}

/** How long the worker is kept after its last file: a second PDF of the meeting comes soon, if at all. */
export const PDF_WRITER_KEPT_MS = 120_000;
/**
 * How long one file may take. A plan with many photos takes seconds on a slow tablet; a writer that has not answered by
 * then never will (a PNG photo once waited for a worker the page's policy refused), and meanwhile "Laver PDF …" kept the
 * buttons off and held the tablet's idle lock to its longest. It is let go, and the file refused with an error.
 */
export const PDF_WRITE_LIMIT_MS = 60_000;

/**
 * The page's side of the PDF worker (pdf.worker.ts), one for the app: started on first use and kept while PDFs are being
 * made, so PDFKit and the fonts load once for them; let go two minutes after the last, so a tablet left on all day does
 * not hold the writer's memory. A worker that cannot start (offline before the service worker held its code) or fails
 * is let go, and every file it was writing is refused with an error; the next PDF starts a new one.
 */
export class PdfWriter {
	#worker: Worker | undefined;
	#nextId = 1;
	readonly #pending = new Map<
		number,
		{ resolve: (bytes: ArrayBuffer) => void; reject: (error: PdfWriteError) => void; limit: ReturnType<typeof setTimeout> }
	>();
	#idle: ReturnType<typeof setTimeout> | undefined;

	#start(): Worker {
		const worker = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = ({ data }: MessageEvent<PdfResponse>) => {
			const waiting = this.#pending.get(data.id);
			this.#pending.delete(data.id);
			clearTimeout(waiting?.limit);
			if (data.ok) waiting?.resolve(data.bytes);
			else waiting?.reject(new PdfWriteError(data.message));
			this.#keepForAWhile();
		};
		worker.onerror = (event) => {
			event.preventDefault();
			this.#stop(new PdfWriteError(`the PDF writer stopped: ${event.message || 'it could not start'}`));
		};
		return worker;
	}

	#stop(error: PdfWriteError): void {
		clearTimeout(this.#idle);
		this.#worker?.terminate();
		this.#worker = undefined;
		for (const waiting of this.#pending.values()) {
			clearTimeout(waiting.limit);
			waiting.reject(error);
		}
		this.#pending.clear();
	}

	/** Lets the worker go once it has had nothing to write for a while. */
	#keepForAWhile(): void {
		clearTimeout(this.#idle);
		this.#idle = setTimeout(() => {
			if (this.#pending.size === 0) this.#stop(new PdfWriteError('the PDF writer was let go'));
		}, PDF_WRITER_KEPT_MS);
	}

	#post(request: PdfRequest): void {
		this.#worker ??= this.#start();
		// Before the message, which throws for a document that cannot be sent: the worker is let go all the same.
		this.#keepForAWhile();
		this.#worker.postMessage(request);
	}

	prepare(): void {
		this.#post({ kind: 'prepare', files: filesFor() });
	}

	write(document: PlanDocument, photos: ReadonlyMap<string, Blob>): Promise<ArrayBuffer> {
		const id = this.#nextId++;
		const written = new Promise<ArrayBuffer>((resolve, reject) => {
			const limit = setTimeout(() => this.#stop(new PdfWriteError('the PDF writer did not answer in time')), PDF_WRITE_LIMIT_MS);
			this.#pending.set(id, { resolve, reject, limit });
		});
		try {
			this.#post({ kind: 'write', id, document, files: filesFor(document), photos });
		} catch (error) {
			// Not sent (a document that cannot be copied to the worker): nothing will answer it.
			clearTimeout(this.#pending.get(id)?.limit);
			this.#pending.delete(id);
			throw error;
		}
		return written;
	}
}

let writer: PdfWriter | undefined;

/** Starts the PDF worker and its fonts ahead of a PDF (the question before an unencrypted file is being read). */
export function preparePdfWriter(): void {
	(writer ??= new PdfWriter()).prepare();
}

/** The document as a PDF file's bytes, written in the worker. `photos`: the media the page holds, by id; only those it shows are sent. */
export function writePdfInWorker(document: PlanDocument, photos?: ReadonlyMap<string, { blob: Blob }>): Promise<ArrayBuffer> {
	const shown = new Map(photosOf(document).flatMap((id) => (photos?.get(id) ? [[id, photos.get(id)!.blob] as const] : [])));
	return (writer ??= new PdfWriter()).write(document, shown);
}
