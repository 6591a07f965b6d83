import { findParticipant, type Meeting } from './meeting';
import { requireText, ValidationError } from './validation';

/** The meeting answer board: the answers a citizen must always be able to give. */
export const CORE_ANSWERS = ['ja', 'nej', 'ved-ikke', 'pause', 'stop', 'hjaelp', 'forstaar-ikke'] as const;
export type CoreAnswer = (typeof CORE_ANSWERS)[number];

/** Answers that ask the people at the table to stop and act, not only to note them down. */
export const CALLS_FOR_ACTION = ['pause', 'stop', 'hjaelp', 'forstaar-ikke'] as const satisfies readonly CoreAnswer[];
export type CallForAction = (typeof CALLS_FOR_ACTION)[number];

export function isCallForAction(value: string): value is CallForAction {
	return (CALLS_FOR_ACTION as readonly string[]).includes(value);
}

/**
 * How an answer reached the record: from the citizen directly, with help to point or operate,
 * relayed by someone who knows the citizen, or noticed as non-verbal feedback.
 */
export const PROVENANCE_MODES = ['selv', 'med-stoette', 'formidlet', 'observeret'] as const;
export type ProvenanceMode = (typeof PROVENANCE_MODES)[number];

export interface Provenance {
	mode: ProvenanceMode;
	/** The participant who relayed, supported or observed. Required when relayed. */
	participantId?: string;
}

export interface CoreAnswerContent {
	kind: 'core';
	value: CoreAnswer;
}

/** A message built on a symbol board: the tapped cells in order. */
export interface MessageAnswerContent {
	kind: 'message';
	items: MessageItem[];
}

export interface MessageItem {
	label: string;
	symbolId?: string;
}

export type AnswerContent = CoreAnswerContent | MessageAnswerContent;

export const MESSAGE_MAX_ITEMS = 30;
export const MESSAGE_ITEM_MAX = 60;

export type AnswerStatus = 'active' | 'withdrawn';

/** One earlier state of an answer, kept whenever it is corrected or withdrawn. */
export interface AnswerRevision {
	content: AnswerContent;
	provenance: Provenance;
	status: AnswerStatus;
	/** When this state was replaced. */
	replacedAt: number;
	/** Why it was replaced. */
	change: 'corrected' | 'withdrawn' | 'restored';
}

export interface Answer {
	id: string;
	meetingId: string;
	citizenId: string;
	createdAt: number;
	updatedAt: number;
	content: AnswerContent;
	provenance: Provenance;
	status: AnswerStatus;
	history: AnswerRevision[];
}

export function isCoreAnswer(value: string): value is CoreAnswer {
	return (CORE_ANSWERS as readonly string[]).includes(value);
}

/** Checks a provenance against the meeting it is recorded in, and drops a participant that does not belong. */
export function validateProvenance(provenance: Provenance, meeting: Meeting): Provenance {
	if (!PROVENANCE_MODES.includes(provenance.mode)) throw new ValidationError('error.provenanceMode');
	const participant = findParticipant(meeting, provenance.participantId);
	if (provenance.participantId !== undefined && !participant) throw new ValidationError('error.provenanceParticipant');
	if (provenance.mode === 'formidlet' && !participant) throw new ValidationError('error.provenanceRelayNeedsPerson');
	if (provenance.mode === 'formidlet' && participant?.role === 'borger') {
		throw new ValidationError('error.provenanceRelayByCitizen');
	}
	return participant ? { mode: provenance.mode, participantId: participant.id } : { mode: provenance.mode };
}

/** Checks what was answered and returns a clean copy, so stored answers hold only known fields. */
export function validateContent(content: AnswerContent): AnswerContent {
	if (content.kind === 'core') {
		if (!isCoreAnswer(content.value)) throw new ValidationError('error.answerValue');
		return { kind: 'core', value: content.value };
	}
	if (content.kind !== 'message' || !Array.isArray(content.items)) throw new ValidationError('error.answerValue');
	if (content.items.length === 0 || content.items.length > MESSAGE_MAX_ITEMS) throw new ValidationError('error.messageLength');
	return {
		kind: 'message',
		items: content.items.map((item) => {
			const label = requireText(item.label, MESSAGE_ITEM_MAX, 'error.answerValue');
			return item.symbolId ? { label, symbolId: item.symbolId } : { label };
		})
	};
}

export function createAnswer(args: { id: string; meeting: Meeting; content: AnswerContent; provenance: Provenance; at: number }): Answer {
	return {
		id: args.id,
		meetingId: args.meeting.id,
		citizenId: args.meeting.citizenId,
		createdAt: args.at,
		updatedAt: args.at,
		content: validateContent(args.content),
		provenance: validateProvenance(args.provenance, args.meeting),
		status: 'active',
		history: []
	};
}

function revisionOf(answer: Answer, change: AnswerRevision['change'], at: number): AnswerRevision {
	return { content: answer.content, provenance: answer.provenance, status: answer.status, replacedAt: at, change };
}

/** Replaces what was answered and/or who answered, keeping the earlier state in the history. */
export function correctAnswer(
	answer: Answer,
	meeting: Meeting,
	change: { content?: AnswerContent; provenance?: Provenance },
	at: number
): Answer {
	if (answer.status === 'withdrawn') throw new ValidationError('error.answerWithdrawn');
	const content = validateContent(change.content ?? answer.content);
	const provenance = validateProvenance(change.provenance ?? answer.provenance, meeting);
	return {
		...answer,
		content,
		provenance,
		updatedAt: at,
		history: [...answer.history, revisionOf(answer, 'corrected', at)]
	};
}

/** Undo keeps the answer and its history: a later meeting may need to see what was said and taken back. */
export function withdrawAnswer(answer: Answer, at: number): Answer {
	if (answer.status === 'withdrawn') return answer;
	return {
		...answer,
		status: 'withdrawn',
		updatedAt: at,
		history: [...answer.history, revisionOf(answer, 'withdrawn', at)]
	};
}

export function restoreAnswer(answer: Answer, at: number): Answer {
	if (answer.status === 'active') return answer;
	return {
		...answer,
		status: 'active',
		updatedAt: at,
		history: [...answer.history, revisionOf(answer, 'restored', at)]
	};
}

export function byCreatedAtDescending(a: Answer, b: Answer): number {
	return b.createdAt - a.createdAt;
}

export function answerNamesParticipant(answer: Answer, participantId: string): boolean {
	return [answer.provenance, ...answer.history.map((revision) => revision.provenance)].some(
		(provenance) => provenance.participantId === participantId
	);
}
