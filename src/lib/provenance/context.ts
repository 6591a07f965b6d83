import { createContext } from 'svelte';
import type { Meeting } from '#lib/domain/meeting.ts';
import { pickedForMeeting, ProvenanceChoice } from './choice.svelte.ts';

const [getChoice, setChoice] = createContext<ProvenanceChoice>();

/**
 * Called once by a page that belongs to a meeting. Every tool on the page then answers with this choice,
 * and every page of the same meeting sees the same pick.
 */
export function provideProvenanceChoice(meeting: () => Meeting | undefined): ProvenanceChoice {
	return setChoice(
		new ProvenanceChoice(
			meeting,
			pickedForMeeting(() => meeting()?.id ?? '')
		)
	);
}

/** The meeting's choice, for a tool inside a meeting page. */
export const meetingProvenanceChoice: () => ProvenanceChoice = getChoice;
