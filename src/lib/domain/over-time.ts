import type { Answer, AnswerSubjectKind, Provenance } from './answer';
import type { Meeting } from './meeting';

/*
 * "Over tid": how the citizen's scale answers moved from meeting to meeting — the check-in, the
 * meeting feedback, and each VUM theme. One series per line, one point per meeting that has answers
 * for it; a meeting with several answers for a line shows their mean, and the line names the questions
 * it averages, so the view can say so. Only active answers count.
 */

export type SeriesKey = 'check-in' | 'feedback' | `theme:${string}`;

export interface SeriesPoint {
	meetingId: string;
	date: string;
	/** From 0 (the scale's worst point) to 1 (its best); a mean when the meeting had several answers. */
	value: number;
	count: number;
}

export interface Series {
	key: SeriesKey;
	/**
	 * The questions its points average, in the order first answered: a meeting part's item ids ("feedback-lyttede"), a
	 * theme's own id for its card and its sub-themes' ids. More than one means the figures are means of several questions.
	 */
	questions: string[];
	points: SeriesPoint[];
}

/**
 * Where a scale point sits, from 0 (worst) to 1 (best), or undefined for a point that says nothing
 * about better or worse (the core board's "pause", an unknown scale). The caller knows the scales.
 */
export type PointValue = (scaleId: string, pointId: string) => number | undefined;

/** The kinds of subject a series can come from (seriesKeyOf): "Over tid" reads only answers about these. */
export const OVER_TIME_SUBJECTS: readonly AnswerSubjectKind[] = ['meeting-part', 'vum-theme', 'vum-subtheme'];

function seriesKeyOf(answer: Answer): SeriesKey | undefined {
	const subject = answer.subject;
	if (subject.kind === 'meeting-part' && (subject.part === 'check-in' || subject.part === 'feedback')) return subject.part;
	if (subject.kind === 'vum-theme' || subject.kind === 'vum-subtheme') return `theme:${subject.themeId}`;
	return undefined;
}

function questionOf(answer: Answer): string {
	const subject = answer.subject;
	if (subject.kind === 'meeting-part') return subject.itemId ?? subject.part;
	if (subject.kind === 'vum-subtheme') return subject.subthemeId;
	if (subject.kind === 'vum-theme') return subject.themeId;
	return subject.kind;
}

/** The answers "Over tid" shows, each with its line and its value, the oldest first: active scale answers with an order. */
function* counted(answers: readonly Answer[], pointValue: PointValue): Generator<{ answer: Answer; key: SeriesKey; value: number }> {
	for (const answer of [...answers].sort((a, b) => a.createdAt - b.createdAt)) {
		if (answer.status !== 'active' || answer.content.kind !== 'scale') continue;
		const key = seriesKeyOf(answer);
		const value = pointValue(answer.content.scaleId, answer.content.pointId);
		if (key !== undefined && value !== undefined) yield { answer, key, value };
	}
}

/** Who gave a row's answers: the one way all were given, or 'mixed' when they were given in different ways or by different people. */
export type RowProvenance = Provenance | 'mixed';

/** For each meeting with answers shown, who gave them (RowProvenance), so a figure is never read as the citizen's own when relayed. */
export function rowProvenance(answers: readonly Answer[], pointValue: PointValue): Map<string, RowProvenance> {
	const rows = new Map<string, RowProvenance>();
	for (const { answer } of counted(answers, pointValue)) {
		const seen = rows.get(answer.meetingId);
		const { mode, participantId } = answer.provenance;
		const same = seen === undefined || (seen !== 'mixed' && seen.mode === mode && seen.participantId === participantId);
		rows.set(answer.meetingId, same ? (seen ?? answer.provenance) : 'mixed');
	}
	return rows;
}

const oldestFirst = (a: Meeting, b: Meeting) => a.date.localeCompare(b.date) || a.createdAt - b.createdAt;

/**
 * The meetings with a point on any line, oldest first: one row of the table and one place on the chart each. Keyed by
 * date, two meetings on one day were one row, with only the first meeting's answers.
 */
export function meetingsShown(meetings: readonly Meeting[], series: readonly Series[]): Meeting[] {
	const ids = new Set(series.flatMap((line) => line.points.map((point) => point.meetingId)));
	return meetings.filter((meeting) => ids.has(meeting.id)).sort(oldestFirst);
}

/**
 * Each meeting's name in the table: its day (and time, `when`); a second meeting with the same name gets its number
 * after it, so no two rows read alike.
 */
export function rowNames(meetings: readonly Meeting[], when: (meeting: Meeting) => string): Map<string, string> {
	const seen = new Map<string, number>();
	return new Map(
		meetings.map((meeting) => {
			const name = when(meeting);
			const nth = (seen.get(name) ?? 0) + 1;
			seen.set(name, nth);
			return [meeting.id, nth > 1 ? `${name} (${nth})` : name];
		})
	);
}

/** Meetings oldest first; the series come back in the order of their first point, check-in and feedback first. */
export function overTimeSeries(meetings: readonly Meeting[], answers: readonly Answer[], pointValue: PointValue): Series[] {
	const ordered = [...meetings].sort(oldestFirst);
	const sums = new Map<SeriesKey, Map<string, { sum: number; count: number }>>();
	const questions = new Map<SeriesKey, Set<string>>();
	for (const { answer, key, value } of counted(answers, pointValue)) {
		const perMeeting = sums.get(key) ?? new Map<string, { sum: number; count: number }>();
		const entry = perMeeting.get(answer.meetingId) ?? { sum: 0, count: 0 };
		perMeeting.set(answer.meetingId, { sum: entry.sum + value, count: entry.count + 1 });
		sums.set(key, perMeeting);
		questions.set(key, (questions.get(key) ?? new Set<string>()).add(questionOf(answer)));
	}
	const rank = (key: SeriesKey) => (key === 'check-in' ? 0 : key === 'feedback' ? 1 : 2);
	return [...sums.entries()]
		.map(([key, perMeeting]) => ({
			key,
			questions: [...(questions.get(key) ?? [])],
			points: ordered.flatMap((meeting) => {
				const entry = perMeeting.get(meeting.id);
				return entry ? [{ meetingId: meeting.id, date: meeting.date, value: entry.sum / entry.count, count: entry.count }] : [];
			})
		}))
		.filter((series) => series.points.length > 0)
		.sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

/** A point's place on a scale of `size` points listed best first, as 0 (worst) to 1 (best). */
export function rankValue(index: number, size: number): number | undefined {
	if (index < 0 || size < 2) return undefined;
	return (size - 1 - index) / (size - 1);
}
