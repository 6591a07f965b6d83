import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBackup, writeBackup, type BackupContent } from './format.ts';
import { recordAnswer } from '#lib/storage/answers.ts';
import { cellMedia, createBoard, setCell } from '#lib/domain/board.ts';
import { addBoards, deleteBoard, ensureBoardSet, getBoardSet, getMediaOfCitizen } from '#lib/storage/boards.ts';
import { collectBackup, groupsOfContent, restoreBackup, streamBackup } from '#lib/storage/backup.ts';
import { createCitizen } from '#lib/storage/citizens.ts';
import { deleteDatabase, getStore } from '#lib/storage/db.ts';
import { ValidationError } from '#lib/domain/validation.ts';
import { createMeeting } from '#lib/storage/meetings.ts';
import { getCitizen, listCitizens } from '#lib/storage/citizens.ts';
import { migrateRecords } from '#lib/storage/migrate.ts';
import { updatePlan } from '#lib/storage/plans.ts';
import { setAssessment } from '#lib/storage/assessments.ts';
import { vumSubtheme } from '#lib/content/vum.ts';
import { REGISTRY } from '#lib/storage/registry.ts';
import { SEALED_TABLES } from '#lib/storage/tables.ts';
import type { SealedPayload } from '#lib/vault/payload.ts';
import { worker } from '../../../tests/unit/picture-worker-double.ts';

// Node has no worker or canvas: the page's checks run for real, the worker's decoding is a stand-in.
vi.mock('#lib/encoding/picture-worker-client.ts', () => import('../../../tests/unit/picture-worker-double.ts'));

// The app writes 600,000 iterations; tests use few, which the reader accepts from a file.
const ITERATIONS = 1_000;
const PASSPHRASE = 'fire grønne heste springer';

afterEach(async () => {
	worker.refuse = [];
	vi.restoreAllMocks();
	await deleteDatabase();
	localStorage.clear();
});

/** What the app does with a chosen file (BackupPanel): open it, then restore it. */
async function restoreFile(file: Blob, passphrase = PASSPHRASE) {
	return restoreBackup(await readBackup(file, passphrase, ITERATIONS));
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

async function plain(value: unknown): Promise<unknown> {
	if (value instanceof Blob) return { blob: value.type, bytes: hex(new Uint8Array(await value.arrayBuffer())) };
	if (value instanceof ArrayBuffer) return { bytes: hex(new Uint8Array(value)) };
	if (ArrayBuffer.isView(value)) return { bytes: hex(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
	if (Array.isArray(value)) return Promise.all(value.map(plain));
	if (value && typeof value === 'object') {
		return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await plain(item)])));
	}
	return value;
}

/** Every table exactly as stored, sealed payloads and all, read in one transaction: equal means byte-identical. */
async function disk(): Promise<Record<string, unknown>> {
	const db = getStore();
	const names = Object.keys(db.stores);
	const tables = await db.transaction('r', names, (tx) => Promise.all(names.map(async (name) => [name, await tx.table(name).toArray()])));
	return (await plain(Object.fromEntries(tables))) as Record<string, unknown>;
}

/** As `disk`, without the commit numbers, which every transaction adds to, one that is taken back too. */
async function records(): Promise<Record<string, unknown>> {
	const { commits: _, ...rest } = await disk();
	return rest;
}

/** Makes IndexedDB refuse a kind of request on one store while `on()` says so; counts the refusals. */
function refuse(method: 'add' | 'delete', store: string, on: () => boolean, name = 'QuotaExceededError') {
	const fired = { count: 0 };
	const original = IDBObjectStore.prototype[method] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
	vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
		if (this.name !== store || !on()) return original.apply(this, args);
		fired.count++;
		throw new DOMException('Simulated refusal', name);
	});
	return fired;
}

/** A backup of Bo, made on another tablet: one citizen with a meeting and two answers. */
async function backupFromAnotherTablet(): Promise<BackupContent> {
	const bo = await createCitizen({ displayName: 'Bo' });
	const meeting = await createMeeting(bo.id, { date: '2026-11-20', place: 'Hjemme', phase: 'faglig-udredning' });
	await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'nej' }, provenance: { mode: 'selv' } });
	await recordAnswer(meeting, {
		subject: { kind: 'core-board' },
		content: { kind: 'core', value: 'pause' },
		provenance: { mode: 'observeret' }
	});
	const content = await collectBackup();
	await deleteDatabase();
	return content;
}

