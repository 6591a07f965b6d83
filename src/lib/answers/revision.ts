import { describeContent } from './describe.ts';
import type { AnswerRevision } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { translate, type Language } from '#lib/i18n/translate.ts';
import { describeProvenance } from '#lib/provenance/describe.ts';

/**
 * An earlier state of an answer in words, as the answer list's history and the case file give it, `time` being when it was
 * replaced: what was answered and by whom, who had confirmed it, and its note then. A correction of the note alone read as
 * one that changed nothing, and that the citizen had confirmed an answer someone later changed was nowhere.
 */
export function describeRevision(revision: AnswerRevision, meeting: Meeting, time: string, language: Language): string {
	const confirmers = (revision.confirmations ?? []).map((c) => describeProvenance(c.provenance, meeting, language));
	return [
		translate(language, `answers.history.${revision.change}`, {
			time,
			answer: describeContent(revision.content, language),
			provenance: describeProvenance(revision.provenance, meeting, language)
		}),
		...(confirmers.length > 0
			? [
					translate(language, 'answers.historyConfirmed', {
						provenance: new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(confirmers)
					})
				]
			: []),
		...(revision.note ? [translate(language, 'answers.historyNote', { note: revision.note })] : [])
	].join('. ');
}
