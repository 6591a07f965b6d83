/**
 * Pictures a screen about to be opened will show, fetched and set up ahead. To the browser each SVG picture is a document
 * of its own, set up the first time the page shows it: ~6 ms of the main thread each at 4× CPU, one task per picture,
 * and the meeting's first step shows about twenty. Queued behind the page they were drawn in, those tasks held back the
 * reads that page had started (issue 17: the profile of open1000, 130 ms between the meeting's first render and its answer
 * list). An <img> of a picture set up earlier in this page shares that copy, as long as one is kept: these are kept
 * for the page's life (a few kB).
 *
 * Shared only when no service worker answered for it, though: Chromium never takes an image from its memory of this
 * page's images when a worker served it (w3c/ServiceWorker#962), and the installed app's worker serves every file. Each
 * <img> of a warmed address fetched its SVG from the worker again and set up a new document, and those eleven tasks ran
 * before the meeting's first frame (open1000 profile, 4× CPU: 110 ms). So a warmed picture is fetched once into a
 * blob: address, which no worker answers, and the components that show it ask `warmedPicture` for its address.
 *
 * Chromium also files each image under the worker that controlled the page when the image was set up, blob: ones too. A
 * worker that takes control of an open page (on the first visit, and with each new version of the app: the worker
 * claims the pages it finds) leaves every copy warmed before it filed under the earlier worker or none, and each <img>
 * set its picture up again (open1000 in a run where the worker took over after the citizen page had warmed: 7 pictures,
 * ~35 ms of the main thread before the meeting's first frame at 4× CPU). So the copies are set up again, under the new
 * worker, when it takes control.
 */
const kept = new Map<string, HTMLImageElement>();
const blobs = new Map<string, string>();
let keptAcrossWorkers = false;

function setUpAgain(): void {
	for (const [url, local] of blobs) {
		const picture = new Image();
		picture.src = local;
		kept.set(url, picture);
	}
}

export function warmPictures(urls: Iterable<string | undefined>): void {
	if (!keptAcrossWorkers) {
		keptAcrossWorkers = true;
		navigator.serviceWorker?.addEventListener('controllerchange', setUpAgain);
	}
	for (const url of urls) {
		if (!url || kept.has(url)) continue;
		const picture = new Image();
		kept.set(url, picture);
		fetch(url)
			.then((response) => (response.ok ? response.blob() : Promise.reject(new Error(`${response.status}`))))
			.then((blob) => {
				const local = URL.createObjectURL(blob);
				blobs.set(url, local);
				picture.src = local;
			})
			// Not fetched: shown from its own address, as if never warmed.
			.catch(() => kept.delete(url));
	}
}

/** The address an <img> shows `url` from: the warmed copy once it is there. */
export function warmedPicture(url: string): string;
export function warmedPicture(url: string | undefined): string | undefined;
export function warmedPicture(url: string | undefined): string | undefined {
	return (url && blobs.get(url)) || url;
}
