import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLanguage } from '#lib/i18n/translate.ts';
import { figureAltTexts, markedLanguages, structureIds } from '../../../tests/pdf-structure.ts';
import type { Answer } from '#lib/domain/answer.ts';
import { symbolsOf, type Phrase, type PlanDocument } from './document.ts';
import { ANSWERS, MEETING, PLAN, STORY } from './fixture.test-data.ts';
import { needsFallback } from './faces.ts';
import { writePdf, type PdfResources } from './pdf.ts';
import { invitationLetter } from './invitation.ts';
import { caseFilePlan } from './case-file.ts';
import { citizenPlan } from './citizen-plan.ts';

/*
 * The writer run in node (PDFKit's node build, the same drawing code), checked with poppler the way the
 * end-to-end test checks the PDF the browser makes.
 */

const FONTS = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'atkinson-hyperlegible');
const FALLBACK = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-sans');
const regularFont = () => readFileSync(join(FONTS, '400Regular', 'AtkinsonHyperlegible_400Regular.ttf'));
const source = { citizen: { displayName: 'Signe Hansen' }, meeting: MEETING, answers: ANSWERS, plan: PLAN, language: 'da' as const };
const dir = mkdtempSync(join(tmpdir(), 'plan-pdf-'));

// English is loaded on demand in the app; the English case file below needs it.
beforeAll(() => loadLanguage('en'));

/** `fallback`: Noto Sans at hand, as the app gives it when needsFallback says so. */
function resources(document: PlanDocument, fallback = false): PdfResources {
	return {
		...(fallback && {
			fallback: {
				regular: readFileSync(join(FALLBACK, '400Regular', 'NotoSans_400Regular.ttf')),
				bold: readFileSync(join(FALLBACK, '700Bold', 'NotoSans_700Bold.ttf'))
			}
		}),
		regular: regularFont(),
		bold: readFileSync(join(FONTS, '700Bold', 'AtkinsonHyperlegible_700Bold.ttf')),
		symbols: new Map(symbolsOf(document).map((id) => [id, readFileSync(join(process.cwd(), 'symbols', 'svg', `${id}.svg`), 'utf8')]))
	};
}

async function write(document: PlanDocument, name: string, fallback = false): Promise<string> {
	const file = join(dir, name);
	writeFileSync(file, await writePdf(document, resources(document, fallback)));
	return file;
}

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
/** pdftotext breaks lines where the page does; the words are what matter. */
const words = (file: string) => poppler('pdftotext', file, '-').replace(/\s+/g, ' ');

/**
 * How often a page draws a font's .notdef glyph (the empty box for a letter the font lacks). PDFKit numbers a font's glyphs
 * anew for the file, .notdef first: it is <0000> in the hex of a text-showing TJ array.
 */
function notdefGlyphs(pdf: Buffer): number {
	const bytes = pdf.toString('latin1');
	let count = 0;
	for (const start of bytes.matchAll(/stream\r?\n/g)) {
		const from = start.index + start[0].length;
		let content: string;
		try {
			content = inflateSync(pdf.subarray(from, bytes.indexOf('endstream', from))).toString('latin1');
		} catch {
			continue; // not a deflated stream (a JPEG photo)
		}
		for (const array of content.match(/\[[^\]]*\]\s*TJ/g) ?? [])
			for (const hex of array.match(/<[0-9a-f]+>/g) ?? [])
				count += (hex.slice(1, -1).match(/.{4}/g) ?? []).filter((glyph) => glyph === '0000').length;
	}
	return count;
}

/** A long meeting: the first answers of the fixture over and over, half a minute apart. */
function manyAnswers(count: number): Answer[] {
	return Array.from({ length: count }, (_, i) => ({ ...ANSWERS[i % 4]!, id: `bulk-${i}`, createdAt: MEETING.createdAt + i * 30_000 }));
}

