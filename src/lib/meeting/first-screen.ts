import { ANSWERS_PAGE } from '#lib/answers/newest-answers.svelte.ts';
import { citizenMode } from '#lib/access/citizen-mode.svelte.ts';
import type { Answer } from '#lib/domain/answer.ts';
import type { Citizen } from '#lib/domain/citizen.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { STEP_ANSWER_KINDS, stepFromParam, type FlowStep } from '#lib/domain/meeting-flow.ts';
import type { Plan } from '#lib/domain/plan.ts';
import { countAnswers, listAnswers, listMeetingAnswers } from '#lib/storage/answers.ts';
import { getCitizen } from '#lib/storage/citizens.ts';
import { getMeeting } from '#lib/storage/meetings.ts';
import { getPlan } from '#lib/storage/plans.ts';
import { staffPanelOpen } from './meeting-parts.ts';

/*
 * What the meeting page opens with, read by its route's load. Kit runs that load as a link to the page is pressed
 * (data-sveltekit-preload-data on the body: touchstart, mousedown), so these reads run while the finger is still down,
 * and the page's first render draws the meeting instead of its loading state. Read by the page's live queries, they came
 * a render and a frame after the tap, each query in a timer task and a transaction of its own, the citizen's only once the
 * meeting's had come back (issue 17, open1000 profile: 26-31 % of the time from the tap to the list). The live queries
 * take over from these values (LiveQuery's seed); each value is wrapped, so that the page can tell a read from none.
 */
export interface FirstScreen {
	meetingId: string;
	/** The step these answers were read for: the step's own kinds of answer (STEP_ANSWER_KINDS). */
	step: FlowStep;
	meeting: { value: Meeting | undefined };
	citizen: { value: Citizen | undefined };
	answers: { value: Answer[] };
	/** The meeting's newest answer, for the topics' callout; read only for that step. */
	newest: { value: Answer[] } | undefined;
	/** The staff panel's answer list (its newest page and how many there are), read only when the panel is shown. */
	panel: { page: { value: Answer[] }; count: { value: number } } | undefined;
	plan: { value: Plan | undefined };
}

/** The page's own reads, the same queries as its live ones, started together. Undefined when any of them fails: the page then reads as before. */
export async function readFirstScreen(meetingId: string, stepParam: string | null): Promise<FirstScreen | undefined> {
	const step = stepFromParam(stepParam);
	const about = STEP_ANSWER_KINDS[step];
	const withPanel = staffPanelOpen() && !citizenMode.on;
	try {
		const reads = [
			getMeeting(meetingId),
			about ? listMeetingAnswers(meetingId, about) : listAnswers(meetingId),
			step === 'emner' ? listAnswers(meetingId, 1) : Promise.resolve(undefined),
			withPanel ? listAnswers(meetingId, ANSWERS_PAGE) : Promise.resolve(undefined),
			withPanel ? countAnswers(meetingId) : Promise.resolve(undefined),
			getPlan(meetingId)
		] as const;
		// Every read has ended before this answers, even when one failed: none runs on into a lock or the page's own reads.
		await Promise.allSettled(reads);
		const [meeting, answers, newest, page, count, plan] = await Promise.all(reads);
		const citizen = await getCitizen(meeting?.citizenId ?? '');
		return {
			meetingId,
			step,
			meeting: { value: meeting },
			citizen: { value: citizen },
			answers: { value: answers },
			newest: newest && { value: newest },
			panel: page && count !== undefined ? { page: { value: page }, count: { value: count } } : undefined,
			plan: { value: plan }
		};
	} catch {
		return undefined;
	}
}
