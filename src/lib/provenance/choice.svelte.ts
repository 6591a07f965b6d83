import { SvelteMap } from 'svelte/reactivity';
import { citizenNamedError, PROVENANCE_MODES, type Provenance, type ProvenanceMode } from '#lib/domain/answer.ts';
import type { Meeting, Participant } from '#lib/domain/meeting.ts';
import { forgetWithMeetings, MEETING_KEY_PREFIX } from '#lib/storage/forgotten-meetings.ts';

/** What the person at the tablet picked. The person may be one the mode or the meeting no longer allows. */
export interface Picked {
	readonly mode: ProvenanceMode;
	readonly participantId: string;
}

/** Where a choice keeps what was picked: in one component, or for a whole meeting. */
export interface PickedKeeper {
	get(): Picked;
	set(picked: Picked): void;
}

const NOTHING_PICKED: Picked = { mode: 'selv', participantId: '' };

/** Random ids only; anything longer did not come from this app. */
const PARTICIPANT_ID_MAX = 64;

/**
 * Who is answering, and how. The rules live here, not in the screens: "selv" is the citizen alone and
 * never names a person; only someone other than the citizen can relay, support or observe; a person who
 * has left the meeting is no longer named. What was picked is kept as picked; what an answer stores is derived.
 */
export class ProvenanceChoice {
	readonly #meeting: () => Meeting | undefined;
	readonly #keeper: PickedKeeper;

	constructor(meeting: () => Meeting | undefined, keeper: PickedKeeper = pickedHere()) {
		this.#meeting = meeting;
		this.#keeper = keeper;
	}

	get mode(): ProvenanceMode {
		return this.#keeper.get().mode;
	}

	set mode(mode: ProvenanceMode) {
		this.#keeper.set({ ...this.#keeper.get(), mode });
	}

	/** The people who can be named with the chosen mode: nobody for "selv", and never the citizen, whom the domain refuses. */
	readonly people: readonly Participant[] = $derived.by(() => {
		if (this.mode === 'selv') return [];
		return (this.#meeting()?.participants ?? []).filter((p) => citizenNamedError(this.mode, p.role) === undefined);
	});

	/** The person named, if the mode names one and they are still in the meeting. */
	readonly participantId: string | undefined = $derived.by(() => {
		const picked = this.#keeper.get().participantId;
		return this.people.some((p) => p.id === picked) ? picked : undefined;
	});

	readonly provenance: Provenance = $derived(
		this.participantId ? { mode: this.mode, participantId: this.participantId } : { mode: this.mode }
	);

	/** A relayed answer needs the person who relays it. */
	readonly ready: boolean = $derived(this.mode !== 'formidlet' || this.participantId !== undefined);

	pick(participantId: string): void {
		this.#keeper.set({ ...this.#keeper.get(), participantId });
	}

	/** Starts again from an answer's provenance, e.g. when correcting it. */
	reset(provenance: Provenance): void {
		this.#keeper.set({ mode: provenance.mode, participantId: provenance.participantId ?? '' });
	}
}

/** A choice that lives as long as the component that made it, e.g. the correction of one answer. */
export function pickedHere(): PickedKeeper {
	let picked = $state.raw(NOTHING_PICKED);
	return { get: () => picked, set: (next) => (picked = next) };
}

const STORAGE_PREFIX = MEETING_KEY_PREFIX.provenance;
// Module state, not component state: a soft lock unmounts every page, and moving between a meeting's pages
// mounts another one, yet the choice must stay as it was.
const pickedByMeeting = new SvelteMap<string, Picked>();
forgetWithMeetings(pickedByMeeting, STORAGE_PREFIX);

/**
 * The one choice of a meeting in this tab. It outlives the meeting's pages and a soft lock, and a reload
 * finds it in sessionStorage: only the mode and the participant's random id, never a name.
 */
export function pickedForMeeting(meetingId: () => string): PickedKeeper {
	return {
		get: () => {
			const id = meetingId();
			return pickedByMeeting.get(id) ?? restorePicked(id);
		},
		set: (picked) => {
			const id = meetingId();
			if (!id) return;
			pickedByMeeting.set(id, picked);
			try {
				sessionStorage.setItem(STORAGE_PREFIX + id, JSON.stringify({ mode: picked.mode, participantId: picked.participantId }));
			} catch (error) {
				// Without it only a reload forgets the choice; the tab still keeps it.
				console.warn('Billedtale: the provenance choice could not be kept for a reload', error);
			}
		}
	};
}

function restorePicked(meetingId: string): Picked {
	if (!meetingId || typeof sessionStorage === 'undefined') return NOTHING_PICKED;
	try {
		const saved: unknown = JSON.parse(sessionStorage.getItem(STORAGE_PREFIX + meetingId) ?? 'null');
		if (typeof saved !== 'object' || saved === null) return NOTHING_PICKED;
		const { mode, participantId } = saved as Record<string, unknown>;
		if (!PROVENANCE_MODES.includes(mode as ProvenanceMode)) return NOTHING_PICKED;
		const id = typeof participantId === 'string' && participantId.length <= PARTICIPANT_ID_MAX ? participantId : '';
		return { mode: mode as ProvenanceMode, participantId: id };
	} catch {
		return NOTHING_PICKED;
	}
}
