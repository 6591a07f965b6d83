import { afterEach, describe, expect, it } from 'vitest';
import { createBoard, setCell } from '#lib/domain/board.ts';
import { sealPayload } from '#lib/vault/payload.ts';
import { requireDataKey } from '#lib/vault/session.ts';
import { confirmStoredAnswer, listAnswers, recordAnswer } from './answers.ts';
import { collectBackup, restoreContent } from './backup.ts';
import { ensureBoardSet, getMediaOfCitizen, pruneUnusedMedia, saveBoard, saveMedia } from './boards.ts';
import { createCitizen, deleteCitizen, getCitizen, saveCitizenAccess } from './citizens.ts';
import { changeAccess, DEFAULT_ACCESS } from '#lib/domain/access.ts';
import { DATABASE_NAME, deleteDatabase, getStore, openStore, type StoreTables } from './db.ts';
import { addParticipant, createMeeting, getMeeting, listMeetings } from './meetings.ts';
import { migrateRecords } from './migrate.ts';
import { getPlan, updatePlan } from './plans.ts';
import { setAssessment } from './assessments.ts';
import { addStoryItem, listStoryItems } from './story.ts';
import { MIGRATIONS } from './migrations.ts';
import { ABOUT_TABLES, DamagedRecordError, MEDIA_REFERRING_TABLES, NewerRecordError, parseRecord, REGISTRY } from './registry.ts';
import { onNewerApp } from './damage.ts';
import { SCHEMA_VERSIONS } from './schema.ts';
import { onDamagedRecord, openRecord, sealRecord, type Stored } from './sealing.ts';
import { SEALED_TABLES, type SealedTable } from './tables.ts';
import type { AnswerRecord, CitizenRecord, MeetingRecord, PlanRecord, StoryItemRecord } from './records.ts';
import { compareStory } from '#lib/domain/story.ts';
import { LATEST_TIME } from '#lib/domain/stored-time.ts';

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

const photo = () => new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });

/** One record of every kind for a citizen: a photo answer, a board cell with a photo, media, a meeting. */
async function citizenWithEverything(name: string) {
	const citizen = await createCitizen({ displayName: name, photo: photo() });
	const meeting = await addParticipant(
		(await createMeeting(citizen.id, { date: '2026-12-02', place: 'Hjemme', phase: 'opfoelgning' })).id,
		'Lise',
		'paaroerende'
	);
	await saveMedia(citizen.id, { id: `${citizen.id}-answer-photo`, kind: 'image', mimeType: 'image/png', blob: photo() });
	await saveMedia(citizen.id, { id: `${citizen.id}-cell-photo`, kind: 'image', mimeType: 'image/png', blob: photo() });
	const answer = await recordAnswer(meeting, {
		subject: { kind: 'core-board' },
		content: { kind: 'photo', mediaId: `${citizen.id}-answer-photo` },
		provenance: { mode: 'formidlet', participantId: meeting.participants.at(-1)!.id }
	});
	const home = setCell(createBoard('Forside', 1, 2), 0, { id: 'c1', label: 'mor', photoId: `${citizen.id}-cell-photo` });
	await ensureBoardSet(citizen.id, () => ({ rootBoardId: home.id, boards: [home] }));
	await updatePlan(meeting.id, (plan) => ({
		...plan,
		goals: [{ id: `${citizen.id}-goal`, text: 'Jeg vil selv handle ind', themeIds: ['praktiske-opgaver'], status: 'aktiv' }],
		agreements: [
			{ id: `${citizen.id}-agreement`, what: 'Øve at handle ind', who: [{ name: 'Lise', role: 'paaroerende' }], when: 'Før jul' }
		]
	}));
	// Kontakt med andre (Relationer, Aktivitet og deltagelse): a sub-theme that carries a level.
	await setAssessment(meeting.id, { subthemeId: 'kontakt-med-andre', ffbCode: '3f9da5ac-9686-4eeb-b517-b46e17fcb1d7', levelId: 'let' });
	await saveMedia(citizen.id, { id: `${citizen.id}-story-photo`, kind: 'image', mimeType: 'image/png', blob: photo() });
	await addStoryItem({
		id: `${citizen.id}-story-item`,
		citizenId: citizen.id,
		templateId: 'min-historie',
		placement: { areaId: 'haab', x: 20, y: 20, w: 200, h: 160 },
		content: { kind: 'photo', mediaId: `${citizen.id}-story-photo` },
		provenance: { mode: 'formidlet', participantId: meeting.participants[0]!.id, name: 'Lise', role: 'paaroerende' },
		meetingId: meeting.id,
		at: 5
	});
	return { citizen, meeting, answer, home };
}

