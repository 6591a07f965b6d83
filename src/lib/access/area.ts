import type { AccessProfile } from '#lib/domain/access.ts';
import { rowsByPosition, slidOff, TAP_IDLE, tapAccept, tapHold, tapPress, tapRelease, type ScanState } from '#lib/domain/scanning.ts';
import { dwellPointer } from './dwell-pointer.ts';
import { keySwitches } from './key-switches.ts';
import { ScanDriver } from './scan-driver.ts';
import { nameOf, targetOf, targetsIn } from './targets.ts';

/*
 * The one place where the access rules meet the page. An area (an element) holds targets: any element inside it with
 * the attribute `data-scan` (see README, "Access"). Inside an area
 * - taps on targets pass the tap filter (repeats, press or release, hold time); a finger's tap acts in the pointer event
 *   that selects, not in the click the browser makes up to a frame later (see onPointerUp),
 * - in switch modes the targets are scanned row → cell in reading order, with keys or on-screen switches,
 * - in dwell mode resting the pointer on a target selects it.
 * Activation is always the target's own click(), so a component needs no code of its own for any of this. Targets:
 * targets.ts; keys as switches: key-switches.ts; dwell: dwell-pointer.ts.
 */

const ROW = 'data-scan-row';
const CELL = 'data-scan-cell';

export interface AreaOptions {
	profile: () => AccessProfile;
	/** Says the name of a highlighted target (spoken cue), when the profile asks for it. */
	cue?: (text: string) => void;
}

export interface AreaControl {
	/** An on-screen switch was pressed. */
	press(which: 'move' | 'select'): void;
	destroy(): void;
}

