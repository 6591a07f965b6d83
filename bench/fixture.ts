// Deterministic benchmark data for Billedtale, in the app's stored record shapes (see src/lib/storage/records.ts).
// Every run builds the same records from the same seed, and writes them straight into IndexedDB inside the page.

import { strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';

export type Rng = () => number;

// The stored shapes the bench writes (src/lib/storage/records.ts), as far as the bench fills them in.
interface Participant {
	id: string;
	name: string;
	role: string;
}
export interface CitizenRow {
	id: string;
	createdAt: number;
	payload: { displayName: string };
}
export interface MeetingRow {
	id: string;
	citizenId: string;
	createdAt: number;
	date: string;
	payload: { place: string; phase: string; participants: Participant[] };
}
interface AnswerState {
	content: { kind: 'core'; value: string };
	provenance: { mode: string; participantId?: string };
	status: string;
}
export interface AnswerRow {
	id: string;
	meetingId: string;
	citizenId: string;
	createdAt: number;
	updatedAt: number;
	payload: AnswerState & { history: (AnswerState & { replacedAt: number; change: string })[] };
}
export interface StoryItemRow {
	id: string;
	citizenId: string;
	createdAt: number;
	updatedAt: number;
	payload: Record<string, unknown>;
}
export type Fixture = ReturnType<typeof buildFixture>;

export const SEED = 20261123;

/** mulberry32: a small, fast, seedable PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A version-4-shaped UUID from the PRNG, so ids look like crypto.randomUUID() but repeat run to run. */
export function seededUuid(rng: Rng): string {
	const bytes = Array.from({ length: 16 }, () => Math.floor(rng() * 256));
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	return items[Math.floor(rng() * items.length)]!;
}

export function weighted<T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
	const total = table.reduce((sum, [, w]) => sum + w, 0);
	let r = rng() * total;
	for (const [value, w] of table) {
		r -= w;
		if (r < 0) return value;
	}
	return table[table.length - 1]![0];
}

const ANSWER_WEIGHTS: [string, number][] = [
	['ja', 34],
	['nej', 24],
	['ved-ikke', 14],
	['forstaar-ikke', 10],
	['hjaelp', 7],
	['pause', 7],
	['stop', 4]
];
const NAMES = ['Karen M.', 'Jens P.', 'A. H.', 'Birthe L.', 'Mads K.', 'Sofie R.', 'Ole', 'Hanne T.', 'Peter S.', 'Lise N.'];
const PARTICIPANTS: [string, string][] = [
	['Mette (mor)', 'paaroerende'],
	['Lars (kontaktperson)', 'udfoerer'],
	['Susanne (rådgiver)', 'raadgiver'],
	['Ib (værge)', 'vaerge']
];
const PLACES = ['Botilbuddet Lærkehøj', 'Mødelokale 2, rådhuset', 'Hjemme hos borgeren', ''];
const PHASES = ['faglig-udredning', 'valg-af-indsats', 'opfoelgning'];

/** The day the benchmark meetings take place; 09:00 UTC is 10:00 in Copenhagen. */
export const BASE_TIME = Date.UTC(2026, 10, 23, 9, 0, 0);
export const BASE_DATE = '2026-11-23';

function isoDate(time: number): string {
	return new Date(time).toISOString().slice(0, 10);
}

/**
 * Answer records for one meeting. Mostly active answers without history, as a meeting produces them; a few are
 * corrected or withdrawn, so the list renders the same variety a real meeting shows.
 */