/** A record as it lies on disk. */
function readStored<T extends SealedTable>(table: T, id: string): Promise<StoreTables[T] | undefined> {
	return getStore().transaction('r', [table], (tx) => tx.table<StoreTables[T]>(table).get(id));
}

/** Puts a record on disk as it is given: as an older app, or a damaged file, left it. */
async function addStored<T extends SealedTable>(table: T, record: StoreTables[T]): Promise<void> {
	await getStore().transaction('rw', [table], (tx) => tx.table<StoreTables[T]>(table).add(record));
}

async function recordsOf(citizenId: string): Promise<Record<SealedTable, number>> {
	const counts = await getStore().transaction('r', SEALED_TABLES, (tx) =>
		Promise.all(
			SEALED_TABLES.map((name) =>
				name === 'citizens'
					? tx.citizens.where('id').equals(citizenId).count()
					: tx.table(name).where('citizenId').equals(citizenId).count()
			)
		)
	);
	return Object.fromEntries(SEALED_TABLES.map((name, i) => [name, counts[i]])) as Record<SealedTable, number>;
}

describe('the table registry', () => {
	it('describes every sealed table, and the current schema indexes what it relies on', () => {
		const stores = Object.assign({}, ...SCHEMA_VERSIONS.map((step) => step.stores)) as Record<string, string>;
		for (const name of SEALED_TABLES) {
			expect(REGISTRY[name].version).toBeGreaterThanOrEqual(1);
			expect(stores[name]!.split(', '), name).toContain('v');
		}
		for (const name of MEDIA_REFERRING_TABLES) expect(stores[name]!.split(', '), name).toContain('*mediaIds');
		for (const name of ABOUT_TABLES)
			expect(stores[name]!.split(', '), name).toEqual(expect.arrayContaining(['[citizenId+about]', '[meetingId+about]']));
		expect(ABOUT_TABLES).toEqual(['answers']);
		expect(MEDIA_REFERRING_TABLES).toEqual(expect.arrayContaining(['answers', 'boards', 'storyItems']));
	});

	it('has a named step for every version below each table’s current one', () => {
		for (const name of SEALED_TABLES) {
			const steps = MIGRATIONS.filter((step) => step.table === name).map((step) => step.from);
			expect(steps.sort(), name).toEqual(Array.from({ length: REGISTRY[name].version - 1 }, (_, i) => i + 1));
		}
		for (const step of MIGRATIONS) expect(step.name).toMatch(/^[a-z-]+: .+/);
	});

	it('deleting a citizen leaves nothing of theirs in any table, and a backup holds all of it', async () => {
		const anna = await citizenWithEverything('Anna');
		const bo = await citizenWithEverything('Bo');
		// Guards the test itself: a table added to the registry without a record here makes it fail.
		for (const [table, count] of Object.entries(await recordsOf(anna.citizen.id))) expect(count, table).toBeGreaterThan(0);

		const backup = await collectBackup([anna.citizen.id]);
		for (const name of SEALED_TABLES) {
			expect(backup[name].length, name).toBe((await recordsOf(anna.citizen.id))[name]);
			expect(JSON.stringify(backup[name])).not.toContain(bo.citizen.id);
		}

		await deleteCitizen(anna.citizen.id);
		expect(Object.values(await recordsOf(anna.citizen.id))).toEqual(SEALED_TABLES.map(() => 0));
		// Nothing of Anna's anywhere, by any field: ids are random, so any mention is hers.
		const everything = await getStore().transaction('r', SEALED_TABLES, (tx) =>
			Promise.all(SEALED_TABLES.map((name) => tx.table(name).toArray()))
		);
		for (const [i, name] of SEALED_TABLES.entries()) {
			const raw = JSON.stringify(everything[i]);
			expect(raw, name).not.toContain(anna.citizen.id);
			expect(raw, name).not.toContain(anna.meeting.id);
		}
		expect(Object.values(await recordsOf(bo.citizen.id)).every((count) => count > 0)).toBe(true);
	});

	it('media clean-up keeps a photo an answer, a network person or a story item refers to when no board does', async () => {
		const { citizen, meeting, home } = await citizenWithEverything('Anna');
		await saveMedia(citizen.id, { id: `${citizen.id}-person-photo`, kind: 'image', mimeType: 'image/png', blob: photo() });
		// A person on the network map: the photo is named by the answer's subject, not by its content.
		await recordAnswer(meeting, {
			subject: { kind: 'network-person', personId: `${citizen.id}-person`, name: 'Mor', photoId: `${citizen.id}-person-photo` },
			content: { kind: 'placement', zoneId: 'taet-paa', label: 'Tæt på' },
			provenance: { mode: 'selv' }
		});
		const kept = [`${citizen.id}-answer-photo`, `${citizen.id}-person-photo`, `${citizen.id}-story-photo`];
		expect([...(await getMediaOfCitizen(citizen.id)).keys()].sort()).toEqual([...kept, `${citizen.id}-cell-photo`].sort());
		// The board drops its photo: only that one goes; the others stay with what refers to them.
		await saveBoard(citizen.id, setCell(home, 0, null));
		await pruneUnusedMedia(citizen.id);
		expect([...(await getMediaOfCitizen(citizen.id)).keys()].sort()).toEqual(kept.sort());
	});
});

