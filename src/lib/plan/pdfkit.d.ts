// PDFKit 0.20 ships no TypeScript types; this declares the part the plan writer uses (see pdfkit.org/docs).
declare module 'pdfkit' {
	/** An indirect object: written as a reference wherever it is put into another object. */
	export interface PDFReference {
		data: Record<string, unknown>;
	}

	export interface StructureElement {
		/** The element's PDF dictionary (an indirect object): its ID, and its attributes (A) such as a cell's Scope or Headers. */
		readonly dictionary: PDFReference;
		add(child: StructureElement | (() => void)): this;
		end(): void;
	}

	export interface TextOptions {
		width?: number;
		/** The next doc.text call goes on where this one ended, as one text. */
		continued?: boolean;
		lineGap?: number;
		paragraphGap?: number;
		lineBreak?: boolean;
		align?: 'left' | 'center' | 'right' | 'justify';
		/** With `ellipsis`, text that does not fit this height ends in "…". */
		height?: number;
		ellipsis?: boolean | string;
	}

	interface DocumentOptions {
		font?: string | null;
		size?: string | [number, number];
		margins?: { top: number; bottom: number; left: number; right: number };
		pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
		subset?: 'PDF/A-1a' | 'PDF/A-2a' | 'PDF/A-3a' | 'PDF/UA';
		tagged?: boolean;
		lang?: string;
		displayTitle?: boolean;
		bufferPages?: boolean;
		autoFirstPage?: boolean;
		info?: { Title?: string; Author?: string; Subject?: string; Creator?: string; Producer?: string; CreationDate?: Date };
	}

	class PDFDocument {
		constructor(options?: DocumentOptions);
		x: number;
		y: number;
		page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number } };
		on(event: 'data', listener: (chunk: Uint8Array) => void): this;
		on(event: 'end' | 'pageAdded', listener: () => void): this;
		on(event: 'error', listener: (error: unknown) => void): this;
		off(event: 'pageAdded', listener: () => void): this;
		end(): void;
		addPage(): this;
		bufferedPageRange(): { start: number; count: number };
		switchToPage(n: number): void;
		registerFont(name: string, source: ArrayBuffer | Uint8Array): this;
		font(name: string): this;
		fontSize(size: number): this;
		fillColor(colour: string): this;
		text(text: string, x?: number, y?: number, options?: TextOptions): this;
		heightOfString(text: string, options?: TextOptions): number;
		currentLineHeight(includeGap?: boolean): number;
		struct(
			type: string,
			options?: { alt?: string; lang?: string; bbox?: number[]; placement?: string },
			children?: () => void
		): StructureElement;
		struct(type: string, children?: () => void): StructureElement;
		addStructure(element: StructureElement): this;
		/** The catalog's StructTreeRoot, written when the document ends. */
		getStructTreeRoot(): PDFReference;
		/** `lang` is written for a Span only: the language of the marked text. */
		markContent(tag: string, options?: { type?: string; bbox?: number[]; attached?: string[]; lang?: string }): this;
		endMarkedContent(): this;
		save(): this;
		restore(): this;
		translate(x: number, y: number): this;
		scale(factor: number): this;
		rotate(angle: number, options?: { origin?: [number, number] }): this;
		path(d: string): this;
		circle(x: number, y: number, r: number): this;
		ellipse(x: number, y: number, rx: number, ry: number): this;
		rect(x: number, y: number, w: number, h: number): this;
		roundedRect(x: number, y: number, w: number, h: number, r: number): this;
		moveTo(x: number, y: number): this;
		lineTo(x: number, y: number): this;
		closePath(): this;
		lineWidth(width: number): this;
		lineCap(cap: string): this;
		lineJoin(join: string): this;
		dash(length: number, options?: { space?: number }): this;
		undash(): this;
		fill(colour: string): this;
		stroke(colour: string): this;
		fillAndStroke(fill: string, stroke: string): this;
		/** JPEG or PNG bytes; the browser build needs an ArrayBuffer (a plain Uint8Array is taken for a file name). */
		image(
			source: ArrayBuffer | Uint8Array,
			x: number,
			y: number,
			options?: { fit?: [number, number]; align?: 'center'; valign?: 'center' }
		): this;
	}

	export default PDFDocument;
}
