import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SymbolEntry } from './symbol-manifest.ts';
import {
	FUNCTION_LEVELS,
	GOAL_TYPES,
	VUM_AREAS,
	VUM_THEMES,
	functionLevelsSchema,
	parseVumThemes,
	themeIllustrationUrl,
	vumSubtheme,
	vumTheme,
	type PictureFiles
} from './vum.ts';
import { parseContent } from './schema.ts';

interface Term {
	name: string;
	code: string;
}
interface Reference {
	areas: Array<{ area: string; code: string; themes: Array<{ theme: string; code: string; subthemes: Term[] }> }>;
	funktionsevneniveau: Term[];
	maaltype: Term[];
}

// The terminology facts live beside the repository (CI has them at the same place).
const reference = JSON.parse(readFileSync('../shared/reference/ffb-vum-themes.json', 'utf8')) as Reference;
const manifest = JSON.parse(readFileSync('symbols/manifest.json', 'utf8')) as SymbolEntry[];
const rawThemes = readFileSync('src/lib/content/vum/themes.json', 'utf8');

const diskPictures: PictureFiles = {
	symbol: (id) => manifest.some((entry) => entry.id === id) && existsSync(`symbols/svg/${id}.svg`),
	illustration: (file) => existsSync(`symbols/themes/${file}`)
};

const terms = (list: readonly { ffb: Term }[]) => list.map(({ ffb }) => `${ffb.name} ${ffb.code}`).sort();
const refTerms = (list: readonly Term[]) => list.map(({ name, code }) => `${name} ${code}`).sort();

