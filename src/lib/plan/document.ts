import { fileNameOf } from '#lib/domain/file-name.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import type { Language } from '#lib/i18n/translate.ts';

/*
 * A plan document as a small tree of blocks: the page on the tablet and the PDF writer both render
 * this one structure, so what the citizen looks at with everyone is what they take home.
 */

/** A symbol drawn in the document, with the words a screen reader says instead. */
export interface Figure {
	symbolId: string;
	/** A photo (media id) the citizen chose, drawn instead of the symbol; the symbol stands in when the photo is gone. */
	photoId?: string;
	alt: string;
}

/** A box of the story picture, in the template's canvas units. */
export interface PictureBox {
	x: number;
	y: number;
	w: number;
	h: number;
}

/**
 * The recovery story drawn small: the template's areas as labelled boxes, each item as a box with its
 * symbol or a short word. `alt` says in words what the picture shows; the items follow as text.
 */
export interface StoryPicture {
	alt: string;
	width: number;
	height: number;
	areas: (PictureBox & { label: string; fill: string; stroke: string })[];
	/** `symbolId` draws the symbol; without one the item shows `label` ("Foto", the first words of a text). */
	items: (PictureBox & { symbolId?: string; label: string })[];
}

/** Words in a language other than the document's, marked so a screen reader says them in that language. */
export interface Phrase {
	text: string;
	lang?: Language;
}

/**
 * A table cell: plain text, or phrases when part of it is in another language than the document's (the official Danish
 * FFB names stay Danish in an English case file, and a screen reader must not read them with English sounds).
 */
export type CellText = string | Phrase[];

/** A cell's text as one string, for measuring and searching. */
export function cellString(cell: CellText): string {
	return typeof cell === 'string' ? cell : cell.map((phrase) => phrase.text).join('');
}

export type Block =
	| { kind: 'heading'; level: 1 | 2 | 3; text: string }
	| { kind: 'paragraph'; text: string }
	| { kind: 'list'; items: string[] }
	/** `rowHeaders`: the first cell of each row names the row (the table reads as "what – who – when"). */
	| { kind: 'table'; caption: string; columns: string[]; rows: CellText[][]; rowHeaders?: boolean }
	/** Easy-read: one idea per row, a large symbol first and a few short lines beside it. */
	| { kind: 'row'; figure: Figure; lines: string[] }
	| { kind: 'story'; picture: StoryPicture };

export type DocumentVersion = 'citizen' | 'case-file' | 'invitation';

export interface PlanDocument {
	version: DocumentVersion;
	language: Language;
	/** The document's title (PDF metadata, tab title): never the citizen's name. */
	title: string;
	/** Easy-read documents use large type and symbols; the case file uses reading size and tables. */
	easyRead: boolean;
	/** Shown at the foot of every page of the PDF, before the page number. */
	footer: string;
	/**
	 * The page number as the document's language says it, with {page} and {pages} ("Side {page} af {pages}"); without it
	 * the pages are not numbered. Given as words, like all the document's words: the PDF worker carries no dictionary.
	 */
	pageNumbers?: string;
	blocks: Block[];
}

/**
 * Every text a document's blocks show, in reading order, one string per line or cell: what the page and the PDF draw,
 * and with `alt` the alt texts of its pictures as well (what a screen reader is told of them).
 */
export function documentTexts(document: PlanDocument, { alt = false }: { alt?: boolean } = {}): string[] {
	return document.blocks.flatMap((block) => {
		switch (block.kind) {
			case 'heading':
			case 'paragraph':
				return [block.text];
			case 'list':
				return block.items;
			case 'table':
				return [...block.columns, ...block.rows.flat().map(cellString)];
			case 'row':
				return [...(alt ? [block.figure.alt] : []), ...block.lines];
			case 'story':
				return [
					...(alt ? [block.picture.alt] : []),
					...block.picture.areas.map((area) => area.label),
					...block.picture.items.map((item) => item.label)
				];
		}
	});
}

/** The symbol ids a document draws, so the PDF writer is given only those files. */
export function symbolsOf(document: PlanDocument): string[] {
	return [
		...new Set(
			document.blocks.flatMap((block) =>
				block.kind === 'row'
					? [block.figure.symbolId]
					: block.kind === 'story'
						? block.picture.items.flatMap((item) => (item.symbolId ? [item.symbolId] : []))
						: []
			)
		)
	];
}

/** The photos (media ids) a document shows, so a page reads only those. Here, not in pdf.ts: pages must not load PDFKit. */
export function photosOf(document: PlanDocument): string[] {
	return [...new Set(document.blocks.flatMap((block) => (block.kind === 'row' && block.figure.photoId ? [block.figure.photoId] : [])))];
}

/** `plan-2026-12-02-1a2b3c4d.pdf`: the meeting's date and the start of its random id (fileNameOf). */
export function pdfFileName(document: Pick<PlanDocument, 'version'>, meeting: Pick<Meeting, 'id' | 'date'>): string {
	const prefix = document.version === 'invitation' ? 'invitation' : document.version === 'case-file' ? 'plan-sag' : 'plan';
	return fileNameOf(prefix, meeting.date, meeting.id, 'pdf');
}
