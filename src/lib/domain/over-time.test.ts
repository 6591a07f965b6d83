import { describe, expect, it } from 'vitest';
import { answerSubjectSchema, type Answer, type AnswerSubject, type Provenance } from './answer';
import type { Meeting } from './meeting';
import { meetingsShown, OVER_TIME_SUBJECTS, overTimeSeries, rankValue, rowNames, rowProvenance, type PointValue } from './over-time';

const meeting = (id: string, date: string): Meeting => ({
	id,
	citizenId: 'c',
	createdAt: 0,
	date,
	place: '',
	phase: 'opfoelgning',
	participants: []
});
function scaleAnswer(
	id: string,
	meetingId: string,
	subject: AnswerSubject,
	pointId: string,
	status: Answer['status'] = 'active',
	provenance: Provenance = { mode: 'selv' }
): Answer {
	return {
		id,
		meetingId,
		citizenId: 'c',
		createdAt: 1,
		updatedAt: 1,
		subject,
		content: { kind: 'scale', scaleId: 'tre-punkt', pointId, label: pointId },
		provenance,
		status,
		confirmations: [],
		history: []
	};
}
const POINTS = ['godt', 'baade-og', 'ikke-godt'];
const value: PointValue = (scaleId, pointId) => (scaleId === 'tre-punkt' ? rankValue(POINTS.indexOf(pointId), POINTS.length) : undefined);
const checkIn: AnswerSubject = { kind: 'meeting-part', part: 'check-in', itemId: 'check-in-i-dag' };
const feedback: AnswerSubject = { kind: 'meeting-part', part: 'feedback', itemId: 'feedback-lyttede' };
const work: AnswerSubject = { kind: 'vum-theme', themeId: 'arbejde', ffbCode: '00000000-0000-0000-0000-000000000000' };

describe('the over-time series', () => {
	it('follows check-in, feedback and each theme from meeting to meeting, oldest meeting first', () => {
		const meetings = [meeting('m2', '2026-03-01'), meeting('m1', '2026-01-01')];
		const answers = [
			scaleAnswer('a', 'm1', checkIn, 'ikke-godt'),
			scaleAnswer('b', 'm2', checkIn, 'godt'),
			scaleAnswer('c', 'm2', feedback, 'baade-og'),
			scaleAnswer('d', 'm1', work, 'godt'),
			scaleAnswer('e', 'm1', work, 'ikke-godt')
		];
		expect(overTimeSeries(meetings, answers, value)).toEqual([
			{
				key: 'check-in',
				questions: ['check-in-i-dag'],
				points: [
					{ meetingId: 'm1', date: '2026-01-01', value: 0, count: 1 },
					{ meetingId: 'm2', date: '2026-03-01', value: 1, count: 1 }
				]
			},
			{ key: 'feedback', questions: ['feedback-lyttede'], points: [{ meetingId: 'm2', date: '2026-03-01', value: 0.5, count: 1 }] },
			{ key: 'theme:arbejde', questions: ['arbejde'], points: [{ meetingId: 'm1', date: '2026-01-01', value: 0.5, count: 2 }] }
		]);
	});

	it('names the questions a line averages, in the order first answered, so the figure can say what it is a mean of', () => {
		const quality: AnswerSubject = { kind: 'meeting-part', part: 'feedback', itemId: 'feedback-maaden' };
		const job: AnswerSubject = { kind: 'vum-subtheme', themeId: 'arbejde', subthemeId: 'job', ffbCode: work.ffbCode };
		const answers = [
			scaleAnswer('a', 'm1', feedback, 'godt'),
			scaleAnswer('b', 'm1', quality, 'ikke-godt'),
			scaleAnswer('c', 'm2', feedback, 'baade-og'),
			scaleAnswer('d', 'm1', job, 'godt'),
			scaleAnswer('e', 'm2', work, 'godt')
		];
		const series = overTimeSeries([meeting('m1', '2026-01-01'), meeting('m2', '2026-02-01')], answers, value);
		expect(series.map((line) => [line.key, line.questions])).toEqual([
			['feedback', ['feedback-lyttede', 'feedback-maaden']],
			['theme:arbejde', ['job', 'arbejde']]
		]);
		expect(series[0]!.points.map((p) => [p.value, p.count])).toEqual([
			[0.5, 2],
			[0.5, 1]
		]);
	});

	it('counts only active answers on a scale with an order', () => {
		const answers = [
			scaleAnswer('a', 'm1', checkIn, 'godt', 'withdrawn'),
			{ ...scaleAnswer('b', 'm1', checkIn, 'ja'), content: { kind: 'scale' as const, scaleId: 'kerne', pointId: 'ja', label: 'Ja' } },
			scaleAnswer('c', 'm1', { kind: 'core-board' }, 'godt')
		];
		expect(overTimeSeries([meeting('m1', '2026-01-01')], answers, value)).toEqual([]);
	});

	it('places a point from worst (0) to best (1) on a scale listed best first', () => {
		expect([0, 1, 2].map((i) => rankValue(i, 3))).toEqual([1, 0.5, 0]);
		expect(rankValue(-1, 3)).toBeUndefined();
	});
});

