import type { Board, MediaItem } from '#lib/domain/board-shape.ts';
import type { Answer } from '#lib/domain/answer.ts';
import type { AccessProfile } from '#lib/domain/access.ts';
import type { Assessment } from '#lib/domain/assessment.ts';
import type { Citizen } from '#lib/domain/citizen.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import type { Plan, PlanContent } from '#lib/domain/plan.ts';
import type { StoryItem, StoryItemPayload } from '#lib/domain/story-shape.ts';
import type { SealedTable } from './tables.ts';

/*
 * Record shapes. Only random ids and timestamps/dates are top-level (and indexable); everything that
 * says something about the citizen sits in `payload`, which is sealed as one value on disk (sealing.ts).
 */

export interface CitizenRecord {
	id: string;
	createdAt: number;
	payload: { displayName: string; photo?: Blob; access: AccessProfile };
}

export interface MeetingRecord {
	id: string;
	citizenId: string;
	createdAt: number;
	date: string;
	payload: Pick<Meeting, 'time' | 'place' | 'phase' | 'participants'>;
}

export interface AnswerRecord {
	id: string;
	meetingId: string;
	citizenId: string;
	createdAt: number;
	updatedAt: number;
	payload: Pick<Answer, 'subject' | 'content' | 'note' | 'provenance' | 'status' | 'confirmations' | 'history'>;
}

export interface BoardRecord {
	id: string;
	citizenId: string;
	createdAt: number;
	updatedAt: number;
	payload: Omit<Board, 'id'> & { root: boolean };
}

export interface MediaRecord {
	id: string;
	citizenId: string;
	createdAt: number;
	payload: Omit<MediaItem, 'id'>;
}

export interface PlanRecord {
	id: string;
	citizenId: string;
	meetingId: string;
	createdAt: number;
	updatedAt: number;
	payload: PlanContent;
}

export interface AssessmentRecord {
	id: string;
	citizenId: string;
	meetingId: string;
	createdAt: number;
	updatedAt: number;
	payload: Pick<Assessment, 'subthemeId' | 'ffbCode' | 'levelId' | 'note'>;
}

/** One item of a citizen's recovery story: a drag rewrites this record only. */
export interface StoryItemRecord {
	id: string;
	citizenId: string;
	createdAt: number;
	updatedAt: number;
	payload: StoryItemPayload;
}

/** The record type of every sealed table: the registry must describe each, the type checker sees to it. */
export interface RecordsByTable {
	citizens: CitizenRecord;
	meetings: MeetingRecord;
	answers: AnswerRecord;
	boards: BoardRecord;
	media: MediaRecord;
	plans: PlanRecord;
	assessments: AssessmentRecord;
	storyItems: StoryItemRecord;
}
export type AnyRecord = RecordsByTable[SealedTable];

export function citizenToRecord({ id, createdAt, displayName, photo, access }: Citizen): CitizenRecord {
	return { id, createdAt, payload: photo ? { displayName, photo, access } : { displayName, access } };
}

export function citizenFromRecord({ id, createdAt, payload }: CitizenRecord): Citizen {
	return { id, createdAt, ...payload };
}

/** The time of day is sealed with the place: only the date is indexed (the citizen's meetings are listed by it). */
export function meetingToRecord({ id, citizenId, createdAt, date, time, place, phase, participants }: Meeting): MeetingRecord {
	return { id, citizenId, createdAt, date, payload: { ...(time ? { time } : {}), place, phase, participants } };
}

export function meetingFromRecord({ id, citizenId, createdAt, date, payload }: MeetingRecord): Meeting {
	return { id, citizenId, createdAt, date, ...payload };
}

export function answerToRecord(answer: Answer): AnswerRecord {
	const { id, meetingId, citizenId, createdAt, updatedAt, ...payload } = answer;
	return { id, meetingId, citizenId, createdAt, updatedAt, payload };
}

export function answerFromRecord({ payload, ...keys }: AnswerRecord): Answer {
	return { ...keys, ...payload };
}

export function boardFromRecord({ id, payload }: BoardRecord): Board {
	return { id, name: payload.name, rows: payload.rows, columns: payload.columns, slots: payload.slots };
}

export function boardToRecord(board: Board, citizenId: string, root: boolean, createdAt: number, updatedAt: number): BoardRecord {
	const { id, name, rows, columns, slots } = board;
	return { id, citizenId, createdAt, updatedAt, payload: { name, rows, columns, slots, root } };
}

export function mediaFromRecord({ id, payload }: MediaRecord): MediaItem {
	return { id, ...payload };
}

export function mediaToRecord({ id, ...payload }: MediaItem, citizenId: string, createdAt: number): MediaRecord {
	return { id, citizenId, createdAt, payload };
}

export function planToRecord(plan: Plan): PlanRecord {
	const { id, citizenId, meetingId, createdAt, updatedAt, ...payload } = plan;
	return { id, citizenId, meetingId, createdAt, updatedAt, payload };
}

export function planFromRecord({ payload, ...keys }: PlanRecord): Plan {
	return { ...keys, ...payload };
}

export function assessmentToRecord(assessment: Assessment): AssessmentRecord {
	const { id, citizenId, meetingId, createdAt, updatedAt, ...payload } = assessment;
	return { id, citizenId, meetingId, createdAt, updatedAt, payload };
}

export function assessmentFromRecord({ payload, ...keys }: AssessmentRecord): Assessment {
	return { ...keys, ...payload };
}

export function storyItemToRecord(item: StoryItem): StoryItemRecord {
	const { id, citizenId, createdAt, updatedAt, ...payload } = item;
	return { id, citizenId, createdAt, updatedAt, payload };
}

export function storyItemFromRecord({ payload, ...keys }: StoryItemRecord): StoryItem {
	return { ...keys, ...payload };
}
