import { withTimeout } from '#lib/domain/timeout.ts';
import { base64ToBytes } from './base64.ts';
import type { PixelSize } from './image-size.ts';
import { rasterImageType } from './image-type.ts';
import { PictureRefused } from './reencode.ts';

/*
 * Symbol sets that other AAC apps ship in their board files (Mulberry, ARASAAC, OpenSymbols) are SVG drawings. An SVG
 * is a document that can hold script, so it is never stored or shown as itself (tests/fixtures/hostile/script.svg):
 * the browser draws it as an image, where no script runs and nothing outside the file is loaded, and only the pixels go
 * on, as a PNG, to the same re-encoding as every other picture from outside.
 */

/** The longer side the drawing is made at: larger than a board cell on a tablet needs, well below the stored limit. */
export const DRAWN_SIDE = 512;
/** A drawing the browser has not decoded by then is refused as unreadable. */
const DECODE_WITHIN_MS = 10_000;
/** How much of the file is looked at to tell a drawing: an XML declaration, comments and a doctype may come first. */
const SNIFF_BYTES = 4096;

/** Whether bytes that are not a raster picture look like an SVG drawing (the parse in `drawSvgAsPng` decides). */
export function looksLikeSvg(bytes: Uint8Array): boolean {
	if (rasterImageType(bytes) !== undefined) return false;
	const head = new TextDecoder().decode(bytes.subarray(0, SNIFF_BYTES)).trimStart();
	return head.startsWith('<') && /<svg[\s/>]/i.test(head);
}

const absoluteLength = (value: string | undefined) => {
	const match = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/.exec(value);
	const length = match ? Number(match[1]) : NaN;
	return length > 0 && Number.isFinite(length) ? length : undefined;
};

