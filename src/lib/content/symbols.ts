import manifest from '../../../symbols/manifest.json';
import type { SymbolEntry } from './symbol-manifest.ts';

// no-inline: small SVGs would otherwise be pasted into the JavaScript as data URIs.
const urls = import.meta.glob<string>('/symbols/svg/*.svg', { query: '?url&no-inline', import: 'default', eager: true });

export const SYMBOLS = manifest as SymbolEntry[];
const byId = new Map(SYMBOLS.map((entry) => [entry.id, entry]));

export function symbolById(id: string): SymbolEntry | undefined {
	return byId.get(id);
}

export function symbolUrl(id: string): string | undefined {
	return urls[`/symbols/svg/${id}.svg`];
}