describe('reads check every record', () => {
	it('a record that does not fit its table is left out of a list and reported, and refused alone', async () => {
		const { meeting } = await citizenWithEverything('Anna');
		const [good] = await getStore().transaction('r', ['answers'], (tx) => tx.answers.toArray());
		// Sealed with the right key but holding a shape no version of the app wrote.
		const payload = await sealPayload(requireDataKey(), 'answers', 'bad', { v: 2, content: { kind: 'kage' }, status: 'active' });
		const bad = { ...good!, id: 'bad', createdAt: good!.createdAt + 1, payload };
		await addStored('answers', bad);
		const reported: DamagedRecordError[] = [];
		const stop = onDamagedRecord((error) => reported.push(error));
		try {
			expect((await listAnswers(meeting.id)).map((a) => a.id)).toEqual([good!.id]);
		} finally {
			stop();
		}
		expect(reported.map((e) => [e.table, e.id])).toEqual([['answers', 'bad']]);
		await expect(openRecord('answers', bad)).rejects.toBeInstanceOf(DamagedRecordError);
	});

	it('reads a board whose cells have an edge colour of their own (OBF border_color), and one from before they could', () => {
		const board = (slots: unknown[]) => ({
			id: 'b1',
			citizenId: 'c1',
			createdAt: 1,
			updatedAt: 1,
			payload: { v: REGISTRY.boards.version, name: 'Forside', rows: 1, columns: 2, root: true, slots }
		});
		const older = parseRecord('boards', board([{ id: 'x', label: 'mor', background: '#ffffff' }, null]));
		expect(older.payload.slots[0]).toEqual({ id: 'x', label: 'mor', background: '#ffffff' });
		const edged = parseRecord('boards', board([{ id: 'x', label: 'mor', border: '#1B5E20' }, null]));
		expect(edged.payload.slots[0]).toEqual({ id: 'x', label: 'mor', border: '#1b5e20' });
		expect(() => parseRecord('boards', board([{ id: 'x', label: 'mor', border: 'green' }, null]))).toThrow(DamagedRecordError);
	});

	it('refuses a time no date can show, as a damaged or crafted file may hold, and reads the latest one that can', () => {
		const answer = (createdAt: number) => ({
			id: 'a1',
			citizenId: 'c1',
			meetingId: 'm1',
			createdAt,
			updatedAt: createdAt,
			payload: {
				v: REGISTRY.answers.version,
				subject: { kind: 'core-board' },
				content: { kind: 'core', value: 'ja' },
				provenance: { mode: 'selv' },
				status: 'active',
				history: [],
				confirmations: []
			}
		});
		expect(parseRecord('answers', answer(LATEST_TIME)).createdAt).toBe(LATEST_TIME);
		expect(() => parseRecord('answers', answer(9e15))).toThrow(DamagedRecordError);
		expect(() => new Intl.DateTimeFormat('da-DK').format(9e15)).toThrow(RangeError);
	});

	it('reads who withdrew or restored an answer, the adviser, and a withdrawal stored before either was kept', () => {
		const withdrawn = (changedBy?: unknown) => ({
			id: 'a1',
			citizenId: 'c1',
			meetingId: 'm1',
			createdAt: 1,
			updatedAt: 2,
			payload: {
				v: REGISTRY.answers.version,
				subject: { kind: 'core-board' },
				content: { kind: 'core', value: 'ja' },
				provenance: { mode: 'selv' },
				status: 'withdrawn',
				history: [
					{
						content: { kind: 'core', value: 'ja' },
						provenance: { mode: 'selv' },
						status: 'active',
						replacedAt: 2,
						change: 'withdrawn',
						...(changedBy === undefined ? {} : { changedBy })
					}
				],
				confirmations: []
			}
		});
		const relayed = { kind: 'provenance', provenance: { mode: 'formidlet', participantId: 'p-lise' } };
		expect(parseRecord('answers', withdrawn(relayed)).payload.history[0]!.changedBy).toEqual(relayed);
		expect(parseRecord('answers', withdrawn({ kind: 'adviser' })).payload.history[0]!.changedBy).toEqual({ kind: 'adviser' });
		expect(parseRecord('answers', withdrawn()).payload.history[0]).not.toHaveProperty('changedBy');
		// The adviser is never stored as a provenance of the citizen's, nor a changer of an unknown kind.
		expect(() => parseRecord('answers', withdrawn({ kind: 'adviser', provenance: { mode: 'selv' } }))).toThrow(DamagedRecordError);
		expect(() => parseRecord('answers', withdrawn({ kind: 'someone' }))).toThrow(DamagedRecordError);
	});

	it('refuses a payload from a newer app instead of guessing', () => {
		expect(() =>
			parseRecord('citizens', { id: 'c1', createdAt: 1, payload: { v: REGISTRY.citizens.version + 1, displayName: 'Anna' } })
		).toThrow(NewerRecordError);
	});

	it('tells a record from a newer Billedtale as an update to reload for, never as damage', async () => {
		const { meeting } = await citizenWithEverything('Anna');
		const stored = (await readStored('meetings', meeting.id))!;
		const opened = await openRecord('meetings', stored);
		// What a newer version, open in another tab, writes over this meeting: a payload version this app does not know.
		const newer = REGISTRY.meetings.version + 1;
		const payload = await sealPayload(requireDataKey(), 'meetings', meeting.id, { ...opened.payload, v: newer });
		await getStore().transaction('rw', ['meetings'], (tx) => tx.meetings.put({ ...stored, payload, v: newer }));

		const error = await getMeeting(meeting.id).then(
			() => undefined,
			(cause: unknown) => cause
		);
		expect(error).toBeInstanceOf(NewerRecordError);
		// Its words (app/startup.test.ts) are not those of a damaged record.
		expect((error as NewerRecordError).code).toBe('error.updatedElsewhere');

		// Met in a list (the citizen's meetings), it is left out and told as a newer app, not as damage.
		const damaged: DamagedRecordError[] = [];
		let newerApp = 0;
		const stops = [onDamagedRecord((e) => damaged.push(e)), onNewerApp(() => newerApp++)];
		try {
			expect(await listMeetings(stored.citizenId)).toEqual([]);
		} finally {
			for (const stop of stops) stop();
		}
		expect(newerApp).toBe(1);
		expect(damaged).toEqual([]);
	});

	it('refuses to seal a record its table does not allow', async () => {
		await expect(
			sealRecord('media', {
				id: 'm1',
				citizenId: 'c1',
				createdAt: 1,
				payload: { kind: 'image', mimeType: 'text/html', blob: new Blob(['<svg onload=x>'], { type: 'text/html' }) }
			})
		).rejects.toBeInstanceOf(DamagedRecordError);
	});
});