describe('the plan PDF', () => {
	it('Min plan: tagged, titled, A4, searchable Danish text, symbols as figures with alt text', async () => {
		const file = await write(citizenPlan({ ...source, plan: { ...PLAN, nextMeetingTime: '10:00' } }), 'mine.pdf');
		const info = poppler('pdfinfo', file);
		expect(info).toMatch(/Tagged:\s+yes/);
		expect(info).toMatch(/Title:\s+Min plan – møde 2\. december 2026/);
		expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
		expect(info).toMatch(/PDF version:\s+1\.7/);
		const text = words(file);
		expect(text).toContain('Jeg vil selv handle ind om fredagen.');
		expect(text).toContain('Øve indkøb i Netto hver fredag');
		expect(text).toContain('Hvem: Jonas og mig');
		expect(text).toContain('Vi ses igen 1. februar 2027 kl. 10.00.');
		const struct = poppler('pdfinfo', '-struct-text', file);
		expect(struct).toMatch(/^Document/m);
		expect(struct).toContain('H1 (block)');
		// Each row: the symbol as a Figure, then its words, in one Div.
		expect(struct).toMatch(/Div\n\s+Figure:[\s\S]*?P \(block\)\n\s+"Jeg vil selv handle ind om fredagen\."/);
		expect(figureAltTexts(readFileSync(file))).toEqual(expect.arrayContaining(['Billede: møde', 'Billede: indkøb', 'Billede: aftale']));
		const meta = poppler('pdfinfo', '-meta', file);
		expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
		expect(meta).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
		const fonts = poppler('pdffonts', file);
		expect(fonts).toMatch(/AtkinsonHyperlegible[^\n]*yes\s+yes\s+yes/);
	});

	it('the case-file version: page numbers, tables with header cells, provenance in words', async () => {
		const file = await write(caseFilePlan(source), 'case.pdf');
		const text = words(file);
		expect(text).toContain('Plan – sagsversion');
		expect(text).toContain('Observeret (Mor Anne, Pårørende)');
		expect(text).toContain('Mig og andre mennesker – FFB: Relationer');
		expect(text).toMatch(/Side 1 af 2.*Side 2 af 2/);
		const struct = poppler('pdfinfo', '-struct-text', file);
		for (const tag of ['Table', 'TR', 'TH', 'TD', 'H2', 'L', 'LI']) expect(struct, tag).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
		// The footer is an artifact: not in the structure, so a screen reader does not read it on every page.
		expect(struct).not.toContain('Side 1 af 2');
		// Each element's ID is in the IDTree and leads to that element, so the header cells a data cell names are found.
		const { tree, headers } = structureIds(readFileSync(file));
		expect(tree.size).toBeGreaterThan(20);
		for (const [key, target] of tree) expect(target, key).toBe(key);
		expect(headers.length).toBeGreaterThan(10);
		expect(headers.filter((id) => !tree.has(id))).toEqual([]);
	});

	it('the English case file marks each Danish FFB name as Danish, so a screen reader says it in Danish', async () => {
		const document = caseFilePlan({ ...source, language: 'en' });
		const file = await write(document, 'case-en.pdf');
		// The Danish names the document holds: each is one marked Span with /Lang in the page's content.
		const danish = document.blocks
			.flatMap((block) => (block.kind === 'table' ? block.rows.flat() : []))
			.flatMap((cell): Phrase[] => (typeof cell === 'string' ? [] : cell.filter((phrase) => phrase.lang === 'da')));
		expect(danish.map((phrase) => phrase.text)).toEqual(['Relationer', 'Udvikle funktionsevne', 'Relationer', 'Udvikle funktionsevne']);
		expect(markedLanguages(readFileSync(file))).toEqual(danish.map(() => 'da-DK'));
		// Drawn phrase by phrase, the cell still reads as one text.
		expect(words(file)).toContain('Me and other people – FFB: Relationer');
		expect(poppler('pdfinfo', file)).toMatch(/Tagged:\s+yes/);
		// In a Danish case file the names are in the document's own language: nothing is marked.
		expect(markedLanguages(readFileSync(await write(caseFilePlan(source), 'case-da.pdf')))).toEqual([]);
	});

	it('the case-file version: an FFB code is never broken across lines, so it can be read and copied whole', async () => {
		// Two themes and a goal type, the longest måltype: the goal's cells are as full as they get.
		const goals = [{ ...PLAN.goals[0]!, themeIds: ['relationer', 'praktiske-opgaver'], goalType: 'begraense-tab' }];
		const file = await write(caseFilePlan({ ...source, plan: { ...PLAN, goals } }), 'codes.pdf');
		const lines = poppler('pdftotext', '-layout', file, '-').split('\n');
		const codes = ['3856b434-f72e-42a5-b9d1-0cc93f48434b', 'eef71492-65f5-4297-aa95-3c3a6866ddef', 'e47c22bd-d88d-48ab-882b-419923e1f44e'];
		// One line each: a code broken at a hyphen is on none whole.
		expect(codes.map((code) => lines.filter((line) => line.includes(code)).length)).toEqual([1, 1, 1]);
		// Each code stands beside the name of its term, on the same line.
		expect(lines.find((line) => line.includes('3856b434-f72e-42a5-b9d1-0cc93f48434b'))).toMatch(/Relationer\s+3856b434/);
	});

	it('Min historie: the story as one vector Figure with its alt text, then area by area as text', async () => {
		const document = citizenPlan({ ...source, story: STORY });
		const file = await write(document, 'story.pdf');
		const text = words(file);
		expect(text).toContain('Min historie');
		expect(text).toContain('Det gør mit liv bedre');
		expect(text).toContain('Jeg vil have mit eget køkken');
		const story = document.blocks.find((b) => b.kind === 'story');
		expect(figureAltTexts(readFileSync(file))).toContain(story?.kind === 'story' ? story.picture.alt : '');
		expect(poppler('pdfinfo', '-struct-text', file)).toMatch(/H3 \(block\)\n\s+"Mine håb, ønsker og drømme"/);
		// Vectors, not a picture of pixels: no image is embedded.
		expect(poppler('pdfimages', '-list', file).trim().split('\n')).toHaveLength(2);
	});

	it('keeps the heading "Min historie" on the page of its picture, wherever the page ends', async () => {
		const document = citizenPlan({ ...source, story: STORY });
		const at = document.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Min historie');
		const orphaned: number[] = [];
		// More and more lines before it move the heading down the page, past the point where the picture no longer fits.
		for (let lines = 0; lines <= 36; lines += 3) {
			const filler = Array.from({ length: lines }, (_, i) => ({ kind: 'paragraph' as const, text: `Linje ${i + 1}` }));
			const file = await write(
				{ ...document, blocks: [...document.blocks.slice(0, at), ...filler, ...document.blocks.slice(at)] },
				'orphan.pdf'
			);
			const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', file))![1]);
			for (let page = 1; page <= pages; page++) {
				// What the page shows above its footer: a page ending in the heading has the picture on the next.
				const text = poppler('pdftotext', '-f', String(page), '-l', String(page), file, '-').replace(document.footer, '').trim();
				if (text.endsWith('Min historie')) orphaned.push(lines);
			}
		}
		expect(orphaned).toEqual([]);
	});

	it('keeps every heading of Min plan and the case file on the page of the row or table it heads', async () => {
		// A goal of three lines makes its row taller than the few lines a heading used to keep after it.
		const goal = 'Jeg vil gerne selv kunne tage bussen til min søster i Vejle om lørdagen, så jeg ikke skal vente på, at nogen har tid.';
		const plan = { ...PLAN, goals: [{ ...PLAN.goals[0]!, text: goal }] };
		const orphaned: string[] = [];
		for (const document of [citizenPlan({ ...source, plan }), caseFilePlan({ ...source, plan })]) {
			const headings = document.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
			// More and more lines after the title move every heading down the page, past each point where its block moves.
			for (let lines = 0; lines <= 45; lines += 3) {
				const filler = Array.from({ length: lines }, (_, i) => ({ kind: 'paragraph' as const, text: `Linje ${i + 1}` }));
				const file = await write({ ...document, blocks: [document.blocks[0]!, ...filler, ...document.blocks.slice(1)] }, 'headings.pdf');
				poppler('pdftotext', file, '-')
					.split('\f')
					.forEach((page, i) => {
						const last = page
							.split('\n')
							.map((line) => line.trim())
							.filter((line) => line && !line.startsWith(document.footer))
							.at(-1);
						if (last && headings.includes(last)) orphaned.push(`${document.footer}, ${lines} lines: page ${i + 1} ends with ${last}`);
					});
			}
		}
		expect(orphaned).toEqual([]);
	});

	it('writes the case file of a meeting with 200 answers (timing printed, not asserted)', async () => {
		const document = caseFilePlan({ ...source, answers: manyAnswers(200) });
		const started = performance.now();
		const file = await write(document, 'bulk.pdf');
		const ms = performance.now() - started;
		const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', file))?.[1]);
		console.log(`[bench] case-file PDF, 200 answers: ${pages} pages in ${ms.toFixed(0)} ms (node, no throttle)`);
		expect(pages).toBeGreaterThan(3);
	});

	it('repeats a table’s header on each page it runs onto, as an artifact kept out of the structure tree', async () => {
		const document = caseFilePlan({ ...source, answers: manyAnswers(60) });
		const file = await write(document, 'long-table.pdf');
		const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', file))?.[1]);
		expect(pages).toBeGreaterThan(2);
		// The answer table starts on page 2 here and runs on: every later page begins with its header, for the eye...
		for (let page = 3; page <= pages; page++) {
			const top = poppler('pdftotext', '-f', String(page), '-l', String(page), file, '-').trimStart();
			expect(top.startsWith('Kl.'), `page ${page}`).toBe(true);
			expect(top).toContain('Hvem og hvordan');
		}
		// ...while the structure tree holds the header row once: the answer table (the last) has a row per answer after its
		// header row, and header cells in that first row only. (-struct, not -struct-text: poppler spends seconds looking up
		// the text of each of the table's 300 cells.)
		const struct = poppler('pdfinfo', '-struct', file);
		const answerTable = struct.slice(struct.lastIndexOf('Table <'));
		expect(answerTable.match(/^\s+TR </gm)).toHaveLength(61);
		const headerCellRows = [...answerTable.matchAll(/^\s+TH <table-\d+-(\d+)-\d+>/gm)].map((match) => match[1]);
		expect(headerCellRows).toEqual(['0', '0', '0', '0', '0']);
	});

	it('goes on over pages with a row taller than a page, so no text of a long cell is cut off', async () => {
		// 1,500 numbered words in one cell: about three pages of the table's column.
		const long = Array.from({ length: 1500 }, (_, i) => `ord${i + 1}`).join(' ');
		const document: PlanDocument = {
			version: 'case-file',
			language: 'da',
			title: 'Lang celle',
			easyRead: false,
			footer: 'Lang celle',
			pageNumbers: 'Side {page} af {pages}',
			blocks: [
				{ kind: 'heading', level: 1, text: 'Lang celle' },
				{
					kind: 'table',
					caption: 'Svar',
					columns: ['Kl.', 'Note'],
					// …and a run of 12,000 letters without a space, which is split between letters.
					rows: [
						['09.00', long],
						['09.15', 'x'.repeat(12_000)],
						['09.30', 'Efter den lange']
					]
				}
			]
		};
		const file = await write(document, 'long-cell.pdf');
		const text = words(file);
		// Every word, once and in order (the old table cut a row at the page's foot), and the row after it.
		expect([...text.matchAll(/ord(\d+)/g)].map((match) => Number(match[1]))).toEqual(Array.from({ length: 1500 }, (_, i) => i + 1));
		expect(text).toMatch(/09\.30.*Efter den lange/);
		expect(text.match(/x/g)).toHaveLength(12_000);
		const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', file))?.[1]);
		expect(pages).toBeGreaterThan(2);
		for (let page = 2; page <= pages; page++) {
			expect(poppler('pdftotext', '-f', String(page), '-l', String(page), file, '-').trimStart(), `page ${page}`).toMatch(/^Kl\.\s+Note/);
		}
		// One cell in the structure however many pages it runs over: 2 header cells, then 2 cells in each of 3 rows.
		const struct = poppler('pdfinfo', '-struct', file);
		expect(struct.match(/^\s+TH </gm)).toHaveLength(2);
		expect(struct.match(/^\s+TD </gm)).toHaveLength(6);
	});

	it('sets a text with a letter Atkinson Hyperlegible lacks in Noto Sans: names in Cyrillic, Greek, Vietnamese, Turkish are their own', async () => {
		const [citizen, ...others] = ['Олена Шевченко', 'İbrahim Şahin', 'Nguyễn Thị Được', 'Γιώργος Παπαδόπουλος'];
		const meeting = {
			...MEETING,
			participants: [...MEETING.participants, ...others.map((name, i) => ({ id: `p-other-${i}`, name, role: 'paaroerende' as const }))]
		};
		const document = caseFilePlan({ ...source, citizen: { displayName: citizen! }, meeting });
		// The app fetches the fallback only for a document that needs it.
		expect(needsFallback(document, regularFont())).toBe(true);
		expect(needsFallback(caseFilePlan(source), regularFont())).toBe(false);
		const text = words(await write(document, 'names.pdf', true));
		// Each letter as itself: "Thị" is not the plain i's glyph and a dot (which read "Thi", or made every i read "ị").
		for (const name of [citizen!, ...others]) expect(text).toContain(name);
		// Only the texts with such a letter are in Noto Sans; the rest stays in Atkinson Hyperlegible.
		const fonts = poppler('pdffonts', join(dir, 'names.pdf'));
		expect(fonts).toMatch(/NotoSans-Regular[^\n]*yes\s+yes\s+yes/);
		expect(fonts).toMatch(/AtkinsonHyperlegible-Regular[^\n]*yes\s+yes\s+yes/);
		// A document without such letters embeds no Noto Sans, though it is at hand.
		expect(poppler('pdffonts', await write(caseFilePlan(source), 'no-fallback.pdf', true))).not.toContain('NotoSans');
	});

	it('shows a sign for each letter neither face has (emoji, Arabic), never the empty box PDF/A forbids', async () => {
		const meeting = {
			...MEETING,
			participants: [...MEETING.participants, { id: 'p-fatima', name: 'فاطمة حداد', role: 'paaroerende' as const }]
		};
		const plan = { ...PLAN, goals: [{ ...PLAN.goals[0]!, text: 'Jeg vil gå tur med Bella 🐕 hver dag 😊' }] };
		for (const document of [citizenPlan({ ...source, meeting, plan }), caseFilePlan({ ...source, meeting, plan })]) {
			expect(needsFallback(document, regularFont())).toBe(true);
			const file = await write(document, 'undrawn.pdf', true);
			const text = words(file);
			expect(text).toContain('Jeg vil gå tur med Bella ? hver dag ?');
			expect(text).toContain('????? ????');
			expect(notdefGlyphs(readFileSync(file)), document.footer).toBe(0);
		}
	});

	it('the invitation: a photo the citizen chose is an embedded image in a Figure with its alt text', async () => {
		const wanted: Answer = {
			...ANSWERS[0]!,
			id: 'wants-anne',
			subject: { kind: 'network-person', personId: 'anne', name: 'Mor Anne', photoId: 'photo-anne' },
			content: { kind: 'mark', mark: 'med-til-moeder' }
		};
		const letter = invitationLetter({ ...source, answers: [wanted] });
		const file = join(dir, 'invitation.pdf');
		const photos = new Map([['photo-anne', readFileSync(join(process.cwd(), 'static', 'icon-192.png'))]]);
		writeFileSync(file, await writePdf(letter, { ...resources(letter), photos }));
		expect(figureAltTexts(readFileSync(file))).toContain('Foto: Mor Anne');
		// One raster image (the photo, with its alpha mask), the symbols stay vectors.
		const images = poppler('pdfimages', '-list', file).trim().split('\n').slice(2);
		expect(images.filter((line) => /\simage\s/.test(line))).toHaveLength(1);
		expect(words(file)).toContain('Mor Anne – familie eller ven');
	});

	it('identifies as PDF/A-2a: XMP part 2 conformance A, tagged, Danish, every font embedded', async () => {
		const file = await write(caseFilePlan(source), 'pdfa.pdf');
		const meta = poppler('pdfinfo', '-meta', file);
		expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
		expect(meta).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
		expect(poppler('pdfinfo', file)).toMatch(/Tagged:\s+yes/);
		// The catalog's /Lang: poppler prints it nowhere, so it is read from the file (the catalog is not compressed).
		expect(Buffer.from(readFileSync(file)).toString('latin1')).toMatch(/\/Lang \(da-DK\)/);
		const fonts = poppler('pdffonts', file).trim().split('\n').slice(2);
		expect(fonts.length).toBeGreaterThan(0);
		// name type encoding emb sub uni: every font embedded.
		for (const font of fonts) expect(font, font).toMatch(/\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\S+\s+\S+\s*$/);
		for (const font of fonts) expect(font.split(/\s+/).at(-5), font).toBe('yes');
	});
});
