/** Hands a file to the person at the tablet; nothing is uploaded anywhere. */
export function downloadFile(fileName: string, content: string | Uint8Array | Blob, mimeType: string): void {
	// A Blob is handed on as it is: a large one (a backup) is not copied into the page's memory.
	const part = typeof content === 'string' || content instanceof Blob ? content : new Uint8Array(content);
	// The file's own type: Firefox goes by the name's extension (a .pdf opens in its viewer even as application/octet-stream,
	// tried in firefox-esr), so another type would not keep a file from opening, only mislabel it.
	const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Hands a finished file on: the tablet's share sheet where it can take files (mail, Files, the case
 * system's app), else a download. Cancelling the share sheet is the person's choice, not an error.
 */
export async function shareOrDownloadFile(file: File): Promise<'shared' | 'cancelled' | 'downloaded'> {
	if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
		try {
			await navigator.share({ files: [file], title: file.name });
			return 'shared';
		} catch (error) {
			if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
			// Sharing failed for another reason (no target app): a download still gets the file out.
		}
	}
	downloadFile(file.name, new Uint8Array(await file.arrayBuffer()), file.type);
	return 'downloaded';
}
