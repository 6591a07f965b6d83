import { describe, expect, it } from 'vitest';
import type { Block, PlanDocument } from './document.ts';
import { ANSWERS, MEETING, PLAN } from './fixture.test-data.ts';
import { caseFilePlan, citizenPlan, invitationLetter, pdfFileName } from './view-model.ts';

const source = { citizen: { displayName: 'Signe Hansen' }, meeting: MEETING, answers: ANSWERS, plan: PLAN, language: 'da' as const };

/** Every piece of text a document shows, in reading order, one string per line/cell. */
function texts(document: PlanDocument): string[] {
	return document.blocks.flatMap((block: Block) => {
		switch (block.kind) {
			case 'heading':
			case 'paragraph':
				return [block.text];
			case 'list':
				return block.items;
			case 'table':
				return [...block.columns, ...block.rows.flat()];
			case 'row':
				return [block.figure.alt, ...block.lines];
		}
	});
}

function rowWith(document: PlanDocument, line: string): Extract<Block, { kind: 'row' }> | undefined {
	return document.blocks.find((b): b is Extract<Block, { kind: 'row' }> => b.kind === 'row' && b.lines.includes(line));
}

describe('Min plan', () => {
	const mine = citizenPlan(source);
	const all = texts(mine);

	it('is easy-read, titled without the citizen name, and starts with one H1', () => {
		expect(mine.easyRead).toBe(true);
		expect(mine.title).toBe('Min plan – møde 2. december 2026');
		expect(mine.blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'Min plan' });
		expect(mine.blocks.filter((b) => b.kind === 'heading' && b.level === 1)).toHaveLength(1);
		expect(all.join('\n')).not.toContain('Hansen');
	});

	it('shows each goal in the citizen’s words with its symbol and the citizen’s view', () => {
		const goal = rowWith(mine, 'Jeg vil selv handle ind om fredagen.');
		expect(goal?.figure).toEqual({ symbolId: 'indkoeb', alt: 'Billede: indkøb' });
		expect(goal?.lines).toContain('Det synes jeg: Godt');
	});

	it('gives each agreement as what – who – when, in jeg-form, with the citizen’s view', () => {
		expect(rowWith(mine, 'Øve indkøb i Netto hver fredag')?.lines).toEqual([
			'Øve indkøb i Netto hver fredag',
			'Hvem: Mor Anne',
			'Hvornår: 15. januar 2027',
			'Det synes jeg: Godt'
		]);
		expect(rowWith(mine, 'Finde en bus, der kører til butikken')?.lines).toEqual([
			'Finde en bus, der kører til butikken',
			'Hvem: Jonas og mig',
			'Hvornår: før jul',
			'Det synes jeg: Både og'
		]);
	});

	it('quotes the citizen’s own words and own messages, but not answers others gave', () => {
		expect(all).toContain('»Jeg kan godt selv«');
		expect(all).toContain('»jeg vil gerne indkøb«');
		expect(all).not.toContain('Nej');
	});

	it('names the people and what each will do, and the next meeting', () => {
		expect(rowWith(mine, 'Mor Anne – pårørende')?.lines).toEqual(['Mor Anne – pårørende', 'Skal: Øve indkøb i Netto hver fredag']);
		expect(rowWith(mine, 'Jonas – rådgiver')?.figure.symbolId).toBe('raadgiver');
		expect(all).toContain('Vi ses igen 1. februar 2027.');
	});

	it('leaves out the adviser’s note, the answer table and withdrawn answers', () => {
		expect(mine.blocks.some((b) => b.kind === 'table')).toBe(false);
		expect(all.join('\n')).not.toContain('Du fortalte');
	});

	it('says plainly when there are no goals or agreements yet', () => {
		const empty = texts(citizenPlan({ ...source, plan: undefined }));
		expect(empty).toContain('Vi har ikke skrevet mål endnu.');
		expect(empty).toContain('Vi har ikke lavet aftaler endnu.');
	});
});