describe('migration answers-subject (version 1 → 2)', () => {
	/** An answer exactly as schema 5 stored it: a sealed payload with no version and no subject. */
	async function storeVersion1Answer(meetingId: string, citizenId: string, id: string, content: unknown) {
		const payload = await sealPayload(requireDataKey(), 'answers', id, {
			content,
			provenance: { mode: 'selv' },
			status: 'active',
			history: []
		});
		await addStored('answers', { id, meetingId, citizenId, createdAt: 5, updatedAt: 5, payload, v: 1 } as Stored<AnswerRecord>);
	}

	it('reads version 1 answers with their subject, and the pass after unlock rewrites them once', async () => {
		const { citizen, meeting } = await citizenWithEverything('Anna');
		await storeVersion1Answer(meeting.id, citizen.id, 'old-core', { kind: 'core', value: 'nej' });
		await storeVersion1Answer(meeting.id, citizen.id, 'old-message', { kind: 'message', items: [{ label: 'bus' }] });

		const read = await listAnswers(meeting.id);
		expect(read.find((a) => a.id === 'old-core')?.subject).toEqual({ kind: 'core-board' });
		expect(read.find((a) => a.id === 'old-message')?.subject).toEqual({ kind: 'symbol-board' });

		expect(await migrateRecords()).toEqual({ upgraded: 2, damaged: 0, skipped: 0 });
		const stored = await getStore().transaction('r', ['answers'], (tx) => tx.answers.bulkGet(['old-core', 'old-message']));
		expect(stored.map((r) => r?.v)).toEqual([REGISTRY.answers.version, REGISTRY.answers.version]);
		const opened = await openRecord('answers', stored[0]!);
		expect(opened.payload).toEqual({
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'nej' },
			provenance: { mode: 'selv' },
			status: 'active',
			confirmations: [],
			history: []
		});
		// Nothing left to do: a second pass changes nothing.
		expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 0, skipped: 0 });
	});

	it('a database Dexie left at schema 5 gets its records marked version 1 by the upgrade, so the pass finds them', async () => {
		await deleteDatabase();
		const name = DATABASE_NAME;
		const { default: Dexie } = await import('dexie');
		const v5 = new Dexie(name);
		for (const step of SCHEMA_VERSIONS.filter((s) => s.version <= 5)) v5.version(step.version).stores(step.stores);
		const payload = await sealPayload(requireDataKey(), 'answers', 'a1', {
			content: { kind: 'core', value: 'ja' },
			provenance: { mode: 'selv' },
			status: 'active',
			history: []
		});
		await v5.table('answers').add({ id: 'a1', meetingId: 'm1', citizenId: 'c1', createdAt: 1, updatedAt: 1, payload });
		v5.close();
		expect((await readStored('answers', 'a1'))?.v).toBe(1);
		expect((await migrateRecords()).upgraded).toBe(1);
		expect((await readStored('answers', 'a1'))?.v).toBe(REGISTRY.answers.version);
	});
});

