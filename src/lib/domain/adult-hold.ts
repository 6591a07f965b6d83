/*
 * The "Voksen" control that leaves citizen mode: it must be held, not tapped, so a citizen who taps or rests on it
 * by chance stays where they are (issue 14, "protection against mistakes"). Pure: the component feeds it the time
 * of each press, release and animation frame.
 */

/** How long the control must be held. Long enough that no tap or swipe reaches it, short enough not to tire. */
export const ADULT_HOLD_MS = 2000;

export type HoldState = { readonly kind: 'idle' } | { readonly kind: 'holding'; readonly since: number };

/** What a release or a frame came to: nothing yet, the hold is complete, or it was let go too early. */
export type HoldOutcome = 'none' | 'done' | 'tooShort';

export const HOLD_IDLE: HoldState = { kind: 'idle' };

/** A press starts the hold; a second press while holding (a key's auto-repeat, a second finger) does not restart it. */
export function holdPress(state: HoldState, now: number): HoldState {
	return state.kind === 'holding' ? state : { kind: 'holding', since: now };
}

/** Letting go: done if held long enough (the last frame may have come late), else too short. Idle stays idle. */
export function holdRelease(state: HoldState, now: number, holdMs = ADULT_HOLD_MS): { state: HoldState; outcome: HoldOutcome } {
	if (state.kind === 'idle') return { state, outcome: 'none' };
	return { state: HOLD_IDLE, outcome: now - state.since >= holdMs ? 'done' : 'tooShort' };
}

/** A frame while held: the hold completes by itself once the time has passed, without waiting for the release. */
export function holdTick(state: HoldState, now: number, holdMs = ADULT_HOLD_MS): { state: HoldState; outcome: HoldOutcome } {
	if (state.kind === 'holding' && now - state.since >= holdMs) return { state: HOLD_IDLE, outcome: 'done' };
	return { state, outcome: 'none' };
}

/** The pointer left, the press was cancelled or focus went: the hold ends without leaving and without a reproach. */
export function holdCancel(): HoldState {
	return HOLD_IDLE;
}

/** 0…1 for the progress ring. */
export function holdProgress(state: HoldState, now: number, holdMs = ADULT_HOLD_MS): number {
	if (state.kind === 'idle') return 0;
	return Math.min(1, Math.max(0, (now - state.since) / holdMs));
}
