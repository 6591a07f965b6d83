/**
 * Pictures a screen about to be opened will show, fetched and set up ahead. To the browser each SVG picture is a document
 * of its own, set up the first time the page shows it: ~6 ms of the main thread each at 4× CPU, one task per picture,
 * and the meeting's first step shows about twenty. Queued behind the page they were drawn in, those tasks held back the
 * reads that page had started (issue 17: the profile of open1000, 130 ms between the meeting's first render and its answer
 * list). An <img> of a picture set up earlier in this page shares that copy, as long as one is kept: these are kept
 * for the page's life (a few kB).
 */
const kept = new Map<string, HTMLImageElement>();

export function warmPictures(urls: Iterable<string | undefined>): void {
	for (const url of urls) {
		if (!url || kept.has(url)) continue;
		const picture = new Image();
		picture.src = url;
		kept.set(url, picture);
	}
}
