import * as v from 'valibot';
import {
	answerContentSchema,
	answerSubjectSchema,
	citizenNamedError,
	CORE_ANSWERS,
	MESSAGE_MAX_ITEMS,
	PROVENANCE_MODES,
	type AnswerContent,
	type AnswerSubject,
	type CoreAnswer,
	type ProvenanceMode
} from './answer-content';
import { findParticipant, type Meeting } from './meeting';
import { requireText, ValidationError } from './validation';

export * from './answer-content';

/** Answers that ask the people at the table to stop and act, not only to note them down. */
export const CALLS_FOR_ACTION = ['pause', 'stop', 'hjaelp', 'forstaar-ikke'] as const satisfies readonly CoreAnswer[];
export type CallForAction = (typeof CALLS_FOR_ACTION)[number];

export function isCallForAction(value: string): value is CallForAction {
	return (CALLS_FOR_ACTION as readonly string[]).includes(value);
}

export interface Provenance {
	mode: ProvenanceMode;
	/** The participant who relayed, supported or observed. Required when relayed; never with 'selv'. */
	participantId?: string;
}

export type AnswerStatus = 'active' | 'withdrawn';

/**
 * "Rigtigt" in the summary ("har vi forstået dig rigtigt?"): someone at the table confirmed the answer as it stands,
 * and how (the citizen directly, with support, or relayed by a named person). It belongs to that state of the
 * answer: a correction, withdrawal or restore starts the new state unconfirmed and keeps the confirmations in the history.
 */
export interface AnswerConfirmation {
	provenance: Provenance;
	at: number;
}

/** More confirmations of one state than people at a table would give; stored records stay small. */
export const CONFIRMATIONS_MAX = 50;

/** One earlier state of an answer, kept whenever it is corrected or withdrawn. */
export interface AnswerRevision {
	content: AnswerContent;
	note?: string;
	provenance: Provenance;
	status: AnswerStatus;
	/** When this state was replaced. */
	replacedAt: number;
	/** Why it was replaced. */
	change: 'corrected' | 'withdrawn' | 'restored';
	/** The confirmations of the replaced state, when it had any. */
	confirmations?: AnswerConfirmation[];
	/**
	 * Who withdrew or restored it; a correction's maker is the provenance of the state after it. Records from before it was
	 * kept have none, and read as they did.
	 */
	changedBy?: AnswerChanger;
}

/**
 * Who withdrew or restored an answer. A withdrawal is someone saying "that is not what I meant", and the adviser journalises
 * it: the citizen or someone on their behalf, recorded as the meeting's "Svar gemmes som" was then (`provenance`); or the
 * adviser, when it followed from the adviser's own action (a goal deleted, the adviser's answer list), which is no
 * provenance of the citizen's and is never recorded as one.
 */
export type AnswerChanger = { kind: 'provenance'; provenance: Provenance } | { kind: 'adviser' };

/** The adviser's own action took the answer back or brought it back. */
export const BY_ADVISER: AnswerChanger = { kind: 'adviser' };

/** Taken back or brought back at the table, as the meeting's provenance choice says. */
export function byProvenance(provenance: Provenance): AnswerChanger {
	return { kind: 'provenance', provenance };
}

/** A short note on an answer: what was observed ("skubbede busbilledet væk"), or a relayer's remark. */
export const ANSWER_NOTE_MAX = 280;

export interface Answer {
	id: string;
	meetingId: string;
	citizenId: string;
	createdAt: number;
	updatedAt: number;
	/** What the answer is about. It never changes: a correction changes what was said, not what it was about. */
	subject: AnswerSubject;
	content: AnswerContent;
	note?: string;
	provenance: Provenance;
	status: AnswerStatus;
	/** Who confirmed the answer as it stands now; empty until someone does. */
	confirmations: AnswerConfirmation[];
	history: AnswerRevision[];
}

export function isCoreAnswer(value: string): value is CoreAnswer {
	return (CORE_ANSWERS as readonly string[]).includes(value);
}

/**
 * Checks a provenance against the meeting it is recorded in, and drops a participant that does not belong. Only someone
 * other than the citizen is named: the one who relays, supports or observes.
 */
export function validateProvenance(provenance: Provenance, meeting: Meeting): Provenance {
	if (!PROVENANCE_MODES.includes(provenance.mode)) throw new ValidationError('error.provenanceMode');
	const participant = findParticipant(meeting, provenance.participantId);
	if (provenance.participantId !== undefined && !participant) throw new ValidationError('error.provenanceParticipant');
	if (provenance.mode === 'formidlet' && !participant) throw new ValidationError('error.provenanceRelayNeedsPerson');
	const citizenNamed = citizenNamedError(provenance.mode, participant?.role);
	if (citizenNamed) throw new ValidationError(citizenNamed);
	// "The citizen directly" names nobody else; a person kept from an earlier choice would mean nothing.
	if (provenance.mode === 'selv' || !participant) return { mode: provenance.mode };
	return { mode: provenance.mode, participantId: participant.id };
}

/** The same way, by the same person; "selv" names nobody, whoever was picked before. */
export function sameProvenance(a: Provenance, b: Provenance): boolean {
	return a.mode === b.mode && (a.mode === 'selv' || a.participantId === b.participantId);
}

/** Checks what was answered and returns a clean copy, so stored answers hold only known fields. */
export function validateContent(content: AnswerContent): AnswerContent {
	const result = v.safeParse(answerContentSchema, content);
	if (result.success) return result.output;
	const tooLong = content?.kind === 'message' && Array.isArray(content.items);
	if (tooLong && (content.items.length === 0 || content.items.length > MESSAGE_MAX_ITEMS)) throw new ValidationError('error.messageLength');
	throw new ValidationError('error.answerValue');
}