export function makeAnswers(
	rng: Rng,
	meeting: MeetingRow,
	count: number,
	{ start = meeting.createdAt, variety = true }: { start?: number; variety?: boolean } = {}
): AnswerRow[] {
	const answers: AnswerRow[] = [];
	let at = start;
	const people = meeting.payload.participants;
	const relays = people.filter((p) => p.role !== 'borger');
	for (let i = 0; i < count; i++) {
		at += 4_000 + Math.floor(rng() * 40_000);
		const value = weighted(rng, ANSWER_WEIGHTS);
		const mode = weighted(rng, [
			['selv', 60],
			['med-stoette', 15],
			['formidlet', relays.length ? 15 : 0],
			['observeret', 10]
		]);
		const person = mode === 'selv' || people.length === 0 ? undefined : pick(rng, mode === 'formidlet' ? relays : people);
		const provenance = person ? { mode, participantId: person.id } : { mode };
		const record: AnswerRow = {
			id: seededUuid(rng),
			meetingId: meeting.id,
			citizenId: meeting.citizenId,
			createdAt: at,
			updatedAt: at,
			payload: { content: { kind: 'core', value }, provenance, status: 'active', history: [] }
		};
		if (variety) {
			const roll = rng();
			if (roll < 0.05) {
				const changedAt = at + 20_000;
				const previous = weighted(rng, ANSWER_WEIGHTS);
				record.updatedAt = changedAt;
				record.payload.history.push({
					content: { kind: 'core', value: previous },
					provenance,
					status: 'active',
					replacedAt: changedAt,
					change: 'corrected'
				});
			} else if (roll < 0.08) {
				const changedAt = at + 15_000;
				record.updatedAt = changedAt;
				record.payload.status = 'withdrawn';
				record.payload.history.push({
					content: record.payload.content,
					provenance,
					status: 'active',
					replacedAt: changedAt,
					change: 'withdrawn'
				});
			}
		}
		answers.push(record);
	}
	return answers;
}

/**
 * The whole fixture. `ids` names the records the scenarios use:
 *  - boardMeeting: a meeting in progress (3 participants, 12 answers) — first load and taps
 *  - bigCitizen / bigMeeting: a citizen whose meeting holds `bigAnswers` answers — "open meeting with 1,000 answers"
 *  - soakMeeting: an empty meeting for the memory soak
 *  - saveMeeting: an empty meeting that the storage benchmark writes into
 *  - planMeeting: a meeting with `planAnswers` answers — the case-file plan PDF
 *  - themeMeeting: an empty meeting of the first phase — theme cards opened and moved
 *  - storyCitizen: a citizen whose recovery story holds `storyItemCount` text items — frames during a drag
 */
export function buildFixture({
	seed = SEED,
	citizens: citizenCount = 10,
	bigAnswers = 1000,
	planAnswers = 200,
	storyItemCount = 100
}: { seed?: number; citizens?: number; bigAnswers?: number; planAnswers?: number; storyItemCount?: number } = {}) {
	const rng = mulberry32(seed);
	const citizens: CitizenRow[] = [];
	const meetings: MeetingRow[] = [];
	const answers: AnswerRow[] = [];

	const newMeeting = (citizen: CitizenRow, index: number, participantCount: number): MeetingRow => {
		const createdAt = BASE_TIME - index * 7 * 86_400_000 + Math.floor(rng() * 3_600_000);
		const participants: Participant[] = [{ id: seededUuid(rng), name: citizen.payload.displayName, role: 'borger' }];
		for (const [name, role] of PARTICIPANTS.slice(0, participantCount)) participants.push({ id: seededUuid(rng), name, role });
		const meeting: MeetingRow = {
			id: seededUuid(rng),
			citizenId: citizen.id,
			createdAt,
			date: isoDate(createdAt),
			payload: { place: pick(rng, PLACES), phase: pick(rng, PHASES), participants }
		};
		meetings.push(meeting);
		return meeting;
	};

	for (let c = 0; c < citizenCount; c++) {
		const citizen = {
			id: seededUuid(rng),
			createdAt: BASE_TIME - (citizenCount - c) * 86_400_000,
			payload: { displayName: NAMES[c % NAMES.length]! }
		};
		citizens.push(citizen);
	}
	// The scenarios below each take their own citizen.
	const citizen = (index: number): CitizenRow => {
		const found = citizens[index];
		if (!found) throw new Error(`buildFixture needs at least ${index + 1} citizens`);
		return found;
	};
	const [boardCitizen, bigCitizen] = [citizen(0), citizen(1)];

	// Earlier meetings for everyone, so citizen pages list a few.
	for (const citizen of citizens) {
		const earlier = 1 + Math.floor(rng() * 3);
		for (let m = 1; m <= earlier; m++) answers.push(...makeAnswers(rng, newMeeting(citizen, m, 2), 8 + Math.floor(rng() * 20)));
	}

	const boardMeeting = newMeeting(boardCitizen, 0, 2);
	boardMeeting.payload.phase = 'faglig-udredning';
	answers.push(...makeAnswers(rng, boardMeeting, 12));

	const bigMeeting = newMeeting(bigCitizen, 0, 3);
	answers.push(...makeAnswers(rng, bigMeeting, bigAnswers));

	const soakMeeting = newMeeting(citizen(2), 0, 2);
	const saveMeeting = newMeeting(citizen(3), 0, 2);
	// Issue 12: the case-file plan of a meeting with 200 answers.
	const planMeeting = newMeeting(citizen(4), 0, 3);
	answers.push(...makeAnswers(rng, planMeeting, planAnswers));
	// Issue 11: an empty meeting of the first phase, whose theme cards are sorted and moved.
	const themeMeeting = newMeeting(citizen(5), 0, 2);
	themeMeeting.payload.phase = 'faglig-udredning';
	const storyCitizen = citizen(6);
	const storyItems = makeStoryItems(rng, storyCitizen, storyItemCount);

	return {
		seed,
		citizens,
		meetings,
		answers,
		storyItems,
		ids: {
			boardCitizen: boardCitizen.id,
			boardMeeting: boardMeeting.id,
			bigCitizen: bigCitizen.id,
			bigMeeting: bigMeeting.id,
			bigMeetingDate: bigMeeting.date,
			bigAnswers,
			soakCitizen: citizen(2).id,
			soakMeeting: soakMeeting.id,
			saveMeeting: saveMeeting.id,
			planMeeting: planMeeting.id,
			planAnswers,
			themeMeeting: themeMeeting.id,
			storyCitizen: storyCitizen.id,
			storyItems: storyItemCount
		},
		meetingsById: Object.fromEntries(meetings.map((m) => [m.id, m]))
	};
}

