import { describe, expect, it } from 'vitest';
import type { Meeting } from '#lib/domain/meeting.ts';
import { plainProvenance } from './summary.ts';

const meeting: Meeting = {
	id: 'm1',
	citizenId: 'c1',
	createdAt: 1,
	date: '2026-12-02',
	place: '',
	phase: 'opfoelgning',
	participants: [
		{ id: 'p-kaj', name: 'Kaj', role: 'borger' },
		{ id: 'p-lise', name: 'Lise', role: 'paaroerende' },
		{ id: 'p-jonas', name: 'Jonas', role: 'udfoerer' }
	]
};

describe('plainProvenance', () => {
	it('names the citizen and the people in everyday words, never the case roles', () => {
		expect(plainProvenance({ mode: 'selv' }, meeting, 'Kaj')).toBe('Kaj selv');
		expect(plainProvenance({ mode: 'med-stoette', participantId: 'p-jonas' }, meeting, 'Kaj')).toBe(
			'Kaj med hjælp fra Jonas (hjælper i hverdagen)'
		);
		expect(plainProvenance({ mode: 'med-stoette' }, meeting, 'Kaj')).toBe('Kaj med hjælp');
		expect(plainProvenance({ mode: 'formidlet', participantId: 'p-lise' }, meeting, 'Kaj')).toBe(
			'Lise (familie eller ven) på vegne af Kaj'
		);
		expect(plainProvenance({ mode: 'observeret', participantId: 'p-jonas' }, meeting, 'Kaj')).toBe('Jonas (hjælper i hverdagen) så det');
		expect(plainProvenance({ mode: 'observeret' }, meeting, 'Kaj')).toBe('Nogen i mødet så det');
	});
});
