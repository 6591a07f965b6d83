import * as v from 'valibot';
import goalTypesData from './vum/goal-types.json';
import levelsData from './vum/levels.json';
import themesData from './vum/themes.json';
import { contentId, localizedText, parseContent } from './schema.ts';
import { symbolUrl } from './symbols.ts';

/*
 * VUM 2.0 content: the themes and sub-themes of KL's Fælles Faglige Begreber (FFB) as cards, the
 * funktionsevneniveau scale and the måltyper. The FFB name and code are the official term kept for the
 * case-file version of the plan; every label, intro and question is our own easy-read text.
 */

// no-inline: keeps the scenes as files instead of data URIs pasted into the JavaScript.
const illustrations = import.meta.glob<string>('/symbols/themes/*.svg', { query: '?url&no-inline', import: 'default', eager: true });

/** A term of KL's Fælles Faglige Begreber: the exact official name and its UUID code. */
const ffbTerm = v.strictObject({
	name: v.pipe(v.string(), v.trim(), v.nonEmpty('the FFB name must not be empty')),
	code: v.pipe(v.string(), v.uuid('the FFB code must be a UUID'))
});

const areaSchema = v.strictObject({
	id: contentId,
	ffb: ffbTerm,
	label: localizedText,
	/** Only Aktivitet og deltagelse carries a funktionsevneniveau (KL's reporting guide). */
	leveled: v.boolean()
});

const subthemeSchema = v.strictObject({
	id: contentId,
	ffb: ffbTerm,
	/** The citizen's card: short, one idea. */
	label: localizedText,
	/** What the adviser can read aloud. */
	question: localizedText,
	/** An id in symbols/manifest.json. */
	symbolId: contentId
});

const themeSchema = v.strictObject({
	id: contentId,
	area: contentId,
	ffb: ffbTerm,
	label: localizedText,
	intro: localizedText,
	/** A file in symbols/themes. */
	illustration: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*\.svg$/, 'the illustration must be a file name like relationer.svg')),
	subthemes: v.pipe(v.array(subthemeSchema), v.minLength(1, 'a theme needs at least one sub-theme'))
});

export type VumArea = v.InferOutput<typeof areaSchema>;
export type VumTheme = v.InferOutput<typeof themeSchema>;
export type VumSubtheme = v.InferOutput<typeof subthemeSchema>;

/** Which pictures exist: the app asks its bundled files, the unit test asks the disk. */
export interface PictureFiles {
	symbol(id: string): boolean;
	illustration(file: string): boolean;
}

type Path = [v.IssuePathItem, ...v.IssuePathItem[]];

/** Builds valibot's issue path for a place in the input, so a refusal names it like a type error would. */
function pathTo(root: unknown, keys: readonly (string | number)[]): Path {
	const items: v.IssuePathItem[] = [];
	let input = root;
	for (const key of keys) {
		const value = (input as Record<string | number, unknown>)[key];
		items.push(
			typeof key === 'number'
				? { type: 'array', origin: 'value', input: input as unknown[], key, value }
				: { type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value }
		);
		input = value;
	}
	return items as Path;
}

/** Reports every repeated value; `seen` may be shared so ids are unique across several lists. */
function reportRepeats(
	seen: Set<string>,
	value: string,
	what: string,
	addIssue: (info: { message: string; path: Path }) => void,
	root: unknown,
	keys: (string | number)[]
) {
	if (seen.has(value)) addIssue({ message: `${what} "${value}" is used twice`, path: pathTo(root, keys) });
	seen.add(value);
}