describe('the case-file version', () => {
	const file = caseFilePlan(source);
	const all = texts(file);
	const table = (caption: string) =>
		file.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.caption === caption);

	it('names the citizen, the meeting and its participants with roles, and has page numbers', () => {
		expect(file.pageNumbers).toBe(true);
		expect(file.title).toBe('Plan, sagsversion – møde 2. december 2026');
		expect(all).toContain('Borger: Signe Hansen');
		expect(all).toContain('Fase i sagen: Opfølgning');
		expect(table('Deltagere')?.rows).toEqual([
			['Signe', 'Borger'],
			['Mor Anne', 'Pårørende'],
			['Jonas', 'Rådgiver']
		]);
	});

	it('gives goals with FFB theme names and codes, the måltype and the view with its provenance', () => {
		expect(table('Mål')?.rows).toEqual([
			[
				'Jeg vil selv handle ind om fredagen.',
				'Mig og andre mennesker – FFB: Relationer (3856b434-f72e-42a5-b9d1-0cc93f48434b)',
				'Udvikle – FFB: Udvikle funktionsevne (d41c8072-52f8-42b5-9375-ddbea454d27f)',
				'Godt – Borgeren med støtte (Jonas, Rådgiver)'
			]
		]);
	});

	it('gives agreements with owners and roles and the citizen’s view', () => {
		expect(table('Aftaler')?.rows[1]).toEqual([
			'Finde en bus, der kører til butikken',
			'Jonas (Rådgiver) og Signe (Borger)',
			'før jul',
			'Både og – Formidlet af (Mor Anne, Pårørende)'
		]);
	});

	it('lists every answer oldest first, with provenance in words, notes, and withdrawn ones marked', () => {
		const answers = table('Alle svar i mødet')!;
		expect(answers.rows).toHaveLength(ANSWERS.length);
		expect(answers.rows[0]!.slice(1)).toEqual(['Svartavlen', 'Ja', 'Borgeren selv', '–']);
		expect(answers.rows[1]!.slice(1)).toEqual(['Svartavlen', 'Nej', 'Observeret (Mor Anne, Pårørende)', 'skubbede busbilledet væk']);
		expect(answers.rows[4]![4]).toBe('Fortrudt');
		expect(answers.rows[5]![1]).toBe('Mål: Jeg vil selv handle ind om fredagen.');
		expect(all).toContain('Ældste svar først. Antal svar: 10.');
	});

	it('has contact wishes, feedback and the adviser’s note in paragraphs', () => {
		expect(all).toContain('Kontakt og møder: Hvordan vil du helst have kontakt med os?: SMS – Borgeren selv');
		expect(all).toContain('Hvordan var mødet?: Lyttede vi til dig?: Godt – Borgeren selv');
		expect(all).toContain('Du fortalte, at du gerne vil handle selv.');
		expect(all).toContain('Vi aftalte, at du øver med din mor.');
	});

	it('is written in the language asked for', () => {
		const english = texts(caseFilePlan({ ...source, language: 'en' }));
		expect(english).toContain('Godt – The citizen with support (Jonas, Adviser)');
	});
});

describe('the invitation letter', () => {
	it('says when, where, who and what in easy-read rows', () => {
		const letter = texts(invitationLetter(source));
		expect(letter).toContain('Hvornår: 2. december 2026');
		expect(letter).toContain('Hvor: Bostedet Lyngen');
		expect(letter).toContain('Mor Anne – pårørende');
		expect(letter).toContain('Hvordan det går med din hjælp og dine mål.');
		expect(letter).toContain('Passer tiden eller stedet ikke, så sig det.');
	});
});

it('names files by date and a short id, never by the citizen', () => {
	expect(pdfFileName({ version: 'citizen' }, MEETING)).toBe('plan-2026-12-02-a1b2c3d4.pdf');
	expect(pdfFileName({ version: 'case-file' }, MEETING)).toBe('plan-sag-2026-12-02-a1b2c3d4.pdf');
	expect(pdfFileName({ version: 'invitation' }, MEETING)).toBe('invitation-2026-12-02-a1b2c3d4.pdf');
});
