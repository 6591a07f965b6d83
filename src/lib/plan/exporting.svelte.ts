import { shareOrDownloadFile } from '#lib/ui/download.ts';
import { sharedLoad } from '#lib/ui/lazy-part.ts';
import type { PlanDocument } from './document.ts';

/** Making a PDF: the writer is loaded on first use, and what happened is told in the page. */
export class PdfExport {
	state = $state<'idle' | 'making' | 'done'>('idle');
	fileName = $state('');
	/** The writer (PDFKit, half a megabyte) and its fonts, loaded once; a load that failed is tried again next time. */
	#load = sharedLoad(() =>
		import('./export.ts').then((writer) => {
			// Told, if it fails, by makePdf, which fetches the fonts again.
			writer.loadFonts().catch(() => {});
			return writer;
		})
	);

	/**
	 * Starts loading the writer while the question before an unencrypted file is read, so "Lav PDF" does not wait for
	 * half a megabyte of code to load and start. A failure here is told by run(), which loads again.
	 */
	prepare(): void {
		this.#load().catch(() => {});
	}

	/** `photos`: the media the document shows (photosOf), as the page already holds them. */
	async run(document: PlanDocument, fileName: string, photos?: ReadonlyMap<string, { blob: Blob }>): Promise<void> {
		this.state = 'making';
		this.fileName = fileName;
		try {
			const { makePdf } = await this.#load();
			const file = await makePdf(document, fileName, photos);
			await shareOrDownloadFile(file);
			this.state = 'done';
		} catch (error) {
			this.state = 'idle';
			throw error;
		}
	}
}
