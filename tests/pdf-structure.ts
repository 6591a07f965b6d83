import { inflateSync } from 'node:zlib';

/*
 * Reads what poppler 22 does not print: the /Alt text of every Figure structure element. PDFKit writes
 * structure elements as plain (uncompressed) dictionaries with the text as a literal string, in
 * UTF-16BE with a byte-order mark when it is not plain ASCII.
 */

function unescapeLiteral(bytes: Uint8Array, start: number): { value: number[]; end: number } {
	const value: number[] = [];
	let depth = 1;
	let i = start;
	while (i < bytes.length) {
		const byte = bytes[i]!;
		if (byte === 0x5c) {
			const next = bytes[i + 1]!;
			const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
			if (next in simple) {
				value.push(simple[next]!);
				i += 2;
				continue;
			}
			const octal = /^[0-7]{1,3}/.exec(String.fromCharCode(...bytes.subarray(i + 1, i + 4)));
			if (octal) {
				value.push(Number.parseInt(octal[0], 8));
				i += 1 + octal[0].length;
				continue;
			}
			i += 2;
			continue;
		}
		if (byte === 0x28) depth++;
		if (byte === 0x29 && --depth === 0) return { value, end: i };
		value.push(byte);
		i++;
	}
	return { value, end: i };
}

function decode(value: number[]): string {
	if (value[0] === 0xfe && value[1] === 0xff) {
		let text = '';
		for (let i = 2; i + 1 < value.length; i += 2) text += String.fromCharCode((value[i]! << 8) | value[i + 1]!);
		return text;
	}
	return String.fromCharCode(...value);
}

/** The alt text of each Figure, in the order the file holds them. */
export function figureAltTexts(pdf: Uint8Array): string[] {
	const latin1 = Buffer.from(pdf).toString('latin1');
	const texts: string[] = [];
	for (const match of latin1.matchAll(/\/S \/Figure[\s\S]{0,200}?\/Alt \(/g)) {
		texts.push(decode(unescapeLiteral(pdf, match.index! + match[0].length).value));
	}
	return texts;
}

/**
 * The language of each marked-content Span with a /Lang (`/Span <</Lang (da-DK)>> BDC`), in the order the pages hold
 * them. Page contents are deflated, so each stream is inflated first; a stream that is not deflated is skipped.
 */
export function markedLanguages(pdf: Uint8Array): string[] {
	const latin1 = Buffer.from(pdf).toString('latin1');
	const languages: string[] = [];
	for (const match of latin1.matchAll(/(?<!end)stream\r?\n/g)) {
		const start = match.index! + match[0].length;
		const end = latin1.indexOf('endstream', start);
		let content: string;
		try {
			content = inflateSync(pdf.subarray(start, end)).toString('latin1');
		} catch {
			continue;
		}
		for (const span of content.matchAll(/\/Span\s*<<\s*\/Lang\s*\(([^)]*)\)\s*>>\s*BDC/g)) languages.push(span[1]!);
	}
	return languages;
}

/**
 * Where the structure tree's IDTree sends each ID (`/IDTree << /Names [(id) 12 0 R …] >>`), checked against the object it
 * names: each entry's target, and the ID that object gives itself. Also every ID a data cell's Headers name.
 */
export function structureIds(pdf: Uint8Array): { tree: Map<string, string | undefined>; headers: string[] } {
	const latin1 = Buffer.from(pdf).toString('latin1');
	const names = /\/IDTree\s*<<\s*\/Names\s*\[([\s\S]*?)\]\s*>>/.exec(latin1)?.[1] ?? '';
	const tree = new Map<string, string | undefined>();
	for (const [, key, object] of names.matchAll(/\(([^)]*)\)\s+(\d+) 0 R/g)) {
		const body = new RegExp(`(?:^|\\n)${object} 0 obj\\s*([\\s\\S]*?)endobj`).exec(latin1)?.[1] ?? '';
		tree.set(key!, /\/ID \(([^)]*)\)/.exec(body)?.[1]);
	}
	const headers = [...latin1.matchAll(/\/Headers \[([^\]]*)\]/g)].flatMap(([, list]) =>
		[...list!.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!)
	);
	return { tree, headers };
}