describe('the VUM 2.0 themes', () => {
	it('has all 11 themes and 67 sub-themes, and only Aktivitet og deltagelse is leveled', () => {
		expect(VUM_THEMES).toHaveLength(11);
		expect(VUM_THEMES.flatMap((theme) => theme.subthemes)).toHaveLength(67);
		expect(VUM_AREAS.filter((area) => area.leveled).map((area) => area.id)).toEqual(['aktivitet-og-deltagelse']);
		const leveled = VUM_THEMES.filter((theme) => theme.area === 'aktivitet-og-deltagelse');
		expect(leveled.map((theme) => theme.id)).toEqual([
			'relationer',
			'kommunikation',
			'mobilitet',
			'egenomsorg',
			'samfundsliv',
			'praktiske-opgaver'
		]);
		expect(leveled.flatMap((theme) => theme.subthemes)).toHaveLength(31);
	});

	it('uses every id once, themes and sub-themes together', () => {
		const ids = VUM_THEMES.flatMap((theme) => [theme.id, ...theme.subthemes.map((subtheme) => subtheme.id)]);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('names every area, theme and sub-theme exactly as KL does, with its code, and leaves none out', () => {
		expect(terms(VUM_AREAS)).toEqual(refTerms(reference.areas.map(({ area, code }) => ({ name: area, code }))));
		const refThemes = reference.areas.flatMap((area) => area.themes.map((theme) => ({ ...theme, area: area.area })));
		expect(terms(VUM_THEMES)).toEqual(refTerms(refThemes.map(({ theme, code }) => ({ name: theme, code }))));
		for (const theme of VUM_THEMES) {
			const ref = refThemes.find((candidate) => candidate.code === theme.ffb.code)!;
			expect(VUM_AREAS.find((area) => area.id === theme.area)?.ffb.name, theme.id).toBe(ref.area);
			expect(terms(theme.subthemes), theme.id).toEqual(refTerms(ref.subthemes));
		}
	});

	it('gives every card a symbol from the set and every theme its illustration file', () => {
		for (const subtheme of VUM_THEMES.flatMap((theme) => theme.subthemes)) {
			expect(diskPictures.symbol(subtheme.symbolId), `${subtheme.id}: ${subtheme.symbolId}`).toBe(true);
		}
		for (const theme of VUM_THEMES) {
			const path = `symbols/themes/${theme.illustration}`;
			expect(existsSync(path), path).toBe(true);
			const svg = readFileSync(path, 'utf8');
			expect(svg, path).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 160 120">/);
			expect(svg, path).not.toMatch(/<(text|script|style|image|foreignObject)\b|\son[a-z]+=|href=/i);
			expect(themeIllustrationUrl(theme.id), theme.id).toBeTruthy();
		}
		expect(themeIllustrationUrl('findes-ikke')).toBeUndefined();
	});

	it('asks every card "how is this for you?", which the sorting scales answer (godt, både og, ikke godt; faces; 1–5)', () => {
		// A yes/no question ("Har du …?", "Er du …?") or an open one ("Hvad …?", "Hvilken …?") cannot be answered with a
		// "Godt": sorted under it, the card reads as nonsense or, on a sensitive theme, as something the citizen never said.
		const fits = (question: { da: string; en: string }) =>
			/^(Hvordan|Hvor godt) /.test(question.da) && /^(How|What is it like) /.test(question.en);
		const misfits = VUM_THEMES.flatMap((theme) => theme.subthemes)
			.filter((subtheme) => !fits(subtheme.question))
			.map((subtheme) => `${subtheme.id}: ${subtheme.question.da} / ${subtheme.question.en}`);
		expect(misfits).toEqual([]);
	});

	it('finds a theme, and a sub-theme with its theme and area', () => {
		expect(vumTheme('relationer')?.ffb.name).toBe('Relationer');
		const place = vumSubtheme('handle-ind');
		expect(place?.subtheme.ffb.name).toBe('Købe ind');
		expect(place?.theme.id).toBe('praktiske-opgaver');
		expect(place?.area.leveled).toBe(true);
		expect(vumSubtheme('min-soevn')?.area.leveled).toBe(false);
		expect(vumSubtheme('relationer')).toBeUndefined();
	});

	it('refuses a broken copy and says where and why', () => {
		const broken = JSON.parse(rawThemes) as { themes: Array<Record<string, unknown> & { subthemes: Array<Record<string, unknown>> }> };
		const card = broken.themes[0]!.subthemes[0]!;
		card.label = { da: 'Kontakt med andre' };
		(broken.themes[1]!.ffb as Term).code = 'c2b186f9';
		let message = '';
		try {
			parseVumThemes(broken, diskPictures);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/^The VUM themes is not valid:/);
		expect(message).toContain('themes.0.subthemes.0.label.en: ');
		expect(message).toContain('themes.1.ffb.code: the FFB code must be a UUID');
	});

	// Cross-checks run once the shape is right, so they are broken on their own here.
	it('refuses a missing picture and a repeated id', () => {
		const broken = JSON.parse(rawThemes) as { themes: Array<Record<string, unknown> & { subthemes: Array<Record<string, unknown>> }> };
		broken.themes[0]!.subthemes[0]!.symbolId = 'findes-ikke';
		broken.themes[2]!.subthemes[1]!.id = 'kontakt-med-andre';
		broken.themes[3]!.illustration = 'mangler.svg';
		expect(() => parseVumThemes(broken, diskPictures)).toThrow(
			[
				'The VUM themes is not valid:',
				'themes.0.subthemes.0.symbolId: no symbol "findes-ikke" in symbols/manifest.json',
				'themes.2.subthemes.1.id: the id "kontakt-med-andre" is used twice',
				'themes.3.illustration: no file symbols/themes/mangler.svg'
			].join('\n')
		);
	});
});

describe('the funktionsevneniveau scale and the måltyper', () => {
	it('carry KL’s exact names and codes, all of them', () => {
		expect(terms(FUNCTION_LEVELS)).toEqual(refTerms(reference.funktionsevneniveau));
		expect(terms(GOAL_TYPES)).toEqual(refTerms(reference.maaltype));
		expect(FUNCTION_LEVELS.map((level) => level.id)).toEqual(['ingen', 'let', 'moderat', 'svaer', 'fuldstaendig', 'ikke-vurderet']);
		expect(FUNCTION_LEVELS.filter((level) => !level.assessed).map((level) => level.id)).toEqual(['ikke-vurderet']);
		expect(GOAL_TYPES.map((goal) => goal.id)).toEqual(['udvikle', 'fastholde', 'begraense-tab']);
	});

	it('refuses a level without English, and a repeated code', () => {
		const withoutEnglish = FUNCTION_LEVELS.map((level, i) => (i === 1 ? { ...level, label: { da: level.label.da } } : level));
		expect(() => parseContent(functionLevelsSchema, withoutEnglish, 'The scale')).toThrow(/^The scale is not valid:\n1\.label\.en: /);
		const repeated = FUNCTION_LEVELS.map((level, i) => (i === 2 ? { ...level, ffb: FUNCTION_LEVELS[0]!.ffb } : level));
		expect(() => parseContent(functionLevelsSchema, repeated, 'The scale')).toThrow(
			`The scale is not valid:\n2.ffb.code: the FFB code "${FUNCTION_LEVELS[0]!.ffb.code}" is used twice`
		);
	});
});