describe('migration answers-confirmations (version 2 → 3)', () => {
	it('reads a version 2 answer (with its history) unconfirmed, the pass rewrites it once, and it can then be confirmed', async () => {
		const { citizen, meeting } = await citizenWithEverything('Anna');
		const lise = meeting.participants.find((p) => p.role === 'paaroerende')!;
		const earlier = {
			content: { kind: 'core', value: 'ja' },
			provenance: { mode: 'selv' },
			status: 'active',
			replacedAt: 6,
			change: 'corrected'
		};
		const payload = await sealPayload(requireDataKey(), 'answers', 'v2-answer', {
			v: 2,
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'nej' },
			provenance: { mode: 'selv' },
			status: 'active',
			history: [earlier]
		});
		await addStored('answers', {
			id: 'v2-answer',
			meetingId: meeting.id,
			citizenId: citizen.id,
			createdAt: 5,
			updatedAt: 6,
			payload,
			v: 2
		} as Stored<AnswerRecord>);

		const [read] = (await listAnswers(meeting.id)).filter((a) => a.id === 'v2-answer');
		expect(read).toMatchObject({ confirmations: [], history: [earlier] });
		expect(await migrateRecords()).toEqual({ upgraded: 1, damaged: 0, skipped: 0 });
		expect((await readStored('answers', 'v2-answer'))?.v).toBe(REGISTRY.answers.version);

		await confirmStoredAnswer('v2-answer', { mode: 'formidlet', participantId: lise.id }, 50);
		const stored = await openRecord('answers', (await readStored('answers', 'v2-answer'))!);
		expect(stored.payload.confirmations).toEqual([{ provenance: { mode: 'formidlet', participantId: lise.id }, at: 50 }]);
		expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 0, skipped: 0 });
	});
});

