import type { Provenance } from '#lib/domain/answer.ts';
import { findParticipant, type Meeting } from '#lib/domain/meeting.ts';
import { t } from '#lib/i18n/index.svelte.ts';

/** "Formidlet af (Mor Anne)": how an answer's provenance reads in lists, history and status lines. */
export function describeProvenance(provenance: Provenance, meeting: Meeting): string {
	const mode = t(`provenance.${provenance.mode}`);
	const participant = findParticipant(meeting, provenance.participantId);
	if (!participant) return mode;
	return t('provenance.by', { mode, name: `${participant.name}, ${t(`role.${participant.role}`)}` });
}
