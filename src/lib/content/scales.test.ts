import { existsSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CORE_ANSWERS, isCallForAction, NO_ANSWER_REASONS } from '#lib/domain/answer.ts';
import data from './scales.json';
import {
	CORE_SCALE_ID,
	DEFAULT_SORTING_SCALE_ID,
	NO_ANSWER_STATES,
	SCALES,
	scaleById,
	scalesFileSchema,
	YES_NO_SCALE_ID
} from './scales.ts';
import { symbolById } from './symbol-set.ts';

describe('scales', () => {
	it('hold the answer board, three-point, five-face and ladder scales, each point with a label in both languages', () => {
		expect(SCALES.map((s) => s.id)).toEqual(expect.arrayContaining([CORE_SCALE_ID, DEFAULT_SORTING_SCALE_ID, 'ansigter', 'stige']));
		expect(scaleById('ansigter')?.points).toHaveLength(5);
		expect(scaleById('stige')?.points).toHaveLength(5);
		expect(scaleById(DEFAULT_SORTING_SCALE_ID)?.points.map((p) => p.label.da)).toEqual(['Godt', 'Både og', 'Ikke godt']);
	});

	it('give the answer board exactly the core answers, in order', () => {
		expect(scaleById(CORE_SCALE_ID)?.points.map((p) => p.id)).toEqual([...CORE_ANSWERS]);
	});

	it("give a yes/no question the answer board's ja, nej and ved ikke, without its signals", () => {
		const board = scaleById(CORE_SCALE_ID)!.points.filter((point) => !isCallForAction(point.id));
		expect(board.map((point) => point.id)).toEqual(['ja', 'nej', 'ved-ikke']);
		expect(scaleById(YES_NO_SCALE_ID)?.points).toEqual(board);
	});

	it('use pictures that exist in the symbol set', () => {
		const ids = [...SCALES.flatMap((s) => s.points.map((p) => p.symbolId)), ...NO_ANSWER_STATES.map((s) => s.symbolId)].filter(
			(id): id is string => id !== undefined
		);
		for (const id of ids) {
			expect(symbolById(id), id).toBeDefined();
			expect(existsSync(new URL(`../../../symbols/svg/${id}.svg`, import.meta.url)), id).toBe(true);
		}
		expect(NO_ANSWER_STATES.map((s) => s.id).sort()).toEqual([...NO_ANSWER_REASONS].sort());
	});

	it('refuse a file with a missing English label or two points with the same id', () => {
		const copy = structuredClone(data);
		delete (copy.scales[1]!.points[0]!.label as { en?: string }).en;
		expect(v.safeParse(scalesFileSchema, copy).success).toBe(false);
		const twice = structuredClone(data);
		twice.scales[1]!.points[1]!.id = twice.scales[1]!.points[0]!.id;
		expect(v.safeParse(scalesFileSchema, twice).success).toBe(false);
		expect(v.safeParse(scalesFileSchema, data).success).toBe(true);
	});
});