describe('migration citizens-access (version 1 → 2)', () => {
	it('gives a version 1 citizen the released default access settings on read, and the pass rewrites it once', async () => {
		// A citizen exactly as version 1 stored it: name and photo, no access settings.
		const payload = await sealPayload(requireDataKey(), 'citizens', 'old-citizen', { displayName: 'Gammel Anna' });
		await addStored('citizens', { id: 'old-citizen', createdAt: 5, payload, v: 1 } as Stored<CitizenRecord>);

		const read = await getCitizen('old-citizen');
		expect(read?.access).toMatchObject({ method: 'touch', ignoreRepeatsMs: 400, labels: 'below', highContrast: false, speakOnTap: true });
		expect(await migrateRecords()).toEqual({ upgraded: 1, damaged: 0, skipped: 0 });
		const stored = (await readStored('citizens', 'old-citizen'))!;
		// Straight on through the later steps to today's version.
		expect(stored.v).toBe(3);
		expect((await openRecord('citizens', stored)).payload).toEqual({ displayName: 'Gammel Anna', access: read!.access });
		expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 0, skipped: 0 });
	});

	it('the step gives exactly the settings released with version 2, whatever today’s defaults are', () => {
		const step = MIGRATIONS.find((one) => one.table === 'citizens' && one.from === 1)!;
		// Pinned by hand from the release of version 2 (git 08b8097): a later change of DEFAULT_ACCESS must not reach here.
		expect(step.run({ displayName: 'Gammel Anna' })).toEqual({
			displayName: 'Gammel Anna',
			access: {
				method: 'touch',
				scanIntervalMs: 1500,
				scanStartDelayMs: 1000,
				scanLoops: 3,
				scanSpeak: false,
				dwellMs: 1200,
				ignoreRepeatsMs: 400,
				holdMs: 0,
				activateOn: 'release',
				cellSize: 'normal',
				density: 'normal',
				labels: 'below',
				highContrast: false,
				largeText: false,
				reducedMotion: false,
				colourCoding: true,
				speakOnTap: true
			}
		});
	});

	it('version 2 → 3 keeps a citizen’s settings and adds the switch keys Space and Enter and the tablet’s voice and speed', async () => {
		// A citizen exactly as version 2 stored it: two switches and big cells, no switch keys, no voice of their own.
		const { switchKey, moveKey, selectKey, voiceURI, speechRate, ...version2 } = {
			...DEFAULT_ACCESS,
			method: 'two-switch',
			cellSize: 'large'
		};
		expect([switchKey, moveKey, selectKey, voiceURI, speechRate]).toEqual([' ', ' ', 'Enter', '', null]);
		const payload = await sealPayload(requireDataKey(), 'citizens', 'v2-citizen', { displayName: 'Bo', access: version2 });
		await addStored('citizens', { id: 'v2-citizen', createdAt: 5, payload, v: 2 } as Stored<CitizenRecord>);

		const read = await getCitizen('v2-citizen');
		expect(read?.access).toEqual({ ...version2, switchKey: ' ', moveKey: ' ', selectKey: 'Enter', voiceURI: '', speechRate: null });
		expect(await migrateRecords()).toEqual({ upgraded: 1, damaged: 0, skipped: 0 });
		expect((await readStored('citizens', 'v2-citizen'))!.v).toBe(3);
	});

	it('stores changed settings sealed, and refuses values outside their range', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await saveCitizenAccess(citizen.id, changeAccess(citizen.access, { method: 'two-switch', scanIntervalMs: 99_999, labels: 'hidden' }));
		const read = await getCitizen(citizen.id);
		expect(read?.access).toMatchObject({ method: 'two-switch', scanIntervalMs: 10_000, labels: 'hidden' });
		await expect(saveCitizenAccess(citizen.id, { ...read!.access, dwellMs: 1 })).rejects.toBeInstanceOf(DamagedRecordError);
	});
});

