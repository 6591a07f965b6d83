import { MEETING, type AboutMeItem } from '#lib/content/conversation.ts';
import type { Answer, AnswerContent } from '#lib/domain/answer.ts';

/*
 * "Om mig — sådan kommunikerer jeg" lives in the answers: each entry is an answer about the meeting
 * part 'about-me' with the item's id, given in the meeting where it was written (an answer always
 * belongs to a meeting, and so keeps who told it, with provenance and history). The page shows,
 * per item, the newest active entry from any of the citizen's meetings: a later meeting updates an
 * entry without a second store that could disagree with the answers.
 */
export interface AboutMeEntry {
	item: AboutMeItem;
	/** The newest symbol or photo: shown large, first, as the page is read by someone who may not read words. */
	picture: Answer | undefined;
	/** The newest entry in words (or a recording), shown beside the picture. */
	words: Answer | undefined;
}

const isPicture = (content: AnswerContent) => content.kind === 'message' || content.kind === 'photo';

/** `answers`: the citizen's answers from all meetings, newest first. */
export function aboutMeEntries(answers: readonly Answer[]): AboutMeEntry[] {
	return MEETING.aboutMe.items.map((item) => {
		const about = answers.filter(
			(answer) =>
				answer.status === 'active' &&
				answer.subject.kind === 'meeting-part' &&
				answer.subject.part === 'about-me' &&
				answer.subject.itemId === item.id
		);
		return { item, picture: about.find((answer) => isPicture(answer.content)), words: about.find((answer) => !isPicture(answer.content)) };
	});
}

/**
 * Whether `answers` (newest first) already hold what "Om mig" shows of every item, a picture and words: older answers
 * cannot change it, so the citizen's page stops reading there (storage listLatestCitizenAnswers).
 */
export function aboutMeComplete(answers: readonly Answer[]): boolean {
	return aboutMeEntries(answers).every((entry) => entry.picture && entry.words);
}
