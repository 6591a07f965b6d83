import { afterEach, describe, expect, it, vi } from 'vitest';
import { cellMedia, createBoard, setCell, type Board, type BoardSet, type MediaItem } from '#lib/domain/board.ts';
import {
	addBoards,
	deleteBoard,
	ensureBoardSet,
	getBoardSet,
	getMediaOfCitizen,
	pruneUnusedMedia,
	saveBoard,
	saveMedia
} from './boards.ts';
import { recordAnswer } from './answers.ts';
import { createCitizen, deleteCitizen } from './citizens.ts';
import { cleanUpMediaLater, keepMediaWhileWaiting } from './hold-media.svelte.ts';
import { createMeeting, deleteMeeting } from './meetings.ts';
import { deleteDatabase, getStore } from './db.ts';
import { holdMedia } from './media-holds.ts';
import * as sealing from './sealing.ts';
import { openRecord } from './sealing.ts';

afterEach(async () => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
	await deleteDatabase();
});

/** Web Locks as the tabs of one origin share them, as far as the app uses them here: shared holds, exclusive if free. */
function sharedLocks() {
	const holders = new Map<string, number>();
	type Work = (lock: Lock | null) => Promise<unknown>;
	return {
		async request(name: string, ...args: [Work] | [LockOptions, Work]) {
			const [options, work] = args.length === 1 ? [{}, args[0]] : args;
			const shared = options.mode === 'shared';
			if (!shared && (holders.get(name) ?? 0) > 0) return work(null);
			holders.set(name, (holders.get(name) ?? 0) + (shared ? 1 : 0));
			try {
				return await work({ name, mode: shared ? 'shared' : 'exclusive' });
			} finally {
				holders.set(name, holders.get(name)! - (shared ? 1 : 0));
			}
		},
		async query() {
			return { held: [...holders].flatMap(([name, count]) => (count > 0 ? [{ name, mode: 'shared' as const }] : [])), pending: [] };
		}
	};
}

/** Every stored board of every citizen, sealed, as the database holds them. */
function storedBoards() {
	return getStore().transaction('r', ['boards'], (tx) => tx.boards.toArray());
}

function starterSet(): BoardSet {
	const feelings = createBoard('Følelser', 1, 2, 'feelings');
	const home = setCell(createBoard('Forside', 1, 2, 'home'), 0, { id: 'c1', label: 'Følelser', linkBoardId: 'feelings' });
	return { rootBoardId: 'home', boards: [home, feelings] };
}

