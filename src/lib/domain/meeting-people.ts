import type { Answer } from './answer';
import { networkPeople, type NetworkPersonSubject } from './network-map';

/*
 * "Hvem vil du have med?" with the people the citizen knows: the people on their network map (name, role, photo)
 * can be chosen for a meeting. A choice is the network mark "vil have med til møder" on that person, answered in
 * the meeting it is for, so the invitation letter and Min plan show those people with their photos.
 */

/** Everyone on the citizen's network map, from any of their meetings, with the details they were last placed with. */
export function knownPeople(citizenAnswers: readonly Answer[]): NetworkPersonSubject[] {
	return networkPeople(citizenAnswers).map((person) => person.subject);
}

/** The people chosen for this meeting, in the order they were chosen; taking a choice back takes them off. */
export function wantedPeople(meetingAnswers: readonly Answer[]): NetworkPersonSubject[] {
	const wanted = new Map<string, NetworkPersonSubject>();
	for (const answer of [...meetingAnswers].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))) {
		const { subject, content } = answer;
		if (answer.status !== 'active' || subject.kind !== 'network-person') continue;
		if (content.kind === 'mark' && content.mark === 'med-til-moeder') wanted.set(subject.personId, subject);
	}
	return [...wanted.values()];
}
