import { describe, expect, it } from 'vitest';
import {
	answerNamesParticipant,
	BY_ADVISER,
	byProvenance,
	confirmAnswer,
	correctAnswer,
	createAnswer,
	isCallForAction,
	restoreAnswer,
	validateProvenance,
	withdrawAnswer,
	type Answer
} from './answer';
import type { Meeting } from './meeting';
import { ValidationError } from './validation';

/** Taken back or brought back by the citizen herself, where who did it is not what is tested. */
const bySelf = byProvenance({ mode: 'selv' });

const meeting: Meeting = {
	id: 'm1',
	citizenId: 'c1',
	createdAt: 1,
	date: '2026-11-23',
	place: '',
	phase: 'opfoelgning',
	participants: [
		{ id: 'p-citizen', name: 'Anna', role: 'borger' },
		{ id: 'p-mother', name: 'Lise', role: 'paaroerende' },
		{ id: 'p-staff', name: 'Jonas', role: 'udfoerer' }
	]
};

function code(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (error) {
		return error instanceof ValidationError ? error.code : 'not a ValidationError';
	}
	return undefined;
}

function answerInput(): Parameters<typeof createAnswer>[0] {
	return {
		id: 'a1',
		meeting,
		subject: { kind: 'core-board' },
		content: { kind: 'core', value: 'ja' },
		provenance: { mode: 'selv' },
		at: 100
	};
}

function answer(): Answer {
	return createAnswer(answerInput());
}

describe('provenance', () => {
	it('keeps a participant who belongs to the meeting', () => {
		expect(validateProvenance({ mode: 'observeret', participantId: 'p-staff' }, meeting)).toEqual({
			mode: 'observeret',
			participantId: 'p-staff'
		});
	});

	it('requires a named person when an answer is relayed', () => {
		expect(code(() => validateProvenance({ mode: 'formidlet' }, meeting))).toBe('error.provenanceRelayNeedsPerson');
	});

	it('does not let the citizen relay their own answer', () => {
		expect(code(() => validateProvenance({ mode: 'formidlet', participantId: 'p-citizen' }, meeting))).toBe(
			'error.provenanceRelayByCitizen'
		);
	});

	it('does not name the citizen as the one who supported or observed their own answer', () => {
		for (const mode of ['med-stoette', 'observeret'] as const) {
			expect(code(() => validateProvenance({ mode, participantId: 'p-citizen' }, meeting))).toBe('error.provenanceCitizenAsHelper');
			expect(validateProvenance({ mode }, meeting)).toEqual({ mode });
		}
		// Nor can an answer be created, corrected or confirmed so.
		const withHelp = { mode: 'med-stoette', participantId: 'p-citizen' } as const;
		expect(code(() => createAnswer({ ...answerInput(), provenance: withHelp }))).toBe('error.provenanceCitizenAsHelper');
		expect(code(() => correctAnswer(answer(), meeting, { provenance: withHelp }, 200))).toBe('error.provenanceCitizenAsHelper');
		expect(code(() => confirmAnswer(answer(), meeting, withHelp, 200))).toBe('error.provenanceCitizenAsHelper');
		// "Borgeren selv" names nobody: a citizen picked before is dropped, as any person is.
		expect(validateProvenance({ mode: 'selv', participantId: 'p-citizen' }, meeting)).toEqual({ mode: 'selv' });
	});

	it('leaves an answer stored before the rule, naming the citizen as helper, as it was, and corrects it anew', () => {
		const stored: Answer = { ...answer(), provenance: { mode: 'observeret', participantId: 'p-citizen' } };
		const corrected = correctAnswer(stored, meeting, { provenance: { mode: 'observeret', participantId: 'p-staff' } }, 200);
		expect(corrected.provenance).toEqual({ mode: 'observeret', participantId: 'p-staff' });
		expect(corrected.history.map((r) => r.provenance)).toEqual([{ mode: 'observeret', participantId: 'p-citizen' }]);
		expect(withdrawAnswer(stored, meeting, bySelf, 200).history.map((r) => r.provenance)).toEqual([stored.provenance]);
	});

	it('rejects a person from outside the meeting and an unknown mode', () => {
		expect(code(() => validateProvenance({ mode: 'selv', participantId: 'stranger' }, meeting))).toBe('error.provenanceParticipant');
		expect(code(() => validateProvenance({ mode: 'gaet' as never }, meeting))).toBe('error.provenanceMode');
	});
});

