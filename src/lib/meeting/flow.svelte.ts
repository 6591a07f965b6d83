import { goto } from '$app/navigation';
import { flowReducer, startFlow, stepFromParam, type FlowEvent, type FlowState, type FlowStep } from '#lib/domain/meeting-flow.ts';

/**
 * The meeting's flow on the page: the part shown comes from the address (`&trin=`), so the back
 * button and a reload keep it; what was done or skipped and a pause live here for this visit.
 */
export class MeetingFlow {
	#state = $state<FlowState>(startFlow());
	readonly #param: () => string;

	constructor(param: () => string) {
		this.#param = param;
	}

	get step(): FlowStep {
		return stepFromParam(this.#param());
	}

	get state(): FlowState {
		return { ...this.#state, step: this.step };
	}

	get paused(): boolean {
		return this.#state.paused;
	}

	async send(event: FlowEvent): Promise<void> {
		const from = this.step;
		this.#state = flowReducer(this.state, event);
		if (this.#state.step !== from) await goto(hrefWithStep(this.#state.step), { reset: false });
	}
}

/** The address of the current page with another part of the meeting. */
export function hrefWithStep(step: FlowStep): string {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built, read and dropped at once, never kept as state
	const url = new URL(location.href);
	url.searchParams.set('trin', step);
	return `${url.pathname}${url.search}`;
}
