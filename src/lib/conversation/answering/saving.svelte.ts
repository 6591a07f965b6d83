import type { Answer, Provenance } from '#lib/domain/answer.ts';
import type { AnswerStep } from '#lib/domain/answer-steps.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { applyAnswerStep } from '#lib/storage/answers.ts';
import { attempt } from '#lib/ui/notices.svelte.ts';

/** "Gemt" for one place where answers are given; shown only after the write has committed. */
export class SaveState {
	saving = $state(false);
	/** The answer last stored here, for "Gemt: …". */
	last = $state.raw<Answer | undefined>();

	async apply(meeting: Meeting, steps: readonly (AnswerStep | undefined)[], provenance: Provenance): Promise<boolean> {
		const todo = steps.filter((step): step is AnswerStep => step !== undefined);
		if (todo.length === 0) return true;
		this.saving = true;
		this.last = undefined;
		try {
			return await attempt(async () => {
				let last: Answer | undefined;
				for (const step of todo) last = await applyAnswerStep(meeting, step, provenance);
				this.last = last;
			});
		} finally {
			this.saving = false;
		}
	}
}
