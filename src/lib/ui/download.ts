/** Hands a file to the person at the tablet; nothing is uploaded anywhere. */
export function downloadFile(fileName: string, content: string | Uint8Array, mimeType: string): void {
	const part = typeof content === 'string' ? content : new Uint8Array(content);
	const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a board or person name, without characters file systems dislike. */
export function safeFileName(name: string): string {
	return (
		name
			.trim()
			.replace(/[\\/:*?"<>|\s]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'billedtale'
	);
}
