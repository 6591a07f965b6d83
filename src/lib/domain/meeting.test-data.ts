import type { Meeting } from './meeting';

/** A follow-up meeting of one citizen with the people named, for tests of what the meeting's words say about them. */
export function meetingWith(...people: [name: string, role: Meeting['participants'][number]['role']][]): Meeting {
	return {
		id: 'm1',
		citizenId: 'c1',
		createdAt: 1,
		date: '2026-12-02',
		place: '',
		phase: 'opfoelgning',
		participants: people.map(([name, role]) => ({ id: `p-${name.toLowerCase()}`, name, role }))
	};
}
