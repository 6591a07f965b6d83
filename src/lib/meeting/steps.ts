import { AGENDA_STEP_IDS, agendaStepById, type AgendaStepId } from '#lib/content/agenda.ts';
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

// Only the pictures of the meeting's parts, not the address of every symbol (content/symbols.ts): the agenda strip is on
// every meeting step, and the whole set's addresses would be fetched with it. A picture the agenda names that is not in
// this list is caught by steps.test.ts.
const PICTURES = import.meta.glob<string>('/symbols/svg/{hej,snakke,lytte,maal,humoer,plan,telefon}.svg', {
	query: '?url&no-inline',
	import: 'default',
	eager: true
});

export function stepSymbolUrl(step: FlowStep): string | undefined {
	return PICTURES[`/symbols/svg/${isAgendaStep(step) ? agendaStepById(step).symbolId : OWN_SYMBOLS[step]}.svg`];
}
