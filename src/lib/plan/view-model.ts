import type { Answer } from '#lib/domain/answer.ts';
import type { Assessment } from '#lib/domain/assessment.ts';
import type { Citizen } from '#lib/domain/citizen.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import type { PlanContent } from '#lib/domain/plan.ts';
import type { StoryItem } from '#lib/domain/story.ts';
import type { Language } from '#lib/i18n/translate.ts';
import { Words } from './words.ts';

/*
 * What the plan documents of a meeting (citizen-plan.ts: Min plan, easy-read, for the citizen to take home;
 * case-file.ts: everything, with provenance, for the journal) are built from, and what both read it by. Built from what
 * is stored and nothing else. Pure: the language is given, the data is handed in, the result is a PlanDocument.
 */

export interface PlanSource {
	citizen: Pick<Citizen, 'displayName'>;
	meeting: Meeting;
	/** The meeting's answers in any order; withdrawn ones show only in the case file. */
	answers: readonly Answer[];
	plan?: PlanContent;
	/** The citizen's recovery story, every item (removed ones too); it is shown as it is now. */
	story?: readonly StoryItem[];
	/** The adviser's funktionsevneniveau per sub-theme of the meeting: in the case file only, apart from the answers. */
	assessments?: readonly Assessment[];
	language: Language;
}

export const byTime = (a: Answer, b: Answer) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** The newest active answer about each goal or agreement: the citizen's view of it now. */
export function viewsOf(answers: readonly Answer[], kind: 'goal' | 'agreement'): Map<string, Answer> {
	const views = new Map<string, Answer>();
	for (const answer of [...answers].sort(byTime)) {
		if (answer.status !== 'active') continue;
		const { subject } = answer;
		if (kind === 'goal' && subject.kind === 'goal') views.set(subject.goalId, answer);
		if (kind === 'agreement' && subject.kind === 'agreement') views.set(subject.agreementId, answer);
	}
	return views;
}

/** The agreed next meeting as a meeting's when: its day, and its time of day when one was agreed ("kl. 10.00"). */
export function nextMeetingOf(plan: PlanContent, date: string): { date: string; time?: string } {
	return { date, ...(plan.nextMeetingTime ? { time: plan.nextMeetingTime } : {}) };
}

export function whenText(when: string, words: Words): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(when) ? words.date(when) : when;
}
