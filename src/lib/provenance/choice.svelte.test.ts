import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Meeting, Participant } from '#lib/domain/meeting.ts';
import { pickedForMeeting, ProvenanceChoice } from './choice.svelte.ts';

const anna: Participant = { id: 'p-anna', name: 'Anna', role: 'borger' };
const lise: Participant = { id: 'p-lise', name: 'Lise', role: 'paaroerende' };
const jonas: Participant = { id: 'p-jonas', name: 'Jonas', role: 'udfoerer' };

function meetingWith(id: string, participants: Participant[]): Meeting {
	return { id, citizenId: 'c1', createdAt: 0, date: '2026-11-23', place: '', phase: 'opfoelgning', participants };
}

describe('the provenance choice', () => {
	beforeEach(() => sessionStorage.clear());

	it('starts with the citizen answering alone, which is ready at once', () => {
		const choice = new ProvenanceChoice(() => meetingWith('m', [anna, lise]));
		expect(choice.provenance).toEqual({ mode: 'selv' });
		expect(choice.ready).toBe(true);
	});

	it('is ready to relay only with a person who is not the citizen', () => {
		const choice = new ProvenanceChoice(() => meetingWith('m', [anna, lise, jonas]));
		choice.mode = 'formidlet';
		expect(choice.ready).toBe(false);
		expect(choice.people.map((p) => p.id)).toEqual([lise.id, jonas.id]);
		choice.pick(anna.id);
		expect(choice.ready).toBe(false);
		expect(choice.provenance).toEqual({ mode: 'formidlet' });
		choice.pick(lise.id);
		expect(choice.ready).toBe(true);
		expect(choice.provenance).toEqual({ mode: 'formidlet', participantId: lise.id });
		// Support and observation may name someone, but need not.
		for (const mode of ['med-stoette', 'observeret'] as const) {
			choice.mode = mode;
			choice.pick('');
			expect([choice.ready, choice.provenance]).toEqual([true, { mode }]);
		}
	});

	it('never offers the citizen as the one who supports, relays or observes, nor keeps them picked', () => {
		const choice = new ProvenanceChoice(() => meetingWith('m', [anna, lise, jonas]));
		for (const mode of ['med-stoette', 'formidlet', 'observeret'] as const) {
			choice.mode = mode;
			expect(choice.people.map((p) => p.id)).toEqual([lise.id, jonas.id]);
			choice.pick(anna.id);
			expect(choice.participantId).toBeUndefined();
			expect(choice.provenance).toEqual({ mode });
		}
		// An answer that named the citizen so, being corrected, starts without a person.
		choice.reset({ mode: 'med-stoette', participantId: anna.id });
		expect(choice.provenance).toEqual({ mode: 'med-stoette' });
	});

	it('never names a person for "selv", also when one was picked before', () => {
		const choice = new ProvenanceChoice(() => meetingWith('m', [anna, jonas]));
		choice.mode = 'med-stoette';
		choice.pick(jonas.id);
		expect(choice.provenance).toEqual({ mode: 'med-stoette', participantId: jonas.id });
		choice.mode = 'selv';
		expect(choice.provenance).toEqual({ mode: 'selv' });
		expect('participantId' in choice.provenance).toBe(false);
		expect(choice.participantId).toBeUndefined();
		expect(choice.people).toEqual([]);
		choice.pick(jonas.id);
		expect(choice.provenance).toEqual({ mode: 'selv' });
	});

	it('drops a person who has left the meeting', () => {
		let participants = $state([anna, jonas]);
		const choice = new ProvenanceChoice(() => meetingWith('m', participants));
		choice.mode = 'formidlet';
		choice.pick(jonas.id);
		expect(choice.ready).toBe(true);
		participants = [anna];
		expect(choice.provenance).toEqual({ mode: 'formidlet' });
		expect(choice.ready).toBe(false);
	});

	it('starts again from an answer being corrected', () => {
		const choice = new ProvenanceChoice(() => meetingWith('m', [anna, lise]));
		choice.reset({ mode: 'formidlet', participantId: lise.id });
		expect(choice.provenance).toEqual({ mode: 'formidlet', participantId: lise.id });
		choice.reset({ mode: 'observeret' });
		expect(choice.provenance).toEqual({ mode: 'observeret' });
	});

	it('is one choice per meeting: another page of the meeting, or the same page after a lock, finds it as it was', () => {
		const meeting = meetingWith('m-shared', [anna, jonas]);
		const meetingPage = new ProvenanceChoice(
			() => meeting,
			pickedForMeeting(() => meeting.id)
		);
		meetingPage.mode = 'med-stoette';
		meetingPage.pick(jonas.id);
		const boardPage = new ProvenanceChoice(
			() => meeting,
			pickedForMeeting(() => meeting.id)
		);
		expect(boardPage.provenance).toEqual({ mode: 'med-stoette', participantId: jonas.id });
		boardPage.mode = 'observeret';
		expect(meetingPage.mode).toBe('observeret');

		const other = meetingWith('m-other', [anna, jonas]);
		expect(
			new ProvenanceChoice(
				() => other,
				pickedForMeeting(() => other.id)
			).provenance
		).toEqual({ mode: 'selv' });
	});

	it('comes back after a reload from sessionStorage, which holds the mode and the random id but no name', async () => {
		const meeting = meetingWith('m-reload', [anna, jonas]);
		const before = new ProvenanceChoice(
			() => meeting,
			pickedForMeeting(() => meeting.id)
		);
		before.mode = 'med-stoette';
		before.pick(jonas.id);
		const kept = sessionStorage.getItem('billedtale.provenance.m-reload');
		expect(JSON.parse(kept!)).toEqual({ mode: 'med-stoette', participantId: jonas.id });
		expect(kept).not.toContain('Jonas');

		// A reload starts the module afresh: only sessionStorage is left.
		vi.resetModules();
		const reloaded = await import('./choice.svelte.ts');
		const after = new reloaded.ProvenanceChoice(
			() => meeting,
			reloaded.pickedForMeeting(() => meeting.id)
		);
		expect(after.provenance).toEqual({ mode: 'med-stoette', participantId: jonas.id });

		// Anything else in the slot is ignored rather than trusted.
		vi.resetModules();
		sessionStorage.setItem('billedtale.provenance.m-reload', JSON.stringify({ mode: 'hemmelig', participantId: jonas.id }));
		const tampered = await import('./choice.svelte.ts');
		expect(
			new tampered.ProvenanceChoice(
				() => meeting,
				tampered.pickedForMeeting(() => meeting.id)
			).provenance
		).toEqual({ mode: 'selv' });
	});
});