function viewBoxOf(value: string | undefined): { width: number; height: number } | undefined {
	const parts = (value ?? '')
		.trim()
		.split(/[\s,]+/)
		.map(Number);
	const [, , width = NaN, height = NaN] = parts;
	return parts.length === 4 && parts.every(Number.isFinite) && width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * `svg` without its `name` elements, whatever their namespace prefix: each that closes itself, or to the first end tag
 * after it. One never closed is left (the drawing is then no well-formed XML, which the browser does not draw). In one
 * pass: as a regular expression, every start tag without an end searched the rest of the text again, and 2,000 of them
 * in a drawing of 4.5 MB held the page's thread 9 s; 20,000, the most a drawing may have, far longer.
 */
function withoutElements(svg: string, name: string): string {
	const start = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])`, 'gi');
	const end = new RegExp(`<\\/(?:[\\w.-]+:)?${name}\\s*>`, 'gi');
	let kept = '';
	let copied = 0;
	// The first ">" after the last start tag looked at: the same for every start tag before it.
	let tagEnd = -1;
	let endTags = true;
	for (let open = start.exec(svg); open; open = start.exec(svg)) {
		if (tagEnd < open.index) tagEnd = svg.indexOf('>', open.index);
		if (tagEnd < 0) break;
		let after: number | undefined;
		if (svg[tagEnd - 1] === '/') after = tagEnd + 1;
		else if (endTags) {
			end.lastIndex = open.index;
			const close = end.exec(svg);
			if (close) after = close.index + close[0].length;
			// No end tag after this start: none after a later one either.
			else endTags = false;
		}
		if (after === undefined) continue;
		kept += svg.slice(copied, open.index);
		copied = after;
		start.lastIndex = after;
	}
	return kept + svg.slice(copied);
}

/**
 * HTML inside a drawing (foreignObject) makes Chromium treat the whole canvas as from elsewhere, so that not even a
 * drawing's pixels can be read back; no symbol set uses it, and without it the rest of the drawing is kept.
 */
const withoutForeignObjects = (svg: string) => withoutElements(svg, 'foreignObject');

/*
 * Filter effects are drawn on the page's thread with no way to stop them: 1 kB of chained feMorphology held the tablet
 * 15 s per picture (blur, lighting and turbulence seconds too), and nothing could be tapped, not even "Lås". A symbol
 * is recognised without its shadows and glows, so the filters go: their definitions, the attributes that use them, and
 * `filter` in CSS.
 */
const FILTER_ATTRIBUTE = /\sfilter\s*=\s*(?:"[^"]*"|'[^']*')/gi;
const FILTER_PROPERTY = /(^|[\s;{"'])filter\s*:[^;}"']*/gi;
const withoutFilters = (svg: string) => withoutElements(svg, 'filter').replace(FILTER_ATTRIBUTE, '').replace(FILTER_PROPERTY, '$1');
/**
 * Elements a drawing may have. A symbol has tens to a few hundred; a file of 100,000 shapes is no symbol, and drawing it
 * holds the page's thread for seconds.
 */
export const DRAWING_ELEMENTS_MAX = 20_000;

const ROOT_START = /<svg(?=[\s/>])/i;

/**
 * The drawing's root tag: the first "<svg" with its attributes, to its ">". Found as one regular expression, a start
 * with no ">" after it was searched to the end of the text again from every later "<svg", which 2,000 of them in 4.5 MB
 * made seconds; with no ">" after the first, there is none after a later one either.
 */
function rootTag(svg: string): { index: number; text: string } | undefined {
	const start = ROOT_START.exec(svg);
	const end = start ? svg.indexOf('>', start.index) : -1;
	return start && end >= 0 ? { index: start.index, text: svg.slice(start.index, end + 1) } : undefined;
}

const SIZE_ATTRIBUTE = /\s(width|height|viewBox)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/**
 * Gives the drawing a size of DRAWN_SIDE on its longer side, in its own proportions, by rewriting its root tag's width,
 * height and viewBox. An SVG with only a viewBox has no size of its own (the browser would draw it at 300 × 150 whatever
 * its shape); one with a width and a height but no viewBox would only grow its blank margin, so it is given the viewBox
 * its size implies. One with neither is drawn as the browser sizes it (300 × 150). The text is never put into the page's
 * DOM (an SVG element there would try to run its onload): a rewrite that breaks the file only makes it undrawable.
 */
function sizeDrawing(svg: string): string {
	const tag = rootTag(svg);
	const box = tag && ownBox(tag.text);
	if (!tag || !box) return svg;
	const { width, height } = drawnSide(box);
	const viewBox = box.implied ? ` viewBox="0 0 ${box.width} ${box.height}"` : '';
	const rest = tag.text.slice(4).replace(SIZE_ATTRIBUTE, (whole: string, name: string) => (name.toLowerCase() === 'viewbox' ? whole : ''));
	return `${svg.slice(0, tag.index)}<svg width="${width}" height="${height}"${viewBox}${rest}${svg.slice(tag.index + tag.text.length)}`;
}

/** The root tag's viewBox, or the one its absolute width and height imply (`implied`): none when it has neither. */
function ownBox(rootText: string): { width: number; height: number; implied: boolean } | undefined {
	const attributes = new Map([...rootText.matchAll(SIZE_ATTRIBUTE)].map((m) => [m[1]!.toLowerCase(), m[2] ?? m[3]]));
	const box = viewBoxOf(attributes.get('viewbox'));
	if (box) return { ...box, implied: false };
	const width = absoluteLength(attributes.get('width'));
	const height = absoluteLength(attributes.get('height'));
	return width !== undefined && height !== undefined ? { width, height, implied: true } : undefined;
}

function drawnSide(box: { width: number; height: number }): PixelSize {
	const scale = DRAWN_SIDE / Math.max(box.width, box.height);
	return { width: Math.max(1, Math.round(box.width * scale)), height: Math.max(1, Math.round(box.height * scale)) };
}

/** The pixel size a drawing is drawn at (DRAWN_SIDE on its longer side), or undefined when it has no size of its own. */
export function drawnSize(svg: string): PixelSize | undefined {
	const tag = rootTag(svg);
	const box = tag && ownBox(tag.text);
	return box ? drawnSide(box) : undefined;
}

/** What the entities of a drawing may add when they are expanded, at most. */
const ENTITY_EXPANSION_MAX = 1024 * 1024;
/** A plain text entity: a name and a literal value that refers to nothing (no "&", "%" or "<" in it). */
const PLAIN_ENTITY = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"%&<]*)"|'([^'%&<]*)')\s*>/g;
/** A use of an entity of such a name: "&ns_extend;". */
const ENTITY_USE = /&([A-Za-z_][\w.-]*);/g;

/**
 * Entities are how an XML file grows a billion times when it is parsed (an entity made of ten others, ten deep). Adobe
 * Illustrator writes a few plain ones in every SVG it saves (&ns_extend; for its namespaces), so those are allowed:
 * every declaration must be a plain text value, and all their uses together may add at most ENTITY_EXPANSION_MAX.
 * Anything else that declares entities (parameter or external entities, values made of entities) is refused.
 */
export function hasUnsafeEntities(text: string): boolean {
	const declared = text.match(/<!ENTITY/gi)?.length ?? 0;
	if (declared === 0) return false;
	const plain = [...text.matchAll(PLAIN_ENTITY)];
	if (plain.length !== declared) return true;
	// Every use counted in one pass: searched for once per declaration, 50,000 declarations in 5 MB held the page 7 s.
	const uses = new Map<string, number>();
	for (const [, name] of text.matchAll(ENTITY_USE)) uses.set(name!, (uses.get(name!) ?? 0) + 1);
	let added = 0;
	for (const [, name, double, single] of plain) added += (uses.get(name!) ?? 0) * (double ?? single ?? '').length;
	return added > ENTITY_EXPANSION_MAX;
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const XLINK = 'http://www.w3.org/1999/xlink';
const XML = 'http://www.w3.org/XML/1998/namespace';

/** What the browser draws for an element: its children, and for a `<use>` what its address points to (both kinds). */
function drawnFrom(byId: ReadonlyMap<string, Element>): (element: Element) => Element[] {
	return (element) => {
		const children = [...element.children];
		if (element.localName !== 'use') return children;
		const targets = [element.getAttributeNS(XLINK, 'href'), element.getAttribute('href')].flatMap((address) => {
			const trimmed = address?.trim();
			const target = trimmed?.startsWith('#') ? byId.get(trimmed.slice(1)) : undefined;
			return target ? [target] : [];
		});
		return [...children, ...new Set(targets)];
	};
}

/**
 * How many elements the browser draws for a drawing, each `<use>` counted as a copy of what it points to. Ten groups, each
 * using the one before ten times, are a hundred elements in the file and a billion to draw: a 5 kB board file held the
 * tablet's thread for more than ten minutes, past the decode's time limit (a drawing is made on the page's thread and
 * cannot be stopped), and nothing could be tapped, not even "Lås". Counted over the drawing as the browser's own XML
 * parser reads it (DOMParser draws nothing): a count over the text was fooled by what only the parser resolves, as
 * another prefix for the xlink namespace, a character or entity reference in an address, or a tag inside a comment.
 * Each element is counted once and remembered; `atMost` is as far as it counts, and a `<use>` that leads back to an
 * element it is inside of counts as more.
 */
function drawnElements(svg: string, atMost = DRAWING_ELEMENTS_MAX): number {
	// As plain XML in a namespace of its own: as SVG elements, an onload in the drawing would be an event handler here, which
	// the page's CSP refuses and reports. Only the namespace's name changes: no tag, address or id does.
	const parsed = new DOMParser().parseFromString(svg.replaceAll(SVG_NAMESPACE, 'urn:billedtale:counted'), 'application/xml');
	const byId = new Map<string, Element>();
	for (const element of parsed.getElementsByTagName('*')) {
		for (const id of [element.getAttribute('id'), element.getAttributeNS(XML, 'id')]) if (id && !byId.has(id)) byId.set(id, element);
	}
	const root = parsed.documentElement;
	const drawn = drawnFrom(byId);
	// Depth first without recursion: a drawing may nest its groups thousands deep.
	const counted = new Map<Element, number>();
	const expanded = new Set<Element>();
	const stack: Element[] = [root];
	while (stack.length > 0) {
		const element = stack[stack.length - 1]!;
		if (counted.has(element)) {
			stack.pop();
		} else if (!expanded.has(element)) {
			expanded.add(element);
			for (const next of drawn(element)) {
				// Still being counted: a <use> that leads back to an element it is inside of.
				if (expanded.has(next) && !counted.has(next)) return atMost + 1;
				if (!counted.has(next)) stack.push(next);
			}
		} else {
			const total = drawn(element).reduce((sum, next) => sum + counted.get(next)!, 1);
			if (total > atMost) return atMost + 1;
			counted.set(element, total);
			stack.pop();
		}
	}
	return counted.get(root)!;
}

/**
 * A root tag without the SVG namespace is an unknown XML element to the browser, which then draws nothing; other apps
 * and hand-made symbols leave it out, since an SVG inside an HTML page needs none.
 */
function withNamespace(svg: string): string {
	const tag = rootTag(svg);
	if (!tag || /\sxmlns\s*=/.test(tag.text)) return svg;
	return `${svg.slice(0, tag.index)}<svg xmlns="${SVG_NAMESPACE}"${svg.slice(tag.index + 4)}`;
}

/**
 * The drawing as it is handed to the browser to draw: in the SVG namespace, without HTML inside it or filter effects, at
 * its drawing size.
 */
export const drawableSvg = (svg: string) => sizeDrawing(withNamespace(withoutFilters(withoutForeignObjects(svg))));

async function decodedImage(svg: string): Promise<HTMLImageElement> {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await withTimeout(image.decode(), DECODE_WITHIN_MS);
		return image;
	} catch {
		throw new PictureRefused('undecodable');
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Draws an SVG drawing as PNG bytes; refuses one with entities that are not plain text or what the browser cannot draw. */
export async function drawSvgAsPng(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
	// The unit tests' Node has no DOM: there, as in a browser without one, the drawing is refused.
	if (typeof Image !== 'function' || typeof document === 'undefined') throw new PictureRefused('notPicture');
	const text = new TextDecoder().decode(bytes);
	if (hasUnsafeEntities(text)) throw new PictureRefused('undecodable');
	if ((text.match(/<[\w.:-]/g)?.length ?? 0) > DRAWING_ELEMENTS_MAX) throw new PictureRefused('tooLarge');
	const drawable = drawableSvg(text);
	if (drawnElements(drawable) > DRAWING_ELEMENTS_MAX) throw new PictureRefused('tooLarge');
	const image = await decodedImage(drawable);
	if (image.naturalWidth === 0 || image.naturalHeight === 0) throw new PictureRefused('undecodable');
	// A size in units the sizing above does not read (say width="100000mm") still ends at DRAWN_SIDE: a vector scales.
	const scale = DRAWN_SIDE / Math.max(image.naturalWidth, image.naturalHeight);
	const canvas = document.createElement('canvas');
	canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
	canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
	const context = canvas.getContext('2d');
	if (!context) throw new PictureRefused('undecodable');
	context.drawImage(image, 0, 0, canvas.width, canvas.height);
	// Encoded at once (a few milliseconds for 512 px): Chromium encodes toBlob() and convertToBlob() in the page's idle
	// time, and during and after a large import that came only at their one-second timeout, for every picture (a board
	// of 42 drawings took 14 s).
	let png: string;
	try {
		png = canvas.toDataURL('image/png');
	} catch {
		throw new PictureRefused('undecodable'); // a drawing the browser counts as from elsewhere (a tainted canvas) cannot be read back
	}
	return base64ToBytes(png.slice(png.indexOf(',') + 1));
}
