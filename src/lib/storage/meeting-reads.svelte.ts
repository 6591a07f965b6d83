import type { AnswerSubjectKind } from '#lib/domain/answer.ts';
import type { Citizen } from '#lib/domain/citizen.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { listAnswers, listMeetingAnswers } from './answers.ts';
import { getCitizen } from './citizens.ts';
import { LiveQuery } from './live.svelte.ts';
import { getMeeting } from './meetings.ts';
import { readAhead } from './read-ahead.ts';

/** One record of a read that yields more than one, as a page uses a LiveQuery's. */
export interface LiveRead<T> {
	readonly current: T | undefined;
	readonly loaded: boolean;
	readonly failed: boolean;
}

/** The meeting and its citizen, read together: the citizen's whole record, or undefined when there is no such meeting. */
async function meetingWithCitizen(id: string): Promise<{ meeting?: Meeting; citizen?: Citizen }> {
	const meeting = await getMeeting(id);
	return { meeting, citizen: meeting && (await getCitizen(meeting.citizenId)) };
}

function part<T, R>(read: LiveQuery<R>, pick: (value: R) => T | undefined): LiveRead<T> {
	return {
		get current() {
			return read.current === undefined ? undefined : pick(read.current);
		},
		get loaded() {
			return read.loaded;
		},
		get failed() {
			return read.failed;
		}
	};
}

const meetingAhead = (id: string) => `meeting-with-citizen/${id}`;

/** Reads the meeting and its citizen ahead, for a MeetingReads of that meeting about to be made (read-ahead.ts). */
export function readMeetingAhead(id: string): void {
	readAhead(meetingAhead(id), () => meetingWithCitizen(id));
}

/**
 * What every page of one meeting reads first, kept live: the meeting, its citizen (whose access settings and names the
 * page uses) and the meeting's answers: with `about`, only those about these kinds of subject (a tool's own answers, or
 * what the step shown works out from; every answer when it gives none).
 *
 * The citizen is read in the meeting's own read, so the first frame that shows the meeting has the citizen's look: read
 * after the meeting, their access settings came one to three frames later, and the step showed first in the tablet's
 * default look (normal pictures, no high contrast), then jumped.
 * Must be created while a component initialises, as LiveQuery must.
 */
export class MeetingReads {
	readonly meeting: LiveRead<Meeting>;
	readonly citizen: LiveRead<Citizen>;
	readonly answers;

	constructor(meetingId: () => string, about: () => readonly AnswerSubjectKind[] | undefined = () => undefined) {
		const both = new LiveQuery(
			() => {
				const id = meetingId();
				return () => meetingWithCitizen(id);
			},
			{ ahead: meetingAhead(meetingId()) }
		);
		this.meeting = part(both, (value) => value.meeting);
		this.citizen = part(both, (value) => value.citizen);
		this.answers = new LiveQuery(() => {
			const id = meetingId();
			const kinds = about();
			return () => (kinds ? listMeetingAnswers(id, kinds) : listAnswers(id));
		});
	}
}
