import * as v from 'valibot';

/**
 * The latest moment a stored record may carry: the last millisecond of the year 9999. A Date holds moments up to 8.64e15
 * ms, and formatting one past that throws, so a record with such a time from a damaged or crafted file broke every page
 * that showed it (a restored answer left the meeting's panel blank); the app itself writes none near it.
 */
export const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A moment as records keep it, in milliseconds since 1970: one that can be shown as a date and time. */
export const storedTime = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(LATEST_TIME));