describe('migration answers-changed-by (version 3 → 4)', () => {
	it('reads a version 3 answer withdrawn by nobody named as it was, the pass rewrites it once, and an older app calls version 4 newer', async () => {
		const { citizen, meeting } = await citizenWithEverything('Anna');
		// An answer exactly as version 3 stored it: withdrawn once, the withdrawal naming nobody.
		const version3 = {
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'ja' },
			provenance: { mode: 'selv' },
			status: 'withdrawn',
			confirmations: [],
			history: [
				{ content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' }, status: 'active', replacedAt: 6, change: 'withdrawn' }
			]
		};
		const payload = await sealPayload(requireDataKey(), 'answers', 'v3-answer', { v: 3, ...version3 });
		const keys = { id: 'v3-answer', meetingId: meeting.id, citizenId: citizen.id, createdAt: 5, updatedAt: 6 };
		await addStored('answers', { ...keys, payload, v: 3 } as Stored<AnswerRecord>);

		const [read] = (await listAnswers(meeting.id)).filter((a) => a.id === 'v3-answer');
		expect(read).toMatchObject(version3);
		expect(read?.history[0] && 'changedBy' in read.history[0]).toBe(false);
		expect(await migrateRecords()).toEqual({ upgraded: 1, damaged: 0, skipped: 0 });
		const stored = (await readStored('answers', 'v3-answer'))!;
		expect(stored.v).toBe(4);
		expect((await openRecord('answers', stored)).payload).toMatchObject(version3);
		expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 0, skipped: 0 });
	});
});

describe('migration meetings-time (version 1 → 2)', () => {
	it('reads a version 1 meeting as it was, without a time, and the pass rewrites it once', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		// A meeting exactly as version 1 stored it: place, phase and participants, no time and no version in the payload.
		const version1 = { place: 'Hjemme', phase: 'opfoelgning', participants: [{ id: 'p1', name: 'Anna', role: 'borger' }] };
		const payload = await sealPayload(requireDataKey(), 'meetings', 'old-meeting', version1);
		const keys = { id: 'old-meeting', citizenId: citizen.id, createdAt: 5, date: '2026-11-23' };
		await addStored('meetings', { ...keys, payload, v: 1 } as Stored<MeetingRecord>);

		const read = await getMeeting('old-meeting');
		expect(read).toEqual({ ...keys, ...version1 });
		expect(read && 'time' in read).toBe(false);
		expect(await migrateRecords()).toEqual({ upgraded: 1, damaged: 0, skipped: 0 });
		const stored = (await readStored('meetings', 'old-meeting'))!;
		expect(stored.v).toBe(2);
		expect((await openRecord('meetings', stored)).payload).toEqual(version1);
		expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 0, skipped: 0 });
	});
});