/** The areas of the default story template ("min-historie", src/lib/content/story-templates.json), canvas units. */
const STORY_AREAS = [
	{ id: 'haab', x: 16, y: 16, w: 1568, h: 300 },
	{ id: 'bedre', x: 16, y: 332, w: 776, h: 316 },
	{ id: 'i-vejen', x: 808, y: 332, w: 776, h: 316 },
	{ id: 'hjaelp', x: 16, y: 664, w: 1000, h: 320 },
	{ id: 'naeste-skridt', x: 1032, y: 664, w: 552, h: 320 }
];

/**
 * Story items in the stored shape of src/lib/domain/story.ts (payload: templateId, placement, content, provenance,
 * history), short texts laid in a 5 × 4 grid at the left of each area (its right part stays free to drop on), "Punkt 1" first in "Mine håb, ønsker og drømme".
 */
export function makeStoryItems(rng: Rng, citizen: CitizenRow, count: number): StoryItemRow[] {
	const items: StoryItemRow[] = [];
	for (let i = 0; i < count; i++) {
		const area = STORY_AREAS[i % STORY_AREAS.length]!;
		const slot = Math.floor(i / STORY_AREAS.length) % 20;
		const w = Math.min(100, Math.floor((area.w - 24) / 5) - 8);
		const at = BASE_TIME - 86_400_000 + i * 60_000;
		items.push({
			id: seededUuid(rng),
			citizenId: citizen.id,
			createdAt: at,
			updatedAt: at,
			payload: {
				templateId: 'min-historie',
				areaId: area.id,
				x: area.x + 12 + (slot % 5) * (w + 8),
				y: area.y + 40 + Math.floor(slot / 5) * 62,
				w,
				h: 60,
				content: { kind: 'text', text: `Punkt ${i + 1}` },
				provenance: { mode: 'selv' },
				history: []
			}
		});
	}
	return items;
}

/** `count` answer records for the storage benchmark, seeded so every run writes the same records. */
export function buildSaveRecords(fixture: Fixture, count: number, seed = SEED + 1): AnswerRow[] {
	const meeting = fixture.meetingsById[fixture.ids.saveMeeting];
	if (!meeting) throw new Error('the fixture has no save meeting');
	return makeAnswers(mulberry32(seed), meeting, count, { start: BASE_TIME + 3_600_000, variety: false });
}

