import type { AnswerSubjectKind } from './answer';

/*
 * The meeting's flow as a small state machine: the parts of a meeting in their usual order, which
 * part the table is at now, which were done or skipped, and whether the citizen asked for a pause.
 * Nothing is forced: any part can be opened at any time, skipped, or opened again. The part shown is
 * kept in the page's address (`&trin=`), so a reload or the back button lands in the same part.
 */

/** Before the meeting (`forberedelse`), then the agenda of the meeting itself. */
export const FLOW_STEPS = ['forberedelse', 'check-in', 'emner', 'kontakt', 'opsummering', 'maal-og-aftaler', 'feedback'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

/** Where a meeting opens when its address names no part: the check-in, since preparation happens before. */
export const FIRST_MEETING_STEP: FlowStep = 'check-in';

export interface FlowState {
	step: FlowStep;
	done: readonly FlowStep[];
	skipped: readonly FlowStep[];
	paused: boolean;
}

export type FlowEvent =
	{ type: 'go'; step: FlowStep } | { type: 'next' } | { type: 'back' } | { type: 'skip' } | { type: 'pause' } | { type: 'resume' };

export function isFlowStep(value: string): value is FlowStep {
	return (FLOW_STEPS as readonly string[]).includes(value);
}

/** The part an address names; an unknown or missing name opens the meeting's first part. */
export function stepFromParam(value: string | null | undefined): FlowStep {
	return value && isFlowStep(value) ? value : FIRST_MEETING_STEP;
}

export function startFlow(step: FlowStep = FIRST_MEETING_STEP): FlowState {
	return { step, done: [], skipped: [], paused: false };
}

const without = (list: readonly FlowStep[], step: FlowStep) => list.filter((s) => s !== step);
const adding = (list: readonly FlowStep[], step: FlowStep) => (list.includes(step) ? list : [...list, step]);

function neighbour(step: FlowStep, by: 1 | -1): FlowStep {
	const index = FLOW_STEPS.indexOf(step) + by;
	return FLOW_STEPS[Math.min(Math.max(index, 0), FLOW_STEPS.length - 1)]!;
}

/**
 * The next state. Moving on marks the part left as done, skipping marks it as skipped (doing it
 * later clears that), and a pause keeps the part: the meeting goes on where it stopped. Opening any
 * part also ends a pause, since nothing waits behind it.
 */
export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
	switch (event.type) {
		case 'pause':
			return { ...state, paused: true };
		case 'resume':
			return { ...state, paused: false };
		case 'go':
			return { ...state, step: event.step, paused: false };
		case 'back':
			return { ...state, step: neighbour(state.step, -1), paused: false };
		case 'next':
			return {
				step: neighbour(state.step, 1),
				done: adding(state.done, state.step),
				skipped: without(state.skipped, state.step),
				paused: false
			};
		case 'skip':
			return {
				step: neighbour(state.step, 1),
				done: without(state.done, state.step),
				skipped: adding(state.skipped, state.step),
				paused: false
			};
	}
}

export type StepStatus = 'now' | 'done' | 'skipped' | 'open';

/** What the agenda strip shows for a part. */
export function stepStatus(state: FlowState, step: FlowStep): StepStatus {
	if (state.step === step) return 'now';
	if (state.done.includes(step)) return 'done';
	if (state.skipped.includes(step)) return 'skipped';
	return 'open';
}

export function isLastStep(step: FlowStep): boolean {
	return step === FLOW_STEPS[FLOW_STEPS.length - 1];
}

const MEETING_PART_ANSWERS: readonly AnswerSubjectKind[] = ['meeting-part'];

/**
 * The kinds of the citizen's answers from every meeting that two parts show beside the meeting's own: "Om mig" on the
 * check-in (meeting-part answers, meeting/about-me.ts) and the people of the network map on the preparation (network-person
 * answers, meeting-people.ts). Here rather than beside the code reading them, so the meeting page knows what to read without
 * loading the conversation content "Om mig" is written in (issue 17: 6 kB gzip of the first load of /moede).
 */
export const ABOUT_ME_SUBJECTS: readonly AnswerSubjectKind[] = ['meeting-part'];
export const KNOWN_PEOPLE_SUBJECTS: readonly AnswerSubjectKind[] = ['network-person'];

/**
 * The kinds of answer each part shows or works out from; `undefined`: every answer of the meeting (the summary lists
 * them all). A part reads only these from the meeting (the `[meetingId+about]` index), so what opens first does not grow
 * with the answers given on the boards and cards: the meeting with 1,000 answers opened 1,000 decryptions deep (issue
 * 17, bench open1000). The agenda (what the citizen chose to talk about) is a meeting-part answer of the preparation;
 * the people wanted at the meeting are network-person answers. Parts reading the same kinds share one list, so moving
 * between them does not read the meeting again.
 */
export const STEP_ANSWER_KINDS: Readonly<Record<FlowStep, readonly AnswerSubjectKind[] | undefined>> = {
	forberedelse: ['meeting-part', 'network-person'],
	'check-in': MEETING_PART_ANSWERS,
	emner: MEETING_PART_ANSWERS,
	kontakt: MEETING_PART_ANSWERS,
	opsummering: undefined,
	'maal-og-aftaler': ['goal', 'agreement'],
	feedback: MEETING_PART_ANSWERS
};
