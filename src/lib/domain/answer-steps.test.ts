import { describe, expect, it } from 'vitest';
import { createAnswer, withdrawAnswer, type AnswerContent, type AnswerSubject } from './answer';
import { answersAbout, singleAnswerStep, subjectKey, toggleStep } from './answer-steps';
import type { Meeting } from './meeting';

const meeting: Meeting = { id: 'm1', citizenId: 'c1', createdAt: 0, date: '2026-12-02', place: '', phase: 'opfoelgning', participants: [] };
const item: AnswerSubject = { kind: 'sheet-item', sheetId: 'trivsel', itemId: 'trivsel-lige-nu' };
const other: AnswerSubject = { kind: 'sheet-item', sheetId: 'trivsel', itemId: 'trivsel-glad' };
const good: AnswerContent = { kind: 'scale', scaleId: 'ansigter', pointId: 'godt', label: 'Godt' };
const bad: AnswerContent = { kind: 'scale', scaleId: 'ansigter', pointId: 'skidt', label: 'Skidt' };
const answer = (id: string, subject: AnswerSubject, content: AnswerContent, at = 1) =>
	createAnswer({ id, meeting, subject, content, provenance: { mode: 'selv' }, at });

describe('answer steps', () => {
	it('know a subject by its fields, whatever their order', () => {
		expect(subjectKey({ itemId: 'a', kind: 'sheet-item', sheetId: 's' } as AnswerSubject)).toBe(
			subjectKey({ kind: 'sheet-item', sheetId: 's', itemId: 'a' })
		);
		expect(answersAbout([answer('a1', item, good), answer('a2', other, good)], item).map((a) => a.id)).toEqual(['a1']);
	});

	it('store the first point of a scale, correct it with another, and leave it alone for the same point', () => {
		expect(singleAnswerStep([], item, good, ['scale', 'no-answer'])).toEqual({ kind: 'record', subject: item, content: good });
		const stored = [answer('a1', item, bad)];
		expect(singleAnswerStep(stored, item, good, ['scale', 'no-answer'])).toEqual({ kind: 'correct', answerId: 'a1', content: good });
		// The same point seen in English is the same answer.
		expect(singleAnswerStep(stored, item, { ...bad, label: 'Bad' }, ['scale', 'no-answer'])).toBeUndefined();
		// "Vil ikke svare" replaces the point, so the question still has one answer.
		const none: AnswerContent = { kind: 'no-answer', reason: 'vil-ikke-svare' };
		expect(singleAnswerStep(stored, item, none, ['scale', 'no-answer'])).toMatchObject({ kind: 'correct', answerId: 'a1' });
		// A withdrawn answer, or one of another kind or subject, is not corrected.
		expect(singleAnswerStep([withdrawAnswer(stored[0]!, 2)], item, good, ['scale'])?.kind).toBe('record');
		expect(singleAnswerStep([answer('a2', item, { kind: 'text', text: 'fint' })], item, good, ['scale'])?.kind).toBe('record');
		expect(singleAnswerStep([answer('a3', other, bad)], item, good, ['scale'])?.kind).toBe('record');
	});

	it('turn a mark on once, off by withdrawing it, and on again by restoring the same answer', () => {
		const mark: AnswerContent = { kind: 'mark', mark: 'vigtigt' };
		expect(toggleStep([], item, mark, true)).toEqual({ kind: 'record', subject: item, content: mark });
		expect(toggleStep([], item, mark, false)).toBeUndefined();
		const on = answer('m1', item, mark);
		expect(toggleStep([on], item, mark, true)).toBeUndefined();
		expect(toggleStep([on], item, mark, false)).toEqual({ kind: 'withdraw', answerId: 'm1' });
		expect(toggleStep([withdrawAnswer(on, 2)], item, mark, true)).toEqual({ kind: 'restore', answerId: 'm1' });
	});
});
