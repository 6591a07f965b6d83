import { countAnswers, listAnswers } from '#lib/storage/answers.ts';
import { LiveQuery } from '#lib/storage/live.svelte.ts';
import { readAhead } from '#lib/storage/read-ahead.ts';

/** How many answers the list shows at first, and how many more each "Vis ældre svar" adds. */
export const ANSWERS_PAGE = 30;

const pageAhead = (meetingId: string) => `newest-answers/${meetingId}`;
const countAhead = (meetingId: string) => `answer-count/${meetingId}`;

/** Reads a meeting's first page of answers and their count ahead, for a NewestAnswers about to be made (read-ahead.ts). */
export function readNewestAnswersAhead(meetingId: string): void {
	readAhead(pageAhead(meetingId), () => listAnswers(meetingId, ANSWERS_PAGE));
	readAhead(countAhead(meetingId), () => countAnswers(meetingId));
}

/**
 * What the adviser's answer list shows, kept live: a meeting's newest answers, a page at a time, read (and decrypted)
 * through the meeting's time index, and how many there are, counted from the index without opening them. The meeting
 * page creates it as it opens, not the list as it is drawn: its reads then run beside the meeting's own, instead of
 * starting after the page's first render and frame (issue 17, profile of open1000: a read, a render and a frame more
 * before the list was shown). With no meeting id ('', the panel closed) nothing is read.
 * Must be created while a component initialises, as LiveQuery must.
 */
export class NewestAnswers {
	#limit = $state(ANSWERS_PAGE);
	readonly page;
	readonly count;

	constructor(meetingId: () => string) {
		const first = meetingId();
		this.page = new LiveQuery(
			() => {
				const id = meetingId();
				const newest = this.#limit;
				return () => (id ? listAnswers(id, newest) : Promise.resolve([]));
			},
			{ ahead: first ? pageAhead(first) : undefined }
		);
		this.count = new LiveQuery(
			() => {
				const id = meetingId();
				return () => (id ? countAnswers(id) : Promise.resolve(0));
			},
			{ ahead: first ? countAhead(first) : undefined }
		);
	}

	/** Whether the first page and the count have been read (or have failed). */
	get loaded(): boolean {
		return this.page.loaded && this.count.loaded;
	}

	/** Shows a page more than the `shown` answers on screen. */
	showOlder(shown: number): void {
		this.#limit = shown + ANSWERS_PAGE;
	}
}
