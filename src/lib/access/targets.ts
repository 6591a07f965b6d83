/*
 * The targets of an access area (area.ts): any element inside it with the attribute `data-scan` (see README, "Access").
 * What the tap filter, scanning and dwell each need to know of them.
 */

export const TARGET = '[data-scan]';

/**
 * Whether a target can be chosen now: not disabled (a `<label data-scan>` is as disabled as its radio, which the adviser's
 * "Formidlet af" without a person disables), not inert. Scanning and dwell offer only these.
 */
export function usable(el: HTMLElement): boolean {
	const control = el instanceof HTMLLabelElement ? el.control : el;
	return !control?.matches(':disabled') && el.getAttribute('aria-disabled') !== 'true' && !el.closest('[inert]');
}

/**
 * The targets on offer in `root` now: usable and laid out. While a modal dialog is open (the citizen's "Ret svar"), the
 * page behind it is out of reach, inert though without the attribute: only the dialog's own targets are on offer.
 */
export function targetsIn(root: Element): HTMLElement[] {
	const scope = root.ownerDocument.querySelector('dialog:modal') ?? root;
	return [...scope.querySelectorAll<HTMLElement>(TARGET)].filter((el) => root.contains(el) && usable(el) && el.getClientRects().length > 0);
}

/** The target `event` happened on, if it is one of `root`'s. */
export function targetOf(root: Element, event: Event): HTMLElement | undefined {
	const el = event.target instanceof Element ? event.target.closest<HTMLElement>(TARGET) : null;
	return el && root.contains(el) ? el : undefined;
}

/**
 * What a screen reader would say for the target: its own name, else its text without what is hidden from assistive
 * technology. A board cell's label shown with soft hyphens is hidden so, beside the label as kept (BoardGrid): read with
 * it, "Mødetavle" was said twice, once with the hyphens.
 */
export function nameOf(el: Element): string {
	return (el.getAttribute('aria-label') ?? textNotHidden(el)).replace(/\s+/g, ' ').trim();
}

function textNotHidden(el: Element): string {
	const copy = el.cloneNode(true) as Element;
	for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
	return copy.textContent ?? '';
}
