/**
 * What a screen reader should hear after an action that changes the page without moving focus ("Ryd", undo, a participant
 * removed, another board). One polite live region in the layout says it; the same text twice in a row is still said.
 * Once said, the words leave the region: it is in every page, and a name said on one citizen's meeting must not be read
 * out on the next citizen's pages, nor behind the lock screen.
 */

/** How long words stay in the region: a screen reader takes them when they change, at once; then they go. */
export const SAID_FOR_MS = 10_000;

class Announcer {
	message = $state('');
	private turn = 0;

	say(text: string): void {
		// Emptied first, so a repeat of the same words is a change the screen reader notices.
		this.message = '';
		const turn = ++this.turn;
		setTimeout(() => {
			if (turn !== this.turn) return;
			this.message = text;
			setTimeout(() => turn === this.turn && this.clear(), SAID_FOR_MS);
		}, 50);
	}

	/** Nothing said stays: the words, and any still on their way. */
	clear(): void {
		this.turn++;
		this.message = '';
	}
}

export const announcer = new Announcer();
