/*
 * How much of a citizen's history their page shows first (issue 17, "years of use"): what a user sees first, and what it
 * costs to show and to leave, must not grow with the years. More is shown a page at a time, on request. Without imports,
 * so the bench (bench/scenarios/years.ts) measures the same first page from Node.
 */

/** Meetings in the citizen's meeting list at first, and per "Vis flere møder". */
export const MEETINGS_PAGE = 12;

/** Meetings in "Over tid" at first, and per "Vis ældre møder". */
export const OVER_TIME_PAGE = 12;

/** The newest meetings of a citizen, newest first, and whether older ones exist. */
export interface MeetingsPage<T> {
	meetings: T[];
	more: boolean;
}

/**
 * The newest `limit` meetings, taken from a page already read with another limit, or undefined when that page cannot tell
 * (it holds fewer and older ones exist): "Over tid" shows the meetings the meeting list has already read and opened.
 */
export function newestMeetingsOf<T>(page: MeetingsPage<T>, limit: number): MeetingsPage<T> | undefined {
	if (page.meetings.length < limit && page.more) return undefined;
	return { meetings: page.meetings.slice(0, limit), more: page.more || page.meetings.length > limit };
}
