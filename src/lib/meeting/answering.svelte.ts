import type { CoreAnswer, Provenance, ProvenanceMode } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { recordAnswer } from '#lib/storage/answers.ts';

/**
 * Who is answering on the board right now, and the save state of the last tap.
 * "Gemt" is shown only once the write has committed; a failed write leaves no "Gemt" behind.
 */
export class AnsweringSession {
	mode = $state<ProvenanceMode>('selv');
	participantId = $state('');
	saveState = $state<'idle' | 'saving' | 'saved' | 'failed'>('idle');
	lastAnswer = $state<CoreAnswer | undefined>();
	private pending = 0;

	get provenance(): Provenance {
		return this.participantId ? { mode: this.mode, participantId: this.participantId } : { mode: this.mode };
	}

	get ready(): boolean {
		return this.mode !== 'formidlet' || this.participantId !== '';
	}

	async answer(meeting: Meeting, value: CoreAnswer): Promise<void> {
		this.pending += 1;
		this.saveState = 'saving';
		this.lastAnswer = value;
		try {
			await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value }, provenance: this.provenance });
			this.pending -= 1;
			if (this.pending === 0 && this.saveState === 'saving') this.saveState = 'saved';
		} catch (error) {
			this.pending -= 1;
			this.saveState = 'failed';
			throw error;
		}
	}
}
