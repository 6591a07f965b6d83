import * as v from 'valibot';
import {
	byMeetingDateDescending,
	isCalendarDate,
	isClockTime,
	PARTICIPANT_NAME_MAX,
	PARTICIPANT_ROLES,
	type Meeting,
	type ParticipantRole
} from './meeting';
import { ValidationError } from './validation';

/*
 * The plan that comes out of a meeting: goals in the citizen's own words and agreements (what, who,
 * by when). The citizen's view of a goal or an agreement is an answer whose subject points here
 * ({ kind: 'goal' | 'agreement', planId, goalId | agreementId }). Goals carry over to the next
 * meeting's plan with their ids, so a later meeting can follow them up.
 */

export const GOAL_TEXT_MAX = 200;
export const AGREEMENT_TEXT_MAX = 200;
export const AGREEMENT_WHEN_MAX = 60;
export const PLAN_NOTE_MAX = 5000;

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
	/** Its time of day (HH:MM), when one was agreed too; only with a date, and plans from before have none. */
	nextMeetingTime?: string;
}

/** What a plan holds apart from its keys: what the editors change and the record seals. */
export type PlanContent = Pick<Plan, 'goals' | 'agreements' | 'note' | 'nextMeeting' | 'nextMeetingTime'>;

const ID = /^[A-Za-z0-9-]{1,100}$/;
const id = v.pipe(v.string(), v.regex(ID));
const contentRef = v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), v.maxLength(100));
const text = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(max));
const calendarDate = v.pipe(v.string(), v.check(isCalendarDate, 'a calendar date'));
const clockTime = v.pipe(v.string(), v.check(isClockTime, 'a time of day, HH:MM'));

const goalSchema = v.strictObject({
	id,
	text: text(GOAL_TEXT_MAX),
	symbolId: v.optional(contentRef),
	themeIds: v.pipe(v.array(contentRef), v.maxLength(11)),
	goalType: v.optional(contentRef),
	status: v.picklist(GOAL_STATUSES),
	fromPlanId: v.optional(id)
});

const agreementSchema = v.strictObject({
	id,
	what: text(AGREEMENT_TEXT_MAX),
	who: v.pipe(
		v.array(v.strictObject({ participantId: v.optional(id), name: text(PARTICIPANT_NAME_MAX), role: v.picklist(PARTICIPANT_ROLES) })),
		v.maxLength(20)
	),
	when: text(AGREEMENT_WHEN_MAX),
	goalId: v.optional(id)
});

/** The stored part of a plan; goal and agreement ids are unique, and an agreement's goal is one of the plan's. */
export const planPayloadSchema = v.pipe(
	v.strictObject({
		goals: v.pipe(v.array(goalSchema), v.maxLength(50)),
		agreements: v.pipe(v.array(agreementSchema), v.maxLength(100)),
		note: v.optional(v.pipe(v.string(), v.maxLength(PLAN_NOTE_MAX))),
		nextMeeting: v.optional(calendarDate),
		nextMeetingTime: v.optional(clockTime)
	}),
	v.check((plan) => plan.nextMeetingTime === undefined || plan.nextMeeting !== undefined, 'a time of the next meeting needs its date'),
	v.check(
		(plan) => new Set([...plan.goals, ...plan.agreements].map((x) => x.id)).size === plan.goals.length + plan.agreements.length,
		'ids must be unique'
	),
	v.check(
		(plan) => plan.agreements.every((a) => a.goalId === undefined || plan.goals.some((g) => g.id === a.goalId)),
		'an agreement names a goal of the plan'
	)
);

/** Checks a plan the app is about to store; throws ValidationError with a Danish message key. */
export function validatePlan<P extends PlanContent>(plan: P): P {
	const { goals, agreements, note, nextMeeting, nextMeetingTime } = plan;
	if (!v.is(planPayloadSchema, { goals, agreements, note, nextMeeting, nextMeetingTime })) {
		throw new ValidationError('error.plan');
	}
	return plan;
}

/** A goal of an earlier meeting to follow up, with the plan it was last in. */
export interface EarlierGoal {
	goal: Goal;
	planId: string;
}

/**
 * The goals a meeting can follow up: each goal of the plans of earlier meetings as the latest of them left it, while it is
 * still active (neither reached nor stopped), the newest meeting's first, each goal once. Earlier goes by the meetings'
 * dates (a tie on the date by when the meeting was created), not by when a plan was created: a meeting can be written up
 * afterwards, or planned ahead and filled in out of order. Every earlier plan counts, not just the latest: a goal not
 * followed up in the next meeting, or before a meeting with only an agreement, dropped out of every later follow-up.
 */
export function earlierGoals(
	plans: readonly Plan[],
	meetings: readonly Pick<Meeting, 'id' | 'date' | 'createdAt'>[],
	meeting: Pick<Meeting, 'id' | 'date' | 'createdAt'>
): EarlierGoal[] {
	const earlier = meetings
		.filter((other) => other.id !== meeting.id && byMeetingDateDescending(other, meeting) > 0)
		.sort((a, b) => byMeetingDateDescending(a, b));
	const seen = new Set<string>();
	const open: EarlierGoal[] = [];
	for (const other of earlier) {
		const plan = plans.find((p) => p.meetingId === other.id);
		for (const goal of plan?.goals ?? []) {
			if (seen.has(goal.id)) continue;
			seen.add(goal.id);
			if (goal.status === 'aktiv') open.push({ goal, planId: plan!.id });
		}
	}
	return open;
}
