import PDFDocument, { type StructureElement, type TextOptions } from 'pdfkit';
import { AREA_LABEL_FONT, AREA_LABEL_INSET } from '#lib/domain/story.ts';
import { format, languageTag } from '#lib/i18n/format.ts';
import { cellString, type Block, type Figure, type Phrase, type PlanDocument, type StoryPicture } from './document.ts';
import { glyphCoverage, wholeLetters } from './faces.ts';
import { drawnDocument, type Coverage } from './letters.ts';
import { drawSvg, parseSvg, type ParsedSvg } from './svg.ts';

/*
 * Writes a PlanDocument as a tagged PDF (PDF/UA structure: Document, H1, H2, P, L/LI, Table, Figure with
 * Alt) that identifies as PDF/A-2a, with the fonts embedded and the symbols drawn as vectors. Blocks are
 * drawn in reading order, so the order of the tags is the order on the page. Loaded only when a PDF is
 * made (import() from the plan page): PDFKit is large and never part of the first load.
 */

export interface PdfResources {
	regular: ArrayBuffer | Uint8Array;
	bold: ArrayBuffer | Uint8Array;
	/** SVG text of every symbol the document shows, by symbol id; a missing one is left out with its row's text kept. */
	symbols: ReadonlyMap<string, string>;
	/** JPEG or PNG bytes of the photos the document shows, by media id (photosOf); a missing one shows its symbol. */
	photos?: ReadonlyMap<string, ArrayBuffer | Uint8Array>;
	/**
	 * A second face for text with a letter the first has no glyph for (a name in Cyrillic, Greek or Vietnamese, a Turkish
	 * İ): given when needsFallback says so. A heading, paragraph, list item, line or cell with such a letter is set in it
	 * whole, so its letters are the citizen's own, not empty boxes, and each text stays in one face. A letter neither face
	 * has (an emoji, Arabic) is drawn as MISSING (letters.ts).
	 */
	fallback?: { regular: ArrayBuffer | Uint8Array; bold: ArrayBuffer | Uint8Array };
}

type Weight = 'Body' | 'Bold';

const INK = '#1a1a1a';
const MUTED = '#4a4a4a';
const MARGIN = 56;
const FOOTER_SIZE = 10;
/** Cell padding of tables: [vertical, horizontal]. */
const TABLE_PADDING: [number, number] = [3, 4];

interface Style {
	h1: number;
	h2: number;
	h3: number;
	body: number;
	table: number;
	symbol: number;
	gap: number;
}

const EASY_READ: Style = { h1: 32, h2: 24, h3: 21, body: 20, table: 16, symbol: 72, gap: 14 };
const CASE_FILE: Style = { h1: 20, h2: 14, h3: 11.5, body: 10.5, table: 9, symbol: 40, gap: 8 };

class Writer {
	readonly doc: PDFDocument;
	readonly root: StructureElement;
	readonly style: Style;
	readonly width: number;
	private readonly parsed = new Map<string, ParsedSvg>();
	/** Tables written so far: each table's cells get ids of their own, which the data cells' Headers name. */
	private tables = 0;
	/** Every structure element given an ID, by its ID: the document's IDTree, through which a Headers entry is found. */
	private readonly ids = new Map<string, StructureElement>();
	/** Whether the first face has every letter of a text. */
	private readonly covered: Coverage;
	/** The document, each text as it can be drawn (drawnDocument). */
	readonly document: PlanDocument;
	/** Where the last heading ended: the block it heads starts there, with the room the heading kept for it. */
	private headed: { page: unknown; y: number } | undefined;

