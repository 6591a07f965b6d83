import { describe, expect, it } from 'vitest';
import type { Meeting } from './meeting';
import { previousPlan, type Plan } from './plan';

const meeting = (id: string, date: string, createdAt: number): Pick<Meeting, 'id' | 'date' | 'createdAt'> => ({ id, date, createdAt });
const plan = (meetingId: string, createdAt: number): Plan => ({
	id: `plan-${meetingId}`,
	citizenId: 'c',
	meetingId,
	createdAt,
	updatedAt: createdAt,
	goals: [],
	agreements: []
});

describe('previousPlan', () => {
	// Created out of date order: the March meeting was written up last, the January one first, May is today's.
	const january = meeting('jan', '2026-01-10', 300);
	const march = meeting('mar', '2026-03-10', 900);
	const may = meeting('may', '2026-05-10', 500);
	const meetings = [may, january, march];

	it('is the plan of the latest earlier meeting by date, not the plan created last', () => {
		const plans = [plan('mar', 50), plan('jan', 800)];
		expect(previousPlan(plans, meetings, may)?.meetingId).toBe('mar');
		expect(previousPlan(plans, meetings, march)?.meetingId).toBe('jan');
	});

	it('skips earlier meetings without a plan and never takes a later meeting or the meeting itself', () => {
		const plans = [plan('jan', 1), plan('may', 2)];
		expect(previousPlan(plans, meetings, may)?.meetingId).toBe('jan');
		expect(previousPlan(plans, meetings, january)).toBeUndefined();
	});

	it('orders two meetings on the same day by when they were created', () => {
		const morning = meeting('am', '2026-05-10', 100);
		const plans = [plan('am', 999), plan('jan', 1)];
		expect(previousPlan(plans, [...meetings, morning], may)?.meetingId).toBe('am');
		expect(previousPlan(plans, [...meetings, morning], morning)?.meetingId).toBe('jan');
	});
});
