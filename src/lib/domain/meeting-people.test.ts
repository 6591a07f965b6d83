import { describe, expect, it } from 'vitest';
import type { Answer, AnswerContent } from './answer';
import { knownPeople, wantedPeople } from './meeting-people';
import type { NetworkPersonSubject } from './network-map';

const lise: NetworkPersonSubject = { kind: 'network-person', personId: 'p-lise', name: 'Lise', roleId: 'familie', photoId: 'photo-lise' };
const ole: NetworkPersonSubject = { kind: 'network-person', personId: 'p-ole', name: 'Ole' };

let clock = 0;
function answer(meetingId: string, subject: NetworkPersonSubject, content: AnswerContent, status: Answer['status'] = 'active'): Answer {
	clock += 1;
	const at = clock;
	return {
		id: `a${at}`,
		meetingId,
		citizenId: 'c',
		createdAt: at,
		updatedAt: at,
		subject,
		content,
		provenance: { mode: 'selv' },
		status,
		confirmations: [],
		history: []
	};
}
const placed = (meetingId: string, subject: NetworkPersonSubject) =>
	answer(meetingId, subject, { kind: 'placement', zoneId: 'taet', label: 'Tæt på' });
const wants = (meetingId: string, subject: NetworkPersonSubject, status: Answer['status'] = 'active') =>
	answer(meetingId, subject, { kind: 'mark', mark: 'med-til-moeder' }, status);

describe('the people the citizen wants at a meeting', () => {
	it('can be chosen from everyone on the network map of any earlier meeting', () => {
		expect(knownPeople([placed('m1', lise), placed('m2', ole)]).map((p) => p.name)).toEqual(['Lise', 'Ole']);
	});

	it('are those marked "vil have med til møder" in this meeting, in the order chosen, with their photo', () => {
		const answers = [wants('m3', ole), wants('m3', lise), answer('m3', ole, { kind: 'mark', mark: 'spoerg-om-hjaelp' })];
		expect(wantedPeople(answers)).toEqual([ole, lise]);
		expect(wantedPeople(answers)[1]?.photoId).toBe('photo-lise');
	});

	it('leave out a choice taken back', () => {
		expect(wantedPeople([wants('m3', lise, 'withdrawn'), wants('m3', ole)])).toEqual([ole]);
	});
});