	constructor(
		document: PlanDocument,
		private readonly resources: PdfResources
	) {
		this.covered = glyphCoverage(resources.regular);
		this.document = drawnDocument(document, this.covered, resources.fallback && glyphCoverage(resources.fallback.regular));
		this.style = document.easyRead ? EASY_READ : CASE_FILE;
		this.doc = new PDFDocument({
			// The browser build has no standard fonts: Helvetica would throw. Our own TTFs are registered below.
			font: null,
			size: 'A4',
			margins: { top: MARGIN, bottom: MARGIN + 24, left: MARGIN, right: MARGIN },
			pdfVersion: '1.7',
			subset: 'PDF/A-2a',
			tagged: true,
			lang: languageTag(document.language),
			displayTitle: true,
			bufferPages: true,
			info: { Title: document.title, Creator: 'Billedtale' }
		});
		this.doc.registerFont('Body', resources.regular);
		this.doc.registerFont('Bold', resources.bold);
		if (resources.fallback) {
			this.doc.registerFont('FallbackBody', resources.fallback.regular);
			this.doc.registerFont('FallbackBold', resources.fallback.bold);
			for (const face of ['FallbackBody', 'FallbackBold']) wholeLetters(this.doc.font(face));
		}
		this.doc.font('Body').fontSize(this.style.body).fillColor(INK);
		this.width = this.doc.page.width - 2 * MARGIN;
		this.root = this.doc.struct('Document');
		this.doc.addStructure(this.root);
	}

	/** The registered face to set `text` in: ours, or the fallback when ours lacks one of its letters. */
	private face(weight: Weight, text: string): string {
		return this.resources.fallback && !this.covered(text) ? `Fallback${weight}` : weight;
	}

	private get bottom(): number {
		return this.doc.page.height - this.doc.page.margins.bottom;
	}

	/**
	 * Starts a new page unless `height` still fits: rows and headings are never split from what follows them. Not right
	 * under a heading: that kept room for the block (lead), and a block taller than that page's room would leave the
	 * heading alone.
	 */
	private keep(height: number): void {
		const { doc } = this;
		const headed = this.headed?.page === doc.page && this.headed.y === doc.y;
		if (!headed && doc.y + height > this.bottom && doc.y > doc.page.margins.top) doc.addPage();
	}

	/** The space between a heading and what is above it. */
	private headingGap(level: number): number {
		return level > 1 ? this.style.gap / (level - 1) : 0;
	}

	/**
	 * How much of `blocks` a heading keeps on its page: the whole first block as it would keep itself (a row, a story, a
	 * list's first item, a table's header with its first row), a few lines of a paragraph, and under a heading what that
	 * heading keeps. A row moves whole, so a heading keeping less was left alone at a page's foot.
	 */
	private lead(blocks: readonly Block[]): number {
		const { doc, style, width } = this;
		const [next, ...rest] = blocks;
		switch (next?.kind) {
			case 'heading':
				return (
					this.headingGap(next.level) +
					doc.font(this.face('Bold', next.text)).fontSize(this.headingSize(next.level)).heightOfString(next.text, { width }) +
					style.gap / 2 +
					this.lead(rest)
				);
			case 'row':
				return this.rowLayout(next.lines).height;
			case 'story':
				return this.storyHeight(next.picture);
			case 'list':
				return next.items[0] === undefined ? 0 : this.itemHeight(next.items[0]);
			case 'table':
				return this.tableLayout(next).lead;
			default:
				return style.body * 4;
		}
	}

	private headingSize(level: number): number {
		const { style } = this;
		return level === 1 ? style.h1 : level === 2 ? style.h2 : style.h3;
	}

	private svg(id: string): ParsedSvg | undefined {
		let parsed = this.parsed.get(id);
		const source = this.resources.symbols.get(id);
		if (!parsed && source) {
			parsed = parseSvg(source);
			this.parsed.set(id, parsed);
		}
		return parsed;
	}

	/** Writes a block; `following` are the blocks after it, of which a heading keeps what it heads on its page. */
	block(block: Block, following: readonly Block[]): void {
		const { doc, style, width } = this;
		switch (block.kind) {
			case 'heading': {
				// A heading goes with what it heads ("Min historie" was left alone at a page's foot, its picture on the next).
				const after = this.lead(following);
				doc.font(this.face('Bold', block.text)).fontSize(this.headingSize(block.level));
				const gap = this.headingGap(block.level);
				this.keep(gap + doc.heightOfString(block.text, { width }) + style.gap / 2 + after);
				// No space above a heading that starts a page.
				if (doc.y > doc.page.margins.top) doc.y += gap;
				this.root.add(doc.struct(`H${block.level}`, () => doc.text(block.text, MARGIN, doc.y, { width })));
				doc.y += style.gap / 2;
				this.headed = { page: doc.page, y: doc.y };
				break;
			}
			case 'paragraph':
				doc.font(this.face('Body', block.text)).fontSize(style.body);
				this.root.add(doc.struct('P', () => doc.text(block.text, MARGIN, doc.y, { width, lineGap: 2 })));
				doc.y += style.gap / 2;
				break;
			case 'list':
				this.list(block.items);
				break;
			case 'table':
				this.table(block);
				break;
			case 'row':
				this.row(block.figure, block.lines);
				break;
			case 'story':
				this.story(block.picture);
				break;
		}
	}

