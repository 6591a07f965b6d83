/*
 * A soft lock unmounts every page, so nothing about a citizen stays in the page while the tablet is locked. Whatever was
 * typed or chosen but not yet saved must still be there after the PIN (WCAG 2.2.5: no loss of data after signing in
 * again): just before the lock the fields of the page are read into memory, and when the same page stands again they
 * are filled in as if typed. The copy lives only in this tab's memory, as the PIN's copy of the key does; a hard lock
 * reloads the page and so clears it. Secrets (PIN and passphrase fields) are never kept.
 */

import { openDialogs, reopenDialog, type DialogMark } from '#lib/ui/dialogs.ts';

/** Fields found again by their id; password and one-time-code fields are the PIN and passphrase inputs. */
const FIELDS = ':is(input, textarea, select)[id]:not([type="password"], [type="hidden"], [type="file"], [autocomplete="one-time-code"])';
/** Radio groups often have no ids: their chosen option is found again by its group's name and its value. */
const NAMED_RADIOS = 'input[type="radio"][name]:not([id])';
const RADIO_PREFIX = 'radio:';
/** The page is rebuilt from the database after the PIN; fields that have not come back by then are let go. */
export const RESTORE_WITHIN_MS = 5_000;

type FieldElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface KeptScreen {
	address: string;
	values: Map<string, string | boolean>;
	focusedId: string | undefined;
	/** Dialogs that were open: their fields come back only once they are open again. */
	dialogs: DialogMark[];
}

let kept: KeptScreen | undefined;

/**
 * Keepers of what pages hold beyond their fields (lock/kept-state.ts), told as the lock comes and once it has gone. Only
 * pages that hold such state load that module: the first screen does without it.
 */
export const stateKeepers = new Set<{ keep(): void; restored(): void }>();

export function address(): string {
	return location.pathname + location.search;
}

function isToggle(field: FieldElement): field is HTMLInputElement {
	return field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio');
}

/** Reads the page's fields; call it while the page is still mounted. */
export function keepScreen(root: ParentNode = document.getElementById('main') ?? document): void {
	const values = new Map<string, string | boolean>();
	for (const field of root.querySelectorAll<FieldElement>(FIELDS)) values.set(field.id, isToggle(field) ? field.checked : field.value);
	for (const radio of root.querySelectorAll<HTMLInputElement>(NAMED_RADIOS)) {
		if (radio.checked) values.set(RADIO_PREFIX + JSON.stringify([radio.name, radio.value]), true);
	}
	const focused = document.activeElement;
	kept = {
		address: address(),
		values,
		focusedId: focused instanceof HTMLElement && focused.id ? focused.id : undefined,
		dialogs: openDialogs(root)
	};
	for (const keeper of stateKeepers) keeper.keep();
}

function findField(key: string): FieldElement | undefined {
	if (key.startsWith(RADIO_PREFIX)) {
		const [name, value] = JSON.parse(key.slice(RADIO_PREFIX.length)) as [string, string];
		return [...document.querySelectorAll<HTMLInputElement>(NAMED_RADIOS)].find((radio) => radio.name === name && radio.value === value);
	}
	const field = document.getElementById(key);
	return field?.matches(FIELDS) ? (field as FieldElement) : undefined;
}

/** Fills one field the way typing would, so the component's own state (bind:value, onchange) follows. */
function fill(field: FieldElement, value: string | boolean): void {
	if (isToggle(field)) {
		if (field.checked === value) return;
		field.checked = value === true;
		field.dispatchEvent(new Event('input', { bubbles: true }));
		field.dispatchEvent(new Event('change', { bubbles: true }));
		return;
	}
	if (field.value === value) return;
	field.value = String(value);
	field.dispatchEvent(new Event('input', { bubbles: true }));
	if (field instanceof HTMLSelectElement) field.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Puts the kept fields back as the page comes back (its data is read again after the PIN, so fields appear a little
 * later), and focus where it was. Only on the same page: another page does not get the fields of this one.
 */
export function restoreScreen(): void {
	const screen = kept;
	kept = undefined;
	for (const keeper of stateKeepers) keeper.restored();
	if (!screen || screen.address !== address()) return;
	const pending = new Map(screen.values);
	let focusId = screen.focusedId;
	let dialogs = screen.dialogs;
	const apply = () => {
		// First the dialogs, as their fields are only there while they are open.
		dialogs = dialogs.filter((dialog) => !reopenDialog(dialog));
		for (const [id, value] of pending) {
			const field = findField(id);
			if (!field) continue;
			fill(field as FieldElement, value);
			pending.delete(id);
		}
		const focusTarget = focusId && document.getElementById(focusId);
		if (focusTarget) {
			focusTarget.focus();
			focusId = undefined;
		}
		if (pending.size === 0 && !focusId && dialogs.length === 0) stop();
	};
	const observer = new MutationObserver(apply);
	const timer = setTimeout(() => stop(), RESTORE_WITHIN_MS);
	function stop() {
		observer.disconnect();
		clearTimeout(timer);
	}
	observer.observe(document.body, { childList: true, subtree: true });
	apply();
}
