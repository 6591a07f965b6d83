import { describe, expect, it } from 'vitest';
import { BoardSession } from './session.svelte.ts';

describe('board session', () => {
	it('opens folders, goes back along the way it came, and builds the message', () => {
		const session = new BoardSession();
		expect(session.tap({ id: 'f', label: 'Følelser', linkBoardId: 'feelings' }, 'home')).toBe('opened');
		expect(session.tap({ id: 'k', label: 'Krop', linkBoardId: 'body' }, 'feelings')).toBe('opened');
		expect(session.boardId).toBe('body');
		session.back();
		expect(session.boardId).toBe('feelings');
		expect(session.canGoBack).toBe(true);
		session.home('home');
		expect([session.boardId, session.canGoBack]).toEqual(['home', false]);

		session.tap({ id: 'g', label: 'glad', symbolId: 'glad' }, 'home');
		session.tap({ id: 'm', label: 'mor', vocalization: 'min mor' }, 'home');
		expect(session.spokenMessage).toBe('glad min mor');
		expect(session.messageItems()).toEqual([{ label: 'glad', symbolId: 'glad' }, { label: 'mor' }]);
		session.deleteLast();
		expect(session.messageItems()).toEqual([{ label: 'glad', symbolId: 'glad' }]);
		session.clear();
		expect(session.message).toEqual([]);
	});

	it('stands where it stood when resumed from its state, as after a soft lock', () => {
		const session = new BoardSession();
		session.tap({ id: 'f', label: 'Følelser', linkBoardId: 'feelings' }, 'home');
		session.tap({ id: 'g', label: 'glad', symbolId: 'glad' }, 'feelings');
		const state = session.state();
		session.tap({ id: 'v', label: 'vred' }, 'feelings');

		const again = new BoardSession();
		again.resume(state);
		expect([again.boardId, again.canGoBack]).toEqual(['feelings', true]);
		expect(again.messageItems()).toEqual([{ label: 'glad', symbolId: 'glad' }]);
		again.back();
		expect(again.boardId).toBe('home');
	});
});