/** This tablet: Anna, with a photo, a meeting and an answer. */
async function tabletWithAnna() {
	const anna = await createCitizen({ displayName: 'Anna', photo: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }) });
	const meeting = await createMeeting(anna.id, { date: '2026-11-23', place: 'Bostedet', phase: 'opfoelgning' });
	const answer = await recordAnswer(meeting, {
		subject: { kind: 'core-board' },
		content: { kind: 'core', value: 'ja' },
		provenance: { mode: 'selv' }
	});
	return { anna, answer };
}

describe('restoring a backup', () => {
	it('whose ids collide with records of another citizen is refused with its reason, every stored record byte-identical', async () => {
		const fromBo = await backupFromAnotherTablet();
		const { answer } = await tabletWithAnna();
		// The file is sound and passes every check, but its last answer carries an id this tablet already
		// holds for Anna: told as a broken file, not as a storage that did not answer.
		const colliding = structuredClone(fromBo);
		colliding.answers.at(-1)!.id = answer.id;
		const before = await disk();

		const refused = await restoreFile(await writeBackup(colliding, PASSPHRASE, ITERATIONS)).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(ValidationError);
		expect((refused as ValidationError).code).toBe('backup.idCollision');
		expect(await disk()).toEqual(before);

		// The control: the same backup without the collision is restored, and the comparison sees it.
		expect(await restoreFile(await writeBackup(fromBo, PASSPHRASE, ITERATIONS))).toEqual({ added: 1, skipped: 0, droppedPictures: 0 });
		const after = (await disk()) as { answers: unknown[] };
		expect(after).not.toEqual(before);
		expect(after.answers).toHaveLength(3);
	});

	it('that is damaged is refused before anything is written, leaving every stored record byte-identical', async () => {
		const fromBo = await backupFromAnotherTablet();
		await tabletWithAnna();
		const before = await disk();
		const file = await writeBackup(fromBo, PASSPHRASE, ITERATIONS);
		const flipped = new Uint8Array(await file.arrayBuffer());
		flipped[flipped.length - 40]! ^= 1;
		const orphan = structuredClone(fromBo);
		orphan.answers[0]!.meetingId = 'a-meeting-not-in-the-file';
		const damaged = [new Blob([flipped]), file.slice(0, file.size / 2), await writeBackup(orphan, PASSPHRASE, ITERATIONS)];
		for (const blob of damaged) {
			await expect(restoreFile(blob)).rejects.toThrow(/^(backup\.invalid|backup\.notBackup|error\.wrongPassphrase)$/);
			expect(await disk()).toEqual(before);
		}
		await expect(restoreFile(file, 'en helt anden sætning')).rejects.toThrow('error.wrongPassphrase');
		expect(await disk()).toEqual(before);
	});

	it('refuses a plan or an assessment whose meeting is not its own citizen’s meeting in the file, every stored record byte-identical', async () => {
		const bo = await createCitizen({ displayName: 'Bo' });
		const meeting = await createMeeting(bo.id, { date: '2026-11-20', place: 'Hjemme', phase: 'faglig-udredning' });
		const goal = { id: 'g1', text: 'Bos eget mål', themeIds: ['praktiske-opgaver'], status: 'aktiv' as const };
		await updatePlan(meeting.id, (plan) => ({ ...plan, goals: [goal] }));
		const kontakt = { subthemeId: 'kontakt-med-andre', ffbCode: vumSubtheme('kontakt-med-andre')!.subtheme.ffb.code };
		await setAssessment(meeting.id, { ...kontakt, levelId: 'let' });
		const fromBo = await collectBackup();
		await deleteDatabase();
		// A forged file hangs Bo's plan or assessment on Anna's meeting on this tablet (its id is in the address bar).
		const { answer } = await tabletWithAnna();
		const before = await disk();
		for (const table of ['plans', 'assessments'] as const) {
			for (const meetingId of [answer.meetingId, 'a-meeting-not-in-the-file']) {
				const forged = structuredClone(fromBo);
				forged[table][0]!.meetingId = meetingId;
				await expect(restoreFile(await writeBackup(forged, PASSPHRASE, ITERATIONS))).rejects.toThrow('backup.invalid');
				expect(await disk()).toEqual(before);
			}
		}
		// The control: the file as the app wrote it restores, plan and assessment with it.
		expect(await restoreFile(await writeBackup(fromBo, PASSPHRASE, ITERATIONS))).toEqual({ added: 1, skipped: 0, droppedPictures: 0 });
		const after = (await disk()) as { plans: unknown[]; assessments: unknown[] };
		expect([after.plans.length, after.assessments.length]).toEqual([1, 1]);
	});

	it('made by a newer Billedtale (a record of a newer version, a table this app does not know) is refused as newer, not as damaged', async () => {
		const fromBo = await backupFromAnotherTablet();
		await tabletWithAnna();
		const before = await disk();
		// What the next migration of meetings writes, and what a file got when plans, assessments and story items came.
		const newerMeetings = structuredClone(fromBo);
		for (const meeting of newerMeetings.meetings) Object.assign(meeting.payload, { v: REGISTRY.meetings.version + 1 });
		const newerTable = { createdAt: fromBo.createdAt, groups: [...groupsOfContent(fromBo), { table: 'notes', records: [] }] };
		for (const content of [newerMeetings, newerTable as unknown as BackupContent]) {
			await expect(restoreFile(await writeBackup(content, PASSPHRASE, ITERATIONS))).rejects.toThrow('backup.newerVersion');
			expect(await disk()).toEqual(before);
		}
		// The control: a version from before is read, upgraded on the way.
		const older = structuredClone(fromBo);
		for (const meeting of older.meetings) Object.assign(meeting.payload, { v: 1 });
		expect(await restoreFile(await writeBackup(older, PASSPHRASE, ITERATIONS))).toEqual({ added: 1, skipped: 0, droppedPictures: 0 });
	});

	it('refuses, with its reason, what a forged file could carry: SVG or pixel-flood pictures, repeated ids, absurd sizes, a weak key', async () => {
		const fromBo = await backupFromAnotherTablet();
		await tabletWithAnna();
		const before = await disk();
		const hostile = (name: string, type: string) => new Blob([readFileSync(`tests/fixtures/hostile/${name}`)], { type });
		const withPhoto = (photo: Blob) => {
			const copy = structuredClone(fromBo);
			copy.citizens[0]!.payload.photo = photo;
			return copy;
		};
		const repeated = structuredClone(fromBo);
		repeated.answers[1]!.id = repeated.answers[0]!.id;
		const crowd = structuredClone(fromBo);
		crowd.citizens = Array.from({ length: 20_000 }, (_, i) => ({ ...fromBo.citizens[0]!, id: `c${i}` }));
		const refusals: Array<[BackupContent, string]> = [
			[withPhoto(hostile('script.svg', 'image/svg+xml')), 'backup.badPicture'],
			[withPhoto(hostile('gif-frame-larger-than-screen.gif', 'image/gif')), 'backup.badPicture'],
			[withPhoto(hostile('png-decompression-bomb.png', 'image/png')), 'backup.badPicture'],
			[repeated, 'backup.duplicateIds'],
			[crowd, 'backup.tooMany']
		];
		for (const [content, reason] of refusals) {
			await expect(restoreFile(await writeBackup(content, PASSPHRASE, ITERATIONS))).rejects.toThrow(reason);
			expect(await disk()).toEqual(before);
		}
		// Files from the app have 600,000 rounds; below 100,000 a file is refused unless a test says otherwise.
		await expect(readBackup(await writeBackup(fromBo, PASSPHRASE, ITERATIONS), PASSPHRASE)).rejects.toThrow('backup.weakKey');
	});

	it('re-encodes every picture in the worker: one whose real frame is too large refuses the file, an unreadable one is left out', async () => {
		const photo = new Blob([readFileSync('tests/fixtures/hostile/jpeg-with-gps.jpg')], { type: 'image/jpeg' });
		const fromBo = await backupFromAnotherTablet();
		fromBo.citizens[0]!.payload.photo = photo;
		await tabletWithAnna();
		const before = await disk();
		const file = await writeBackup(fromBo, PASSPHRASE, ITERATIONS);

		worker.refuse = ['tooLarge'];
		await expect(restoreFile(file)).rejects.toThrow('backup.badPicture');
		expect(await disk()).toEqual(before);

		worker.refuse = ['undecodable'];
		expect(await restoreFile(file)).toEqual({ added: 1, skipped: 0, droppedPictures: 1 });
		expect((await getCitizen(fromBo.citizens[0]!.id))?.photo).toBeUndefined();
	});

	it('checks an answer that comes before its meeting in the file once the meeting has come, and refuses it then if it names a stranger', async () => {
		const fromBo = await backupFromAnotherTablet();
		await tabletWithAnna();
		const before = await disk();
		// The app writes meetings before answers; another order is read all the same, the answers' checks wait.
		const answersFirst = (content: BackupContent) => ({
			createdAt: content.createdAt,
			groups: [...groupsOfContent(content)].sort((a, b) => Number(b.table === 'answers') - Number(a.table === 'answers'))
		});
		const stranger = structuredClone(fromBo);
		stranger.answers[0]!.payload.provenance = { mode: 'formidlet', participantId: 'not-at-the-meeting' };
		await expect(restoreFile(await writeBackup(answersFirst(stranger), PASSPHRASE, ITERATIONS))).rejects.toThrow('backup.invalid');
		expect(await disk()).toEqual(before);
		expect(await restoreFile(await writeBackup(answersFirst(fromBo), PASSPHRASE, ITERATIONS))).toEqual({
			added: 1,
			skipped: 0,
			droppedPictures: 0
		});
		expect(
			(await readBackup(await writeBackup(await collectBackup([fromBo.citizens[0]!.id]), PASSPHRASE, ITERATIONS), PASSPHRASE, ITERATIONS))
				.answers
		).toHaveLength(2);
	});

	it('keeps a photo two boards share as one medium that both show, until the last of them is deleted', async () => {
		const png = Uint8Array.from(
			atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
			(c) => c.charCodeAt(0)
		);
		const bo = await createCitizen({ displayName: 'Bo' });
		const home = createBoard('Forside', 1, 1, 'home');
		await ensureBoardSet(bo.id, () => ({ rootBoardId: home.id, boards: [home] }));
		// As an import stores a picture many boards give: one medium, named by a cell on each board.
		const boards = ['Svar', 'Mere'].map((name, i) =>
			setCell(createBoard(name, 1, 1, `b${i}`), 0, { id: `c${i}`, label: 'ja', photoId: 'ja' })
		);
		await addBoards(bo.id, boards, [{ id: 'ja', kind: 'image', mimeType: 'image/png', blob: new Blob([png], { type: 'image/png' }) }]);
		const file = await writeBackup(await collectBackup(), PASSPHRASE, ITERATIONS);
		await deleteDatabase();

		worker.decoded = 0;
		expect(await restoreFile(file)).toEqual({ added: 1, skipped: 0, droppedPictures: 0 });
		expect(worker.decoded).toBe(1);
		const media = await getMediaOfCitizen(bo.id);
		expect([...media.keys()]).toEqual(['ja']);
		const showing = (await getBoardSet(bo.id))!.boards.filter((board) => board.slots[0] && cellMedia(board.slots[0], media).photo);
		expect(showing.map((board) => [board.id, board.slots[0]?.photoId])).toEqual([
			['b1', 'ja'],
			['b0', 'ja']
		]);
		await deleteBoard(bo.id, 'b0');
		expect([...(await getMediaOfCitizen(bo.id)).keys()]).toEqual(['ja']);
		await deleteBoard(bo.id, 'b1');
		expect((await getMediaOfCitizen(bo.id)).size).toBe(0);
	});

	it('stores the picture the worker made, under the type the worker chose', async () => {
		const fromBo = await backupFromAnotherTablet();
		fromBo.citizens[0]!.payload.photo = new Blob([readFileSync('tests/fixtures/hostile/jpeg-with-gps.jpg')], { type: 'image/svg+xml' });
		expect(await restoreFile(await writeBackup(fromBo, PASSPHRASE, ITERATIONS))).toEqual({ added: 1, skipped: 0, droppedPictures: 0 });
		expect((await getCitizen(fromBo.citizens[0]!.id))?.photo?.type).toBe('image/jpeg');
	});

	it('writes a batch at a time and its citizens last; a write refused at the end takes back all it wrote, the key it made too', async () => {
		const fromBo = await backupFromAnotherTablet();
		await tabletWithAnna();
		const before = await records();
		// The disk fills up as the citizens, written last, are added: the meeting and answers are written by then.
		const fired = refuse('add', 'citizens', () => true);
		await expect(restoreFile(await writeBackup(fromBo, PASSPHRASE, ITERATIONS))).rejects.toThrow('error.storageFull');
		expect(fired.count).toBeGreaterThan(0);
		expect(await records()).toEqual(before);
		expect(localStorage.getItem('billedtale.restoring')).toBeNull();
	});

	it('cut short, is taken back at the next unlock; records of a citizen it had written are kept', async () => {
		const fromBo = await backupFromAnotherTablet();
		const { anna } = await tabletWithAnna();
		const before = await records();
		// As if the browser were killed before the citizens were written: taking back fails here, and no tab is left to retry.
		let killed = true;
		const addsRefused = refuse('add', 'citizens', () => killed);
		const deletesRefused = refuse('delete', 'answers', () => killed, 'UnknownError');
		const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		await expect(restoreFile(await writeBackup(fromBo, PASSPHRASE, ITERATIONS))).rejects.toThrow('error.storageFull');
		expect(warned).toHaveBeenCalledWith('Billedtale: a failed restore could not be taken back yet', expect.anything());
		expect(addsRefused.count).toBeGreaterThan(0);
		expect(deletesRefused.count).toBeGreaterThan(0);
		const left = (await records()) as { meetings: unknown[]; answers: unknown[] };
		expect(left.answers).toHaveLength(3);
		// What it wrote belongs to no citizen the app shows.
		expect((await listCitizens()).map((citizen) => citizen.displayName)).toEqual(['Anna']);

		killed = false;
		await migrateRecords();
		expect(await records()).toEqual(before);
		expect(localStorage.getItem('billedtale.restoring')).toBeNull();

		// The control: a restore that ended before its marker was cleared keeps what it wrote.
		expect(await restoreFile(await writeBackup(fromBo, PASSPHRASE, ITERATIONS))).toEqual({ added: 1, skipped: 0, droppedPictures: 0 });
		localStorage.setItem('billedtale.restoring', JSON.stringify([fromBo.citizens[0]!.id, anna.id]));
		await migrateRecords();
		expect((await listCitizens()).map((citizen) => citizen.displayName).sort()).toEqual(['Anna', 'Bo']);
		expect(((await records()) as { answers: unknown[] }).answers).toHaveLength(3);
		expect(localStorage.getItem('billedtale.restoring')).toBeNull();
	});

	it('cut short in another tab that still holds the restore lock, is left alone by an unlock here until the lock is free', async () => {
		const fromBo = await backupFromAnotherTablet();
		await tabletWithAnna();
		const before = await records();
		let killed = true;
		refuse('add', 'citizens', () => killed);
		refuse('delete', 'answers', () => killed, 'UnknownError');
		vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		await expect(restoreFile(await writeBackup(fromBo, PASSPHRASE, ITERATIONS))).rejects.toThrow('error.storageFull');
		killed = false;
		const written = await records();
		expect(written).not.toEqual(before);

		// Web Locks as a browser grants them: another tab holds the restore lock, then lets go of it.
		let otherTabRestoring = true;
		const asked: unknown[] = [];
		vi.stubGlobal('navigator', {
			locks: {
				request: (name: string, ...args: [LockGrantedCallback<unknown>] | [LockOptions, LockGrantedCallback<unknown>]) => {
					const [options, grant] = args.length === 1 ? [{}, args[0]] : args;
					asked.push([name, options]);
					const held = name === 'billedtale-restore' && otherTabRestoring;
					return grant(held && options.ifAvailable ? null : ({ name, mode: 'exclusive' } as Lock));
				}
			}
		});
		try {
			await migrateRecords();
			expect(await records()).toEqual(written);
			otherTabRestoring = false;
			await migrateRecords();
			expect(await records()).toEqual(before);
			expect(asked).toEqual([
				['billedtale-restore', { ifAvailable: true }],
				['billedtale-restore', { ifAvailable: true }]
			]);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});

/** Bo with a meeting and an answer; Anna with a meeting, an answer, a plan, an assessment and a start board linking to a second. */
async function tabletWithDamageToCome() {
	const bo = await createCitizen({ displayName: 'Bo' });
	const boMeeting = await createMeeting(bo.id, { date: '2026-11-20', place: 'Hjemme', phase: 'faglig-udredning' });
	await recordAnswer(boMeeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'nej' }, provenance: { mode: 'selv' } });
	const anna = await createCitizen({ displayName: 'Anna' });
	const meeting = await createMeeting(anna.id, { date: '2026-11-23', place: 'Bostedet', phase: 'opfoelgning' });
	const answer = await recordAnswer(meeting, {
		subject: { kind: 'core-board' },
		content: { kind: 'core', value: 'ja' },
		provenance: { mode: 'selv' }
	});
	await updatePlan(meeting.id, (plan) => ({ ...plan, goals: [{ id: 'g1', text: 'Annas mål', themeIds: [], status: 'aktiv' }] }));
	const kontakt = { subthemeId: 'kontakt-med-andre', ffbCode: vumSubtheme('kontakt-med-andre')!.subtheme.ffb.code };
	await setAssessment(meeting.id, { ...kontakt, levelId: 'let' });
	const home = setCell(createBoard('Forside', 1, 1, 'home'), 0, { id: 'c0', label: 'Mere', linkBoardId: 'more' });
	await ensureBoardSet(anna.id, () => ({ rootBoardId: 'home', boards: [home, createBoard('Mere', 1, 1, 'more')] }));
	return { bo, anna, meeting, answer };
}

/** One byte of a stored record's sealed payload changed, as a disk or a browser bug does it: the record cannot be opened. */
async function damage(name: string, id: string) {
	await getStore().transaction('rw', [name], async (tx) => {
		const table = tx.table<{ payload: SealedPayload }>(name);
		const stored = (await table.get(id))!;
		const ct = stored.payload.ct.slice(0);
		new Uint8Array(ct)[0]! ^= 1;
		await table.put({ ...stored, payload: { ...stored.payload, ct } });
	});
}

/** How many records of each table a citizen has, as stored. */
async function heldBy(citizenId: string): Promise<Record<string, number>> {
	const tables = (await disk()) as Record<string, Array<{ id: string; citizenId?: string }>>;
	const counts = Object.entries(tables)
		.filter(([name]) => (SEALED_TABLES as readonly string[]).includes(name))
		.map(([name, rows]) => [name, rows.filter((row) => (row.citizenId ?? row.id) === citizenId).length] as const);
	return Object.fromEntries(counts.filter(([, count]) => count > 0));
}

describe('a backup made while a stored record is damaged', () => {
	const annaWhole = { citizens: 1, meetings: 1, answers: 1, plans: 1, assessments: 1, boards: 2 };
	const { answers: _, ...annaWithoutAnswer } = annaWhole;
	const { boards: __, ...annaWithoutBoards } = annaWhole;
	it.each([
		['nothing', undefined, 0, annaWhole],
		['an answer', 'answers', 1, annaWithoutAnswer],
		['her meeting', 'meetings', 4, { citizens: 1, boards: 2 }],
		['her citizen record', 'citizens', 7, {}],
		['her start board', 'home', 2, annaWithoutBoards],
		['a board her start board links to', 'more', 2, annaWithoutBoards]
	] as const)(
		'(%s) leaves it out with what a restore needs it for, counts them, and restores everyone else whole',
		async (_, hit, leftOut, anna) => {
			const tablet = await tabletWithDamageToCome();
			const boBefore = await heldBy(tablet.bo.id);
			const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
			const ids = { answers: tablet.answer.id, meetings: tablet.meeting.id, citizens: tablet.anna.id, home: 'home', more: 'more' };
			if (hit) await damage(hit === 'home' || hit === 'more' ? 'boards' : hit, ids[hit]);

			const source = streamBackup();
			const file = await writeBackup(source, PASSPHRASE, ITERATIONS);
			expect(source.leftOut()).toBe(leftOut);
			expect(warned).toHaveBeenCalledTimes(hit ? 1 : 0);
			await deleteDatabase();

			expect(await restoreFile(file)).toEqual({ added: 'citizens' in anna ? 2 : 1, skipped: 0, droppedPictures: 0 });
			expect(await heldBy(tablet.bo.id)).toEqual(boBefore);
			expect(await heldBy(tablet.anna.id)).toEqual(anna);
		}
	);
});