	/** A list item's height: a list moves to the next page item by item. */
	private itemHeight(item: string): number {
		const { doc, style, width } = this;
		return doc
			.font(this.face('Body', item))
			.fontSize(style.body)
			.heightOfString(item, { width: width - style.body * 1.2 });
	}

	private list(items: string[]): void {
		const { doc, style, width } = this;
		const list = doc.struct('L');
		this.root.add(list);
		const indent = style.body * 1.2;
		for (const item of items) {
			this.keep(this.itemHeight(item));
			const y = doc.y;
			const entry = doc.struct('LI');
			list.add(entry);
			entry.add(doc.struct('Lbl', () => doc.text('•', MARGIN, y, { lineBreak: false })));
			entry.add(doc.struct('LBody', () => doc.text(item, MARGIN + indent, y, { width: width - indent, lineGap: 2 })));
			doc.y += style.gap / 3;
		}
		list.end();
		doc.y += style.gap / 2;
	}

	/**
	 * A table drawn cell by cell into Table, TR, TH (with its Scope) and TD (with its Headers) elements; the borders are
	 * artifacts. Our own, not PDFKit's doc.table: that one measured, merged styles and put the font back per cell, which
	 * was two thirds of a 200-answer case file's time, and it cut off a row taller than a page (a long note lost). Here a
	 * row moves whole to the next page, a row taller than a page goes on over pages, and a page the table runs onto
	 * starts with the header again, for the eye only (an artifact: a screen reader hears it once).
	 */
	private table(block: Extract<Block, { kind: 'table' }>): void {
		const { doc, style } = this;
		const [padY, padX] = TABLE_PADDING;
		const { columnWidth, textWidth, heightOf, headerHeight, pageRoom, lead } = this.tableLayout(block);
		const id = `table-${++this.tables}`;
		const cellId = (row: number, column: number) => `${id}-${row}-${column}`;
		const rows = block.rows.map((row) => row.map((cell) => ({ cell, text: cellString(cell) })));
		this.keep(lead);

		const table = doc.struct('Table');
		this.root.add(table);
		this.identify(table, id);
		const row = (index: number) => {
			const element = doc.struct('TR');
			this.identify(element, `${id}-${index}`);
			table.add(element);
			return element;
		};
		const artifact = (type: 'Layout' | 'Pagination', draw: () => void) => {
			doc.markContent('Artifact', { type });
			draw();
			doc.endMarkedContent();
		};
		const borders = (y: number, height: number) =>
			artifact('Layout', () => {
				doc.save().lineWidth(0.5);
				block.columns.forEach((_, i) => doc.rect(MARGIN + i * columnWidth, y, columnWidth, height));
				doc.stroke(MUTED).restore();
			});
		const headerText = (text: string, column: number, y: number) =>
			doc
				.font(this.face('Bold', text))
				.fontSize(style.table)
				.fillColor(INK)
				.text(text, MARGIN + column * columnWidth + padX, y + padY, { width: textWidth });

		// The header row, as structure.
		let y = doc.y;
		const headerRow = row(0);
		block.columns.forEach((text, i) => {
			const th = doc.struct('TH');
			this.identify(th, cellId(0, i));
			th.dictionary.data.A = { O: 'Table', Scope: 'Column' };
			headerRow.add(th);
			th.add(() => headerText(text, i, y));
			th.end();
		});
		headerRow.end();
		borders(y, headerHeight);
		y += headerHeight;

		const newPage = () => {
			doc.addPage();
			artifact('Pagination', () => block.columns.forEach((text, i) => headerText(text, i, MARGIN)));
			borders(MARGIN, headerHeight);
			return MARGIN + headerHeight;
		};

		rows.forEach((cells, r) => {
			const index = r + 1;
			const element = row(index);
			const header = (column: number) => column === 0 && block.rowHeaders;
			const parts = cells.map(({ cell, text }, column) => {
				const th = header(column);
				const part = doc.struct(th ? 'TH' : 'TD');
				this.identify(part, cellId(index, column));
				part.dictionary.data.A = th
					? { O: 'Table', Scope: 'Row' }
					: { O: 'Table', Headers: [new String(cellId(0, column)), ...(block.rowHeaders ? [new String(cellId(index, 0))] : [])] };
				element.add(part);
				return { part, cell, rest: text, face: this.face('Body', text) };
			});
			const height = Math.max(...parts.map(({ rest }) => heightOf(rest, 'Body'))) + 2 * padY;
			// A row that fits on a page is never split; one taller than a page starts here if a few lines still fit.
			if (y + height > this.bottom && (height <= pageRoom || this.bottom - y < style.table * 4)) y = newPage();
			doc.fontSize(style.table).fillColor(INK);
			const draw = (entry: (typeof parts)[number], column: number, text: string) => {
				const x = MARGIN + column * columnWidth + padX;
				const top = y + padY;
				// A cell's phrases (a Danish FFB name in an English case file) when it is drawn whole.
				const phrased = typeof entry.cell !== 'string' && text === cellString(entry.cell) ? entry.cell : undefined;
				doc.font(entry.face);
				entry.part.add(() =>
					phrased ? this.phrases(phrased, x, top, { width: textWidth }) : doc.text(text, x, top, { width: textWidth })
				);
			};
			if (y + height <= this.bottom) {
				parts.forEach((entry, column) => draw(entry, column, entry.rest));
				borders(y, height);
				y += height;
			} else {
				// Over pages: on each, what fits of every cell, by whole words; the rest goes on under the next page's header.
				for (;;) {
					const room = this.bottom - y - 2 * padY;
					let used = 0;
					parts.forEach((entry, column) => {
						doc.font(entry.face);
						const [here, later] = this.fit(entry.rest, room, textWidth);
						if (here) {
							draw(entry, column, here);
							used = Math.max(used, doc.heightOfString(here, { width: textWidth }));
						}
						entry.rest = later;
					});
					if (!parts.some(({ rest }) => rest)) {
						borders(y, used + 2 * padY);
						y += used + 2 * padY;
						break;
					}
					borders(y, this.bottom - y);
					y = newPage();
					doc.fontSize(style.table).fillColor(INK);
				}
			}
			for (const { part } of parts) part.end();
			element.end();
		});
		table.end();
		doc.x = MARGIN;
		doc.y = y + style.gap;
	}

