import { afterEach, expect, it } from 'vitest';
import { byProvenance, type AnswerContent } from '#lib/domain/answer.ts';
import { listAnswers } from '#lib/storage/answers.ts';
import { createCitizen } from '#lib/storage/citizens.ts';
import { deleteDatabase } from '#lib/storage/db.ts';
import { addParticipant, createMeeting } from '#lib/storage/meetings.ts';
import { setAnswer, togglePicture } from './step-answers.ts';

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

const point = (pointId: string): AnswerContent => ({ kind: 'scale', scaleId: 'ansigter', pointId, label: pointId });

it('two quick choices on one question leave one answer, the last, though the screen had not seen the first yet', async () => {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const meeting = await createMeeting(citizen.id, { date: '2026-12-05', place: 'Hjemme', phase: 'faglig-udredning' });
	const subject = { kind: 'meeting-part' as const, part: 'check-in' as const, itemId: 'humoer' };
	// Both taps come before the screen's live read has the first answer: each sees no answer.
	await Promise.all([
		setAnswer(meeting, [], subject, point('skidt'), { mode: 'selv' }),
		setAnswer(meeting, [], subject, point('godt'), { mode: 'selv' })
	]);
	const stored = await listAnswers(meeting.id);
	expect(stored.map((answer) => [answer.status, (answer.content as { pointId: string }).pointId])).toEqual([['active', 'godt']]);
	expect(stored[0]?.history.map((revision) => (revision.content as { pointId?: string } | undefined)?.pointId)).toContain('skidt');

	// A picture chosen and taken back at once, on a stale screen: none is left chosen.
	const pictures = { kind: 'meeting-part' as const, part: 'check-in' as const, itemId: 'emner' };
	await Promise.all([
		togglePicture(meeting, [], pictures, { label: 'kaffe' }, { mode: 'selv' }, false),
		togglePicture(meeting, [], pictures, { label: 'kaffe' }, { mode: 'selv' }, false)
	]);
	const chosen = (await listAnswers(meeting.id)).filter((answer) => answer.subject.kind === 'meeting-part' && answer.status === 'active');
	expect(chosen.map((answer) => answer.content.kind)).toEqual(['scale']);
});

it('a picture taken back names who took it back, as "Svar gemmes som" said then', async () => {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const created = await createMeeting(citizen.id, { date: '2026-12-05', place: 'Hjemme', phase: 'faglig-udredning' });
	const meeting = await addParticipant(created.id, 'Lise', 'paaroerende');
	const lise = { mode: 'formidlet', participantId: meeting.participants[1]!.id } as const;
	const pictures = { kind: 'meeting-part' as const, part: 'check-in' as const, itemId: 'emner' };
	await togglePicture(meeting, [], pictures, { label: 'kaffe' }, { mode: 'selv' }, false);
	await togglePicture(meeting, await listAnswers(meeting.id), pictures, { label: 'kaffe' }, lise, false);
	const [taken] = await listAnswers(meeting.id);
	expect(taken?.status).toBe('withdrawn');
	expect(taken?.history.map((revision) => revision.changedBy)).toEqual([byProvenance(lise)]);
});
