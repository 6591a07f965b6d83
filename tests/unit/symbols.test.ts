import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOARDS, ROOT_TEMPLATE } from '#lib/content/default-boards.ts';
import { manifestProblems, searchSymbols, type SymbolEntry } from '#lib/content/symbol-manifest.ts';
import { instantiateTemplates } from '#lib/boards/defaults.ts';

const manifest = JSON.parse(readFileSync('symbols/manifest.json', 'utf8')) as SymbolEntry[];
const byId = new Map(manifest.map((entry) => [entry.id, entry]));

describe('the symbol set', () => {
	it('has a valid manifest of at least 250 symbols', () => {
		expect(manifestProblems(manifest)).toEqual([]);
		expect(manifest.length).toBeGreaterThanOrEqual(250);
	});

	it('catches a broken manifest', () => {
		const broken = [{ ...manifest[0], label: { da: '', en: 'x' } }, manifest[0], { ...manifest[1], category: 'ukendt' }];
		expect(manifestProblems(broken)).toEqual([
			`entry 0 (${manifest[0]!.id}): missing label`,
			`entry 1 (${manifest[0]!.id}): duplicate id`,
			`entry 2 (${manifest[1]!.id}): unknown category`
		]);
	});

	it('ships exactly the files in the manifest, each a safe square SVG without text', () => {
		const files = readdirSync('symbols/svg')
			.map((name) => `svg/${name}`)
			.sort();
		expect(files).toEqual(manifest.map((entry) => entry.file).sort());
		for (const entry of manifest) {
			const path = `symbols/${entry.file}`;
			expect(existsSync(path), path).toBe(true);
			const svg = readFileSync(path, 'utf8');
			expect(svg, path).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 100 100">/);
			expect(svg, path).not.toMatch(/<(text|script|style|image|foreignObject)\b|\son[a-z]+=|href=/i);
		}
	});

	it('covers what a meeting needs', () => {
		const needed = [
			'ja',
			'nej',
			'ved-ikke',
			'pause',
			'stop',
			'hjaelp',
			'forstaar-ikke',
			'igen',
			'faerdig',
			'glad',
			'ked-af-det',
			'vred',
			'bange',
			'traet',
			'rolig',
			'ondt',
			'syg',
			'sulten',
			'toerstig',
			'toilet',
			'mor',
			'far',
			'soeskende',
			'ven',
			'kaereste',
			'kontaktperson',
			'paedagog',
			'raadgiver',
			'laege',
			'vaerge',
			'hjem',
			'bosted',
			'arbejde',
			'dagtilbud',
			'skole',
			'by',
			'natur',
			'hospital',
			'spise',
			'sove',
			'bad',
			'toej',
			'indkoeb',
			'madlavning',
			'rengoering',
			'gaa-tur',
			'musik',
			'tv',
			'computer',
			'telefon',
			'bus',
			'bil',
			'cykel',
			'sport',
			'dyr',
			'i-dag',
			'i-morgen',
			'morgen',
			'aften',
			'uge',
			'weekend',
			'vil-gerne',
			'vil-ikke',
			'mere',
			'mindre',
			'alene',
			'sammen'
		];
		expect(needed.filter((id) => !byId.has(id))).toEqual([]);
	});

	it('is searchable in Danish by label and keyword, best matches first', () => {
		const ids = (query: string) => searchSymbols(manifest, query, 'da').map((entry) => entry.id);
		expect(ids('glad')[0]).toBe('glad');
		expect(ids('TØRST')).toContain('toerstig');
		expect(ids('  ')).toEqual([]);
		const keyword = manifest.find((entry) => entry.id === 'toilet')!.keywords.da[0]!;
		expect(ids(keyword)).toContain('toilet');
		expect(searchSymbols(manifest, 'happy', 'en').map((e) => e.id)).toContain('glad');
	});
});

describe('the default boards', () => {
	it('use only symbols that exist and link every folder to a board', () => {
		const set = instantiateTemplates(DEFAULT_BOARDS, ROOT_TEMPLATE, (id) => byId.get(id)?.label.da);
		const names = set.boards.map((b) => b.name);
		expect(names).toEqual(['Forside', 'Mødetavle', 'Følelser', 'Krop og helbred', 'Mennesker', 'Steder', 'Hverdag', 'Ønsker']);
		const root = set.boards.find((b) => b.id === set.rootBoardId)!;
		const linked = root.slots.flatMap((cell) => (cell?.linkBoardId ? [cell.linkBoardId] : []));
		expect(new Set(linked)).toEqual(new Set(set.boards.filter((b) => b !== root).map((b) => b.id)));
	});

	it('refuse a template that names a missing symbol', () => {
		expect(() =>
			instantiateTemplates([{ key: 'x', name: 'X', rows: 1, columns: 1, cells: [{ symbol: 'findes-ikke' }] }], 'x', () => undefined)
		).toThrow('findes-ikke');
	});
});
