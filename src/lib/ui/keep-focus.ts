import type { Attachment } from 'svelte/attachments';

/** The browser has put the focus nowhere: on <body>, where the next Tab starts from the top of the page. */
export const focusLost = () => document.activeElement === document.body || document.activeElement === null;

/**
 * A safety net for WCAG 2.4.3: when the focused control disappears or is disabled by its own action ("Ryd", "Fortryd",
 * removing a participant, a folder that replaces the board), the browser drops focus to <body> and a keyboard or
 * screen-reader user starts again from the top. Focus goes to the container instead (it needs tabindex="-1"), unless the
 * component has already moved it somewhere sensible. A click on empty space is left alone: the control is still there.
 *
 * A control disabled while its action runs ("Hent sikkerhedskopi", "Lav PDF") gets the focus back when it is enabled
 * again, if nothing else has taken it meanwhile. Chromium drops the focus of a control that becomes disabled without a
 * focusout, so the net would not even see it leave: a failed restore left the focus on <body>.
 */
export const keepFocus: Attachment<HTMLElement> = (container) => {
	let control: HTMLElement | undefined;

	function onFocusIn(event: FocusEvent) {
		if (event.target instanceof HTMLElement && event.target !== container) control = event.target;
	}
	function onFocusOut(event: FocusEvent) {
		if (event.relatedTarget) return;
		const lost = event.target;
		if (!(lost instanceof HTMLElement)) return;
		// After the DOM update that removed or disabled the control.
		requestAnimationFrame(() => {
			const gone = !lost.isConnected || lost.matches(':disabled') || lost.closest('[inert]') !== null;
			if (gone && focusLost()) container.focus({ preventScroll: true });
		});
	}
	const enabled = new MutationObserver((changes) => {
		const back = control;
		if (!back || !changes.some((change) => change.target === back)) return;
		if (back.isConnected && !back.matches(':disabled') && (focusLost() || document.activeElement === container)) {
			back.focus({ preventScroll: true });
		}
	});
	container.addEventListener('focusin', onFocusIn);
	container.addEventListener('focusout', onFocusOut);
	enabled.observe(container, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
	return () => {
		container.removeEventListener('focusin', onFocusIn);
		container.removeEventListener('focusout', onFocusOut);
		enabled.disconnect();
	};
};

/**
 * Where a keyboard, switch or screen-reader user goes on when a screen replaces another (a navigation, the tablet
 * unlocked) and nothing on it took the focus: the page's heading, else its main region until the heading comes with the
 * page's data. SvelteKit leaves the focus on <body> after a navigation, as a full page load does, and the header's menu
 * would come first again.
 */
export function focusPageStart(main: HTMLElement | null): void {
	if (!main || !focusLost()) return;
	const focusHeading = () => {
		const heading = main.querySelector<HTMLElement>('h1');
		if (!heading) return false;
		if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
		heading.focus({ preventScroll: true });
		return true;
	};
	if (focusHeading()) return;
	main.focus({ preventScroll: true });
	const waiting = new MutationObserver(() => {
		if (document.activeElement !== main) return waiting.disconnect();
		if (!main.querySelector('h1')) return;
		waiting.disconnect();
		// In the frame that shows the heading, not here: the heading comes in the middle of the page's first render, and
		// focus() lays the page out at once, a layout that the rest of that render undid (issue 17, profile of open1000:
		// 30–40 ms at 4× CPU inside the meeting's render task).
		requestAnimationFrame(() => {
			if (document.activeElement === main) focusHeading();
		});
	});
	waiting.observe(main, { childList: true, subtree: true });
	setTimeout(() => waiting.disconnect(), 3000);
}
