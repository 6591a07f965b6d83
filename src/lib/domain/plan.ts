import type { ParticipantRole } from './meeting';

/*
 * The plan that comes out of a meeting: goals in the citizen's own words and agreements (what, who,
 * by when). The citizen's view of a goal or an agreement is an answer whose subject points here
 * ({ kind: 'goal' | 'agreement', planId, goalId | agreementId }). Goals carry over to the next
 * meeting's plan with their ids, so a later meeting can follow them up.
 */

export const GOAL_TEXT_MAX = 200;
export const AGREEMENT_TEXT_MAX = 200;
export const AGREEMENT_WHEN_MAX = 60;

/** How a goal stands at follow-up. */
export const GOAL_STATUSES = ['aktiv', 'naaet', 'stoppet'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface Goal {
	id: string;
	/** In the citizen's own words, jeg-form: "Jeg vil selv handle ind om fredagen." */
	text: string;
	symbolId?: string;
	/** VUM theme ids (content/vum) the goal belongs to; the case-file version names them with FFB codes. */
	themeIds: string[];
	/** An FFB måltype id (content/vum/goal-types.json): udvikle, fastholde or begraense-tab. */
	goalType?: string;
	status: GoalStatus;
	/** The plan this goal was first set in, when it came over from an earlier meeting. */
	fromPlanId?: string;
}

/** Who does it: a participant of the meeting (named as they were then), or someone not at the table. */
export interface AgreementOwner {
	participantId?: string;
	name: string;
	role: ParticipantRole;
}

export interface Agreement {
	id: string;
	/** What will happen, in plain words. */
	what: string;
	who: AgreementOwner[];
	/** By when: a date (YYYY-MM-DD) or plain words ("før sommerferien"). */
	when: string;
	goalId?: string;
}

export interface Plan {
	id: string;
	citizenId: string;
	meetingId: string;
	createdAt: number;
	updatedAt: number;
	goals: Goal[];
	agreements: Agreement[];
	/** The adviser's edited du-form note for the case file ("Du fortalte, at …"). */
	note?: string;
	/** Date (YYYY-MM-DD) of the next meeting, when agreed. */
	nextMeeting?: string;
}
