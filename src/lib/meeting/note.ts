import { draftNote, type NoteSentence } from '#lib/domain/note-draft.ts';
import type { Answer } from '#lib/domain/answer.ts';
import { findParticipant, type Meeting } from '#lib/domain/meeting.ts';
import type { Plan } from '#lib/domain/plan.ts';
import { describeContent } from '#lib/answers/describe.ts';
import { locale, t } from '#lib/i18n/index.svelte.ts';
import { summaryGroup, summaryQuestion } from './summary.ts';

/** The du-form draft of the meeting's note in the language shown, every sentence with its answers. */
export function meetingNoteDraft(meeting: Meeting, answers: readonly Answer[], plan: Plan | undefined): NoteSentence[] {
	const list = new Intl.ListFormat(locale.dateLocale, { type: 'conjunction' });
	return draftNote(
		{ answers, plan },
		{
			// The topic is quoted as its heading reads ("Hvordan går det?"): lower-cased inside a sentence it read
			// "Du fortalte om hvordan går det?: godt."
			topic: (answer) => summaryGroup(answer.subject),
			question: (answer) => summaryQuestion(answer.subject),
			content: (answer) => describeContent(answer.content).toLocaleLowerCase(locale.dateLocale),
			person: (answer) => findParticipant(meeting, answer.provenance.participantId)?.name,
			list: (items) => list.format(items),
			told: (topic, answersSaid) => t('note.told', { topic, answers: answersSaid }),
			supported: (person, topic, answersSaid) => t('note.supported', { person, topic, answers: answersSaid }),
			relayed: (person, topic, answersSaid) => t('note.relayed', { person, topic, answers: answersSaid }),
			observed: (person, topic, answersSaid) =>
				person ? t('note.observedBy', { person, topic, answers: answersSaid }) : t('note.observed', { topic, answers: answersSaid }),
			quote: (text) => t('note.quote', { text }),
			goal: (goal, view) => [t('note.goal', { goal: goal.text }), ...(view ? [view] : [])].join(' '),
			agreement: (agreement, view) => {
				const who = agreement.who.map((owner) => owner.name);
				// English verbs agree with the number of people ("Lise does it", "Lise and Ole do it"); Danish has one form.
				const count = who.length === 0 ? 'nobody' : who.length === 1 ? 'one' : 'several';
				return [
					t(`note.agreement.${count}`, { what: agreement.what, who: list.format(who), when: agreement.when }),
					...(view ? [view] : [])
				].join(' ');
			},
			view: (answer, person) => {
				const view = describeContent(answer.content).toLocaleLowerCase(locale.dateLocale);
				const about = t(answer.subject.kind === 'goal' ? 'note.about.goal' : 'note.about.agreement');
				const { mode } = answer.provenance;
				if (mode === 'med-stoette' && person) return t('note.viewSupported', { person, about, view });
				if (mode === 'formidlet' && person) return t('note.viewRelayed', { person, about, view });
				if (mode === 'observeret')
					return person ? t('note.viewObservedBy', { person, about, view }) : t('note.viewObserved', { about, view });
				return t('note.view', { about, view });
			}
		}
	);
}
