import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { citizenPlan } from './citizen-plan.ts';
import { caseFilePlan } from './case-file.ts';
import { ANSWERS, MEETING, PLAN, STORY } from './fixture.test-data.ts';
import { glyphCoverage } from './faces.ts';
import { BODY_LETTERS, drawnText, FALLBACK_LETTERS, letterRanges, shortened, undrawnTexts } from './letters.ts';

const FONTS = join(process.cwd(), 'node_modules', '@expo-google-fonts');
const font = (path: string) => readFileSync(join(FONTS, path));
const ATKINSON = [
	'atkinson-hyperlegible/400Regular/AtkinsonHyperlegible_400Regular.ttf',
	'atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf'
];
const NOTO = ['noto-sans/400Regular/NotoSans_400Regular.ttf', 'noto-sans/700Bold/NotoSans_700Bold.ttf'];
const source = { citizen: { displayName: 'Signe Hansen' }, meeting: MEETING, answers: ANSWERS, plan: PLAN, language: 'da' as const };

describe('the letters the PDF can draw', () => {
	it('are the letters the font files have, so the page knows them without the files', () => {
		const expand = (letters: string) =>
			letterRanges(letters).flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i));
		const set = (path: string) => [...new Set(create(font(path)).characterSet)].sort((a, b) => a - b);
		for (const path of ATKINSON) expect(expand(BODY_LETTERS), path).toEqual(set(path));
		for (const path of NOTO) expect(expand(FALLBACK_LETTERS), path).toEqual(set(path));
	});

	it('shows a sign for each letter or emoji neither face has, and leaves every other letter as it is', () => {
		const body = glyphCoverage(font(ATKINSON[0]!));
		const fallback = glyphCoverage(font(NOTO[0]!));
		const drawn = (text: string) => drawnText(text, body, fallback);
		expect(drawn('Jeg vil gå tur med Bella 🐕 hver dag 😊')).toBe('Jeg vil gå tur med Bella ? hver dag ?');
		// An emoji of several code points (a family, a flag, a skin tone, a red heart) is one sign.
		expect(drawn('👨‍👩‍👧 🇩🇰 👍🏽 ❤️')).toBe('? ? ? ?');
		expect(drawn('فاطمة حداد')).toBe('????? ????');
		expect(drawn('שרה 王芳 สมชาย')).toBe('??? ?? ?????');
		for (const name of ['Łucja Wiśniewska', 'Nguyễn Thị Được', 'Γιώργος', 'Олена', 'Åse Ærø', 'x ≤ 5']) expect(drawn(name)).toBe(name);
		// A sign only the body face has (≤) in a text that the fallback face sets, for its Cyrillic: that face lacks it.
		expect(drawn('Олена ≤ 😊')).toBe('Олена ? ?');
		// Without the fallback face at hand, a letter only it has is missing too.
		expect(drawnText('Олена 😊', body, undefined)).toBe('????? ?');
	});

	it('names the texts of a document that its PDF cannot show as typed, for the question before the file is made', () => {
		const relative = { id: 'p-fatima', name: 'فاطمة حداد', role: 'paaroerende' as const };
		const meeting = { ...MEETING, participants: [...MEETING.participants, relative] };
		const plan = { ...PLAN, goals: [{ ...PLAN.goals[0]!, text: 'Jeg vil gå tur med Bella 🐕 hver dag 😊' }] };
		expect(undrawnTexts(citizenPlan({ ...source, meeting, plan }))).toEqual([
			'Jeg vil gå tur med Bella 🐕 hver dag 😊',
			'فاطمة حداد – familie eller ven'
		]);
		expect(undrawnTexts(caseFilePlan({ ...source, meeting, plan }))).toEqual([
			'فاطمة حداد',
			'Jeg vil gå tur med Bella 🐕 hver dag 😊',
			'Mål: Jeg vil gå tur med Bella 🐕 hver dag 😊'
		]);
		const polish = { ...MEETING, participants: [...MEETING.participants, { ...relative, name: 'Łucja Wiśniewska' }] };
		expect(undrawnTexts(citizenPlan({ ...source, meeting: polish }))).toEqual([]);
		expect(undrawnTexts(caseFilePlan(source))).toEqual([]);
	});
});

describe('a story text in its small box', () => {
	it('is cut between letters as seen, never inside an emoji, in the picture and in its alt text', () => {
		expect(shortened('Jeg elsker min hund Bo🐕 og min kat', 24)).toBe('Jeg elsker min hund Bo🐕…');
		expect(shortened('Jeg elsker min hund Bob🐕 og min kat', 24)).toBe('Jeg elsker min hund Bob…');
		expect(shortened('Kort 😊', 24)).toBe('Kort 😊');
		const story = STORY.map((item) =>
			item.id === 's2' ? { ...item, content: { kind: 'text' as const, text: 'Jeg elsker min hund Bo🐕 og min kat' } } : item
		);
		const document = citizenPlan({ ...source, story });
		const picture = document.blocks.find((b) => b.kind === 'story')!.picture;
		const labels = picture.items.map((item) => item.label);
		expect(labels).toContain('Jeg elsker min hund Bo🐕…');
		for (const text of [...labels, picture.alt]) expect(text.isWellFormed(), text).toBe(true);
	});
});
