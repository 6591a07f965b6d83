import { afterEach, describe, expect, it } from 'vitest';
import { createBoard, setCell } from '#lib/domain/board.ts';
import { ensureBoardSet, getBoardSet, getMediaOfCitizen, pruneUnusedMedia, saveMedia } from '#lib/storage/boards.ts';
import { createCitizen } from '#lib/storage/citizens.ts';
import { deleteDatabase } from '#lib/storage/db.ts';
import { BoardEditHistory } from './editor.svelte.ts';

afterEach(async () => {
	await deleteDatabase();
});

async function editor() {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const home = createBoard('Forside', 1, 2, 'home');
	await ensureBoardSet(citizen.id, () => ({ rootBoardId: home.id, boards: [home] }));
	const image = (id: string) =>
		saveMedia(citizen.id, { id, kind: 'image', mimeType: 'image/jpeg', blob: new Blob(['jpeg'], { type: 'image/jpeg' }) });
	return {
		history: new BoardEditHistory(() => citizen.id),
		image,
		voice: (id: string) =>
			saveMedia(citizen.id, { id, kind: 'audio', mimeType: 'audio/wav', blob: new Blob(['RIFF'], { type: 'audio/wav' }) }),
		board: async () => (await getBoardSet(citizen.id))!.boards[0]!,
		stored: async () => [...(await getMediaOfCitizen(citizen.id)).keys()].sort(),
		/** Leaving the editor. */
		leave: () => pruneUnusedMedia(citizen.id)
	};
}

describe('the board editor’s undo', () => {
	it('brings a removed cell back with its own photo and voice', async () => {
		const { history, image, voice, board, stored, leave } = await editor();
		await image('mor-photo');
		await voice('mor-voice');
		await history.apply(await board(), (b) => setCell(b, 0, { id: 'mor', label: 'mor', photoId: 'mor-photo', recordingId: 'mor-voice' }));
		await history.apply(await board(), (b) => setCell(b, 0, null));
		await history.undo();
		expect((await board()).slots[0]).toMatchObject({ photoId: 'mor-photo', recordingId: 'mor-voice' });
		expect(await stored()).toEqual(['mor-photo', 'mor-voice']);
		// No undo reaches them once another edit replaces the snapshot: they go when the editor is left.
		await history.apply(await board(), (b) => setCell(b, 0, null));
		await history.apply(await board(), (b) => ({ ...b, name: 'Hjem' }));
		expect(await stored()).toEqual(['mor-photo', 'mor-voice']);
		await leave();
		expect(await stored()).toEqual([]);
	});

	it('keeps a photo a cell form has stored through board saves; leaving the editor takes it once no cell names it', async () => {
		const { history, image, board, stored, leave } = await editor();
		await image('far-photo');
		// "Gem tavle" before "Gem felt".
		await history.apply(await board(), (b) => ({ ...b, name: 'Hjem' }));
		expect(await stored()).toEqual(['far-photo']);
		await history.apply(await board(), (b) => setCell(b, 0, { id: 'far', label: 'far', photoId: 'far-photo' }));
		await leave();
		expect(await stored()).toEqual(['far-photo']);
		await history.apply(await board(), (b) => setCell(b, 0, null));
		await leave();
		expect(await stored()).toEqual([]);
	});

	it('brings back a cell whose photo another cell shows, after a clean-up that kept it for that cell', async () => {
		const { history, image, board, stored, leave } = await editor();
		await image('ja-photo');
		await history.apply(await board(), (b) =>
			setCell(setCell(b, 0, { id: 'ja', label: 'ja', photoId: 'ja-photo' }), 1, { id: 'ok', label: 'ok', photoId: 'ja-photo' })
		);
		await history.apply(await board(), (b) => setCell(b, 0, null));
		await leave();
		expect(await stored()).toEqual(['ja-photo']);
		await history.undo();
		expect((await board()).slots.map((cell) => cell?.photoId)).toEqual(['ja-photo', 'ja-photo']);
		await history.apply(await board(), (b) => setCell(setCell(b, 0, null), 1, null));
		await leave();
		expect(await stored()).toEqual([]);
	});
});