describe('migration plans-next-meeting-time (version 1 → 2)', () => {
	it('reads a version 1 plan as it was, its next meeting on a day without a time, and the pass rewrites it once', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const meeting = await createMeeting(citizen.id, { date: '2026-12-02', place: '', phase: 'opfoelgning' });
		// A plan exactly as version 1 stored it: the next meeting is a date alone.
		const version1 = { goals: [], agreements: [], note: 'Du fortalte, at du vil handle selv.', nextMeeting: '2027-02-01' };
		const payload = await sealPayload(requireDataKey(), 'plans', 'old-plan', version1);
		const keys = { id: 'old-plan', citizenId: citizen.id, meetingId: meeting.id, createdAt: 5, updatedAt: 6 };
		await addStored('plans', { ...keys, payload, v: 1 } as Stored<PlanRecord>);

		const read = await getPlan(meeting.id);
		expect(read).toEqual({ ...keys, ...version1 });
		expect(read && 'nextMeetingTime' in read).toBe(false);
		expect(await migrateRecords()).toEqual({ upgraded: 1, damaged: 0, skipped: 0 });
		const stored = (await readStored('plans', 'old-plan'))!;
		expect(stored.v).toBe(2);
		expect((await openRecord('plans', stored)).payload).toEqual(version1);
		expect(await migrateRecords()).toEqual({ upgraded: 0, damaged: 0, skipped: 0 });
	});
});

describe('migration story-change-provenance (version 1 → 2)', () => {
	it('reads a version 1 story item as it was, its changes naming nobody, and the pass rewrites it once', async () => {
		const citizen = await createCitizen({ displayName: 'Karen' });
		// An item exactly as version 1 stored it: moved once, neither the item nor its earlier state says who moved it.
		const placed = { areaId: 'i-vejen', x: 820, y: 350, w: 150, h: 170 };
		const version1 = {
			templateId: 'min-historie',
			...placed,
			areaId: 'bedre',
			x: 30,
			content: { kind: 'text', text: 'Bussen' },
			provenance: { mode: 'selv' },
			meetingId: 'm1',
			changedIn: 'm2',
			history: [{ ...placed, at: 10, meetingId: 'm1' }]
		};
		const payload = await sealPayload(requireDataKey(), 'storyItems', 'old-item', version1);
		const keys = { id: 'old-item', citizenId: citizen.id, createdAt: 10, updatedAt: 20 };
		await addStored('storyItems', { ...keys, payload, v: 1, mediaIds: [] } as Stored<StoryItemRecord>);

		const [read] = await listStoryItems(citizen.id);
		expect(read).toEqual({ ...keys, ...version1 });
		expect(compareStory([read!], 15)).toEqual([expect.objectContaining({ change: 'moved' })]);
		expect(compareStory([read!], 15)[0]?.by).toBeUndefined();
		expect(await migrateRecords()).toEqual({ upgraded: 1, damaged: 0, skipped: 0 });
		const stored = (await readStored('storyItems', 'old-item'))!;
		expect(stored.v).toBe(2);
		expect((await openRecord('storyItems', stored)).payload).toEqual(version1);
	});
});

describe('backups', () => {
	it('is one consistent snapshot while another tab keeps adding meetings with answers', async () => {
		const { citizen } = await citizenWithEverything('Anna');
		// Another tab: its own connection to the same database.
		const otherTab = openStore(DATABASE_NAME);
		let writes = 0;
		let stop = false;
		const writer = (async () => {
			while (!stop) {
				const meetingId = `other-meeting-${writes}`;
				const meeting = await sealRecord('meetings', {
					id: meetingId,
					citizenId: citizen.id,
					createdAt: writes,
					date: '2026-12-02',
					payload: { place: '', phase: 'opfoelgning', participants: [] }
				});
				const answer = await sealRecord('answers', {
					id: `other-answer-${writes}`,
					meetingId,
					citizenId: citizen.id,
					createdAt: writes,
					updatedAt: writes,
					payload: {
						subject: { kind: 'core-board' },
						content: { kind: 'core', value: 'ja' },
						provenance: { mode: 'selv' },
						status: 'active',
						confirmations: [],
						history: []
					}
				});
				// The answer and its meeting arrive together, as one transaction of the other tab.
				await otherTab.transaction('rw', ['meetings', 'answers'], async (tx) => {
					await tx.answers.add(answer);
					await tx.meetings.add(meeting);
				});
				writes += 1;
			}
		})();
		try {
			for (let i = 0; i < 15; i++) {
				const backup = await collectBackup();
				// Every answer's meeting is in the same snapshot, so the file restores.
				expect(() => restoreContent(backup)).not.toThrow();
			}
		} finally {
			stop = true;
			await writer;
			otherTab.close();
		}
		expect(writes).toBeGreaterThan(0);
	});
});
