import type { CoreAnswer } from '#lib/domain/answer.ts';

// no-inline: pasted into the JavaScript as data URIs, the pictures were 1.2 kB gzip of the meeting board's first load (issue
// 17); as files they are fetched beside it, and the board's cells keep their size while they come.
const files = import.meta.glob<string>('/symbols/svg/{ja,nej,ved-ikke,pause,stop,hjaelp,forstaar-ikke}.svg', {
	query: '?url&no-inline',
	import: 'default',
	eager: true
});

/** The picture shown on each core answer button; the files are ids in the shared symbol set. */
export function coreSymbolUrl(answer: CoreAnswer): string {
	const url = files[`/symbols/svg/${answer}.svg`];
	if (!url) throw new Error(`Missing symbol for core answer ${answer}`);
	return url;
}
