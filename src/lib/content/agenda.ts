import * as v from 'valibot';
import { contentId, exactIds, localizedText, parseContent } from './schema.ts';
import agendaData from './conversation/agenda.json';

/*
 * The meeting's agenda: the parts shown on every meeting step (the agenda strip, the step's heading). Apart from the rest
 * of the conversation content (conversation.ts: question cards, sheets, check-in, feedback …), so a meeting opens
 * without fetching and checking the content of parts it does not show.
 */

export const AGENDA_STEP_IDS = ['check-in', 'emner', 'opsummering', 'maal-og-aftaler', 'feedback'] as const;
export type AgendaStepId = (typeof AGENDA_STEP_IDS)[number];

const agendaFile = v.strictObject({
	agenda: exactIds(
		v.strictObject({ id: v.picklist(AGENDA_STEP_IDS), label: localizedText, hint: localizedText, symbolId: contentId }),
		AGENDA_STEP_IDS
	)
});
export type AgendaFile = v.InferOutput<typeof agendaFile>;
export type AgendaStep = AgendaFile['agenda'][number];

export const parseAgenda = (data: unknown): AgendaFile => parseContent(agendaFile, data, 'agenda.json');

export const AGENDA = parseAgenda(agendaData).agenda;

export function agendaStepById(id: AgendaStepId): AgendaStep {
	return AGENDA.find((step) => step.id === id)!;
}
