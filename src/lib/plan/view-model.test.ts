import { beforeAll, describe, expect, it } from 'vitest';
import { loadLanguage } from '#lib/i18n/translate.ts';
import { cellString, documentTexts, pdfFileName, photosOf, type Block, type CellText, type PlanDocument } from './document.ts';
import { ANSWERS, MEETING, PLAN, STORY } from './fixture.test-data.ts';
import type { Answer } from '#lib/domain/answer.ts';
import { changeStoryItem } from '#lib/domain/story.ts';
import { BY_ADVISER, byProvenance, correctAnswer, restoreAnswer, withdrawAnswer } from '#lib/domain/answer.ts';
import { invitationLetter } from './invitation.ts';
import { caseFilePlan } from './case-file.ts';
import { citizenPlan } from './citizen-plan.ts';

// English is loaded on demand in the app (src/lib/i18n/translate.ts); the English documents below need it.
beforeAll(() => loadLanguage('en'));

const source = { citizen: { displayName: 'Signe Hansen' }, meeting: MEETING, answers: ANSWERS, plan: PLAN, language: 'da' as const };

/** Every piece of text a document shows, in reading order, one string per line/cell, its pictures' alt texts too. */
const texts = (document: PlanDocument) => documentTexts(document, { alt: true });

/** Taken back or brought back by the citizen herself, where who did it is not what is tested. */
const bySelf = byProvenance({ mode: 'selv' });

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

	it('says of a goal followed up as reached or stopped that it is, and nothing of one still being worked on', () => {
		const [first] = PLAN.goals;
		const plan = { ...PLAN, goals: [{ ...first!, status: 'naaet' as const }] };
		expect(rowWith(citizenPlan({ ...source, plan }), first!.text)?.lines).toContain('Målet er nået');
		expect(rowWith(mine, first!.text)?.lines.filter((line) => line.startsWith('Målet er'))).toEqual([]);
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
			// Relayed by her mother (the fixture's answer): Min plan said "Det synes jeg" for it.
			'Det fortalte Mor Anne for mig: Både og'
		]);
	});

	it('says whose view it was when the citizen did not give it: relayed by a relative, seen by a worker', () => {
		const others = ANSWERS.map((answer): Answer => {
			if (answer.subject.kind === 'agreement') return { ...answer, provenance: { mode: 'formidlet', participantId: 'p-mother' } };
			if (answer.subject.kind === 'goal') return { ...answer, provenance: { mode: 'observeret', participantId: 'p-adviser' } };
			return answer;
		});
		const plan = citizenPlan({ ...source, answers: others });
		expect(rowWith(plan, 'Jeg vil selv handle ind om fredagen.')?.lines).toContain('Det kunne Jonas se på mig: Godt');
		expect(rowWith(plan, 'Øve indkøb i Netto hver fredag')?.lines).toContain('Det fortalte Mor Anne for mig: Godt');
		expect(texts(plan).filter((line) => line.startsWith('Det synes jeg'))).toEqual([]);
	});

	it('quotes the citizen’s own words and own messages, but not answers others gave', () => {
		// Written down as said by the mother: Min plan says who told it, as for a relayed view.
		expect(all).toContain('Det fortalte Mor Anne for mig: »Jeg kan godt selv«');
		expect(all).not.toContain('»Jeg kan godt selv«');
		const saidItself = ANSWERS.map((a) => (a.content.kind === 'text' ? { ...a, provenance: { mode: 'selv' as const } } : a));
		expect(texts(citizenPlan({ ...source, answers: saidItself }))).toContain('»Jeg kan godt selv«');
		expect(all).toContain('»jeg vil gerne indkøb«');
		expect(all).not.toContain('Nej');
	});

	it('names the people and what each will do, and the next meeting', () => {
		expect(rowWith(mine, 'Mor Anne – familie eller ven')?.lines).toEqual([
			'Mor Anne – familie eller ven',
			'Skal: Øve indkøb i Netto hver fredag'
		]);
		expect(rowWith(mine, 'Jonas – rådgiver fra kommunen')?.figure.symbolId).toBe('raadgiver');
		expect(all).toContain('Vi ses igen 1. februar 2027.');
	});

	it('gives the next meeting’s time of day when one was agreed', () => {
		const timed = texts(citizenPlan({ ...source, plan: { ...PLAN, nextMeetingTime: '10:00' } }));
		expect(timed).toContain('Vi ses igen 1. februar 2027 kl. 10.00.');
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
		expect(file.pageNumbers).toBe('Side {page} af {pages}');
		expect(file.title).toBe('Plan, sagsversion – møde 2. december 2026');
		expect(all).toContain('Borger: Signe Hansen');
		expect(all).toContain('Fase i sagen: Opfølgning');
		// The next meeting with its day, and its time of day when one was agreed.
		expect(all).toContain('Næste møde: 1. februar 2027');
		expect(texts(caseFilePlan({ ...source, plan: { ...PLAN, nextMeetingTime: '09:30' } }))).toContain(
			'Næste møde: 1. februar 2027 kl. 9.30'
		);
		expect(table('Deltagere')?.rows).toEqual([
			['Signe', 'Borger'],
			['Mor Anne', 'Pårørende'],
			['Jonas', 'Rådgiver']
		]);
	});

	it('gives goals with FFB theme names, the måltype and the view with its provenance', () => {
		expect(table('Mål')?.rows).toEqual([
			[
				'Jeg vil selv handle ind om fredagen.',
				'Mig og andre mennesker – FFB: Relationer',
				'Udvikle – FFB: Udvikle funktionsevne',
				'Godt – Borgeren med støtte (Jonas, Rådgiver)'
			]
		]);
	});

	it('gives the FFB code of every term the goals name, once each, in a table of their own under the goals', () => {
		const second = { ...PLAN.goals[0]!, id: 'g2', themeIds: ['praktiske-opgaver', 'relationer'], goalType: 'udvikle' };
		const file = caseFilePlan({ ...source, plan: { ...PLAN, goals: [...PLAN.goals, second] } });
		const at = file.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'FFB-koder');
		expect(file.blocks[at - 1]).toMatchObject({ kind: 'table', caption: 'Mål' });
		expect(file.blocks[at]).toEqual({ kind: 'heading', level: 3, text: 'FFB-koder' });
		expect(file.blocks[at + 1]).toEqual({
			kind: 'table',
			caption: 'FFB-koder',
			columns: ['Begreb i FFB', 'Kode'],
			rows: [
				['Relationer', '3856b434-f72e-42a5-b9d1-0cc93f48434b'],
				['Udvikle funktionsevne', 'd41c8072-52f8-42b5-9375-ddbea454d27f'],
				['Praktiske opgaver', 'eef71492-65f5-4297-aa95-3c3a6866ddef']
			],
			rowHeaders: true
		});
		// Without a term there is no table of codes.
		const plain = { ...PLAN.goals[0]!, themeIds: [], goalType: undefined };
		expect(texts(caseFilePlan({ ...source, plan: { ...PLAN, goals: [plain] } }))).not.toContain('FFB-koder');
	});

	it('gives agreements with owners and roles and the citizen’s view', () => {
		expect(table('Aftaler')?.rows[1]).toEqual([
			'Finde en bus, der kører til butikken',
			'Jonas (Rådgiver) og Signe (Borger)',
			'før jul',
			'Både og – Formidlet af (Mor Anne, Pårørende)'
		]);
	});

	it('lists every answer oldest first, with provenance in words, who confirmed it, notes, and withdrawn ones marked', () => {
		const answers = table('Alle svar i mødet')!;
		expect(answers.rows).toHaveLength(ANSWERS.length);
		expect(answers.rows[0]!.slice(1)).toEqual([
			'Svartavlen',
			'Ja',
			'Borgeren selv',
			'Bekræftet af: Borgeren selv. Bekræftet af: Formidlet af (Mor Anne, Pårørende)'
		]);
		expect(answers.rows[1]!.slice(1)).toEqual(['Svartavlen', 'Nej', 'Observeret (Mor Anne, Pårørende)', 'Note: skubbede busbilledet væk']);
		expect(answers.rows[4]![4]).toBe('Fortrudt');
		expect(answers.rows[5]![1]).toBe('Mål: Jeg vil selv handle ind om fredagen.');
		expect(all).toContain('Ældste svar først. Antal svar: 10.');
	});

	it('keeps what was recorded before a correction, with when and by whom', () => {
		const replacedAt = ANSWERS[0]!.createdAt + 60_000;
		const corrected: Answer = {
			...ANSWERS[0]!,
			history: [
				{
					content: { kind: 'core', value: 'nej' },
					provenance: { mode: 'formidlet', participantId: 'p-mother' },
					status: 'active',
					replacedAt,
					change: 'corrected'
				}
			]
		};
		const rows = caseFilePlan({ ...source, answers: [corrected] }).blocks.find(
			(b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.caption === 'Alle svar i mødet'
		)!.rows;
		expect(rows[0]![4]).toMatch(/Før rettelse kl\. [\d.]+: Nej, Formidlet af \(Mor Anne, Pårørende\)/);
	});

	it('keeps the note and the confirmations an answer had before a correction', () => {
		const remarkOf = (answer: Answer) =>
			cellString(
				caseFilePlan({ ...source, answers: [answer] }).blocks.find(
					(b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.caption === 'Alle svar i mødet'
				)!.rows[0]![4]!
			);
		// Observed "Nej" with a note; only the note is corrected.
		const observed = ANSWERS[1]!;
		const noteCorrected = correctAnswer(observed, MEETING, { note: 'smilede og nikkede' }, observed.createdAt + 120_000);
		expect(remarkOf(noteCorrected)).toMatch(
			/^Før rettelse kl\. [\d.]+: Nej, Observeret \(Mor Anne, Pårørende\)\. Noten var: skubbede busbilledet væk\. Note: smilede og nikkede$/
		);
		// "Ja", confirmed by the citizen and by her mother, then corrected to "Nej".
		const confirmed = ANSWERS[0]!;
		const corrected = correctAnswer(confirmed, MEETING, { content: { kind: 'core', value: 'nej' } }, confirmed.createdAt + 120_000);
		expect(remarkOf(corrected)).toMatch(
			/^Før rettelse kl\. [\d.]+: Ja, Borgeren selv\. Det svar var bekræftet af: Borgeren selv og Formidlet af \(Mor Anne, Pårørende\)$/
		);
		expect(remarkOf({ ...corrected, history: [] })).toBe('–');
		// "Ja", confirmed by both, then withdrawn: what it was, who gave and confirmed it, and when it was taken back.
		const withdrawn = withdrawAnswer(confirmed, MEETING, bySelf, confirmed.createdAt + 180_000);
		expect(remarkOf(withdrawn)).toMatch(
			/^Fortrudt kl\. [\d.]+: Ja, Borgeren selv\. Det svar var bekræftet af: Borgeren selv og Formidlet af \(Mor Anne, Pårørende\)\. Fortrudt af: Borgeren selv$/
		);
	});

	it('names who withdrew and restored an answer: the one at the table and how, or the adviser', () => {
		const remarksOf = (answer: Answer, language: 'da' | 'en' = 'da') =>
			cellString(
				caseFilePlan({ ...source, language, answers: [answer] }).blocks.find(
					(b): b is Extract<Block, { kind: 'table' }> =>
						b.kind === 'table' && b.caption === (language === 'da' ? 'Alle svar i mødet' : 'All answers in the meeting')
				)!.rows[0]![4]!
			);
		const [given] = ANSWERS;
		const at = given!.createdAt;
		// "Fortryd" in the summary or a tool while "Svar gemmes som" was "Formidlet af" her mother; "Gendan" by the citizen.
		const relayed = restoreAnswer(
			withdrawAnswer(given!, MEETING, byProvenance({ mode: 'formidlet', participantId: 'p-mother' }), at + 60_000),
			MEETING,
			bySelf,
			at + 120_000
		);
		expect(remarksOf(relayed)).toMatch(
			/Fortrudt kl\. [\d.]+: [^.]+\. (Det svar [^.]+\. )?Fortrudt af: Formidlet af \(Mor Anne, Pårørende\)\. Gendannet kl\. [\d.]+: Ja, Borgeren selv\. Gendannet af: Borgeren selv/
		);
		expect(remarksOf(relayed, 'en')).toMatch(
			/Withdrawn by: Relayed by \(Mor Anne, Relative\)\. Restored at [\d.:]+: Yes, The citizen\. Restored by: The citizen/
		);
		// The view of a goal the adviser deleted, or an answer withdrawn in the adviser's panel: the adviser's action.
		const byAdviser = withdrawAnswer(given!, MEETING, BY_ADVISER, at + 60_000);
		expect(remarksOf(byAdviser)).toMatch(/^Fortrudt kl\. [\d.]+: Ja, Borgeren selv\. .*Rådgiveren fortrød det$/);
		expect(remarksOf(byAdviser)).not.toContain('Fortrudt af');
		expect(remarksOf(byAdviser, 'en')).toMatch(/The adviser withdrew it$/);
		// A withdrawal stored before who made it was kept reads as it did.
		const stored = { ...byAdviser, history: byAdviser.history.map(({ changedBy: _, ...kept }) => kept) };
		expect(remarksOf(stored)).toMatch(/^Fortrudt kl\. [\d.]+: Ja, Borgeren selv\. Det svar var bekræftet af: [^.]+\)$/);
	});

	it('marks a goal followed up from an earlier meeting', () => {
		const carried = { ...PLAN, goals: PLAN.goals.map((goal) => ({ ...goal, fromPlanId: 'plan0' })) };
		const goals = caseFilePlan({ ...source, plan: carried }).blocks.find(
			(b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.caption === 'Mål'
		)!;
		expect(goals.rows[0]![0]).toBe('Jeg vil selv handle ind om fredagen. (følges op fra et tidligere møde)');
		expect(table('Mål')!.rows[0]![0]).toBe('Jeg vil selv handle ind om fredagen.');
	});

	it('gives an answer’s date beside its time when it was not the meeting’s day (a meeting past midnight)', () => {
		const dayOf = (row: CellText[]) => cellString(row[0]!).match(/^\d+\. \w+ \d{4} /)?.[0];
		const late = { ...ANSWERS[0]!, id: 'late', createdAt: new Date(2026, 11, 3, 0, 0, 4).getTime() };
		const rows = table('Alle svar i mødet')!.rows;
		const withLate = caseFilePlan({ ...source, answers: [...ANSWERS, late] }).blocks.find(
			(b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.caption === 'Alle svar i mødet'
		)!.rows;
		expect(rows.map(dayOf)).toEqual(rows.map(() => undefined));
		expect(dayOf(withLate.at(-1)!)).toBe('3. december 2026 ');
		expect(withLate.at(-1)![0]).toMatch(/^3\. december 2026 00\.00(\.04)?$/);
	});

	it('has contact wishes, feedback and the adviser’s note in paragraphs', () => {
		expect(all).toContain('Hvordan vil du helst have kontakt med os?: SMS – Borgeren selv');
		expect(all).toContain('Lyttede vi til dig?: Godt – Borgeren selv');
		expect(all).toContain('Du fortalte, at du gerne vil handle selv.');
		expect(all).toContain('Vi aftalte, at du øver med din mor.');
	});

	it('names the question, not the step again, under the step’s own heading; the answer table still names the step', () => {
		const under = (heading: string) => file.blocks[file.blocks.findIndex((b) => b.kind === 'heading' && b.text === heading) + 1];
		expect(under('Hvordan var mødet?')).toEqual({ kind: 'list', items: ['Lyttede vi til dig?: Godt – Borgeren selv'] });
		expect(under('Ønsker til kontakt og møder')).toEqual({
			kind: 'list',
			items: ['Hvordan vil du helst have kontakt med os?: SMS – Borgeren selv']
		});
		// In the table of every answer there is no heading of the step: the line says what was asked, and where.
		const about = table('Alle svar i mødet')!.rows.map((row) => row[1]);
		expect(about).toContain('Hvordan var mødet? · Lyttede vi til dig?');
		expect(about).toContain('Kontakt og møder · Hvordan vil du helst have kontakt med os?');
	});

	it('gives an answer to the step without a question of its own under the step’s heading as the answer alone', () => {
		const whole: Answer = { ...ANSWERS.at(-1)!, subject: { kind: 'meeting-part', part: 'feedback' } };
		const lines = texts(caseFilePlan({ ...source, answers: [whole] }));
		expect(lines).toContain('Godt – Borgeren selv');
		expect(lines.filter((line) => line.startsWith('Hvordan var mødet?:'))).toEqual([]);
	});

	it('says that a meeting without answers has none, not a table of headers alone', () => {
		const empty = caseFilePlan({ ...source, answers: [] });
		const heading = empty.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Alle svar i mødet');
		expect(empty.blocks[heading + 1]).toEqual({ kind: 'paragraph', text: 'Intet registreret.' });
		expect(empty.blocks.some((b) => b.kind === 'table' && b.caption === 'Alle svar i mødet')).toBe(false);
	});

	it('gives the adviser’s funktionsevneniveau apart from the answers, with the FFB codes; nothing when none was set', () => {
		const assessment = {
			id: 'as1',
			citizenId: MEETING.citizenId,
			meetingId: MEETING.id,
			createdAt: 1,
			updatedAt: 1,
			subthemeId: 'kontakt-med-andre',
			ffbCode: '3f9da5ac-9686-4eeb-b517-b46e17fcb1d7',
			levelId: 'moderat'
		};
		const document = caseFilePlan({ ...source, assessments: [assessment] });
		const table = document.blocks.find((b) => b.kind === 'table' && b.caption === 'Rådgiverens faglige vurdering');
		expect(table).toMatchObject({
			columns: ['Underemne i FFB', 'Funktionsevneniveau'],
			rows: [['Indgå i samspil og kontakt', 'Moderat nedsat funktionsevne']]
		});
		const codes = document.blocks.find((b) => b.kind === 'table' && b.caption === 'FFB-koder for vurderingen');
		expect(codes).toMatchObject({
			rows: [
				['Indgå i samspil og kontakt', '3f9da5ac-9686-4eeb-b517-b46e17fcb1d7'],
				['Moderat nedsat funktionsevne', '5bdde847-2837-416b-ab63-bbff8b7aa531']
			]
		});
		expect(texts(citizenPlan({ ...source, assessments: [assessment] })).join(' ')).not.toContain('Moderat');
		expect(texts(caseFilePlan(source))).not.toContain('Rådgiverens faglige vurdering');
	});

	it('is written in the language asked for', () => {
		const english = texts(caseFilePlan({ ...source, language: 'en' }));
		// The scale point in English too, though it was given on a Danish screen (it said "Godt" in an English case file).
		expect(english).toContain('Good – The citizen with support (Jonas, Adviser)');
		expect(english.join(' ')).not.toContain('Godt');
	});

	it('names a ring of the network map in its own language, also what it was before a correction', () => {
		// Placed and moved on a Danish screen: the stored labels are Danish, the English case file reads the rings by id.
		const placed: Answer = {
			...ANSWERS[0]!,
			subject: { kind: 'network-person', personId: 'n1', name: 'Mor', roleId: 'familie' },
			content: { kind: 'placement', zoneId: 'laengere-vaek', label: 'Længere væk' },
			history: [
				{
					content: { kind: 'placement', zoneId: 'taet-paa', label: 'Tæt på' },
					provenance: { mode: 'selv' },
					status: 'active',
					replacedAt: ANSWERS[0]!.createdAt + 60_000,
					change: 'corrected'
				}
			]
		};
		const row = caseFilePlan({ ...source, answers: [placed], language: 'en' }).blocks.find(
			(b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.caption === 'All answers in the meeting'
		)!.rows[0]!;
		expect(row[2]).toBe('Further away');
		expect(row[4]).toMatch(/^Before correction at [\d.:]+ ?[ap]?m?: Close, The citizen/);
		expect(row.join(' ')).not.toMatch(/Længere væk|Tæt på/);
	});
});

/** The blocks from the "Min historie" heading up to the next H2 (or the end). */
function storyBlocks(document: PlanDocument): Block[] {
	const start = document.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Min historie');
	if (start < 0) return [];
	const end = document.blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level <= 2);
	return document.blocks.slice(start, end < 0 ? undefined : end);
}

const pictureOf = (blocks: Block[]) => blocks.find((b): b is Extract<Block, { kind: 'story' }> => b.kind === 'story')?.picture;
const listAfter = (blocks: Block[], heading: string) => {
	const at = blocks.findIndex((b) => b.kind === 'heading' && b.level === 3 && b.text === heading);
	return blocks[at + 1];
};

describe('Min historie in the plan', () => {
	const withStory = { ...source, story: STORY };

	it('shows the story as it stood at the meeting, also when the plan is made again after a later meeting changed it', () => {
		const later = Date.UTC(2027, 2, 10, 10, 0, 0);
		// At the next meeting the symbol moved to "Næste lille skridt" and her words were taken off.
		const afterwards = STORY.map((item) =>
			item.id === 's1'
				? changeStoryItem(item, { areaId: 'skridt', x: 200, y: 700, w: 120, h: 120, removed: false }, later, { mode: 'selv' }, 'm-later')
				: item.id === 's2'
					? changeStoryItem(item, { areaId: 'haab', x: 40, y: 60, w: 120, h: 120, removed: true }, later, { mode: 'selv' }, 'm-later')
					: item
		);
		const then = pictureOf(storyBlocks(citizenPlan({ ...source, story: afterwards })))!;
		expect(then.items).toHaveLength(3);
		expect(then.items.find((i) => i.symbolId === 'indkoeb')).toMatchObject({ x: 200, y: 60 });
		// The later meeting's own plan shows the story as it is after it.
		const next = { ...MEETING, id: 'm-later', date: '2027-03-10' };
		const now = pictureOf(storyBlocks(citizenPlan({ ...source, meeting: next, story: afterwards })))!;
		expect(now.items).toHaveLength(2);
		expect(now.items.find((i) => i.symbolId === 'indkoeb')).toMatchObject({ x: 200, y: 700 });
	});

	it('is left out of both versions when the citizen has no story, or only removed items', () => {
		expect(storyBlocks(citizenPlan(source))).toEqual([]);
		expect(storyBlocks(caseFilePlan(source))).toEqual([]);
		expect(storyBlocks(citizenPlan({ ...source, story: STORY.slice(3) }))).toEqual([]);
	});

	it('Min plan: a picture of the areas and items now, then each area in jeg-form words', () => {
		const blocks = storyBlocks(citizenPlan(withStory));
		expect(blocks[0]).toEqual({ kind: 'heading', level: 2, text: 'Min historie' });
		const picture = pictureOf(blocks)!;
		expect(picture.areas.map((a) => a.label)).toEqual([
			'Mine håb, ønsker og drømme',
			'Det gør mit liv bedre',
			'Det står i vejen',
			'Det kan hjælpe mig – og hvem kan hjælpe',
			'Næste lille skridt'
		]);
		expect(picture.items).toHaveLength(3);
		expect(picture.items.find((i) => i.symbolId === 'indkoeb')).toMatchObject({ label: 'indkøb', x: 200, y: 60 });
		expect(picture.items.find((i) => !i.symbolId && i.x === 40 && i.y === 60)?.label).toBe('Jeg vil have mit eget k…');
		expect(picture.alt).toBe(
			'Tegning af min historie. Mine håb, ønsker og drømme: Jeg vil have mit eget k… og indkøb. Det gør mit liv bedre: Foto. ' +
				'Det står i vejen: intet endnu. Det kan hjælpe mig – og hvem kan hjælpe: intet endnu. Næste lille skridt: intet endnu.'
		);
		// Left to right within an area, as it is read; the removed "Bussen" is not there.
		expect(listAfter(blocks, 'Mine håb, ønsker og drømme')).toEqual({ kind: 'list', items: ['Jeg vil have mit eget køkken', 'indkøb'] });
		expect(listAfter(blocks, 'Det gør mit liv bedre')).toEqual({ kind: 'list', items: ['Et foto'] });
		expect(listAfter(blocks, 'Det står i vejen')).toEqual({ kind: 'paragraph', text: 'Intet her endnu.' });
		expect(texts(citizenPlan(withStory)).join('\n')).not.toContain('Bussen');
	});

	it('the case file: each item with who put it there, how, and the date', () => {
		const blocks = storyBlocks(caseFilePlan(withStory));
		expect(pictureOf(blocks)?.alt).toMatch(/^Tegning af borgerens historie\. Mine håb/);
		expect(listAfter(blocks, 'Mine håb, ønsker og drømme')).toEqual({
			kind: 'list',
			items: [
				'Tekst: Jeg vil have mit eget køkken – Borgeren selv – sat på 2. december 2026',
				'Billede: indkøb – Borgeren selv – sat på 2. december 2026'
			]
		});
		expect(listAfter(blocks, 'Det gør mit liv bedre')).toEqual({
			kind: 'list',
			items: ['Foto – Formidlet af (Mor Anne, Pårørende) – sat på 2. december 2026']
		});
		expect(listAfter(blocks, 'Det står i vejen')).toEqual({ kind: 'paragraph', text: 'Intet registreret.' });
	});

	it('the case file: an item another person moved says who moved it there and how; one the citizen moved does not', () => {
		const later = Date.UTC(2027, 2, 10, 10, 0, 0);
		const lise = { mode: 'formidlet', participantId: 'p-lise', name: 'Lise', role: 'paaroerende' } as const;
		// At the next meeting Lise moved the citizen's symbol from her hopes to "what makes life better"; the citizen moved her own words.
		const afterwards = STORY.map((item) =>
			item.id === 's1'
				? changeStoryItem(item, { areaId: 'bedre', x: 200, y: 420, w: 120, h: 120, removed: false }, later, lise, 'm-later')
				: item.id === 's2'
					? changeStoryItem(item, { areaId: 'bedre', x: 40, y: 420, w: 120, h: 120, removed: false }, later, { mode: 'selv' }, 'm-later')
					: item
		);
		const next = { ...MEETING, id: 'm-later', date: '2027-03-10' };
		expect(listAfter(storyBlocks(caseFilePlan({ ...source, meeting: next, story: afterwards })), 'Det gør mit liv bedre')).toEqual({
			kind: 'list',
			items: [
				'Foto – Formidlet af (Mor Anne, Pårørende) – sat på 2. december 2026',
				'Tekst: Jeg vil have mit eget køkken – Borgeren selv – sat på 2. december 2026',
				'Billede: indkøb – Borgeren selv – sat på 2. december 2026 – flyttet hertil 10. marts 2027: Formidlet af (Lise, Pårørende)'
			]
		});
		const english = caseFilePlan({ ...source, meeting: next, story: afterwards, language: 'en' });
		expect(listAfter(english.blocks, 'This makes my life better')).toMatchObject({
			items: expect.arrayContaining([
				'Picture: indkøb – The citizen – added 2 December 2026 – moved here 10 March 2027: Relayed by (Lise, Relative)'
			])
		});
		// The plan of the first meeting shows the story before the move, as it stood then.
		expect(texts(caseFilePlan({ ...source, story: afterwards })).join('\n')).not.toContain('Lise');
	});

	it('is written in the language asked for', () => {
		const english = caseFilePlan({ ...withStory, language: 'en' });
		expect(texts(english)).toContain('My story');
		expect(listAfter(english.blocks, 'This makes my life better')).toEqual({
			kind: 'list',
			items: ['Photo – Relayed by (Mor Anne, Relative) – added 2 December 2026']
		});
	});
});

describe('the invitation letter', () => {
	it('says when, where, who and what in easy-read rows', () => {
		const letter = texts(invitationLetter(source));
		expect(letter).toContain('Hvornår: 2. december 2026');
		expect(letter).toContain('Hvor: Bostedet Lyngen');
		expect(letter).toContain('Mor Anne – familie eller ven');
		expect(letter).toContain('Hvordan det går med din hjælp og dine mål.');
	});

	it('gives the time of the meeting when it has one, and asks about the time only then', () => {
		const timed = invitationLetter({ ...source, meeting: { ...MEETING, date: '2027-02-02', time: '10:00' } });
		expect(rowWith(timed, 'Hvornår: 2. februar 2027 kl. 10.00')?.figure.symbolId).toBe('kalender');
		expect(rowWith(timed, 'Passer tiden eller stedet ikke, så sig det.')?.figure.symbolId).toBe('ur');
		// The day alone: the letter cannot ask whether a time suits that it never gave.
		const untimed = texts(invitationLetter(source));
		expect(untimed).toContain('Passer dagen eller stedet ikke, så sig det.');
		expect(untimed.join('\n')).not.toMatch(/kl\.|tiden/);
		expect(texts(invitationLetter({ ...source, meeting: { ...MEETING, time: '09:30' }, language: 'en' }))).toEqual(
			expect.arrayContaining(['When: 2 December 2026 at 9:30', 'If the time or the place does not suit you, say so.'])
		);
	});
});

describe('the meeting’s time of day in the plan', () => {
	const timed = { ...source, meeting: { ...MEETING, time: '13:30' } };

	it('Min plan and the case file give it beside the date; the titles and footers keep the date alone', () => {
		expect(texts(citizenPlan(timed))).toContain('Vi holdt møde 2. december 2026 kl. 13.30.');
		expect(texts(caseFilePlan(timed))).toContain('Mødedato: 2. december 2026 kl. 13.30');
		expect(citizenPlan(timed).title).toBe('Min plan – møde 2. december 2026');
		expect(caseFilePlan(timed).footer).toBe('Sagsversion · møde 2. december 2026');
	});

	it('is not there for a meeting without one', () => {
		expect(texts(citizenPlan(source))).toContain('Vi holdt møde 2. december 2026.');
		expect(texts(caseFilePlan(source))).toContain('Mødedato: 2. december 2026');
	});
});

describe('the people the citizen chose, with their photos', () => {
	// Chosen in the preparation from the network map: Mor Anne (with a photo) is at the table, Ole (no photo) is not.
	const wanted = (personId: string, name: string, photoId?: string): Answer => ({
		...ANSWERS[0]!,
		id: `wants-${personId}`,
		subject: { kind: 'network-person', personId, name, roleId: 'familie', ...(photoId ? { photoId } : {}) },
		content: { kind: 'mark', mark: 'med-til-moeder' },
		confirmations: []
	});
	const withChoices = { ...source, answers: [...ANSWERS, wanted('anne', 'Mor Anne', 'photo-anne'), wanted('ole', 'Ole')] };

	it('the invitation shows the photo of a chosen participant and names the chosen people not yet invited', () => {
		const letter = invitationLetter(withChoices);
		expect(rowWith(letter, 'Mor Anne – familie eller ven')?.figure).toEqual({
			symbolId: 'paaroerende',
			photoId: 'photo-anne',
			alt: 'Foto: Mor Anne'
		});
		expect(rowWith(letter, 'Jonas – rådgiver fra kommunen')?.figure.photoId).toBeUndefined();
		expect(rowWith(letter, 'Ole – du vil gerne have Ole med')?.figure.photoId).toBeUndefined();
		expect(photosOf(letter)).toEqual(['photo-anne']);
	});

	it('Min plan shows the same photo beside what the person will do', () => {
		const mine = citizenPlan(withChoices);
		expect(rowWith(mine, 'Mor Anne – familie eller ven')?.figure.photoId).toBe('photo-anne');
		expect(photosOf(citizenPlan(source))).toEqual([]);
	});

	it('Min plan names the chosen people who were not at the meeting apart from those who were there', () => {
		const all = texts(citizenPlan(withChoices));
		const section = (heading: string) => {
			const start = all.indexOf(heading);
			const headings = citizenPlan(withChoices)
				.blocks.filter((b) => b.kind === 'heading')
				.map((b) => b.text);
			const next = headings[headings.indexOf(heading) + 1];
			return all.slice(start + 1, next === undefined ? undefined : all.indexOf(next));
		};
		expect(section('Dem, der var med')).toContain('Mor Anne – familie eller ven');
		expect(section('Dem, der var med')).not.toContain('Ole – jeg vil gerne have Ole med');
		expect(section('Dem, jeg også gerne vil have med')).toEqual(['Billede: familie', 'Ole – jeg vil gerne have Ole med']);
	});

	it('does not take a staff member for a chosen relative of the same name', () => {
		const sister = wanted('sister', 'Anne', 'photo-sister');
		const meeting = { ...MEETING, participants: [...MEETING.participants, { id: 'p-anne', name: 'Anne', role: 'raadgiver' as const }] };
		const mine = citizenPlan({ ...source, meeting, answers: [...ANSWERS, sister] });
		expect(rowWith(mine, 'Anne – rådgiver fra kommunen')?.figure).toEqual({ symbolId: 'raadgiver', alt: 'Billede: rådgiver' });
		expect(rowWith(mine, 'Anne – jeg vil gerne have Anne med')?.figure).toEqual({
			symbolId: 'familie',
			photoId: 'photo-sister',
			alt: 'Foto: Anne'
		});
		// At the table too, she has her photo in her own row, and the adviser keeps the role's symbol.
		const both = { ...meeting, participants: [...meeting.participants, { id: 'p-sister', name: 'Anne', role: 'paaroerende' as const }] };
		const letter = invitationLetter({ ...source, meeting: both, answers: [...ANSWERS, sister] });
		expect(rowWith(letter, 'Anne – familie eller ven')?.figure.photoId).toBe('photo-sister');
		expect(rowWith(letter, 'Anne – rådgiver fra kommunen')?.figure.photoId).toBeUndefined();
		expect(texts(letter).join('\n')).not.toContain('du vil gerne have Anne med');
	});
});

it('names files by date and a short id, never by the citizen', () => {
	expect(pdfFileName({ version: 'citizen' }, MEETING)).toBe('plan-2026-12-02-a1b2c3d4.pdf');
	expect(pdfFileName({ version: 'case-file' }, MEETING)).toBe('plan-sag-2026-12-02-a1b2c3d4.pdf');
	expect(pdfFileName({ version: 'invitation' }, MEETING)).toBe('invitation-2026-12-02-a1b2c3d4.pdf');
});
