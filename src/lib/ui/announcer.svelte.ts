/**
 * What a screen reader should hear after an action that changes the page without moving focus ("Ryd", undo, a participant
 * removed, another board). One polite live region in the layout says it; the same text twice in a row is still said.
 */
class Announcer {
	message = $state('');
	private turn = 0;

	say(text: string): void {
		// Emptied first, so a repeat of the same words is a change the screen reader notices.
		this.message = '';
		const turn = ++this.turn;
		setTimeout(() => {
			if (turn === this.turn) this.message = text;
		}, 50);
	}
}

export const announcer = new Announcer();
