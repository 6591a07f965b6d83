// no-inline: small SVGs would otherwise be pasted into the JavaScript as data URIs.
const urls = import.meta.glob<string>('/symbols/svg/*.svg', { query: '?url&no-inline', import: 'default', eager: true });

/** The address of a symbol's picture. Its words are in symbol-set.ts, loaded only where they are used. */
export function symbolUrl(id: string): string | undefined {
	return urls[`/symbols/svg/${id}.svg`];
}