export function vumThemesSchema(pictures: PictureFiles) {
	return v.pipe(
		v.strictObject({
			areas: v.pipe(v.array(areaSchema), v.minLength(1, 'there must be at least one area')),
			themes: v.pipe(v.array(themeSchema), v.minLength(1, 'there must be at least one theme'))
		}),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const root = dataset.value;
			const areaIds = new Set<string>();
			const ids = new Set<string>();
			const codes = new Set<string>();
			root.areas.forEach((area, a) => {
				reportRepeats(areaIds, area.id, 'the id', addIssue, root, ['areas', a, 'id']);
				reportRepeats(codes, area.ffb.code, 'the FFB code', addIssue, root, ['areas', a, 'ffb', 'code']);
			});
			root.themes.forEach((theme, t) => {
				reportRepeats(ids, theme.id, 'the id', addIssue, root, ['themes', t, 'id']);
				reportRepeats(codes, theme.ffb.code, 'the FFB code', addIssue, root, ['themes', t, 'ffb', 'code']);
				if (!areaIds.has(theme.area)) addIssue({ message: `no area "${theme.area}"`, path: pathTo(root, ['themes', t, 'area']) });
				if (!pictures.illustration(theme.illustration)) {
					addIssue({ message: `no file symbols/themes/${theme.illustration}`, path: pathTo(root, ['themes', t, 'illustration']) });
				}
				theme.subthemes.forEach((subtheme, s) => {
					const at = ['themes', t, 'subthemes', s];
					reportRepeats(ids, subtheme.id, 'the id', addIssue, root, [...at, 'id']);
					reportRepeats(codes, subtheme.ffb.code, 'the FFB code', addIssue, root, [...at, 'ffb', 'code']);
					if (!pictures.symbol(subtheme.symbolId)) {
						addIssue({ message: `no symbol "${subtheme.symbolId}" in symbols/manifest.json`, path: pathTo(root, [...at, 'symbolId']) });
					}
				});
			});
		})
	);
}

export type VumContent = v.InferOutput<ReturnType<typeof vumThemesSchema>>;

export function parseVumThemes(data: unknown, pictures: PictureFiles): VumContent {
	return parseContent(vumThemesSchema(pictures), data, 'The VUM themes');
}

/** Ids and FFB codes of a term list are each used once. */
function uniqueTerms<T extends { id: string; ffb: { code: string } }>() {
	return v.rawCheck<T[]>(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const ids = new Set<string>();
		const codes = new Set<string>();
		dataset.value.forEach((item, i) => {
			reportRepeats(ids, item.id, 'the id', addIssue, dataset.value, [i, 'id']);
			reportRepeats(codes, item.ffb.code, 'the FFB code', addIssue, dataset.value, [i, 'ffb', 'code']);
		});
	});
}

const levelSchema = v.strictObject({ id: contentId, ffb: ffbTerm, label: localizedText, assessed: v.boolean() });
const goalTypeSchema = v.strictObject({ id: contentId, ffb: ffbTerm, label: localizedText });
export type FunctionLevel = v.InferOutput<typeof levelSchema>;
export type GoalType = v.InferOutput<typeof goalTypeSchema>;

/** FFB funktionsevneniveau in its natural order; `assessed: false` marks "Ikke vurderet", which is no level. */
export const functionLevelsSchema = v.pipe(
	v.array(levelSchema),
	v.minLength(1, 'the scale must not be empty'),
	uniqueTerms<FunctionLevel>()
);

/** FFB måltype of an indsatsmål: udvikle, fastholde, begrænse tab. */
export const goalTypesSchema = v.pipe(v.array(goalTypeSchema), v.minLength(1, 'the list must not be empty'), uniqueTerms<GoalType>());

const bundledPictures: PictureFiles = {
	symbol: (id) => symbolUrl(id) !== undefined,
	illustration: (file) => `/symbols/themes/${file}` in illustrations
};

const VUM = parseVumThemes(themesData, bundledPictures);
export const VUM_AREAS: readonly VumArea[] = VUM.areas;
export const VUM_THEMES: readonly VumTheme[] = VUM.themes;
export const FUNCTION_LEVELS: readonly FunctionLevel[] = parseContent(functionLevelsSchema, levelsData, 'The funktionsevneniveau scale');
export const GOAL_TYPES: readonly GoalType[] = parseContent(goalTypesSchema, goalTypesData, 'The måltyper');

export interface VumSubthemePlace {
	area: VumArea;
	theme: VumTheme;
	subtheme: VumSubtheme;
}

const areaById = new Map(VUM_AREAS.map((area) => [area.id, area]));
const themeById = new Map(VUM_THEMES.map((theme) => [theme.id, theme]));
const subthemeById = new Map(
	VUM_THEMES.flatMap((theme) =>
		theme.subthemes.map((subtheme) => [subtheme.id, { area: areaById.get(theme.area)!, theme, subtheme }] as const)
	)
);

export function vumTheme(id: string): VumTheme | undefined {
	return themeById.get(id);
}

export function vumArea(id: string): VumArea | undefined {
	return areaById.get(id);
}

/** The sub-theme with its theme and area (the area says whether an adviser's level may be recorded). */
export function vumSubtheme(id: string): VumSubthemePlace | undefined {
	return subthemeById.get(id);
}

export function themeIllustrationUrl(id: string): string | undefined {
	const theme = themeById.get(id);
	return theme && illustrations[`/symbols/themes/${theme.illustration}`];
}
