/**
 * The name of a file that leaves the tablet: what it is, a date and the start of a random id
 * (`plan-2026-12-02-1a2b3c4d.pdf`), never a name or a CPR number. A file's name is not encrypted: the browser's list of
 * downloads, the tablet's Files app and the browser's own records keep it, also once the citizen is deleted.
 */
export function fileNameOf(what: string, date: string, id: string, extension: string): string {
	const shortId = id
		.replace(/[^A-Za-z0-9]/g, '')
		.slice(0, 8)
		.toLowerCase();
	return `${what}-${date}-${shortId}.${extension}`;
}
