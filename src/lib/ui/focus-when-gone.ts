import { focusLost } from './keep-focus.ts';

/**
 * After an action on a live list that replaces the focused control (an answer undone, a goal deleted, an item placed):
 * once the control has gone and what comes instead is there (the list is drawn again a moment after the write), the
 * focus goes to `next()` instead of the top of the page, where the safety net (keep-focus.ts) would put it, unless
 * someone moved it meanwhile. A control disabled by its own action ("Fortryd" with nothing more to undo) counts as gone:
 * it cannot be used from where it is. Gives up after a second. A module of its own: only lazily loaded screens use it,
 * while keep-focus.ts comes with every page's first load.
 */
export async function focusWhenGone(control: Element | null, next: () => HTMLElement | null | undefined): Promise<void> {
	for (let i = 0; i < 40; i++) {
		const gone = !control?.isConnected || control.matches(':disabled');
		const target = gone ? next() : undefined;
		// A disabled control is never where the focus goes on, even if the page has not yet replaced it.
		if (target && target !== control) {
			if (focusLeftWith(control)) target.focus();
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/**
 * Whether the focus may still be moved on for an action on `control`: it is still on it, or was lost with it (on <body>,
 * or on the main region where the safety net put it), and nobody has moved it meanwhile. A keyboard user who goes on to
 * the next control while a save is drawn keeps the focus where they put it.
 */
export function focusLeftWith(control: Element | null): boolean {
	const active = document.activeElement;
	return focusLost() || active === control || active === document.getElementById('main');
}
