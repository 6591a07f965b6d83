import { AGENDA_STEP_IDS, agendaStepById, type AgendaStepId } from '#lib/content/agenda.ts';
import { symbolUrl } from '#lib/content/symbols.ts';
import type { FlowStep } from '#lib/domain/meeting-flow.ts';
import { locale, t } from '#lib/i18n/index.svelte.ts';

/* The words and pictures of the meeting's parts: the agenda's from the content, the two others from the dictionaries. */

function isAgendaStep(step: FlowStep): step is AgendaStepId {
	return (AGENDA_STEP_IDS as readonly string[]).includes(step);
}

export function stepLabel(step: FlowStep): string {
	return isAgendaStep(step) ? agendaStepById(step).label[locale.language] : t(`flow.step.${step}`);
}

export function stepHint(step: FlowStep): string {
	return isAgendaStep(step) ? agendaStepById(step).hint[locale.language] : t(`flow.hint.${step}`);
}

const OWN_SYMBOLS: Record<Exclude<FlowStep, AgendaStepId>, string> = { forberedelse: 'plan', kontakt: 'telefon' };

export function stepSymbolUrl(step: FlowStep): string | undefined {
	return symbolUrl(isAgendaStep(step) ? agendaStepById(step).symbolId : OWN_SYMBOLS[step]);
}
