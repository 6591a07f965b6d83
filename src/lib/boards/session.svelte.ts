import type { MessageItem } from '#lib/domain/answer.ts';
import { spokenText, type Board, type BoardCell, type BoardSet } from '#lib/domain/board.ts';

type SessionItem = MessageItem & { spoken: string; cellId: string };

/** Where a session stood: kept in memory through a soft lock, which unmounts the board's page (lock/screen-keeper.ts). */
export interface SessionState {
	boardId: string;
	trail: string[];
	message: SessionItem[];
}

/** Which board is open, how the user got there, and the message being built. */
export class BoardSession {
	boardId = $state('');
	message = $state<SessionItem[]>([]);
	private trail: string[] = [];
	canGoBack = $state(false);

	current(set: BoardSet | undefined): Board | undefined {
		if (!set) return undefined;
		return set.boards.find((b) => b.id === this.boardId) ?? set.boards.find((b) => b.id === set.rootBoardId);
	}

	/** Opens a folder's board; `from` is the board on screen, which "Tilbage" returns to. */
	open(boardId: string, from: string): void {
		if (boardId === from) return;
		this.trail.push(from);
		this.boardId = boardId;
		this.canGoBack = this.trail.length > 0;
	}

	back(): void {
		const previous = this.trail.pop();
		if (previous) this.boardId = previous;
		this.canGoBack = this.trail.length > 0;
	}

	home(rootBoardId: string): void {
		this.trail = [];
		this.boardId = rootBoardId;
		this.canGoBack = false;
	}

	/** A folder opens its board; any other cell is added to the message. Returns what to say, if anything. */
	tap(cell: BoardCell, from: string): 'opened' | 'added' {
		if (cell.linkBoardId) {
			this.open(cell.linkBoardId, from);
			return 'opened';
		}
		const item = { label: cell.label, spoken: spokenText(cell), cellId: cell.id };
		this.message = [...this.message, cell.symbolId ? { ...item, symbolId: cell.symbolId } : item];
		this.cleared = undefined;
		return 'added';
	}

	/** What "Ryd" took away, until something new is added: "Fortryd" brings it back. */
	cleared = $state<SessionItem[] | undefined>();

	deleteLast(): void {
		this.message = this.message.slice(0, -1);
	}

	clear(): void {
		if (this.message.length > 0) this.cleared = this.message;
		this.message = [];
	}

	undoClear(): void {
		if (this.cleared) this.message = this.cleared;
		this.cleared = undefined;
	}

	state(): SessionState {
		return { boardId: this.boardId, trail: [...this.trail], message: [...this.message] };
	}

	resume(state: SessionState): void {
		this.boardId = state.boardId;
		this.trail = [...state.trail];
		this.canGoBack = this.trail.length > 0;
		this.message = [...state.message];
	}

	get spokenMessage(): string {
		return this.message.map((item) => item.spoken).join(' ');
	}

	/** The message as stored in an answer: the words and symbols, without the spoken-text detail. */
	messageItems(items = this.message): MessageItem[] {
		return items.map(({ label, symbolId }) => (symbolId ? { label, symbolId } : { label }));
	}
}
