import { CORE_SCALE_ID, scaleById, YES_NO_SCALE_ID } from '#lib/content/scales.ts';
import { vumTheme } from '#lib/content/vum.ts';
import { rankValue, type PointValue, type SeriesKey } from '#lib/domain/over-time.ts';
import { locale, t } from '#lib/i18n/index.svelte.ts';

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
