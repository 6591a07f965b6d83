import { afterEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '#lib/storage/answers.ts';
import { createCitizen } from '#lib/storage/citizens.ts';
import { deleteDatabase } from '#lib/storage/db.ts';
import { createMeeting } from '#lib/storage/meetings.ts';
import { beginSession, currentSession, dropDataKey } from '#lib/vault/session.ts';
import { readFirstScreen } from './first-screen.ts';
import { STAFF_PANEL_KEY } from './meeting-parts.ts';

afterEach(async () => {
	await deleteDatabase();
	sessionStorage.clear();
});

async function meetingWithAnswers() {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const meeting = await createMeeting(citizen.id, { date: '2026-11-23', place: '', phase: 'opfoelgning' });
	const provenance = { mode: 'selv' } as const;
	const checkIn = { kind: 'meeting-part', part: 'check-in', itemId: 'check-in-i-dag' } as const;
	await recordAnswer(
		meeting,
		{ subject: checkIn, content: { kind: 'scale', scaleId: 'ansigter', pointId: 'godt', label: 'Godt' }, provenance },
		1000
	);
	await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance }, 2000);
	return { citizen, meeting };
}

describe('the meeting page first screen', () => {
	it('reads the meeting, its citizen, the step’s own answers and, with the panel open, the newest page and the count', async () => {
		const { citizen, meeting } = await meetingWithAnswers();
		sessionStorage.setItem(STAFF_PANEL_KEY, 'open');
		const screen = await readFirstScreen(meeting.id, 'check-in');
		expect(screen?.meeting.value?.id).toBe(meeting.id);
		expect(screen?.citizen.value?.displayName).toBe(citizen.displayName);
		// The check-in reads the meeting's own parts, not the board's answers; the panel lists the newest of every kind.
		expect(screen?.answers.value.map((answer) => answer.subject.kind)).toEqual(['meeting-part']);
		expect(screen?.panel?.page.value.map((answer) => answer.subject.kind)).toEqual(['core-board', 'meeting-part']);
		expect(screen?.panel?.count.value).toBe(2);
		expect(screen?.newest).toBeUndefined();
		expect(screen?.plan.value).toBeUndefined();
	});

	it('reads the newest answer on the topics, and no panel list when the panel is closed', async () => {
		const { meeting } = await meetingWithAnswers();
		const screen = await readFirstScreen(meeting.id, 'emner');
		expect(screen?.step).toBe('emner');
		expect(screen?.newest?.value.map((answer) => answer.subject.kind)).toEqual(['core-board']);
		expect(screen?.panel).toBeUndefined();
	});

	it('is undefined when a read fails (a locked tablet), so the page reads by itself', async () => {
		const { meeting } = await meetingWithAnswers();
		const session = currentSession()!;
		dropDataKey();
		try {
			expect(await readFirstScreen(meeting.id, 'check-in')).toBeUndefined();
		} finally {
			beginSession(session);
		}
	});
});
