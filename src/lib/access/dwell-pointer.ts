import type { AccessProfile } from '#lib/domain/access.ts';
import { DWELL_NONE, dwellCheck, dwellMove, dwellProgress, type Point } from '#lib/domain/scanning.ts';
import { targetOf, usable } from './targets.ts';

const DWELL = 'data-dwell';

/**
 * Dwell for an access area (area.ts): resting the pointer on a target fills its ring (the attribute `data-dwell` and the
 * `--dwell` property, 0 → 1) and then chooses it with `activate`. `idOf` tells targets apart, as for the tap filter.
 */
export function dwellPointer(
	root: HTMLElement,
	profile: () => AccessProfile,
	{ idOf, activate }: { idOf: (el: HTMLElement) => string; activate: (el: HTMLElement) => void }
) {
	let dwell = DWELL_NONE;
	let dwellTimer: ReturnType<typeof setTimeout> | undefined;
	let dwellFrame = 0;
	// Where the pointer is: after a dwell fires, the target that appears under a resting pointer waits.
	let pointerAt: Point | undefined;

	function clear(): void {
		clearTimeout(dwellTimer);
		cancelAnimationFrame(dwellFrame);
		for (const el of root.querySelectorAll(`[${DWELL}]`)) el.removeAttribute(DWELL);
	}

	/** A target dwell may fill its ring on: a greyed-out "Tilbage" or "Slet sidste" would fill it and then do nothing. */
	function usableTargetOf(event: Event): HTMLElement | undefined {
		const el = targetOf(root, event);
		return el && usable(el) ? el : undefined;
	}

	return {
		clear,
		onPointerMove(event: PointerEvent): void {
			if (profile().method !== 'dwell') return;
			const el = usableTargetOf(event);
			pointerAt = { x: event.clientX, y: event.clientY };
			const next = dwellMove(dwell, el && idOf(el), Date.now(), pointerAt);
			if (next === dwell) return;
			dwell = next;
			clear();
			if (!el) return;
			const dwellMs = profile().dwellMs;
			el.setAttribute(DWELL, '');
			const draw = () => {
				el.style.setProperty('--dwell', String(dwellProgress(dwell, dwellMs, Date.now())));
				dwellFrame = requestAnimationFrame(draw);
			};
			draw();
			dwellTimer = setTimeout(() => {
				const check = dwellCheck(dwell, dwellMs, Date.now(), pointerAt);
				dwell = check.state;
				clear();
				// Dwell fires once until the pointer leaves, so it needs no repeat filter either.
				if (check.select && el.isConnected) activate(el);
			}, dwellMs);
		},
		onPointerLeave(): void {
			dwell = dwellMove(dwell, undefined, Date.now());
			clear();
		}
	};
}
