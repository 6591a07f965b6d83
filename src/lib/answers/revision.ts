import { describeContent } from './describe.ts';
import type { Answer, AnswerRevision } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { translate, type Language } from '#lib/i18n/translate.ts';
import { describeProvenance } from '#lib/provenance/describe.ts';

/**
 * An earlier state of an answer in words, as the answer list's history and the case file give it, `time` being when it was
 * replaced: what was answered and by whom, who had confirmed it, and its note then. A correction of the note alone read as
 * one that changed nothing, and that the citizen had confirmed an answer someone later changed was nowhere. A withdrawal or
 * a restore never changes the note, so the state after it gives the same note: said again, it read as a note that changed.
 * Last, who withdrew or restored it: "Fortrudt kl. 10.05" alone did not say who had said "that is not what I meant".
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
		...(revision.note && revision.change === 'corrected' ? [translate(language, 'answers.historyNote', { note: revision.note })] : []),
		...changerOf(revision, meeting, language)
	].join('. ');
}

/** Who withdrew or restored: someone at the table and how, or the adviser. A record from before it was kept says nothing. */
function changerOf({ change, changedBy }: AnswerRevision, meeting: Meeting, language: Language): string[] {
	if (!changedBy || change === 'corrected') return [];
	if (changedBy.kind === 'adviser') return [translate(language, `answers.historyByAdviser.${change}`)];
	return [translate(language, `answers.historyBy.${change}`, { provenance: describeProvenance(changedBy.provenance, meeting, language) })];
}

/**
 * What became of an answer, in the order it happened, for the case file: every earlier state as it was corrected, withdrawn
 * or restored (what was answered, by whom and how, who had confirmed it), then who confirmed it as it stands. `timeOf` words
 * a moment as the document does. Only corrections were told once: an answer confirmed with "Rigtigt" and then withdrawn read
 * "Fortrudt" alone, so the filed document no longer said what had been answered and confirmed, nor when it was taken back.
 */
export function describeAnswerHistory(answer: Answer, meeting: Meeting, timeOf: (at: number) => string, language: Language): string[] {
	// A withdrawn answer's last earlier state tells that it was withdrawn, and when; a record whose history does not tell it
	// is still marked as withdrawn.
	const untold = answer.status === 'withdrawn' && answer.history.at(-1)?.change !== 'withdrawn';
	return [
		...answer.history.map((revision) => describeRevision(revision, meeting, timeOf(revision.replacedAt), language)),
		...(untold ? [translate(language, 'answers.withdrawn')] : []),
		...answer.confirmations.map((c) =>
			translate(language, 'answers.confirmedBy', { provenance: describeProvenance(c.provenance, meeting, language) })
		)
	];
}
