import { describe, expect, it } from 'vitest';
import { meetingsDeleted } from './forgotten-meetings.ts';
import { meetingDraft } from './drafts.svelte.ts';

const empty = () => ({ text: '', who: [] as string[] });

describe('a meeting form’s draft', () => {
	it('is the same for the form mounted again, its own per meeting, emptied once added, and gone with its meeting', () => {
		const goal = meetingDraft('m1', 'goal', empty);
		goal.value.text = 'Jeg vil gerne selv';
		goal.value.who.push('p-mor');
		expect(meetingDraft('m1', 'goal', empty).value).toEqual({ text: 'Jeg vil gerne selv', who: ['p-mor'] });
		expect(meetingDraft('m1', 'agreement', empty).value).toEqual(empty());
		expect(meetingDraft('m2', 'goal', empty).value).toEqual(empty());
		goal.fresh();
		expect(meetingDraft('m1', 'goal', empty).value).toEqual(empty());

		meetingDraft('m1', 'goal', empty).value.text = 'Ringe til lægen';
		meetingsDeleted(['m1']);
		expect(meetingDraft('m1', 'goal', empty).value).toEqual(empty());
	});
});
