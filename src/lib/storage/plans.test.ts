import { afterEach, describe, expect, it } from 'vitest';
import { createCitizen } from './citizens.ts';
import { deleteDatabase } from './db.ts';
import { createMeeting } from './meetings.ts';
import { getPlan, listPlans, updatePlan } from './plans.ts';

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
});