	/**
	 * A table's measures, and its `lead`: what it keeps on its page, the header with the first row, which moves whole when
	 * it fits on a page (below) and else goes on over pages from where a few of its lines fit.
	 */
	private tableLayout(block: Extract<Block, { kind: 'table' }>) {
		const { doc, style, width } = this;
		const [padY, padX] = TABLE_PADDING;
		const columnWidth = width / block.columns.length;
		const textWidth = columnWidth - 2 * padX;
		const heightOf = (text: string, weight: Weight) =>
			doc.font(this.face(weight, text)).fontSize(style.table).heightOfString(text, { width: textWidth });
		const headerHeight = Math.max(...block.columns.map((text) => heightOf(text, 'Bold'))) + 2 * padY;
		const pageRoom = this.bottom - MARGIN - headerHeight;
		const first = block.rows[0] ? Math.max(...block.rows[0].map((cell) => heightOf(cellString(cell), 'Body'))) + 2 * padY : 0;
		return { columnWidth, textWidth, heightOf, headerHeight, pageRoom, lead: headerHeight + (first <= pageRoom ? first : style.table * 6) };
	}

	private identify(element: StructureElement, id: string): void {
		element.dictionary.data.ID = new String(id);
		this.ids.set(id, element);
	}

	/**
	 * The structure tree's IDTree (PDF 1.7, 14.7.2), required once an element has an ID: it is how a reader finds the
	 * header cells a data cell's Headers name. PDFKit gives elements IDs but writes no IDTree. One node, keys in byte order.
	 */
	idTree(): void {
		if (this.ids.size === 0) return;
		const keys = [...this.ids.keys()].sort();
		this.doc.getStructTreeRoot().data.IDTree = { Names: keys.flatMap((key) => [new String(key), this.ids.get(key)!.dictionary]) };
	}

