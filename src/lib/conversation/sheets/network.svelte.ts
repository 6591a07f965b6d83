import { tick } from 'svelte';
import type { Answer } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import {
	markStep,
	networkPeople,
	placeStep,
	removeSteps,
	type NetworkMark,
	type NetworkPerson,
	type NetworkPersonSubject,
	type Ring
} from '#lib/domain/network-map.ts';
import { t } from '#lib/i18n/index.svelte.ts';
import type { ProvenanceChoice } from '#lib/provenance/choice.svelte.ts';
import { SaveState } from '#lib/conversation/answering/saving.svelte.ts';
import { meetingDraft } from '#lib/storage/drafts.svelte.ts';
import { keepMediaWhileWaiting } from '#lib/storage/hold-media.svelte.ts';
import { focusLeftWith } from '#lib/ui/focus-when-gone.ts';
import { untilShown } from '#lib/ui/until-shown.ts';

/** A person on the map or still waiting beside it; both views (map and list) show the same rows. */
export interface NetworkRow {
	subject: NetworkPersonSubject;
	person: NetworkPerson | undefined;
}

/** The people added to a meeting's map and not yet placed: a class, so that the draft keeps the subjects as they are. */
class WaitingPeople {
	people = $state.raw<NetworkPersonSubject[]>([]);
}

const WAITING = 'network waiting';

/**
 * The network map of one meeting: the people on it come from the meeting's answers; people just added wait
 * beside the map until they are placed (nothing has been said about them yet, so nothing is stored). They wait through
 * other sheets and steps, kept with the meeting's drafts (storage/drafts.svelte.ts), and the photos of those who wait
 * are held from the media clean-up meanwhile: stored already, no record names them until the person is placed.
 */
export class NetworkSession {
	readonly #meetingId: () => string;
	readonly #meeting: () => Meeting;
	readonly #answers: () => readonly Answer[];
	readonly #choice: ProvenanceChoice;
	readonly save = new SaveState();
	readonly #waiting = $derived.by(() => meetingDraft(this.#meetingId(), WAITING, () => new WaitingPeople()).value);
	/** The person tapped first in tap-then-ring. */
	selectedId = $state<string | undefined>();
	view = $state<'kort' | 'liste'>('kort');
	/** Said to screen readers after a change (placed, moved, removed). */
	announcement = $state('');

	constructor(meetingId: () => string, meeting: () => Meeting, answers: () => readonly Answer[], choice: ProvenanceChoice) {
		this.#meetingId = meetingId;
		this.#meeting = meeting;
		this.#answers = answers;
		this.#choice = choice;
	}

	readonly people: NetworkPerson[] = $derived.by(() => networkPeople(this.#answers()));

	get waiting(): readonly NetworkPersonSubject[] {
		return this.#waiting.people;
	}

	#wait(people: NetworkPersonSubject[]): void {
		this.#waiting.people = people;
		const photos = people.flatMap((person) => (person.photoId === undefined ? [] : [person.photoId]));
		keepMediaWhileWaiting(this.#meetingId(), WAITING, this.#meeting().citizenId, photos);
	}

	readonly rows: NetworkRow[] = $derived([
		...this.people.map((person) => ({ subject: person.subject, person })),
		...this.waiting
			.filter((subject) => !this.people.some((p) => p.subject.personId === subject.personId))
			.map((subject) => ({ subject, person: undefined }))
	]);

	readonly selected: NetworkRow | undefined = $derived(this.rows.find((row) => row.subject.personId === this.selectedId));

	add(subject: NetworkPersonSubject): void {
		this.#wait([...this.waiting, subject]);
	}

	select(personId: string | undefined): void {
		this.selectedId = this.selectedId === personId ? undefined : personId;
	}

	async place(subject: NetworkPersonSubject, ring: Ring): Promise<boolean> {
		const ok = await this.#apply([placeStep(this.#answers(), subject, ring, this.#choice.provenance)]);
		if (ok) {
			await untilShown(() => this.people.some((p) => p.subject.personId === subject.personId && p.ringId === ring.id));
			this.#wait(this.waiting.filter((w) => w.personId !== subject.personId));
			this.selectedId = undefined;
			this.announcement = t('conv.network.placed', { name: subject.name, ring: ring.label });
		}
		return ok;
	}

	mark(subject: NetworkPersonSubject, mark: NetworkMark, on: boolean): Promise<boolean> {
		return this.#apply([markStep(this.#answers(), subject, mark, on, this.#choice.provenance)]);
	}

	async remove(subject: NetworkPersonSubject): Promise<boolean> {
		const ok = await this.#apply(removeSteps(this.#answers(), subject));
		if (ok) {
			await untilShown(() => !this.people.some((p) => p.subject.personId === subject.personId));
			this.#wait(this.waiting.filter((w) => w.personId !== subject.personId));
			if (this.selectedId === subject.personId) this.selectedId = undefined;
			this.announcement = t('conv.network.removed', { name: subject.name });
		}
		return ok;
	}

	#apply(steps: Parameters<SaveState['apply']>[1]): Promise<boolean> {
		return this.save.apply(this.#meeting(), steps, this.#choice.provenance);
	}
}

/**
 * After a change the control pressed may have moved or gone (a row that moves in the list, a ring that turns
 * off): focus goes to the element with this id once the page has updated, never to the page's start. `pressed`: the
 * control focused when the action began; if someone has moved the focus since (on to the next person while the save
 * was drawn), it stays where they put it.
 */
export async function focusAfterUpdate(id: string, pressed: Element | null): Promise<void> {
	await tick();
	if (focusLeftWith(pressed)) document.getElementById(id)?.focus();
}
