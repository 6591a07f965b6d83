import * as v from 'valibot';
import data from './story-templates.json';
import { contentId, localizedText, parseContent } from './schema.ts';

/*
 * Story templates are data: a canvas size and labelled areas in canvas units, each with calm colours
 * and one of our own drawn motifs. A municipality can add a layout (e.g. three columns) here without code.
 */

/** The motifs the story's illustration can draw in an area's corner (src/lib/story/AreaMotif.svelte). */
export const STORY_MOTIFS = ['sol', 'hjerte', 'sten', 'haender', 'skridt', 'sky'] as const;
export type StoryMotif = (typeof STORY_MOTIFS)[number];

const colour = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'colour: #rrggbb'));
const unit = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000));
/** An area must hold at least one item of the smallest size with room around it. */
const side = v.pipe(v.number(), v.integer(), v.minValue(160), v.maxValue(10_000));

const areaSchema = v.strictObject({
	id: contentId,
	label: localizedText,
	x: unit,
	y: unit,
	w: side,
	h: side,
	fill: colour,
	stroke: colour,
	motif: v.picklist(STORY_MOTIFS)
});

type Area = v.InferOutput<typeof areaSchema>;
const overlap = (a: Area, b: Area) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const templateSchema = v.pipe(
	v.strictObject({
		id: contentId,
		name: localizedText,
		width: side,
		height: side,
		areas: v.pipe(v.array(areaSchema), v.minLength(1), v.maxLength(12))
	}),
	v.check((t) => new Set(t.areas.map((a) => a.id)).size === t.areas.length, 'area ids must be unique within a template'),
	v.check((t) => t.areas.every((a) => a.x + a.w <= t.width && a.y + a.h <= t.height), 'every area lies inside the canvas'),
	v.check((t) => t.areas.every((a, i) => t.areas.slice(i + 1).every((b) => !overlap(a, b))), 'areas must not overlap')
);

export const storyTemplatesFileSchema = v.pipe(
	v.strictObject({ defaultTemplateId: contentId, templates: v.pipe(v.array(templateSchema), v.minLength(1)) }),
	v.check((file) => new Set(file.templates.map((t) => t.id)).size === file.templates.length, 'template ids must be unique'),
	v.check((file) => file.templates.some((t) => t.id === file.defaultTemplateId), 'the default template is one of the templates')
);

export type StoryTemplate = v.InferOutput<typeof templateSchema>;
export type StoryTemplateArea = StoryTemplate['areas'][number];

const file = parseContent(storyTemplatesFileSchema, data, 'story-templates.json');

export const STORY_TEMPLATES: readonly StoryTemplate[] = file.templates;

export function storyTemplate(id: string | undefined): StoryTemplate {
	return file.templates.find((t) => t.id === id) ?? file.templates.find((t) => t.id === file.defaultTemplateId)!;
}