	/**
	 * Splits a cell's text where it stops fitting `room` (the body font, the table's size): what fits, by whole words,
	 * and the rest for the next page. Only a row taller than a page gets here with text that does not fit.
	 */
	private fit(text: string, room: number, width: number): [string, string] {
		const { doc } = this;
		if (!text || doc.heightOfString(text, { width }) <= room) return [text, ''];
		const fits = (part: string) => doc.heightOfString(part, { width }) <= room;
		const words = text.split(/(?<=\s)/);
		const count = longest(words.length, (n) => fits(words.slice(0, n).join('').trimEnd()));
		if (count > 0) return [words.slice(0, count).join('').trimEnd(), words.slice(count).join('')];
		// Not even the first word fits (a long run without spaces): as much of it as fits, so every page takes some.
		const characters = longest(text.length, (n) => fits(text.slice(0, n)));
		return [text.slice(0, characters), text.slice(characters)];
	}

	/**
	 * Text in phrases, one run after the other as one text: a phrase in another language than the document's is marked
	 * content with its /Lang (PDF 14.9.2.2), so a screen reader says "Beskæftigelse" in Danish in an English case file.
	 */
	private phrases(phrases: Phrase[], x: number, y: number, options: TextOptions): void {
		const { doc } = this;
		phrases.forEach((phrase, i) => {
			const foreign = phrase.lang !== undefined && phrase.lang !== this.document.language;
			if (foreign) doc.markContent('Span', { lang: languageTag(phrase.lang!) });
			const first = i === 0;
			doc.text(phrase.text, first ? x : undefined, first ? y : undefined, { ...options, continued: i < phrases.length - 1 });
			if (foreign) doc.endMarkedContent();
		});
	}

	/** A row's lines beside its symbol: their faces, their height, and the row's, which moves whole to the next page. */
	private rowLayout(lines: string[]) {
		const { doc, style, width } = this;
		const textWidth = width - style.symbol - style.gap * 1.5;
		const fonts = lines.map((line, i) => this.face(i === 0 ? 'Bold' : 'Body', line));
		const textHeight = lines.reduce(
			(sum, line, i) => sum + doc.font(fonts[i]!).fontSize(style.body).heightOfString(line, { width: textWidth }),
			0
		);
		return { textWidth, fonts, textHeight, height: Math.max(style.symbol, textHeight) };
	}

	/** One idea per row: the symbol as a Figure with its alt text, then the lines beside it, all in one Div. */
	private row(figure: Figure, lines: string[]): void {
		const { doc, style } = this;
		const size = style.symbol;
		const textX = MARGIN + size + style.gap * 1.5;
		const { textWidth, fonts, textHeight, height } = this.rowLayout(lines);
		this.keep(height);
		const top = doc.y;
		const group = doc.struct('Div');
		this.root.add(group);
		const svg = this.svg(figure.symbolId);
		const photo = figure.photoId ? this.resources.photos?.get(figure.photoId) : undefined;
		if (photo) {
			group.add(
				doc.struct('Figure', { alt: figure.alt, bbox: [MARGIN, top, MARGIN + size, top + size], placement: 'Block' }, () =>
					doc.image(photo, MARGIN, top, { fit: [size, size], align: 'center', valign: 'center' })
				)
			);
		} else if (svg) {
			group.add(
				doc.struct('Figure', { alt: figure.alt, bbox: [MARGIN, top, MARGIN + size, top + size], placement: 'Block' }, () =>
					drawSvg(doc, svg, MARGIN, top, size)
				)
			);
		}
		let y = top + Math.max(0, (size - textHeight) / 2);
		lines.forEach((line, i) => {
			doc.font(fonts[i]!).fontSize(style.body);
			group.add(doc.struct('P', () => doc.text(line, textX, y, { width: textWidth })));
			y = doc.y;
		});
		group.end();
		doc.x = MARGIN;
		doc.y = Math.max(doc.y, top + size) + style.gap;
	}

	/**
	 * The story as one Figure with its alt text, drawn as vectors across the text width: each area a
	 * labelled box in its own colours, each item a white box with its symbol or its short label.
	 */
	private storyHeight(picture: StoryPicture): number {
		return (picture.height * this.width) / picture.width;
	}

