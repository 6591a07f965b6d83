import { newId } from './ids';
import { requireText, ValidationError } from './validation';

export const CASE_PHASES = ['faglig-udredning', 'valg-af-indsats', 'opfoelgning'] as const;
export type CasePhase = (typeof CASE_PHASES)[number];

export const PARTICIPANT_ROLES = ['borger', 'paaroerende', 'udfoerer', 'raadgiver', 'vaerge', 'andet'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const PARTICIPANT_NAME_MAX = 60;
export const PLACE_MAX = 80;

export interface Participant {
	id: string;
	name: string;
	role: ParticipantRole;
}

export interface Meeting {
	id: string;
	citizenId: string;
	createdAt: number;
	/** Calendar date of the meeting, YYYY-MM-DD. */
	date: string;
	/** When on that day it starts, HH:MM on the 24-hour clock; none when only the day was set. */
	time?: string;
	place: string;
	phase: CasePhase;
	participants: Participant[];
}

export interface NewMeeting {
	date: string;
	/** HH:MM, as a time field gives it; left out or empty for a meeting without a time. */
	time?: string;
	place: string;
	phase: CasePhase;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "10:00", "09:30", "23:59": a time of day as HH:MM on the 24-hour clock. */
export function isClockTime(value: string): boolean {
	return CLOCK_TIME.test(value);
}

/** The details checked, a time only when one was given: an empty time field means the meeting has none. */
export function normaliseNewMeeting(input: NewMeeting): NewMeeting {
	if (!isCalendarDate(input.date)) throw new ValidationError('error.meetingDate');
	const time = input.time ?? '';
	if (time !== '' && !isClockTime(time)) throw new ValidationError('error.meetingTime');
	if (!CASE_PHASES.includes(input.phase)) throw new ValidationError('error.meetingPhase');
	const place = input.place.trim() === '' ? '' : requireText(input.place, PLACE_MAX, 'error.meetingPlace');
	return { date: input.date, ...(time ? { time } : {}), place, phase: input.phase };
}

export function createParticipant(name: string, role: ParticipantRole): Participant {
	if (!PARTICIPANT_ROLES.includes(role)) throw new ValidationError('error.participantRole');
	return { id: newId(), name: requireText(name, PARTICIPANT_NAME_MAX, 'error.participantName'), role };
}

export function findParticipant(meeting: Meeting, participantId: string | undefined): Participant | undefined {
	return participantId === undefined ? undefined : meeting.participants.find((p) => p.id === participantId);
}

/**
 * Undoing "Fjern": the participant comes back with the same id (answers and the provenance choice name them by it) and
 * in the same place in the list, which is where the staff last saw them. Already there again: nothing changes.
 */
export function withParticipantBack(meeting: Meeting, participant: Participant, index: number): Meeting {
	if (meeting.participants.some((p) => p.id === participant.id)) return meeting;
	const participants = [...meeting.participants];
	participants.splice(Math.max(0, Math.min(index, participants.length)), 0, participant);
	return { ...meeting, participants };
}

/** Today's date in the tablet's own time zone, as the default for a new meeting. */
export function localIsoDate(now: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Newest meeting first; a tie on the date falls back to when it was created. */
export function byMeetingDateDescending(a: Pick<Meeting, 'date' | 'createdAt'>, b: Pick<Meeting, 'date' | 'createdAt'>): number {
	return b.date.localeCompare(a.date) || b.createdAt - a.createdAt;
}
