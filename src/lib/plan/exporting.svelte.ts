import { shareOrDownloadFile } from '#lib/ui/download.ts';
import { longWork } from '#lib/ui/long-work.ts';
import type { PlanDocument } from './document.ts';
import { preparePdfWriter, writePdfInWorker } from './pdf-writer.ts';

/** Making a PDF: written in the worker, and what happened is told in the page. */
export class PdfExport {
	state = $state<'idle' | 'making' | 'done'>('idle');
	fileName = $state('');

	/**
	 * Starts the writer and its fonts while the question before an unencrypted file is read, so "Lav PDF" does not wait
	 * for half a megabyte of code to load and start. A failure here is told by run(), which starts again.
	 */
	prepare(): void {
		preparePdfWriter();
	}

	/** `photos`: the media the document shows (photosOf), as the page already holds them. */
	async run(document: PlanDocument, fileName: string, photos?: ReadonlyMap<string, { blob: Blob }>): Promise<void> {
		this.state = 'making';
		this.fileName = fileName;
		try {
			// The document as plain data: a reactive proxy cannot be sent to a worker. The idle lock waits for a long case file.
			const bytes = await longWork.run(() => writePdfInWorker($state.snapshot(document) as PlanDocument, photos), 'plan.pdfStoppedByLock', {
				unlessLocked: true
			});
			await shareOrDownloadFile(new File([bytes], fileName, { type: 'application/pdf' }));
			this.state = 'done';
		} catch (error) {
			this.state = 'idle';
			throw error;
		}
	}
}
