import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import data from './story-templates.json';
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
