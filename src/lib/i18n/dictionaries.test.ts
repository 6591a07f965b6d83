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

	it('start the names of the answer buttons with the words they show (WCAG 2.5.3: a spoken command finds them)', () => {
		// [the button's accessible name, the text it shows]: the answer list (AnswerList) and "Har vi forstået dig?" (SummaryStep).
		const pairs = [
			['answers.correct', 'answers.correctShort'],
			['answers.undo', 'answers.undoShort'],
			['answers.restore', 'answers.restoreShort'],
			['summary.confirm', 'summary.confirmShort'],
			['summary.correct', 'answers.correctShort'],
			['summary.withdraw', 'answers.undoShort'],
			['summary.restore', 'answers.restoreShort']
		] as const;
		for (const words of [da, en])
			for (const [name, shown] of pairs) expect(words[name].toLowerCase(), name).toMatch(new RegExp(`^${words[shown].toLowerCase()}`));
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
		// Slots at either end, twice, side by side; a value is put in as it is, never read as a template of its own.
		expect(format('{a} og {b}{a}', { a: 'Anna', b: '{a} $&' })).toBe('Anna og {a} $&Anna');
		expect(format('Ingen pladser', { a: 'x' })).toBe('Ingen pladser');
		expect(format('{n}', { n: 0 })).toBe('0');
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

	it('use one word per secret: «adgangssætning» for the team passphrase, «kodeord» only for a backup copy', () => {
		const texts = (dictionary: Record<string, string>) => Object.entries(dictionary);
		for (const [key, text] of texts(da)) {
			expect(text, key).not.toMatch(/adgangsfrase|løsen/i);
			if (/kodeord/i.test(text))
				expect(key.startsWith('backup.') || /kopi/i.test(text), `${key} uses «kodeord» outside the backup`).toBe(true);
			// The same advice everywhere: five random words, as «Foreslå fem ord» suggests.
			expect(text, key).not.toMatch(/fire (tilfældige )?ord/i);
		}
		for (const [key, text] of texts(en)) {
			if (/password/i.test(text))
				expect(key.startsWith('backup.') || /cop(y|ies)|backup/i.test(text), `${key} uses "password" outside the backup`).toBe(true);
			expect(text, key).not.toMatch(/four (random )?words/i);
		}
		expect(da['backup.passphrase']).toMatch(/kodeord/i);
		expect(da['lock.changePassphrase']).toMatch(/adgangssætning/i);
	});

	it('speak to the people at the table by name and in everyday words', () => {
		// The citizen sits there: a call for action names them instead of saying «Borgeren».
		for (const key of Object.keys(da).filter((k) => k.startsWith('attention.')) as Array<keyof typeof da>) {
			expect(da[key], key).toMatch(/^\{name\} /);
			expect(en[key], key).toMatch(/^\{name\} /);
		}
		for (const text of Object.values(da)) expect(text).not.toMatch(/Stop emnet/i);
		// What the citizen and the family read has no case-work words; the adviser's lists keep them.
		for (const role of PARTICIPANT_ROLES) expect(da[`role.plain.${role}`], role).not.toMatch(/udfører/i);
		for (const phase of CASE_PHASES) {
			expect(da[`phase.plain.${phase}`], phase).not.toContain(da[`phase.${phase}`]);
			expect(da[`phase.plain.${phase}`], phase).toMatch(/\bdu\b|\bdin\b/);
		}
		// A participant who stays because an answer names them is told as information, not as a failure.
		expect(da['meeting.participant.stays']).not.toMatch(/kan ikke|fejl/i);
	});

	it('no text counts with a bracketed plural', () => {
		for (const [key, text] of [...Object.entries(da), ...Object.entries(en)]) expect(text, key).not.toMatch(/\w\((e|r|s|er)\)/);
	});
});