describe('answers', () => {
	it('are created active, tied to the meeting and its citizen, with an empty history', () => {
		expect(answer()).toEqual({
			subject: { kind: 'core-board' },
			id: 'a1',
			meetingId: 'm1',
			citizenId: 'c1',
			createdAt: 100,
			updatedAt: 100,
			content: { kind: 'core', value: 'ja' },
			provenance: { mode: 'selv' },
			status: 'active',
			confirmations: [],
			history: []
		});
	});

	it('reject a value that is not on the board', () => {
		expect(
			code(() =>
				createAnswer({
					id: 'x',
					meeting,
					subject: { kind: 'core-board' },
					content: { kind: 'core', value: 'kage' as never },
					provenance: { mode: 'selv' },
					at: 1
				})
			)
		).toBe('error.answerValue');
	});

	it('keep the earlier state when corrected', () => {
		const corrected = correctAnswer(
			answer(),
			meeting,
			{ content: { kind: 'core', value: 'nej' }, provenance: { mode: 'formidlet', participantId: 'p-mother' } },
			200
		);
		expect(corrected.content).toEqual({ kind: 'core', value: 'nej' });
		expect(corrected.provenance).toEqual({ mode: 'formidlet', participantId: 'p-mother' });
		expect(corrected.updatedAt).toBe(200);
		expect(corrected.history).toEqual([
			{ content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' }, status: 'active', replacedAt: 200, change: 'corrected' }
		]);
		expect(answerNamesParticipant(corrected, 'p-mother')).toBe(true);
		expect(answerNamesParticipant(corrected, 'p-staff')).toBe(false);
	});

	it('hold a board message word by word, trimmed, and refuse an empty one', () => {
		const message = createAnswer({
			id: 'a2',
			meeting,
			subject: { kind: 'symbol-board' },
			content: {
				kind: 'message',
				items: [{ label: ' jeg ', symbolId: 'mig' }, { label: 'vil gerne' }, { label: 'musik', symbolId: 'musik' }]
			},
			provenance: { mode: 'med-stoette', participantId: 'p-staff' },
			at: 1
		});
		expect(message.content).toEqual({
			kind: 'message',
			items: [{ label: 'jeg', symbolId: 'mig' }, { label: 'vil gerne' }, { label: 'musik', symbolId: 'musik' }]
		});
		expect(
			code(() =>
				createAnswer({
					id: 'a3',
					meeting,
					subject: { kind: 'symbol-board' },
					content: { kind: 'message', items: [] },
					provenance: { mode: 'selv' },
					at: 1
				})
			)
		).toBe('error.messageLength');
	});

	it('tell which core answers call for the table to act', () => {
		expect(['ja', 'nej', 'ved-ikke', 'pause', 'stop', 'hjaelp', 'forstaar-ikke'].filter(isCallForAction)).toEqual([
			'pause',
			'stop',
			'hjaelp',
			'forstaar-ikke'
		]);
	});

	it('can be withdrawn and restored, and every step is in the history', () => {
		const withdrawn = withdrawAnswer(answer(), meeting, bySelf, 200);
		expect(withdrawn.status).toBe('withdrawn');
		expect(withdrawAnswer(withdrawn, meeting, bySelf, 300)).toBe(withdrawn);
		expect(code(() => correctAnswer(withdrawn, meeting, { content: { kind: 'core', value: 'nej' } }, 300))).toBe('error.answerWithdrawn');
		const restored = restoreAnswer(withdrawn, meeting, bySelf, 400);
		expect(restored.status).toBe('active');
		expect(restored.history.map((h) => [h.change, h.status, h.replacedAt])).toEqual([
			['withdrawn', 'active', 200],
			['restored', 'withdrawn', 400]
		]);
	});

	it('keep who withdrew and restored them: a person at the table and how, or the adviser, checked against the meeting', () => {
		const byMother = byProvenance({ mode: 'formidlet', participantId: 'p-mother' });
		const withdrawn = withdrawAnswer(answer(), meeting, byMother, 200);
		const restored = restoreAnswer(withdrawn, meeting, byProvenance({ mode: 'selv', participantId: 'p-staff' }), 300);
		const again = withdrawAnswer(restored, meeting, BY_ADVISER, 400);
		expect(again.history.map((h) => [h.change, h.changedBy])).toEqual([
			['withdrawn', { kind: 'provenance', provenance: { mode: 'formidlet', participantId: 'p-mother' } }],
			// "Borgeren selv" names nobody, as in any provenance.
			['restored', { kind: 'provenance', provenance: { mode: 'selv' } }],
			// The adviser's own action (a goal deleted, the adviser's list) is no provenance of the citizen's.
			['withdrawn', { kind: 'adviser' }]
		]);
		// The one who took an answer back is named in it: they cannot be taken off the meeting's participants.
		expect(answerNamesParticipant(again, 'p-mother')).toBe(true);
		expect(answerNamesParticipant(again, 'p-staff')).toBe(false);
		// Relayed by nobody, or by someone from outside the meeting, is refused as it is for an answer.
		expect(code(() => withdrawAnswer(answer(), meeting, byProvenance({ mode: 'formidlet' }), 200))).toBe(
			'error.provenanceRelayNeedsPerson'
		);
		expect(code(() => restoreAnswer(withdrawn, meeting, byProvenance({ mode: 'observeret', participantId: 'nobody' }), 300))).toBe(
			'error.provenanceParticipant'
		);
		// A correction's maker is the provenance of the state after it: it names no changer.
		expect(correctAnswer(answer(), meeting, { content: { kind: 'core', value: 'nej' } }, 200).history[0]).not.toHaveProperty('changedBy');
	});

	it('are confirmed by who and how, once per person and way, and a withdrawn answer cannot be confirmed', () => {
		const bySelf = confirmAnswer(answer(), meeting, { mode: 'selv', participantId: 'p-mother' }, 200);
		// "The citizen directly" names nobody else, as with any provenance.
		expect(bySelf.confirmations).toEqual([{ provenance: { mode: 'selv' }, at: 200 }]);
		expect(bySelf.updatedAt).toBe(200);
		expect(confirmAnswer(bySelf, meeting, { mode: 'selv' }, 300)).toBe(bySelf);
		const relayed = confirmAnswer(bySelf, meeting, { mode: 'formidlet', participantId: 'p-mother' }, 300);
		expect(relayed.confirmations.map((c) => c.provenance)).toEqual([{ mode: 'selv' }, { mode: 'formidlet', participantId: 'p-mother' }]);
		expect(answerNamesParticipant(relayed, 'p-mother')).toBe(true);
		expect(code(() => confirmAnswer(answer(), meeting, { mode: 'formidlet', participantId: 'nobody' }, 300))).toBe(
			'error.provenanceParticipant'
		);
		expect(
			code(() => confirmAnswer(withdrawAnswer(answer(), meeting, byProvenance({ mode: 'selv' }), 150), meeting, { mode: 'selv' }, 300))
		).toBe('error.answerWithdrawn');
	});

	it('start a corrected state unconfirmed and keep the earlier confirmations in the history', () => {
		const confirmed = confirmAnswer(answer(), meeting, { mode: 'med-stoette', participantId: 'p-staff' }, 200);
		const corrected = correctAnswer(confirmed, meeting, { content: { kind: 'core', value: 'nej' } }, 300);
		expect(corrected.confirmations).toEqual([]);
		expect(corrected.history).toEqual([
			{
				content: { kind: 'core', value: 'ja' },
				provenance: { mode: 'selv' },
				status: 'active',
				replacedAt: 300,
				change: 'corrected',
				confirmations: [{ provenance: { mode: 'med-stoette', participantId: 'p-staff' }, at: 200 }]
			}
		]);
		expect(withdrawAnswer(confirmed, meeting, bySelf, 300).confirmations).toEqual([]);
	});
});
