import { assertNever, type AnswerContent, type AnswerSubject, type Provenance } from '#lib/domain/answer.ts';
import { findParticipant, type Meeting } from '#lib/domain/meeting.ts';
import { coreAnswerLabel, noAnswerLabel } from '#lib/content/scales.ts';
import { locale, t } from '#lib/i18n/index.svelte.ts';

/** "Formidlet af (Mor Anne)": how an answer's provenance reads in lists, history and status lines. */
export function describeProvenance(provenance: Provenance, meeting: Meeting): string {
	const mode = t(`provenance.${provenance.mode}`);
	const participant = findParticipant(meeting, provenance.participantId);
	if (!participant) return mode;
	return t('provenance.by', { mode, name: `${participant.name}, ${t(`role.${participant.role}`)}` });
}

/** How what was expressed reads in lists: the answer's words, a message word by word, a scale point as seen. */
export function describeContent(content: AnswerContent): string {
	switch (content.kind) {
		case 'core':
			return coreAnswerLabel(content.value, locale.language);
		case 'message':
			return content.items.map((item) => item.label).join(' ');
		case 'scale':
		case 'placement':
			return content.label;
		case 'no-answer':
			return noAnswerLabel(content.reason, locale.language);
		case 'mark':
			return t(`content.${content.mark}`);
		case 'text':
			return content.quote ? t('content.quote', { text: content.text }) : content.text;
		case 'photo':
		case 'recording':
		case 'drawing':
			return t(`content.${content.kind}`);
		default:
			return assertNever(content);
	}
}

/** What an answer is about, as a heading for it ("Svartavlen", "Symboltavle"); tools add their own names. */
export function describeSubject(subject: AnswerSubject): string {
	return t(`subject.${subject.kind}`);
}
