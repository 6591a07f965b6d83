/*
 * Dialogs found again after a soft lock (lock/screen-keeper.ts): the page and its dialogs are unmounted while locked,
 * so a dialog that was open is named by its title (and its place among dialogs of the same title) and asked to open
 * again. A DOM event, so that ui knows nothing of the lock.
 */

const REOPEN = 'billedtale-reopen-dialog';

export interface DialogMark {
	title: string;
	/** Which of the dialogs with this title (several answers can each have a "Ret svaret"). */
	index: number;
}

function titleOf(dialog: HTMLDialogElement): string {
	const id = dialog.getAttribute('aria-labelledby');
	return (id && document.getElementById(id)?.textContent?.trim()) || '';
}

function markOf(dialog: HTMLDialogElement): DialogMark {
	const title = titleOf(dialog);
	const same = [...document.querySelectorAll('dialog')].filter((other) => titleOf(other) === title);
	return { title, index: same.indexOf(dialog) };
}

/** The dialogs open now inside `root`. */
export function openDialogs(root: ParentNode): DialogMark[] {
	return [...root.querySelectorAll<HTMLDialogElement>('dialog[open]')].map(markOf);
}

/** Asks the dialog to open again; true when one took it (it may not be on the page yet). */
export function reopenDialog(mark: DialogMark): boolean {
	return !window.dispatchEvent(new CustomEvent(REOPEN, { detail: mark, cancelable: true }));
}

/** For a dialog: calls `open` when it is the one asked for. Returns the clean-up. */
export function onReopen(dialog: HTMLDialogElement, open: () => void): () => void {
	const listener = (event: Event) => {
		const wanted = (event as CustomEvent<DialogMark>).detail;
		const mark = markOf(dialog);
		if (event.defaultPrevented || mark.title !== wanted.title || mark.index !== wanted.index) return;
		event.preventDefault();
		open();
	};
	window.addEventListener(REOPEN, listener);
	return () => window.removeEventListener(REOPEN, listener);
}

/**
 * For a dialog that is fetched only when first asked for, so it is not on the page to hear the request itself: the
 * page opens it when its title is asked for (the first of that title). Returns the clean-up.
 */
export function onReopenLazy(title: () => string, open: () => void): () => void {
	const listener = (event: Event) => {
		const wanted = (event as CustomEvent<DialogMark>).detail;
		const onPage = [...document.querySelectorAll('dialog')].some((dialog) => titleOf(dialog) === wanted.title);
		if (event.defaultPrevented || onPage || wanted.title !== title() || wanted.index !== 0) return;
		event.preventDefault();
		open();
	};
	window.addEventListener(REOPEN, listener);
	return () => window.removeEventListener(REOPEN, listener);
}
