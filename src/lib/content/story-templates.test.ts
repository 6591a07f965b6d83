import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import data from './story-templates.json';
import { AREA_LABEL_FONT, AREA_LABEL_INSET, AREA_PADDING, areaLabelBox, freeSpotIn, type Rect } from '#lib/domain/story.ts';
import { textEm } from '#lib/domain/label-width.ts';
import { STORY_TEMPLATES, storyTemplate, storyTemplatesFileSchema } from './story-templates.ts';

describe('story templates', () => {
	it('hold the default story with its five areas, and a three-column example', () => {
		expect(storyTemplate(undefined).areas.map((a) => a.label.da)).toEqual([
			'Mine håb, ønsker og drømme',
			'Det gør mit liv bedre',
			'Det står i vejen',
			'Det kan hjælpe mig – og hvem kan hjælpe',
			'Næste lille skridt'
		]);
		expect(storyTemplate('tre-spalter').areas).toHaveLength(3);
		expect(storyTemplate('findes-ikke').id).toBe('min-historie');
		expect(STORY_TEMPLATES.length).toBeGreaterThanOrEqual(2);
	});

	it('have labels that fit their area on one line, as the canvas and the PDF draw them (cut short with … otherwise)', () => {
		for (const area of STORY_TEMPLATES.flatMap((template) => template.areas)) {
			for (const label of [area.label.da, area.label.en]) {
				// The label's chip adds 0.3 em each side.
				expect((textEm(label) + 0.6) * AREA_LABEL_FONT, label).toBeLessThanOrEqual(area.w - 2 * AREA_LABEL_INSET);
			}
		}
	});

	it('keep every new item off its area’s label while there is room, and a full area stacks below the label', () => {
		// The sizes items start at (editor.svelte.ts), in turn.
		const sizes = [
			{ w: 150, h: 170 },
			{ w: 260, h: 130 },
			{ w: 220, h: 180 },
			{ w: 190, h: 120 },
			{ w: 200, h: 200 }
		];
		const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
		for (const area of STORY_TEMPLATES.flatMap((template) => template.areas)) {
			const label = areaLabelBox(area);
			const placed: Rect[] = [];
			// Filled until a spot lands on an item already there: the area is full, and that one stacks.
			for (let i = 0; i < 60; i++) {
				const spot = freeSpotIn(area, placed, sizes[i % sizes.length]!);
				expect(overlap(spot, label), `${area.id} item ${i}`).toBe(false);
				expect(spot.y + spot.h, area.id).toBeLessThanOrEqual(area.y + area.h - AREA_PADDING + 0.001);
				if (placed.some((other) => overlap(spot, other))) break;
				placed.push(spot);
			}
			expect(placed.length, area.id).toBeGreaterThan(1);
		}
	});

	it('refuse overlapping areas, an area outside the canvas, duplicate ids and an unknown default', () => {
		const problems = (change: (file: typeof data) => void) => {
			const file = structuredClone(data);
			change(file);
			return v.safeParse(storyTemplatesFileSchema, file).issues?.map((i) => i.message) ?? [];
		};
		expect(problems(() => {})).toEqual([]);
		expect(problems((f) => (f.templates[0]!.areas[1]!.x = 400))).toContain('areas must not overlap');
		expect(problems((f) => (f.templates[0]!.areas[4]!.w = 900))).toContain('every area lies inside the canvas');
		expect(problems((f) => (f.templates[1]!.areas[1]!.id = 'gaar-godt'))).toContain('area ids must be unique within a template');
		expect(problems((f) => (f.defaultTemplateId = 'ingen'))).toContain('the default template is one of the templates');
		expect(problems((f) => (f.templates[0]!.areas[0]!.label.en = ' '))).toContain('text must not be empty');
		expect(problems((f) => (f.templates[0]!.areas[0]!.motif = 'kat'))).not.toEqual([]);
	});
});
