import { afterEach, describe, expect, it } from 'vitest';
import { createCitizen } from './citizens.ts';
import { deleteDatabase, getStore } from './db.ts';
import { createMeeting } from './meetings.ts';
import { getPlan, listPlans, updatePlan } from './plans.ts';
import { sealRecord } from './sealing.ts';

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

describe('plans', () => {
	it('are created on first change, one per meeting, and refuse an agreement that names a goal the plan lacks', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const meeting = await createMeeting(citizen.id, { date: '2026-12-02', place: '', phase: 'opfoelgning' });
		expect(await getPlan(meeting.id)).toBeUndefined();
		const goal = { id: 'g1', text: '  Jeg vil  selv handle ind ', themeIds: ['praktiske-opgaver'], status: 'aktiv' as const };
		const first = await updatePlan(meeting.id, (plan) => ({ ...plan, goals: [goal] }), 10);
		const second = await updatePlan(
			meeting.id,
			(plan) => ({
				...plan,
				agreements: [{ id: 'a1', what: 'Øve i Netto', who: [{ name: 'Lise', role: 'paaroerende' }], when: 'Før jul', goalId: 'g1' }]
			}),
			20
		);
		expect(second.id).toBe(first.id);
		expect((await getPlan(meeting.id))?.goals.map((g) => g.text)).toEqual(['Jeg vil  selv handle ind']);
		expect((await listPlans(citizen.id)).map((p) => [p.createdAt, p.updatedAt, p.agreements.length])).toEqual([[10, 20, 1]]);
		await expect(
			updatePlan(meeting.id, (plan) => ({ ...plan, agreements: [{ ...plan.agreements[0]!, goalId: 'missing' }] }))
		).rejects.toThrow('error.plan');
		expect((await getPlan(meeting.id))?.agreements[0]?.goalId).toBe('g1');
	});

	it('keep the next meeting’s time of day beside its date, and refuse a time off the clock or without a date', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const meeting = await createMeeting(citizen.id, { date: '2026-12-02', place: '', phase: 'opfoelgning' });
		await updatePlan(meeting.id, (plan) => ({ ...plan, nextMeeting: '2027-02-02', nextMeetingTime: '10:00' }));
		expect(await getPlan(meeting.id)).toMatchObject({ nextMeeting: '2027-02-02', nextMeetingTime: '10:00' });
		await expect(updatePlan(meeting.id, (plan) => ({ ...plan, nextMeetingTime: '25:00' }))).rejects.toThrow('error.plan');
		await expect(updatePlan(meeting.id, (plan) => ({ ...plan, nextMeeting: undefined }))).rejects.toThrow('error.plan');
		// A plan without a time reads without one.
		await updatePlan(meeting.id, (plan) => ({ ...plan, nextMeetingTime: undefined }));
		expect(await getPlan(meeting.id)).not.toHaveProperty('nextMeetingTime');
	});

	it('of a meeting are only its own citizen’s: a plan stored under another citizen is not shown and never takes her goals', async () => {
		const anna = await createCitizen({ displayName: 'Anna' });
		const bo = await createCitizen({ displayName: 'Bo' });
		const meeting = await createMeeting(anna.id, { date: '2026-12-02', place: '', phase: 'opfoelgning' });
		// As a forged backup restored before restores checked it left it: Bo's plan on Anna's meeting.
		const goal = { id: 'g1', text: 'Indsat mål', themeIds: [], status: 'aktiv' as const };
		const forged = {
			id: 'forged',
			citizenId: bo.id,
			meetingId: meeting.id,
			createdAt: 1,
			updatedAt: 1,
			payload: { goals: [goal], agreements: [] }
		};
		const sealed = await sealRecord('plans', forged);
		await getStore().transaction('rw', ['plans'], (tx) => tx.plans.put(sealed));

		expect(await getPlan(meeting.id)).toBeUndefined();
		const own = await updatePlan(meeting.id, (plan) => ({
			...plan,
			goals: [...plan.goals, { ...goal, id: 'g2', text: 'Annas eget mål' }]
		}));
		expect(own).toMatchObject({ citizenId: anna.id, goals: [{ text: 'Annas eget mål' }] });
		expect(await getPlan(meeting.id)).toMatchObject({ id: own.id, citizenId: anna.id });
		expect((await listPlans(bo.id)).map((plan) => plan.goals.map((g) => g.text))).toEqual([['Indsat mål']]);
	});
});