/** Waits until the app has created its database (by being loaded once) with `stores`; the bench never creates it itself. */
export async function waitForAppDatabase(
	page: Page,
	{ dbName = 'billedtale', timeout = 30_000, stores = ['citizens'] } = {}
): Promise<void> {
	await page.waitForFunction(
		async ({ name, stores }) => {
			if (indexedDB.databases) {
				const dbs = await indexedDB.databases();
				if (!dbs.some((d) => d.name === name)) return false;
			}
			return new Promise((resolve) => {
				const request = indexedDB.open(name);
				request.onupgradeneeded = () => {
					// The app has not created it yet: do not create it ourselves.
					request.transaction?.abort();
					resolve(false);
				};
				request.onerror = () => resolve(false);
				request.onsuccess = () => {
					const db = request.result;
					const ok = stores.every((s) => db.objectStoreNames.contains(s));
					db.close();
					resolve(ok);
				};
			});
		},
		{ name: dbName, stores },
		{ timeout, polling: 100 }
	);
}

/**
 * Waits until the app has created its database (by being loaded once), then writes the fixture straight into
 * IndexedDB with plain put()s in one readwrite transaction. Runs inside the page.
 */
export async function seedDatabase(
	page: Page,
	fixture: Fixture,
	{ dbName = 'billedtale', timeout = 30_000 }: { dbName?: string; timeout?: number } = {}
): Promise<Record<string, number>> {
	await waitForAppDatabase(page, { dbName, timeout, stores: ['citizens', 'meetings', 'answers', 'storyItems'] });
	const records = { citizens: fixture.citizens, meetings: fixture.meetings, answers: fixture.answers, storyItems: fixture.storyItems };
	return page.evaluate(
		({ name, records }) =>
			new Promise<Record<string, number>>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const tx = db.transaction(Object.keys(records), 'readwrite');
					for (const [store, rows] of Object.entries(records) as [string, unknown[]][]) {
						const os = tx.objectStore(store);
						for (const row of rows) os.put(row);
					}
					tx.oncomplete = () => {
						db.close();
						resolve(Object.fromEntries(Object.entries(records).map(([store, rows]) => [store, (rows as unknown[]).length])));
					};
					tx.onerror = () => reject(tx.error);
					tx.onabort = () => reject(tx.error ?? new Error('seed transaction aborted'));
				};
			}),
		{ name: dbName, records }
	);
}

export const BIG_BOARD_PARENT = 'Bænk';

/** The boards behind the start board's folders: name, file id and size (rows = columns). */
export const BIG_BOARDS = [
	{ id: 'stor', name: 'Stor tavle', size: 8 },
	{ id: 'kaempe', name: 'Kæmpe tavle', size: 12 }
];

/** An Open Board Format package: a start board with one folder to each of BIG_BOARDS, filled with the app's own symbols. */
export function buildBigBoardObz(symbolIds: string[]): Uint8Array {
	const symbolExt = 'ext_billedtale_symbol';
	const json = (value: unknown) => strToU8(JSON.stringify(value));
	const files: Record<string, Uint8Array> = {};
	for (const { id, name, size } of BIG_BOARDS) {
		const cells = symbolIds
			.slice(0, size * size)
			.map((symbol, i) => ({ id: `${id}-${i}`, label: symbol.replaceAll('-', ' '), [symbolExt]: symbol }));
		const order = Array.from({ length: size }, (_, r) => cells.slice(r * size, r * size + size).map((c) => c.id));
		files[`boards/${id}.obf`] = json({
			format: 'open-board-0.1',
			id,
			name,
			grid: { rows: size, columns: size, order },
			buttons: cells,
			images: [],
			sounds: []
		});
	}
	const parent = {
		format: 'open-board-0.1',
		id: 'baenk',
		name: BIG_BOARD_PARENT,
		grid: { rows: 1, columns: BIG_BOARDS.length, order: [BIG_BOARDS.map(({ id }) => `folder-${id}`)] },
		buttons: BIG_BOARDS.map(({ id, name }) => ({
			id: `folder-${id}`,
			label: name,
			[symbolExt]: 'spoergsmaal',
			load_board: { id, path: `boards/${id}.obf` }
		})),
		images: [],
		sounds: []
	};
	const paths = Object.fromEntries([['baenk', 'boards/baenk.obf'], ...BIG_BOARDS.map(({ id }) => [id, `boards/${id}.obf`])]);
	const manifest = { format: 'open-board-0.1', root: 'boards/baenk.obf', paths: { boards: paths } };
	return zipSync({ 'manifest.json': json(manifest), 'boards/baenk.obf': json(parent), ...files });
}
