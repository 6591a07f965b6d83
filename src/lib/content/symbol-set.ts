import manifest from '../../../symbols/manifest.json';
import type { SymbolEntry } from './symbol-manifest.ts';

// The symbol set's words (labels, keywords, authors) for the places that search or name symbols. Kept apart from the
// pictures' addresses (symbols.ts), which most screens need alone: this is the largest piece of content the app has.
export const SYMBOLS = manifest as SymbolEntry[];
const byId = new Map(SYMBOLS.map((entry) => [entry.id, entry]));

export function symbolById(id: string): SymbolEntry | undefined {
	return byId.get(id);
}