	private story(picture: StoryPicture): void {
		const { doc, style, width } = this;
		const scale = width / picture.width;
		const height = this.storyHeight(picture);
		this.keep(height);
		const top = doc.y;
		const at = (box: { x: number; y: number; w: number; h: number }) => ({
			x: MARGIN + box.x * scale,
			y: top + box.y * scale,
			w: box.w * scale,
			h: box.h * scale
		});
		// The label as on the canvas: in its band at the area's top, which new items keep off (areaLabelBox).
		const label = AREA_LABEL_FONT * scale;
		const inset = AREA_LABEL_INSET * scale;
		this.root.add(
			doc.struct('Figure', { alt: picture.alt, bbox: [MARGIN, top, MARGIN + width, top + height], placement: 'Block' }, () => {
				doc.save().lineWidth(1);
				for (const area of picture.areas) {
					const box = at(area);
					doc.roundedRect(box.x, box.y, box.w, box.h, 6).fillAndStroke(area.fill, area.stroke);
					doc.font(this.face('Bold', area.label)).fontSize(label).fillColor(INK);
					doc.text(area.label, box.x + inset, box.y + inset, {
						width: box.w - 2 * inset,
						height: label * 1.3,
						ellipsis: true,
						lineBreak: false
					});
				}
				for (const item of picture.items) {
					const box = at(item);
					doc.lineWidth(0.75).roundedRect(box.x, box.y, box.w, box.h, 3).fillAndStroke('#ffffff', MUTED);
					const svg = item.symbolId ? this.svg(item.symbolId) : undefined;
					const inner = Math.min(box.w, box.h) - 4;
					if (svg) drawSvg(doc, svg, box.x + (box.w - inner) / 2, box.y + (box.h - inner) / 2, inner);
					else {
						const size = Math.min(7, box.h / 3);
						doc.font(this.face('Body', item.label)).fontSize(size).fillColor(INK);
						doc.text(item.label, box.x + 2, box.y + 2, { width: box.w - 4, height: box.h - 4, ellipsis: true, align: 'center' });
					}
				}
				doc.restore();
			})
		);
		doc.fillColor(INK);
		doc.x = MARGIN;
		doc.y = top + height + style.gap;
	}

	/** The footer of every page, marked as an artifact so screen readers skip it: the document's name and "Side 2 af 5". */
	footers(): void {
		const { doc } = this;
		const { start, count } = doc.bufferedPageRange();
		for (let i = 0; i < count; i++) {
			doc.switchToPage(start + i);
			const { footer, pageNumbers } = this.document;
			const text = pageNumbers ? `${footer} · ${format(pageNumbers, { page: i + 1, pages: count })}` : footer;
			const y = doc.page.height - MARGIN;
			// Writing below the bottom margin would start a new page; the footer sits in the margin on purpose.
			const margin = doc.page.margins.bottom;
			doc.page.margins.bottom = 0;
			doc.markContent('Artifact', { type: 'Pagination' });
			doc
				.font(this.face('Body', text))
				.fontSize(FOOTER_SIZE)
				.fillColor(MUTED)
				.text(text, MARGIN, y, { width: this.width, lineBreak: false });
			doc.endMarkedContent();
			doc.fillColor(INK);
			doc.page.margins.bottom = margin;
		}
	}
}

/** The largest n in 0…max for which `fits(n)` holds, where it holds for every n below one for which it holds. */
function longest(max: number, fits: (n: number) => boolean): number {
	let low = 0;
	let high = max;
	while (low < high) {
		const middle = Math.ceil((low + high) / 2);
		if (fits(middle)) low = middle;
		else high = middle - 1;
	}
	return low;
}

/** Collects the PDF's bytes as PDFKit writes them. */
function collect(doc: PDFDocument): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const chunks: Uint8Array[] = [];
		doc.on('data', (chunk) => chunks.push(chunk));
		doc.on('error', reject);
		doc.on('end', () => {
			const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
			let offset = 0;
			for (const chunk of chunks) {
				bytes.set(chunk, offset);
				offset += chunk.length;
			}
			resolve(bytes);
		});
	});
}

export function writePdf(document: PlanDocument, resources: PdfResources): Promise<Uint8Array> {
	const writer = new Writer(document, resources);
	const done = collect(writer.doc);
	const { blocks } = writer.document;
	blocks.forEach((block, index) => writer.block(block, blocks.slice(index + 1)));
	writer.root.end();
	writer.idTree();
	writer.footers();
	writer.doc.end();
	return done;
}
