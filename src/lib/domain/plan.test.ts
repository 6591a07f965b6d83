import { describe, expect, it } from 'vitest';
import type { Meeting } from './meeting';
import { earlierGoals, type Goal, type GoalStatus, type Plan } from './plan';

const meeting = (id: string, date: string, createdAt: number): Pick<Meeting, 'id' | 'date' | 'createdAt'> => ({ id, date, createdAt });
const goal = (id: string, status: GoalStatus = 'aktiv'): Goal => ({ id, text: `Mål ${id}`, themeIds: [], status });
const plan = (meetingId: string, createdAt: number, goals: Goal[] = [goal(`set-in-${meetingId}`)]): Plan => ({
	id: `plan-${meetingId}`,
	citizenId: 'c',
	meetingId,
	createdAt,
	updatedAt: createdAt,
	goals,
	agreements: []
});
const offered = (open: ReturnType<typeof earlierGoals>) => open.map(({ goal, planId }) => `${goal.id}@${planId}`);

describe('earlierGoals', () => {
	// Created out of date order: the March meeting was written up last, the January one first, May is today's.
	const january = meeting('jan', '2026-01-10', 300);
	const march = meeting('mar', '2026-03-10', 900);
	const may = meeting('may', '2026-05-10', 500);
	const meetings = [may, january, march];

	it("offers every earlier meeting's goals, the latest meeting's by date first, not the plan created last", () => {
		const plans = [plan('mar', 50), plan('jan', 800)];
		expect(offered(earlierGoals(plans, meetings, may))).toEqual(['set-in-mar@plan-mar', 'set-in-jan@plan-jan']);
		expect(offered(earlierGoals(plans, meetings, march))).toEqual(['set-in-jan@plan-jan']);
	});

	it('never takes a later meeting or the meeting itself', () => {
		const plans = [plan('jan', 1), plan('may', 2)];
		expect(offered(earlierGoals(plans, meetings, may))).toEqual(['set-in-jan@plan-jan']);
		expect(earlierGoals(plans, meetings, january)).toEqual([]);
	});

	it('orders two meetings on the same day by when they were created', () => {
		const morning = meeting('am', '2026-05-10', 100);
		const plans = [plan('am', 999), plan('jan', 1)];
		expect(offered(earlierGoals(plans, [...meetings, morning], may))).toEqual(['set-in-am@plan-am', 'set-in-jan@plan-jan']);
		expect(offered(earlierGoals(plans, [...meetings, morning], morning))).toEqual(['set-in-jan@plan-jan']);
	});

	it('keeps a goal not followed up in the next meeting, or before a meeting with no goals, on offer', () => {
		// January set two goals; March followed up only "cykle"; a meeting in April made only an agreement.
		const april = meeting('apr', '2026-04-10', 950);
		const plans = [
			plan('jan', 1, [goal('handle'), goal('cykle')]),
			plan('mar', 2, [{ ...goal('cykle'), fromPlanId: 'plan-jan' }]),
			plan('apr', 3, [])
		];
		expect(offered(earlierGoals(plans, [...meetings, april], may))).toEqual(['cykle@plan-mar', 'handle@plan-jan']);
	});

	it('leaves out a goal the latest plan holding it marks reached or stopped, even if an older plan has it active', () => {
		const plans = [
			plan('jan', 1, [goal('handle'), goal('cykle'), goal('sove')]),
			plan('mar', 2, [goal('handle', 'naaet'), goal('cykle', 'stoppet')])
		];
		expect(offered(earlierGoals(plans, meetings, may))).toEqual(['sove@plan-jan']);
	});
});