export function accessArea(root: HTMLElement, options: AreaOptions): AreaControl {
	const profile = options.profile;
	let rows: HTMLElement[][] = [];
	/*
	 * The tap filter's times are when the finger or key acted (the event's timeStamp, on the clock of performance.now()),
	 * not when the page got to the event: a double tap's second release handled late on a busy page (the first release's
	 * own work, a background batch) was more than the repeat time after the first by the clock and chose the picture twice.
	 */
	let tap = TAP_IDLE;
	let holdTimer: ReturnType<typeof setTimeout> | undefined;
	let pressed: HTMLElement | undefined;
	// Where the finger went down: a finger that moved before lifting did not tap (see slidOff).
	let downAt = { x: 0, y: 0 };
	// The current press has selected already (on press, after the hold, or a finger's release): its click is not wanted.
	let chose = false;
	// The target whose mouse or pen release selected: its click, which the browser sends in the same task, is let through.
	let released: HTMLElement | undefined;
	// Our own activation: the click it makes must pass the capture filter below.
	let activating = false;
	// A label target whose click passed: the click the browser then sends to its control belongs to it.
	let forwarding: HTMLLabelElement | undefined;

	function activate(el: HTMLElement): void {
		activating = true;
		try {
			el.click();
		} finally {
			activating = false;
		}
	}

	/**
	 * A press or release chose the target: it is activated now. A finger's tap leaves the focus where it was (the browser's
	 * mouse events, which would move it, are cancelled: onTouchEnd): focusing would bring the page's style up to date in
	 * the middle of the tap, which cost a board switch more than 2 ms at the bench's CPU (issue 17); a finger shows no focus.
	 */
	function choose(el: HTMLElement): void {
		chose = true;
		activate(el);
	}

	/** Targets are told apart by an id of their own, so the repeat filter knows a second tap on the same one. */
	function idOf(el: HTMLElement): string {
		return (el.dataset.scanId ??= crypto.randomUUID());
	}

	function show(state: ScanState): void {
		for (const el of root.querySelectorAll(`[${ROW}], [${CELL}]`)) {
			el.removeAttribute(ROW);
			el.removeAttribute(CELL);
		}
		if (state.phase === 'idle') return;
		const row = rows[state.row] ?? [];
		if (state.phase === 'rows') {
			for (const el of row) el.setAttribute(ROW, '');
			// A long sheet or story list scrolls: the row being offered must be on screen.
			row[0]?.scrollIntoView({ block: 'nearest' });
			if (profile().scanSpeak) options.cue?.(row.map(nameOf).join(', '));
		} else {
			const el = row[state.cell];
			el?.setAttribute(CELL, '');
			el?.scrollIntoView({ block: 'nearest' });
			if (el && profile().scanSpeak) options.cue?.(nameOf(el));
		}
	}

	const scanner = new ScanDriver({
		mode: () => (profile().method === 'two-switch' ? 'step' : 'auto'),
		timing: () => ({ intervalMs: profile().scanIntervalMs, startDelayMs: profile().scanStartDelayMs, loops: profile().scanLoops }),
		rows: () => {
			rows = rowsByPosition(targetsIn(root), (el) => {
				// A DOMRect's fields are getters on its prototype: copied one by one, since spreading would lose them.
				const { top, left, height } = el.getBoundingClientRect();
				return { top, left, height };
			});
			return rows.map((row) => row.length);
		},
		onchange: show,
		// A scan choice takes at least two presses, so it cannot be a double tap: the repeat filter is for taps only.
		onselect: (row, cell) => {
			const el = rows[row]?.[cell];
			if (el?.isConnected) activate(el);
		}
	});

	/*
	 * The screen changed under a scan (the adviser opened another step, the board's folder was opened by touch): the rows
	 * on offer are gone or no longer all there is, and with two switches a scan never ends by itself to read them again.
	 * The scan stops, so the next press starts at the top of what is on screen now.
	 */
	const changed = new MutationObserver(() => {
		if (scanner.state.phase === 'idle') return;
		const offered = new Set(rows.flat());
		const now = targetsIn(root);
		if (now.length !== offered.size || now.some((el) => !offered.has(el))) scanner.stop();
	});
	changed.observe(root, { childList: true, subtree: true });

	function press(which: 'move' | 'select'): void {
		const method = profile().method;
		if (method === 'two-switch') scanner.press(which === 'move' ? 'move' : 'switch');
		else if (method === 'one-switch') scanner.press('switch');
	}

	const keys = keySwitches(root, profile, press);
	const dwell = dwellPointer(root, profile, { idOf, activate });

	function swallow(event: Event): void {
		event.preventDefault();
		event.stopImmediatePropagation();
	}

	function onClick(event: MouseEvent): void {
		const el = targetOf(root, event);
		if (!el || activating) return;
		if (forwarding === el && event.target === forwarding.control) {
			forwarding = undefined;
			return;
		}
		if (passes(event, el)) forwarding = el instanceof HTMLLabelElement ? el : undefined;
		else swallow(event);
	}

	function passes(event: MouseEvent, el: HTMLElement): boolean {
		// A pointer's own click (trusted, with a click count) was decided by its press and release: a mouse's or a pen's goes on
		// only if its release selected; a finger's choice has acted already (onPointerUp).
		if (event.isTrusted && event.detail > 0) {
			if (released !== el) return false;
			released = undefined;
			return true;
		}
		// A key's or a script's click passes the repeat filter. It is let through rather than repeated: the browser ignores
		// a click() on an element that is already in the middle of a key's click.
		const step = tapAccept(profile(), tap, event.timeStamp, idOf(el));
		tap = step.state;
		return step.select;
	}

	function onPointerDown(event: PointerEvent): void {
		chose = false;
		const el = targetOf(root, event);
		if (!el || event.button !== 0) return;
		pressed = el;
		downAt = { x: event.clientX, y: event.clientY };
		const settings = profile();
		// Where a finger pressed, for the repeat filter's "same spot" (a mouse's quick second click elsewhere on a screen that
		// just changed is an adviser's, not a tremor's).
		const step = tapPress(settings, tap, event.timeStamp, idOf(el), event.pointerType === 'touch' ? downAt : undefined);
		tap = step.state;
		if (step.select) choose(el);
		else if (settings.activateOn === 'press' && settings.holdMs > 0) {
			clearTimeout(holdTimer);
			const heldAt = event.timeStamp + settings.holdMs;
			holdTimer = setTimeout(() => {
				// The hold is reached when the timer fires; on the events' clock that is the press's time plus the hold.
				const held = tapHold(profile(), tap, heldAt);
				tap = held.state;
				if (held.select && pressed === el) choose(el);
			}, settings.holdMs);
		}
	}

	function onPointerUp(event: PointerEvent): void {
		clearTimeout(holdTimer);
		const finger = event.pointerType === 'touch';
		// Sliding off the target before lifting cancels, as with a native button. A finger stays with the target it pressed
		// wherever it is lifted, so for a finger the distance it moved decides (a drag of a story item or a person is no tap).
		const el = finger && slidOff(downAt, { x: event.clientX, y: event.clientY }) ? undefined : targetOf(root, event);
		const step = tapRelease(profile(), tap, event.timeStamp, el && idOf(el), finger ? { x: event.clientX, y: event.clientY } : undefined);
		tap = step.state;
		pressed = undefined;
		released = undefined;
		if (!step.select || !el) return;
		// The browser makes a finger's click only after the release has been handled and the page has painted, up to a frame
		// later: the tap acts now, so speech starts and a folder opens in this very event (issue 17). A mouse's or a pen's
		// click follows the release in the same task, and a drag's click must reach the dragged target (it ignores it).
		if (finger) choose(el);
		else released = el;
	}

	/**
	 * A finger's press or release chose: the browser must not make a click of its own. Cancelling the touchend stops that
	 * click and the mouse events before it, which would otherwise land on whatever the choice put under the finger (a
	 * cell of the board just opened). Were the touchend not cancelable, the click filter still swallows the click.
	 */
	function onTouchEnd(event: TouchEvent): void {
		if (chose && event.cancelable) event.preventDefault();
		chose = false;
	}

	const listeners: [EventTarget, string, EventListener, boolean][] = [
		[window, 'keydown', keys.onKey as EventListener, true],
		[window, 'keyup', keys.onKey as EventListener, true],
		[window, 'focusin', keys.onFocusIn as EventListener, true],
		[window, 'pointerdown', keys.onAnyPointerDown, true],
		[root, 'click', onClick as EventListener, true],
		[root, 'pointerdown', onPointerDown as EventListener, true],
		[root, 'pointerup', onPointerUp as EventListener, true],
		[root, 'touchend', onTouchEnd as EventListener, true],
		[root, 'pointermove', dwell.onPointerMove as EventListener, false],
		[root, 'pointerleave', dwell.onPointerLeave, false]
	];
	for (const [target, type, listener, capture] of listeners) target.addEventListener(type, listener, capture);

	return {
		press,
		destroy() {
			changed.disconnect();
			scanner.stop();
			dwell.clear();
			clearTimeout(holdTimer);
			for (const [target, type, listener, capture] of listeners) target.removeEventListener(type, listener, capture);
		}
	};
}
