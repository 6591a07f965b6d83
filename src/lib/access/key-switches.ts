import { switchPress, type AccessProfile, type KeyFocus } from '#lib/domain/access.ts';
import { TARGET } from './targets.ts';

// Inputs that take no text: a radio or a checkbox chosen by a scan keeps the focus, and the switch must go on working.
const NOT_TYPED = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'image', 'file', 'color', 'range']);

// What a person at the keyboard works with Space, Enter or arrows: a focused element that is none of these (a heading, <main>)
// leaves every key to the switch.
const CONTROL = [
	'a[href]',
	'button',
	'summary',
	'select',
	'input',
	...['button', 'link', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'checkbox', 'radio', 'switch', 'option', 'slider'].map(
		(role) => `[role="${role}"]`
	)
].join(', ');

function isTyping(target: EventTarget | null): boolean {
	if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
	return target instanceof HTMLElement && (target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName));
}

/**
 * Keys as switches for an access area (area.ts): the window's key and focus events, to be listened to in the capture phase.
 *
 * Whose a key press is (the rule: KeyFocus in access.ts). The focus is the keyboard's when it came to where it is while
 * the last input was a key the keyboard used (Tab, an arrow, Escape closing a dialog, Enter on the adviser's button
 * that opened the next thing): not :focus-visible, which the switch's own key press turns on too. A pointer's press
 * or a key taken as the switch ends it, so a button a mouse left focused, or one the app focused after a scan's choice,
 * is not pressed by the next switch press. A press is one thing from key down to key up: what its keydown was.
 */
export function keySwitches(root: HTMLElement, profile: () => AccessProfile, press: (which: 'move' | 'select') => void) {
	let keyboardInput = false;
	let keyboardFocus: EventTarget | null = null;
	const switchKeysDown = new Set<string>();

	function focusOf(target: EventTarget | null): KeyFocus {
		if (!(target instanceof HTMLElement)) return 'citizen';
		// A dialog is the adviser's, unless it is the citizen's too (`<Dialog scan>`: the summary's "Ret svar").
		const dialog = target.closest('dialog');
		if (dialog && !(root.contains(dialog) && dialog.hasAttribute('data-citizen-dialog'))) return 'dialog';
		if (isTyping(target)) return 'typing';
		// One of the citizen's targets is theirs whoever focused it: a switch press must never answer in their name.
		const citizens = root.contains(target) && target.closest(TARGET) !== null;
		return target === keyboardFocus && !citizens && target.matches(CONTROL) ? 'keyboard' : 'citizen';
	}

	return {
		onKey(event: KeyboardEvent): void {
			if (event.type === 'keyup') {
				// The release of a key taken as the switch: Space presses a focused button on its release.
				if (switchKeysDown.delete(event.key)) {
					event.preventDefault();
					event.stopPropagation();
				}
				return;
			}
			const which = switchPress(profile(), event.key, focusOf(event.target));
			keyboardInput = which === undefined;
			if (!which) {
				switchKeysDown.delete(event.key);
				return;
			}
			switchKeysDown.add(event.key);
			// The key must not also press the focused control or scroll the page.
			event.preventDefault();
			event.stopPropagation();
			if (!event.repeat) press(which);
		},
		onFocusIn(event: FocusEvent): void {
			keyboardFocus = keyboardInput ? event.target : null;
		},
		onAnyPointerDown(): void {
			keyboardInput = false;
			keyboardFocus = null;
		}
	};
}
