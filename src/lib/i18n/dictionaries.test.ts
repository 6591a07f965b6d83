import { describe, expect, it } from 'vitest';
import { MARKS, PROVENANCE_MODES, type AnswerSubjectKind } from '#lib/domain/answer.ts';
import { CASE_PHASES, PARTICIPANT_ROLES } from '#lib/domain/meeting.ts';
import { da } from './da.ts';
import { en } from './en.ts';
import { countOf, format, formatDecimal, formatList } from './index.svelte.ts';

describe('dictionaries', () => {
	it('have the same keys in English as in Danish, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
		for (const [key, text] of [...Object.entries(da), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
	});

	it('use the same placeholders in both languages', () => {
		const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(da) as Array<keyof typeof da>) expect(placeholders(en[key]), key).toEqual(placeholders(da[key]));
	});

	it('name every provenance mode, role, phase, answer subject and mark', () => {
		const subjects: Record<AnswerSubjectKind, true> = {
			'core-board': true,
			'symbol-board': true,
			'vum-theme': true,
			'vum-subtheme': true,
			'sheet-item': true,
			question: true,
			'canvas-item': true,
			goal: true,
			agreement: true,
			'meeting-part': true,
			'network-person': true
		};
		const keys = [
			...Object.keys(subjects).map((v) => `subject.${v}`),
			...PROVENANCE_MODES.map((v) => `provenance.${v}`),
			...PARTICIPANT_ROLES.map((v) => `role.${v}`),
			...CASE_PHASES.map((v) => `phase.${v}`),
			...MARKS.map((v) => `content.${v}`)
		];
		for (const key of keys) expect(Object.keys(da)).toContain(key);
	});

	it('fill placeholders and leave unknown ones visible', () => {
		expect(format('Slet {name}?', { name: 'Anna' })).toBe('Slet Anna?');
		expect(format('Slet {name}?')).toBe('Slet {name}?');
	});

	it('count in proper Danish, without "(r)"', () => {
		expect([countOf('photo', 1), countOf('photo', 3), countOf('photo', 0)]).toEqual(['1 foto', '3 fotos', '0 fotos']);
		expect([countOf('recording', 1), countOf('recording', 2)]).toEqual(['1 lydoptagelse', '2 lydoptagelser']);
		expect(formatList(['3 fotos', '2 lydoptagelser'])).toBe('3 fotos og 2 lydoptagelser');
		expect([countOf('correction', 1), countOf('correction', 2), countOf('board', 1), countOf('citizen', 0)]).toEqual([
			'Rettet 1 gang',
			'Rettet 2 gange',
			'1 tavle',
			'0 borgere'
		]);
		expect([formatDecimal(0.8), formatDecimal(1)]).toEqual(['0,8', '1']);
	});

	it('no text counts with a bracketed plural', () => {
		for (const [key, text] of [...Object.entries(da), ...Object.entries(en)]) expect(text, key).not.toMatch(/\w\((e|r|s|er)\)/);
	});
});
