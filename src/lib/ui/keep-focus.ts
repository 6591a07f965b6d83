import type { Attachment } from 'svelte/attachments';

/**
 * A safety net for WCAG 2.4.3: when the focused control disappears or is disabled by its own action ("Ryd", "Fortryd",
 * removing a participant, a folder that replaces the board), the browser drops focus to <body> and a keyboard or
 * screen-reader user starts again from the top. Focus goes to the container instead (it needs tabindex="-1"), unless the
 * component has already moved it somewhere sensible. A click on empty space is left alone: the control is still there.
 */
export const keepFocus: Attachment<HTMLElement> = (container) => {
	function onFocusOut(event: FocusEvent) {
		if (event.relatedTarget) return;
		const lost = event.target;
		if (!(lost instanceof HTMLElement)) return;
		// After the DOM update that removed or disabled the control.
		requestAnimationFrame(() => {
			const gone = !lost.isConnected || lost.matches(':disabled') || lost.closest('[inert]') !== null;
			if (gone && (document.activeElement === document.body || document.activeElement === null)) container.focus({ preventScroll: true });
		});
	}
	container.addEventListener('focusout', onFocusOut);
	return () => container.removeEventListener('focusout', onFocusOut);
};
