import { MEETING } from '#lib/content/conversation.ts';
import { CORE_SCALE_ID, scaleById, YES_NO_SCALE_ID } from '#lib/content/scales.ts';
import { vumSubtheme, vumTheme } from '#lib/content/vum.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { rankValue, type PointValue, type RowProvenance, type Series, type SeriesKey } from '#lib/domain/over-time.ts';
import { formatList, locale, t } from '#lib/i18n/index.svelte.ts';
import { plainProvenance } from './summary.ts';

/** The ladder is listed from its lowest step; the other ordered scales from their best point. */
const LISTED_LOWEST_FIRST = new Set(['stige']);
/** The answer board's answers, and a yes or a no, say nothing about better or worse. */
const UNORDERED = new Set([CORE_SCALE_ID, YES_NO_SCALE_ID]);

export const pointValue: PointValue = (scaleId, pointId) => {
	const scale = scaleById(scaleId);
	if (!scale || UNORDERED.has(scaleId)) return undefined;
	const index = scale.points.findIndex((point) => point.id === pointId);
	const value = rankValue(index, scale.points.length);
	return value === undefined ? undefined : LISTED_LOWEST_FIRST.has(scaleId) ? 1 - value : value;
};

export function seriesName(key: SeriesKey): string {
	if (key === 'check-in' || key === 'feedback') return t(`overTime.series.${key}`);
	const themeId = key.slice('theme:'.length);
	return vumTheme(themeId)?.label[locale.language] ?? themeId;
}

/** A line's name as its column and legend show it: marked as a mean when its figures average several questions. */
export function seriesLabel(series: Series): string {
	const name = seriesName(series.key);
	return series.questions.length > 1 ? t('overTime.mean', { name }) : name;
}

/** The question a line's answer answered, as the citizen was asked it. */
function questionName(key: SeriesKey, question: string): string {
	const language = locale.language;
	if (key === 'check-in' || key === 'feedback') {
		const asked = (key === 'check-in' ? MEETING.checkIn : MEETING.feedback).find((item) => item.id === question);
		return asked?.text[language] ?? question;
	}
	if (question === key.slice('theme:'.length)) return seriesName(key);
	return vumSubtheme(question)?.subtheme.label[language] ?? question;
}

/** What a line marked as a mean averages ("»Hvordan var mødet?« er gennemsnittet af …"), or undefined for one question. */
export function seriesMeanNote(series: Series): string | undefined {
	if (series.questions.length < 2) return undefined;
	const questions = series.questions.map((question) => t('overTime.question', { question: questionName(series.key, question) }));
	return t('overTime.meanOf', { name: seriesName(series.key), count: questions.length, questions: formatList(questions) });
}

/** Who gave a row's answers, in the words of the summary ("Karen selv"), or "Flere" when they were given in several ways. */
export function rowWho(row: RowProvenance | undefined, meeting: Meeting, citizen: string): string {
	if (row === undefined) return '–';
	return row === 'mixed' ? t('overTime.by.mixed') : plainProvenance(row, meeting, citizen);
}
