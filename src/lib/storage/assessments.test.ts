import { afterEach, describe, expect, it } from 'vitest';
import { vumSubtheme } from '#lib/content/vum.ts';
import { listAnswers } from './answers.ts';
import { clearAssessment, listAssessments, setAssessment } from './assessments.ts';
import { createCitizen } from './citizens.ts';
import { deleteDatabase, getStore } from './db.ts';
import { createMeeting } from './meetings.ts';
import { sealRecord } from './sealing.ts';

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

const kontakt = { subthemeId: 'kontakt-med-andre', ffbCode: vumSubtheme('kontakt-med-andre')!.subtheme.ffb.code };

async function twoMeetings() {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const first = await createMeeting(citizen.id, { date: '2026-12-02', place: '', phase: 'faglig-udredning' });
	const second = await createMeeting(citizen.id, { date: '2026-12-09', place: '', phase: 'opfoelgning' });
	return { citizen, first, second };
}

describe('the adviser’s levels (assessments)', () => {
	it('keeps one level per sub-theme and meeting: setting again changes it, clearing removes it, answers stay untouched', async () => {
		const { citizen, first, second } = await twoMeetings();
		const set = await setAssessment(first.id, { ...kontakt, levelId: 'let', note: '  ' }, 10);
		expect(set).toMatchObject({ citizenId: citizen.id, meetingId: first.id, levelId: 'let', createdAt: 10 });
		expect(set).not.toHaveProperty('note');
		const changed = await setAssessment(first.id, { ...kontakt, levelId: 'moderat', note: 'Efter samtale med Lise' }, 20);
		expect(changed.id).toBe(set.id);
		await setAssessment(second.id, { ...kontakt, levelId: 'svaer' }, 30);

		const levels = await listAssessments(first.id);
		expect(levels.map((a) => [a.subthemeId, a.levelId, a.note, a.createdAt, a.updatedAt])).toEqual([
			['kontakt-med-andre', 'moderat', 'Efter samtale med Lise', 10, 20]
		]);
		expect(await listAnswers(first.id)).toEqual([]);

		await clearAssessment(first.id, 'kontakt-med-andre');
		expect(await listAssessments(first.id)).toEqual([]);
		expect((await listAssessments(second.id)).map((a) => a.levelId)).toEqual(['svaer']);
	});

	it('refuses a level where FFB has none, a wrong code, an unknown level and a missing meeting', async () => {
		const { first } = await twoMeetings();
		// Mentale funktioner belongs to Funktioner og forhold: no funktionsevneniveau there.
		const place = vumSubtheme('huske')!;
		expect(place.area.leveled).toBe(false);
		await expect(
			setAssessment(first.id, { subthemeId: place.subtheme.id, ffbCode: place.subtheme.ffb.code, levelId: 'let' })
		).rejects.toThrow('error.assessment');
		await expect(setAssessment(first.id, { ...kontakt, ffbCode: '00000000-0000-4000-8000-000000000000', levelId: 'let' })).rejects.toThrow(
			'error.assessment'
		);
		await expect(setAssessment(first.id, { ...kontakt, levelId: 'lidt' })).rejects.toThrow('error.assessment');
		await expect(setAssessment('no-such-meeting', { ...kontakt, levelId: 'let' })).rejects.toThrow('error.notFound');
		expect(await listAssessments(first.id)).toEqual([]);
	});

	it('of a meeting are only its own citizen’s: a level stored under another citizen is not shown and not changed', async () => {
		const { citizen, first } = await twoMeetings();
		const bo = await createCitizen({ displayName: 'Bo' });
		// As a forged backup restored before restores checked it left it: Bo's level on Anna's meeting.
		const payload = { ...kontakt, levelId: 'let', note: 'Indsat vurdering' };
		const forged = { id: 'forged', citizenId: bo.id, meetingId: first.id, createdAt: 1, updatedAt: 1, payload };
		const sealed = await sealRecord('assessments', forged);
		await getStore().transaction('rw', ['assessments'], (tx) => tx.assessments.put(sealed));

		expect(await listAssessments(first.id)).toEqual([]);
		const own = await setAssessment(first.id, { ...kontakt, levelId: 'moderat' }, 10);
		expect(own).toMatchObject({ citizenId: citizen.id, levelId: 'moderat' });
		expect((await listAssessments(first.id)).map((a) => [a.citizenId, a.levelId])).toEqual([[citizen.id, 'moderat']]);
		await clearAssessment(first.id, 'kontakt-med-andre');
		expect(await listAssessments(first.id)).toEqual([]);
		expect(await getStore().transaction('r', ['assessments'], (tx) => tx.assessments.get('forged'))).toBeDefined();
	});
});
