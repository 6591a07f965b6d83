/**
 * A list shown a page at a time: `count` is how many items to read and show, `more()` asks for a page more. An item's
 * focus target takes `focusFirstNew(index)` as an attachment: the first item that `more()` brought takes the focus when
 * it appears, so a keyboard or switch user goes on reading where the list grew, and the focus does not drop to the body
 * when the button goes (no more pages).
 */
export class ShowMore {
	count = $state(0);
	/** Not reactive: an attachment reads it once, as its item appears. */
	#firstNew: number | undefined;

	constructor(readonly page: number) {
		this.count = page;
	}

	more(): void {
		this.#firstNew = this.count;
		this.count += this.page;
	}

	focusFirstNew(index: number): (element: HTMLElement) => void {
		return (element) => {
			if (index !== this.#firstNew) return;
			this.#firstNew = undefined;
			element.focus();
		};
	}
}
