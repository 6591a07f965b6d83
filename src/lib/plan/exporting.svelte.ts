import { shareOrDownloadFile } from '#lib/ui/download.ts';
import type { PlanDocument } from './document.ts';

/** Making a PDF: the writer is loaded on first use, and what happened is told in the page. */
export class PdfExport {
	state = $state<'idle' | 'making' | 'done'>('idle');
	fileName = $state('');

	/** `photos`: the media the document shows (photosOf), as the page already holds them. */
	async run(document: PlanDocument, fileName: string, photos?: ReadonlyMap<string, { blob: Blob }>): Promise<void> {
		this.state = 'making';
		this.fileName = fileName;
		try {
			const { makePdf } = await import('./export.ts');
			const file = await makePdf(document, fileName, photos);
			await shareOrDownloadFile(file);
			this.state = 'done';
		} catch (error) {
			this.state = 'idle';
			throw error;
		}
	}
}