export function validateSubject(subject: AnswerSubject): AnswerSubject {
	const result = v.safeParse(answerSubjectSchema, subject);
	if (!result.success) throw new ValidationError('error.answerSubject');
	return result.output;
}

export function validateNote(note: string | undefined): string | undefined {
	if (note === undefined || note.trim() === '') return undefined;
	return requireText(note, ANSWER_NOTE_MAX, 'error.answerNote');
}

export function createAnswer(args: {
	id: string;
	meeting: Meeting;
	subject: AnswerSubject;
	content: AnswerContent;
	provenance: Provenance;
	note?: string;
	at: number;
}): Answer {
	const answer: Answer = {
		id: args.id,
		meetingId: args.meeting.id,
		citizenId: args.meeting.citizenId,
		createdAt: args.at,
		updatedAt: args.at,
		subject: validateSubject(args.subject),
		content: validateContent(args.content),
		provenance: validateProvenance(args.provenance, args.meeting),
		status: 'active',
		confirmations: [],
		history: []
	};
	return withNote(answer, validateNote(args.note));
}

/** A copy with the note set, or with no `note` field at all when there is none (records hold only what was said). */
function withNote<T extends object>(value: T & { note?: string }, note: string | undefined): T & { note?: string } {
	const copy = { ...value };
	delete copy.note;
	return note === undefined ? copy : { ...copy, note };
}

function revisionOf(answer: Answer, change: AnswerRevision['change'], at: number, changedBy?: AnswerChanger): AnswerRevision {
	const { content, provenance, status, confirmations } = answer;
	const revision: AnswerRevision = { content, provenance, status, replacedAt: at, change, ...(changedBy ? { changedBy } : {}) };
	return withNote(confirmations.length > 0 ? { ...revision, confirmations } : revision, answer.note);
}

/** Checks who withdraws or restores against the meeting, as a provenance given with an answer is checked. */
function validateChanger(by: AnswerChanger, meeting: Meeting): AnswerChanger {
	if (by.kind === 'adviser') return BY_ADVISER;
	return byProvenance(validateProvenance(by.provenance, meeting));
}

/** Replaces what was answered and/or who answered, keeping the earlier state in the history. */
export function correctAnswer(
	answer: Answer,
	meeting: Meeting,
	change: { content?: AnswerContent; provenance?: Provenance; note?: string },
	at: number
): Answer {
	if (answer.status === 'withdrawn') throw new ValidationError('error.answerWithdrawn');
	const content = validateContent(change.content ?? answer.content);
	const provenance = validateProvenance(change.provenance ?? answer.provenance, meeting);
	const note = validateNote('note' in change ? change.note : answer.note);
	return {
		...withNote(answer, note),
		content,
		provenance,
		updatedAt: at,
		confirmations: [],
		history: [...answer.history, revisionOf(answer, 'corrected', at)]
	};
}

/**
 * Undo keeps the answer and its history: a later meeting may need to see what was said and taken back. The history keeps who
 * took it back (`by`) too: with the time alone, the case file could not say who had said "that is not what I meant".
 */
export function withdrawAnswer(answer: Answer, meeting: Meeting, by: AnswerChanger, at: number): Answer {
	if (answer.status === 'withdrawn') return answer;
	return {
		...answer,
		status: 'withdrawn',
		updatedAt: at,
		confirmations: [],
		history: [...answer.history, revisionOf(answer, 'withdrawn', at, validateChanger(by, meeting))]
	};
}

/** "Gendan": the answer holds again, and the history keeps who brought it back (`by`), as a withdrawal does. */
export function restoreAnswer(answer: Answer, meeting: Meeting, by: AnswerChanger, at: number): Answer {
	if (answer.status === 'active') return answer;
	return {
		...answer,
		status: 'active',
		updatedAt: at,
		confirmations: [],
		history: [...answer.history, revisionOf(answer, 'restored', at, validateChanger(by, meeting))]
	};
}

/**
 * "Rigtigt": records who confirmed the answer as it stands. The same person confirming the same way twice (a double
 * tap, two tabs) is one confirmation; a withdrawn answer has nothing to confirm.
 */
export function confirmAnswer(answer: Answer, meeting: Meeting, provenance: Provenance, at: number): Answer {
	if (answer.status === 'withdrawn') throw new ValidationError('error.answerWithdrawn');
	const by = validateProvenance(provenance, meeting);
	if (answer.confirmations.some((confirmation) => sameProvenance(confirmation.provenance, by))) return answer;
	if (answer.confirmations.length >= CONFIRMATIONS_MAX) return answer;
	return { ...answer, updatedAt: at, confirmations: [...answer.confirmations, { provenance: by, at }] };
}

export function byCreatedAtDescending(a: Answer, b: Answer): number {
	return b.createdAt - a.createdAt;
}

export function answerNamesParticipant(answer: Answer, participantId: string): boolean {
	const confirmers = [answer, ...answer.history].flatMap((state) => (state.confirmations ?? []).map((c) => c.provenance));
	const changers = answer.history.flatMap(({ changedBy }) => (changedBy?.kind === 'provenance' ? [changedBy.provenance] : []));
	return [answer.provenance, ...answer.history.map((revision) => revision.provenance), ...confirmers, ...changers].some(
		(provenance) => provenance.participantId === participantId
	);
}
