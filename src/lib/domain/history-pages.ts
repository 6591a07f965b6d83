/*
 * How much of a citizen's history their page shows first (issue 17, "years of use"): what a user sees first, and what it
 * costs to show and to leave, must not grow with the years. More is shown a page at a time, on request. Plain numbers
 * without imports, so the bench (bench/scenarios/years.ts) measures the same first page from Node.
 */

/** Meetings in the citizen's meeting list at first, and per "Vis flere møder". */
export const MEETINGS_PAGE = 12;

/** Meetings in "Over tid" at first, and per "Vis ældre møder". */
export const OVER_TIME_PAGE = 12;