describe('what "Over tid" reads (issue 17: only the answers of its own tools)', () => {
	it('makes a series from no answer whose subject kind is outside OVER_TIME_SUBJECTS, and from each kind inside it', () => {
		const network: AnswerSubject = { kind: 'network-person', personId: 'p1', name: 'Lise' };
		const subtheme: AnswerSubject = {
			kind: 'vum-subtheme',
			themeId: 'arbejde',
			subthemeId: 'job',
			ffbCode: '00000000-0000-0000-0000-000000000000'
		};
		const others: AnswerSubject[] = [
			{ kind: 'core-board' },
			{ kind: 'symbol-board' },
			{ kind: 'sheet-item', sheetId: 'trivsel', itemId: 'sovn' },
			{ kind: 'question', deckId: 'chime', questionId: 'q1' },
			{ kind: 'canvas-item', storyId: 's1', itemId: 'i1' },
			{ kind: 'goal', planId: 'p', goalId: 'g' },
			{ kind: 'agreement', planId: 'p', agreementId: 'a' },
			network
		];
		const meetings = [meeting('m1', '2026-01-01')];
		// Every kind of subject is listed once here: a new kind must be placed on one side or the other.
		const kinds = [...others, checkIn, work, subtheme].map((s) => s.kind);
		expect(kinds.sort()).toEqual(answerSubjectSchema.options.map((option) => option.entries.kind.literal).sort());
		for (const subject of others) {
			expect(OVER_TIME_SUBJECTS).not.toContain(subject.kind);
			expect(overTimeSeries(meetings, [scaleAnswer('a', 'm1', subject, 'godt')], value)).toEqual([]);
		}
		for (const subject of [checkIn, work, subtheme]) {
			expect(OVER_TIME_SUBJECTS).toContain(subject.kind);
			expect(overTimeSeries(meetings, [scaleAnswer('a', 'm1', subject, 'godt')], value)).toHaveLength(1);
		}
	});
});

describe('the rows of "Over tid"', () => {
	it('are one per meeting, also for two meetings on one day, each named apart', () => {
		const morning = { ...meeting('b', '2026-04-10'), createdAt: 1 };
		const afternoon = { ...meeting('d', '2026-04-10'), createdAt: 2 };
		const timed = { ...meeting('e', '2026-04-10'), createdAt: 3, time: '15:00' };
		const quiet = meeting('q', '2026-05-01');
		const meetings = [timed, afternoon, quiet, morning];
		const answers = [
			scaleAnswer('1', 'b', checkIn, 'ikke-godt'),
			scaleAnswer('2', 'd', checkIn, 'godt'),
			scaleAnswer('3', 'e', feedback, 'godt')
		];
		const series = overTimeSeries(meetings, answers, value);
		const shown = meetingsShown(meetings, series);
		expect(shown.map((m) => m.id)).toEqual(['b', 'd', 'e']);
		expect(series[0]!.points.map((p) => [p.meetingId, p.value])).toEqual([
			['b', 0],
			['d', 1]
		]);
		const names = rowNames(shown, (m) => (m.time ? `${m.date} ${m.time}` : m.date));
		expect([...names.values()]).toEqual(['2026-04-10', '2026-04-10 (2)', '2026-04-10 15:00']);
	});
});

describe('who answered in each row of "Over tid"', () => {
	it('is the one way every answer shown of the meeting was given, or mixed when they differ', () => {
		const lise: Provenance = { mode: 'formidlet', participantId: 'lise' };
		const answers = [
			scaleAnswer('a', 'm1', checkIn, 'godt'),
			scaleAnswer('b', 'm1', feedback, 'godt'),
			scaleAnswer('c', 'm2', checkIn, 'godt', 'active', lise),
			scaleAnswer('d', 'm2', feedback, 'godt', 'active', lise),
			scaleAnswer('e', 'm3', checkIn, 'godt', 'active', lise),
			scaleAnswer('f', 'm3', feedback, 'godt', 'active', { mode: 'formidlet', participantId: 'ole' }),
			scaleAnswer('g', 'm4', checkIn, 'godt'),
			// Not shown in the row, so they do not make it mixed: withdrawn, on an unordered scale, about another tool.
			scaleAnswer('h', 'm4', checkIn, 'godt', 'withdrawn', lise),
			{
				...scaleAnswer('i', 'm4', checkIn, 'ja', 'active', lise),
				content: { kind: 'scale' as const, scaleId: 'kerne', pointId: 'ja', label: 'Ja' }
			},
			scaleAnswer('j', 'm4', { kind: 'core-board' }, 'godt', 'active', lise)
		];
		expect(Object.fromEntries(rowProvenance(answers, value))).toEqual({
			m1: { mode: 'selv' },
			m2: lise,
			m3: 'mixed',
			m4: { mode: 'selv' }
		});
	});
});
