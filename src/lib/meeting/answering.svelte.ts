import type { CoreAnswer, Provenance } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { recordAnswer } from '#lib/storage/answers.ts';

/**
 * The save state of the last tap on the answer board. Who answers is the meeting's provenance choice,
 * not kept here. "Gemt" is shown only once the write has committed; a failed write leaves no "Gemt" behind.
 */
export class AnsweringSession {
	saveState = $state<'idle' | 'saving' | 'saved' | 'failed'>('idle');
	lastAnswer = $state<CoreAnswer | undefined>();
	private pending = 0;

	async answer(meeting: Meeting, value: CoreAnswer, provenance: Provenance): Promise<void> {
		this.pending += 1;
		this.saveState = 'saving';
		this.lastAnswer = value;
		try {
			await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value }, provenance });
			this.pending -= 1;
			if (this.pending === 0 && this.saveState === 'saving') this.saveState = 'saved';
		} catch (error) {
			this.pending -= 1;
			this.saveState = 'failed';
			throw error;
		}
	}
}
