import type { CoreAnswer } from '#lib/domain/answer.ts';

const files = import.meta.glob<string>('/symbols/svg/{ja,nej,ved-ikke,pause,stop,hjaelp,forstaar-ikke}.svg', {
	query: '?url',
	import: 'default',
	eager: true
});

/** The picture shown on each core answer button; the files are ids in the shared symbol set. */
export function coreSymbolUrl(answer: CoreAnswer): string {
	const url = files[`/symbols/svg/${answer}.svg`];
	if (!url) throw new Error(`Missing symbol for core answer ${answer}`);
	return url;
}
