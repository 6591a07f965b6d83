import { describe, expect, it } from 'vitest';
import { byProvenance, createAnswer, withdrawAnswer, type AnswerContent } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import { MEETING } from '#lib/content/conversation.ts';
import { aboutMeComplete, aboutMeEntries } from './about-me.ts';

/** Taken back or brought back by the citizen herself, where who did it is not what is tested. */
const bySelf = byProvenance({ mode: 'selv' });

const meeting: Meeting = { id: 'm1', citizenId: 'c1', createdAt: 0, date: '2026-12-02', place: '', phase: 'opfoelgning', participants: [] };
const entry = (id: string, itemId: string, content: AnswerContent) =>
	createAnswer({ id, meeting, subject: { kind: 'meeting-part', part: 'about-me', itemId }, content, provenance: { mode: 'selv' }, at: 1 });
const ja: AnswerContent = { kind: 'message', items: [{ label: 'ja', symbolId: 'ja' }] };

describe('Om mig', () => {
	it('keeps the newest picture and the newest words of each item side by side', () => {
		// Newest first, as the citizen's answers are read.
		const answers = [
			entry('a3', 'om-mig-ja', { kind: 'photo', mediaId: 'p1' }),
			entry('a2', 'om-mig-ja', { kind: 'text', text: 'Jeg nikker' }),
			entry('a1', 'om-mig-ja', ja),
			withdrawAnswer(entry('a0', 'om-mig-nej', ja), meeting, bySelf, 2)
		];
		const [yes, no] = aboutMeEntries(answers);
		expect(yes).toMatchObject({ item: { id: 'om-mig-ja' }, picture: { id: 'a3' }, words: { id: 'a2' } });
		expect(no).toMatchObject({ item: { id: 'om-mig-nej' }, picture: undefined, words: undefined });
		expect(aboutMeEntries(answers.slice(1))[0]).toMatchObject({ picture: { id: 'a1' }, words: { id: 'a2' } });
	});

	it('is complete once every item has its newest picture and words, so older answers need not be read', () => {
		const items = MEETING.aboutMe.items.map((item) => item.id);
		const everything = items.flatMap((itemId, i) => [entry(`p${i}`, itemId, ja), entry(`w${i}`, itemId, { kind: 'text', text: 'ord' })]);
		expect(aboutMeComplete(everything)).toBe(true);
		// One item without words: an older answer may still hold them.
		expect(aboutMeComplete(everything.slice(0, -1))).toBe(false);
		// A withdrawn entry shows nothing: an older one would be shown.
		expect(aboutMeComplete([...everything.slice(0, -1), withdrawAnswer(everything.at(-1)!, meeting, bySelf, 2)])).toBe(false);
		expect(aboutMeComplete([])).toBe(false);
	});
});