describe('board storage', () => {
	it('gives a citizen the starting boards once', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await ensureBoardSet(citizen.id, starterSet);
		await ensureBoardSet(citizen.id, () => {
			throw new Error('must not be called twice');
		});
		const set = await getBoardSet(citizen.id);
		expect(set?.rootBoardId).toBe('home');
		expect(set?.boards.map((b) => b.name)).toEqual(['Forside', 'Følelser']);
	});

	it('cleans up a photo no cell uses any more', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await ensureBoardSet(citizen.id, starterSet);
		await saveMedia(citizen.id, { id: 'photo', kind: 'image', mimeType: 'image/jpeg', blob: new Blob(['jpeg'], { type: 'image/jpeg' }) });
		const set = (await getBoardSet(citizen.id))!;
		const feelings = set.boards.find((b) => b.id === 'feelings')!;
		await saveBoard(citizen.id, setCell(feelings, 0, { id: 'mor', label: 'mor', photoId: 'photo' }));
		expect([...(await getMediaOfCitizen(citizen.id)).keys()]).toEqual(['photo']);
		await saveBoard(citizen.id, setCell(feelings, 0, null));
		await pruneUnusedMedia(citizen.id);
		expect((await getMediaOfCitizen(citizen.id)).size).toBe(0);
	});

	it('a save deletes no media; a clean-up deletes those nothing refers to, but not while any tab holds them', async () => {
		vi.stubGlobal('navigator', { locks: sharedLocks() });
		const citizen = await createCitizen({ displayName: 'Anna' });
		await ensureBoardSet(citizen.id, starterSet);
		await saveMedia(citizen.id, { id: 'photo', kind: 'image', mimeType: 'image/jpeg', blob: new Blob(['jpeg'], { type: 'image/jpeg' }) });
		const stored = async () => [...(await getMediaOfCitizen(citizen.id)).keys()];
		const feelings = (await getBoardSet(citizen.id))!.boards.find((b) => b.id === 'feelings')!;
		await saveBoard(citizen.id, setCell(feelings, 0, { id: 'mor', label: 'mor', photoId: 'photo' }));
		// The cell is removed: the undo can still bring it back, in this tab or another.
		await saveBoard(citizen.id, feelings);
		expect(await stored()).toEqual(['photo']);
		// Another tab's editor is open: neither leaving this one nor deleting a board deletes what it may still need.
		const letGo = holdMedia(citizen.id);
		await pruneUnusedMedia(citizen.id);
		await deleteBoard(citizen.id, 'feelings');
		expect(await stored()).toEqual(['photo']);
		// That editor is left: nothing holds the photo any more.
		await letGo();
		await pruneUnusedMedia(citizen.id);
		expect(await stored()).toEqual([]);
	});

	it('deletes a deleted meeting’s photos and voices that nothing else uses, and keeps what a board still shows', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await ensureBoardSet(citizen.id, starterSet);
		const meeting = await createMeeting(citizen.id, { date: '2026-12-07', place: '', phase: 'opfoelgning' });
		for (const id of ['answer-only', 'also-on-board']) {
			await saveMedia(citizen.id, { id, kind: 'image', mimeType: 'image/jpeg', blob: new Blob([id], { type: 'image/jpeg' }) });
			await recordAnswer(meeting, {
				subject: { kind: 'core-board' },
				content: { kind: 'photo', mediaId: id },
				provenance: { mode: 'selv' }
			});
		}
		const feelings = (await getBoardSet(citizen.id))!.boards.find((b) => b.id === 'feelings')!;
		await saveBoard(citizen.id, setCell(feelings, 0, { id: 'mor', label: 'mor', photoId: 'also-on-board' }));
		await deleteMeeting(meeting.id);
		expect([...(await getMediaOfCitizen(citizen.id)).keys()]).toEqual(['also-on-board']);
	});

	it('cleans up what a page stored and no record came to name, a while after it let go, unless a tab holds the media then', async () => {
		vi.stubGlobal('navigator', { locks: sharedLocks() });
		const citizen = await createCitizen({ displayName: 'Anna' });
		const meeting = await createMeeting(citizen.id, { date: '2026-12-07', place: '', phase: 'opfoelgning' });
		const stored = async () => [...(await getMediaOfCitizen(citizen.id)).keys()].sort();
		for (const id of ['named', 'not-named']) {
			await saveMedia(citizen.id, { id, kind: 'image', mimeType: 'image/jpeg', blob: new Blob([id], { type: 'image/jpeg' }) });
		}
		// The page let go while the answer naming its photo was still on its way.
		const later = cleanUpMediaLater(citizen.id, 50);
		await recordAnswer(meeting, {
			subject: { kind: 'core-board' },
			content: { kind: 'photo', mediaId: 'named' },
			provenance: { mode: 'selv' }
		});
		expect(await stored()).toEqual(['named', 'not-named']);
		await later;
		expect(await stored()).toEqual(['named']);
		// Another page holds the citizen's media when the time comes: nothing goes.
		await saveMedia(citizen.id, { id: 'held', kind: 'image', mimeType: 'image/jpeg', blob: new Blob(['held'], { type: 'image/jpeg' }) });
		const letGo = holdMedia(citizen.id);
		await cleanUpMediaLater(citizen.id, 0);
		expect(await stored()).toEqual(['held', 'named']);
		await letGo();
	});

	it('keeps a photo that waits in a meeting unnamed until nothing waits with it, or the meeting is deleted, and only that one', async () => {
		vi.stubGlobal('navigator', { locks: sharedLocks() });
		const citizen = await createCitizen({ displayName: 'Anna' });
		const date = { date: '2026-12-07', place: '', phase: 'opfoelgning' } as const;
		const [first, second] = [await createMeeting(citizen.id, date), await createMeeting(citizen.id, date)];
		const stored = async () => [...(await getMediaOfCitizen(citizen.id)).keys()].sort();
		const photo = (id: string) =>
			saveMedia(citizen.id, { id, kind: 'image', mimeType: 'image/jpeg', blob: new Blob([id], { type: 'image/jpeg' }) });
		const letGoneBy = () => new Promise((resolve) => setTimeout(resolve, 0));
		// A person with a photo waits beside the first meeting's map: no clean-up takes it, however often it runs.
		await photo('mor');
		keepMediaWhileWaiting(first.id, 'network waiting', citizen.id, ['mor']);
		keepMediaWhileWaiting(first.id, 'network waiting', citizen.id, ['mor']);
		await pruneUnusedMedia(citizen.id);
		expect(await stored()).toEqual(['mor']);
		// Meanwhile the second meeting is deleted with its photo: that one goes, the waiting one stays (review "diff2").
		await photo('kim');
		await deleteMeeting(second.id);
		expect(await stored()).toEqual(['mor']);
		// Nobody waits with a photo any more (she was removed): the next clean-up takes it.
		keepMediaWhileWaiting(first.id, 'network waiting', citizen.id, []);
		await letGoneBy();
		await pruneUnusedMedia(citizen.id);
		expect(await stored()).toEqual([]);
		// A photo waits in the first meeting's story when that meeting is deleted: it goes with it.
		await photo('have');
		keepMediaWhileWaiting(first.id, 'story pending', citizen.id, ['have']);
		await pruneUnusedMedia(citizen.id);
		expect(await stored()).toEqual(['have']);
		await deleteMeeting(first.id);
		await letGoneBy();
		await pruneUnusedMedia(citizen.id);
		expect(await stored()).toEqual([]);
	});

	/** Two imported boards whose cells show one photo and say one voice, as an import stores a picture many boards give. */
	async function sharedMedia(citizenId: string) {
		await ensureBoardSet(citizenId, starterSet);
		const media: MediaItem[] = [
			{ id: 'ja', kind: 'image', mimeType: 'image/png', blob: new Blob(['png'], { type: 'image/png' }) },
			{ id: 'hej', kind: 'audio', mimeType: 'audio/ogg', blob: new Blob(['ogg'], { type: 'audio/ogg' }) }
		];
		const shared = { label: 'ja', photoId: 'ja', recordingId: 'hej' };
		const first = setCell(setCell(createBoard('Svar', 1, 2, 'first'), 0, { id: 'a1', ...shared }), 1, { id: 'a2', ...shared });
		const second = setCell(createBoard('Mere', 1, 1, 'second'), 0, { id: 'b1', ...shared });
		await addBoards(citizenId, [first, second], media);
		return async () => [...(await getMediaOfCitizen(citizenId)).keys()].sort();
	}

	it('keeps a photo and a voice two boards share when one of them is deleted, and deletes them with the last', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const stored = await sharedMedia(citizen.id);
		expect(await stored()).toEqual(['hej', 'ja']);
		await deleteBoard(citizen.id, 'first');
		expect(await stored()).toEqual(['hej', 'ja']);
		const second = (await getBoardSet(citizen.id))!.boards.find((board) => board.id === 'second')!;
		const shown = cellMedia(second.slots[0]!, await getMediaOfCitizen(citizen.id));
		expect([shown.photo?.id, shown.recording?.id]).toEqual(['ja', 'hej']);
		await deleteBoard(citizen.id, 'second');
		expect(await stored()).toEqual([]);
	});

	it('keeps a photo and a voice cells share when one cell gets another photo or loses its own, until no cell uses them', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const stored = await sharedMedia(citizen.id);
		const board = async (id: string) => (await getBoardSet(citizen.id))!.boards.find((b) => b.id === id)!;
		// One cell's photo is replaced, another on the same board loses its photo and voice: the third still shows them.
		await saveMedia(citizen.id, { id: 'nej', kind: 'image', mimeType: 'image/png', blob: new Blob(['nej'], { type: 'image/png' }) });
		const first = await board('first');
		const edited = setCell(setCell(first, 0, { ...first.slots[0]!, photoId: 'nej' }), 1, { id: 'a2', label: 'ja' });
		await saveBoard(citizen.id, edited);
		await pruneUnusedMedia(citizen.id);
		expect(await stored()).toEqual(['hej', 'ja', 'nej']);
		// The last cell that shows the photo loses it: the photo goes, the voice the first cell still says stays.
		await saveBoard(citizen.id, setCell(await board('second'), 0, { id: 'b1', label: 'ja', recordingId: 'hej' }));
		await pruneUnusedMedia(citizen.id);
		expect(await stored()).toEqual(['hej', 'nej']);
		await saveBoard(citizen.id, setCell(await board('second'), 0, { id: 'b1', label: 'ja' }));
		await saveBoard(citizen.id, setCell(await board('first'), 0, { id: 'a1', label: 'ja', photoId: 'nej' }));
		await pruneUnusedMedia(citizen.id);
		expect(await stored()).toEqual(['nej']);
	});

	/** A board as a package from another app gives it: its own ids for its pictures and sounds, whatever they hold. */
	function importedBoard(id: string, name: string, photoIds: string[], recordingId: string): Board {
		return photoIds.reduce(
			(board, photoId, i) => setCell(board, i, { id: `${id}-${i}`, label: `celle ${i}`, photoId, recordingId }),
			createBoard(name, 1, photoIds.length, id)
		);
	}
	const medium = (id: string, kind: MediaItem['kind'], mimeType: string, bytes: string): MediaItem => ({
		id,
		kind,
		mimeType,
		blob: new Blob([bytes], { type: mimeType })
	});

	it('stores a picture and a sound imported twice once, shared by the boards, until the last board that shows them goes', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await ensureBoardSet(citizen.id, starterSet);
		const stored = async () => [...(await getMediaOfCitizen(citizen.id)).keys()].sort();
		const shown = async (boardId: string) => {
			const board = (await getBoardSet(citizen.id))!.boards.find((b) => b.id === boardId)!;
			const media = await getMediaOfCitizen(citizen.id);
			return board.slots.map((cell) => {
				const { photo, recording } = cellMedia(cell!, media);
				return [photo?.id, recording?.id];
			});
		};
		// One package that holds the same picture twice, under two ids: stored once.
		await addBoards(
			citizen.id,
			[importedBoard('first', 'Mad', ['p1', 'p1-again'], 's1')],
			[
				medium('p1', 'image', 'image/png', 'kage'),
				medium('p1-again', 'image', 'image/png', 'kage'),
				medium('s1', 'audio', 'audio/ogg', 'lyd')
			]
		);
		expect(await stored()).toEqual(['p1', 's1']);
		expect(await shown('first')).toEqual([
			['p1', 's1'],
			['p1', 's1']
		]);
		// The same package again, with new ids as every import gives: no copies. Bytes of the same size but not the same,
		// and the same bytes as another type, are other media.
		await addBoards(
			citizen.id,
			[importedBoard('second', 'Mad', ['p2', 'p2-again', 'other', 'jpeg'], 's2')],
			[
				medium('p2', 'image', 'image/png', 'kage'),
				medium('p2-again', 'image', 'image/png', 'kage'),
				medium('other', 'image', 'image/png', 'kagE'),
				medium('jpeg', 'image', 'image/jpeg', 'kage'),
				medium('s2', 'audio', 'audio/ogg', 'lyd')
			]
		);
		expect(await stored()).toEqual(['jpeg', 'other', 'p1', 's1']);
		expect(await shown('second')).toEqual([
			['p1', 's1'],
			['p1', 's1'],
			['other', 's1'],
			['jpeg', 's1']
		]);
		// Another citizen's copy is their own, sealed under their key.
		const other = await createCitizen({ displayName: 'Bo' });
		await addBoards(
			other.id,
			[importedBoard('theirs', 'Mad', ['p3'], 's3')],
			[medium('p3', 'image', 'image/png', 'kage'), medium('s3', 'audio', 'audio/ogg', 'lyd')]
		);
		expect([...(await getMediaOfCitizen(other.id)).keys()].sort()).toEqual(['p3', 's3']);

		// Deleting one board keeps what the other still shows; deleting that one too removes them.
		await deleteBoard(citizen.id, 'first');
		expect(await stored()).toEqual(['jpeg', 'other', 'p1', 's1']);
		expect((await shown('second')).map(([photo]) => photo)).toEqual(['p1', 'p1', 'other', 'jpeg']);
		await deleteBoard(citizen.id, 'second');
		expect(await stored()).toEqual([]);
		// Deleting the citizen deletes every medium of theirs, shared or not.
		await deleteCitizen(other.id);
		expect(await getStore().transaction('r', ['media'], (tx) => tx.media.count())).toBe(0);
	});

	it('stores its own copy when the medium an import would share is cleaned up in another tab while it seals', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await ensureBoardSet(citizen.id, starterSet);
		// A picture nothing refers to any more, e.g. a cell's photo replaced in the editor: the next clean-up deletes it.
		await saveMedia(citizen.id, medium('left', 'image', 'image/png', 'kage'));
		const seal = sealing.sealRecords;
		let cleaned = false;
		vi.spyOn(sealing, 'sealRecords').mockImplementation(async (...args: Parameters<typeof seal>) => {
			if (args[0] === 'boards' && !cleaned) {
				cleaned = true;
				await pruneUnusedMedia(citizen.id);
			}
			return seal(...args);
		});
		await addBoards(
			citizen.id,
			[importedBoard('imported', 'Mad', ['new'], 'sound')],
			[medium('new', 'image', 'image/png', 'kage'), medium('sound', 'audio', 'audio/ogg', 'lyd')]
		);
		expect(cleaned).toBe(true);
		const media = await getMediaOfCitizen(citizen.id);
		expect([...media.keys()].sort()).toEqual(['new', 'sound']);
		const board = (await getBoardSet(citizen.id))!.boards.find((b) => b.id === 'imported')!;
		expect(cellMedia(board.slots[0]!, media).photo?.id).toBe('new');
	});

	it('refuses a save that links outside the set, and deleting a board unlinks it', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await ensureBoardSet(citizen.id, starterSet);
		const home = (await getBoardSet(citizen.id))!.boards.find((b) => b.id === 'home')!;
		await expect(saveBoard(citizen.id, setCell(home, 1, { id: 'x', label: 'x', linkBoardId: 'nowhere' }))).rejects.toThrow(
			'error.boardSetLink'
		);
		await expect(deleteBoard(citizen.id, 'home')).rejects.toThrow('error.deleteRootBoard');
		await deleteBoard(citizen.id, 'feelings');
		const after = (await getBoardSet(citizen.id))!;
		expect(after.boards.map((b) => b.id)).toEqual(['home']);
		expect(after.boards[0]!.slots[0]).toEqual({ id: 'c1', label: 'Følelser' });
	});

	it('adds imported boards beside the existing ones without touching them', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await ensureBoardSet(citizen.id, starterSet);
		const before = await storedBoards();
		await addBoards(
			citizen.id,
			[createBoard('Importeret', 2, 2, 'imported')],
			[{ id: 'sound', kind: 'audio', mimeType: 'audio/wav', blob: new Blob(['RIFF'], { type: 'audio/wav' }) }]
		);
		const after = await storedBoards();
		expect(after).toHaveLength(3);
		for (const record of before) expect(after.find((r) => r.id === record.id)).toEqual(record);
		expect(
			(
				await openRecord(
					'boards',
					after.find((r) => r.id === 'imported')!
				)
			).payload.root
		).toBe(false);
		// Listed by name as a person reads it, numbers by their value, after the start board.
		expect(
			await addBoards(
				citizen.id,
				['Tavle 10', 'Tavle 2', 'Æbler', 'Tavle 1'].map((name, i) => createBoard(name, 1, 1, `n${i}`)),
				[]
			)
		).toEqual([]);
		const names = (await getBoardSet(citizen.id))!.boards.map((board) => board.name);
		expect(names).toEqual(['Forside', 'Følelser', 'Importeret', 'Tavle 1', 'Tavle 2', 'Tavle 10', 'Æbler']);
		// An imported board named as one the citizen has is named apart, so the list and the folders can tell them apart.
		// The import says which boards it named apart.
		expect(await addBoards(citizen.id, [createBoard('følelser', 1, 1, 'again'), createBoard('Følelser', 1, 1, 'twice')], [])).toEqual([
			{ from: 'følelser', to: 'følelser (2)' },
			{ from: 'Følelser', to: 'Følelser (3)' }
		]);
		const renamed = (await getBoardSet(citizen.id))!.boards.filter((board) => /følelser/i.test(board.name));
		expect(renamed.map((board) => [board.id, board.name])).toEqual([
			['feelings', 'Følelser'],
			['again', 'følelser (2)'],
			['twice', 'Følelser (3)']
		]);
		// A new board or a rename that takes another board's name is refused; a save under its own name is not.
		await expect(saveBoard(citizen.id, createBoard('IMPORTERET ', 1, 1, 'new'))).rejects.toThrow('error.boardNameTaken');
		const feelings = (await getBoardSet(citizen.id))!.boards.find((board) => board.id === 'feelings')!;
		await expect(saveBoard(citizen.id, { ...feelings, name: 'Tavle 2' })).rejects.toThrow('error.boardNameTaken');
		await saveBoard(citizen.id, setCell(feelings, 0, { id: 'x', label: 'glad' }));
		const withNumbered = await storedBoards();
		// An id that already exists makes the whole import fail and leaves everything as it was.
		await expect(addBoards(citizen.id, [createBoard('Igen', 1, 1, 'imported')], [])).rejects.toThrow();
		expect(await storedBoards()).toEqual(withNumbered);
	});

	it('names an imported board apart from a board renamed in another tab while the import was sealing', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await ensureBoardSet(citizen.id, starterSet);
		const feelings = (await getBoardSet(citizen.id))!.boards.find((board) => board.id === 'feelings')!;
		const seal = sealing.sealRecords;
		let renamed = false;
		// The other tab renames "Følelser" to "Mad" after the import read the names, before it writes.
		vi.spyOn(sealing, 'sealRecords').mockImplementation(async (...args: Parameters<typeof seal>) => {
			if (args[0] === 'boards' && !renamed) {
				renamed = true;
				await saveBoard(citizen.id, { ...feelings, name: 'Mad' });
			}
			return seal(...args);
		});

		expect(await addBoards(citizen.id, [createBoard('Mad', 1, 1, 'imported')], [])).toEqual([{ from: 'Mad', to: 'Mad (2)' }]);
		const names = (await getBoardSet(citizen.id))!.boards.map((board) => [board.id, board.name]);
		expect(names).toEqual([
			['home', 'Forside'],
			['feelings', 'Mad'],
			['imported', 'Mad (2)']
		]);
	});
});
