import type { AnswerSubjectKind } from '#lib/domain/answer.ts';
import { listAnswers, listMeetingAnswers } from './answers.ts';
import { getCitizen } from './citizens.ts';
import { LiveQuery } from './live.svelte.ts';
import { getMeeting } from './meetings.ts';

/**
 * What every page of one meeting reads first, kept live: the meeting, its citizen (whose access settings and names the
 * page uses) and the meeting's answers: with `about`, only those about these kinds of subject (a tool's own answers).
 * Must be created while a component initialises, as LiveQuery must.
 */
export class MeetingReads {
	readonly meeting;
	readonly citizen;
	readonly answers;

	constructor(meetingId: () => string, about?: readonly AnswerSubjectKind[]) {
		this.meeting = new LiveQuery(() => {
			const id = meetingId();
			return () => getMeeting(id);
		});
		this.citizen = new LiveQuery(() => {
			const id = this.meeting.current?.citizenId ?? '';
			return () => getCitizen(id);
		});
		this.answers = new LiveQuery(() => {
			const id = meetingId();
			return () => (about ? listMeetingAnswers(id, about) : listAnswers(id));
		});
	}
}
