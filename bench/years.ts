// Issue 17, "years of use on one tablet": a seeded tablet with 40 citizens, one of whom has years of history (meetings,
// answers with history and provenance, photos and recordings, boards, a recovery story). Records are built here in
// their stored shapes (src/lib/storage/records.ts) and written in the clear; the tablet's first setup seals them, as it
// does on a tablet from before encryption, and the migration pass after unlock brings them to today's shape.
import type { Page } from 'playwright-core';
import {
	BASE_TIME,
	makeAnswers,
	makeStoryItems,
	mulberry32,
	pick,
	seededUuid,
	waitForAppDatabase,
	weighted,
	type AnswerRow,
	type CitizenRow,
	type MeetingRow,
	type Rng,
	type StoryItemRow
} from './fixture.ts';

export const YEARS_SEED = 20261203;

/** The history of the citizen at 1×, as the issue states it; `scale` multiplies everything that grows with the years. */
const AT_1X = { meetings: 36, answers: 7200, media: 300 };
const ANSWERS_PER_MEETING = AT_1X.answers / AT_1X.meetings;
const CITIZENS = 40;
const BOARDS = 20;
const STORY_ITEMS = 100;
/** Every other citizen: a few meetings of 30 answers (at 1×), a few pictures. */
const OTHER_MEETINGS = [2, 3, 4];
const OTHER_ANSWERS_PER_MEETING = 30;

/** A photo (JPEG or PNG, drawn in the page) or a recording (16-bit PCM WAV, made in the page), by seed. */
export interface MediaSeed {
	id: string;
	citizenId: string;
	createdAt: number;
	format: 'jpeg' | 'png' | 'wav';
	seed: number;
}
interface BoardRow {
	id: string;
	citizenId: string;
	createdAt: number;
	updatedAt: number;
	payload: {
		name: string;
		rows: number;
		columns: number;
		slots: ({ id: string; label: string; symbolId?: string; photoId?: string } | null)[];
		root: boolean;
	};
}
/** Answer rows with any content and the subject an answer has today (makeAnswers writes core-board answers). */
type YearsAnswer = Omit<AnswerRow, 'payload'> & { payload: Record<string, unknown> & { content: unknown; history: unknown[] } };

export type YearsFixture = ReturnType<typeof buildYearsFixture>;

const THEMES = [
	{ themeId: 'relationer', ffbCode: '3856b434-f72e-42a5-b9d1-0cc93f48434b' },
	{ themeId: 'kommunikation', ffbCode: 'c2b186f9-9c10-478e-8345-2d2c37ab4c46' },
	{ themeId: 'mobilitet', ffbCode: 'd1495b2c-1452-4e49-8dbe-8193af5d8823' },
	{ themeId: 'egenomsorg', ffbCode: 'da3f488f-1742-4d00-b247-a7d47500b36b' }
];
const THREE_POINT = [
	['godt', 'Godt'],
	['baade-og', 'Både og'],
	['ikke-godt', 'Ikke godt']
] as const;
const PEOPLE: [string, string][] = [
	['Mette (mor)', 'paaroerende'],
	['Lars (kontaktperson)', 'udfoerer'],
	['Susanne (rådgiver)', 'raadgiver']
];
const PHASES = ['faglig-udredning', 'valg-af-indsats', 'opfoelgning'];
const PLACES = ['Botilbuddet Lærkehøj', 'Mødelokale 2, rådhuset', 'Hjemme hos borgeren'];
const BOARD_SYMBOLS = ['ja', 'nej', 'ved-ikke', 'pause', 'stop', 'hjaelp', 'forstaar-ikke'];

/** A meeting `weeksAgo` weeks before the bench day, the citizen and the three people who usually come. */
function makeMeeting(rng: Rng, citizen: CitizenRow, weeksAgo: number): MeetingRow {
	const createdAt = BASE_TIME - weeksAgo * 7 * 86_400_000 - 86_400_000 + Math.floor(rng() * 3_600_000);
	const participants = [
		{ id: seededUuid(rng), name: citizen.payload.displayName, role: 'borger' },
		...PEOPLE.map(([name, role]) => ({ id: seededUuid(rng), name, role }))
	];
	return {
		id: seededUuid(rng),
		citizenId: citizen.id,
		createdAt,
		date: new Date(createdAt).toISOString().slice(0, 10),
		payload: { place: pick(rng, PLACES), phase: pick(rng, PHASES), participants }
	};
}

/**
 * A meeting's answers as the tools leave them: a check-in and a feedback on the three-point scale, four theme cards,
 * `media` photos and recordings, and the rest on the answer board (with corrections and withdrawals, see makeAnswers).
 */
function meetingAnswers(rng: Rng, meeting: MeetingRow, count: number, media: MediaSeed[]): YearsAnswer[] {
	const rows: YearsAnswer[] = makeAnswers(rng, meeting, count).map((row) => ({
		...row,
		payload: { subject: { kind: 'core-board' }, confirmations: [], ...row.payload }
	}));
	const scale = () => {
		const [pointId, label] = pick(rng, THREE_POINT);
		return { kind: 'scale', scaleId: 'tre-punkt', pointId, label };
	};
	const set = (row: YearsAnswer | undefined, subject: object, content: object) => {
		if (!row) return;
		row.payload.subject = subject;
		row.payload.content = content;
		row.payload.status = 'active';
		row.payload.history = [];
	};
	set(rows[0], { kind: 'meeting-part', part: 'check-in' }, scale());
	set(rows[rows.length - 1], { kind: 'meeting-part', part: 'feedback' }, scale());
	THEMES.forEach((theme, i) => set(rows[1 + i], { kind: 'vum-theme', ...theme }, scale()));
	media.forEach((item, i) =>
		set(rows[5 + i], { kind: 'meeting-part', part: 'about-me' }, { kind: item.format === 'wav' ? 'recording' : 'photo', mediaId: item.id })
	);
	return rows;
}

function makeMedia(rng: Rng, citizen: CitizenRow, at: number): MediaSeed {
	const format = weighted(rng, [
		['jpeg', 5],
		['png', 2],
		['wav', 3]
	] as const);
	return { id: seededUuid(rng), citizenId: citizen.id, createdAt: at, format, seed: Math.floor(rng() * 2 ** 31) };
}

/** `count` items spread over `slots` in turn, as evenly as whole numbers allow. */
const share = (count: number, slots: number, index: number) =>
	Math.floor((count * (index + 1)) / slots) - Math.floor((count * index) / slots);

/**
 * The tablet. `scale` multiplies the history (meetings, their answers and media); each meeting keeps 200 answers,
 * so the meeting a user opens is the same size at every scale, and 0.1× is 4 meetings. Boards, the story and the
 * number of citizens do not grow with the years.
 */
export function buildYearsFixture({ scale = 1, seed = YEARS_SEED }: { scale?: number; seed?: number } = {}) {
	const rng = mulberry32(seed);
	const citizens: CitizenRow[] = [];
	const meetings: MeetingRow[] = [];
	const answers: YearsAnswer[] = [];
	const media: MediaSeed[] = [];
	for (let c = 0; c < CITIZENS; c++) {
		const name = c === 0 ? 'Vera K.' : `Borger ${String(c + 1).padStart(2, '0')}`;
		citizens.push({ id: seededUuid(rng), createdAt: BASE_TIME - 4 * 365 * 86_400_000 + c * 86_400_000, payload: { displayName: name } });
	}
	const [citizen] = citizens as [CitizenRow];
	const meetingCount = Math.max(1, Math.round(AT_1X.meetings * scale));
	const mediaCount = Math.round(AT_1X.media * scale);
	// Weekly at first, then every few weeks: 36 meetings span about three years.
	for (let m = 0; m < meetingCount; m++) {
		const meeting = makeMeeting(rng, citizen, m * 4);
		meetings.push(meeting);
		const own = Array.from({ length: share(mediaCount, meetingCount, m) }, () => makeMedia(rng, citizen, meeting.createdAt));
		media.push(...own);
		answers.push(...meetingAnswers(rng, meeting, ANSWERS_PER_MEETING, own));
	}
	for (const other of citizens.slice(1)) {
		const count = Math.max(1, Math.round(pick(rng, OTHER_MEETINGS) * scale));
		for (let m = 0; m < count; m++) {
			const meeting = makeMeeting(rng, other, m * 6 + 1);
			meetings.push(meeting);
			const own = rng() < 0.5 ? [makeMedia(rng, other, meeting.createdAt)] : [];
			media.push(...own);
			answers.push(...meetingAnswers(rng, meeting, OTHER_ANSWERS_PER_MEETING, own));
		}
	}
	const pictures = media.filter((m) => m.citizenId === citizen.id && m.format !== 'wav');
	const boards: BoardRow[] = Array.from({ length: BOARDS }, (_, b) => {
		const rows = 3 + (b % 3);
		const columns = 4 + (b % 2);
		const slots = Array.from({ length: rows * columns }, (_, i) => {
			const photo = i === 0 ? pictures[b % Math.max(1, pictures.length)] : undefined;
			const symbolId = BOARD_SYMBOLS[(b + i) % BOARD_SYMBOLS.length]!;
			return photo ? { id: `b${b}-c${i}`, label: `Billede ${b + 1}`, photoId: photo.id } : { id: `b${b}-c${i}`, label: symbolId, symbolId };
		});
		const at = BASE_TIME - (BOARDS - b) * 30 * 86_400_000;
		return {
			id: seededUuid(rng),
			citizenId: citizen.id,
			createdAt: at,
			updatedAt: at,
			payload: { name: `Tavle ${b + 1}`, rows, columns, slots, root: b === 0 }
		};
	});
	const storyItems: StoryItemRow[] = makeStoryItems(rng, citizen, STORY_ITEMS);
	const newest = meetings[0]!;
	return {
		scale,
		citizens,
		meetings,
		answers,
		media,
		boards,
		storyItems,
		ids: {
			citizen: citizen.id,
			citizenName: citizen.payload.displayName,
			meetings: meetingCount,
			meeting: newest.id,
			meetingAnswers: answers.filter((a) => a.meetingId === newest.id).length,
			citizens: CITIZENS
		},
		counts: {
			citizens: citizens.length,
			meetings: meetings.length,
			answers: answers.length,
			citizenAnswers: answers.filter((a) => a.citizenId === citizen.id).length,
			media: media.length,
			boards: boards.length,
			storyItems: storyItems.length
		}
	};
}

/** Makes a photo or a recording's bytes in the page: real JPEG/PNG from a canvas, a real WAV tone. Runs in the page. */
async function mediaBlob({ format, seed }: { format: MediaSeed['format']; seed: number }): Promise<Blob> {
	if (format === 'wav') {
		const rate = 8000;
		const samples = rate / 2;
		const bytes = new DataView(new ArrayBuffer(44 + samples * 2));
		const text = (at: number, s: string) => [...s].forEach((ch, i) => bytes.setUint8(at + i, ch.charCodeAt(0)));
		text(0, 'RIFF');
		bytes.setUint32(4, 36 + samples * 2, true);
		text(8, 'WAVEfmt ');
		bytes.setUint32(16, 16, true);
		bytes.setUint16(20, 1, true);
		bytes.setUint16(22, 1, true);
		bytes.setUint32(24, rate, true);
		bytes.setUint32(28, rate * 2, true);
		bytes.setUint16(32, 2, true);
		bytes.setUint16(34, 16, true);
		text(36, 'data');
		bytes.setUint32(40, samples * 2, true);
		const hz = 200 + (seed % 600);
		for (let i = 0; i < samples; i++) bytes.setInt16(44 + i * 2, Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / rate)), true);
		return new Blob([bytes.buffer], { type: 'audio/wav' });
	}
	const canvas = new OffscreenCanvas(96, 72);
	const g = canvas.getContext('2d')!;
	g.fillStyle = `hsl(${seed % 360} 60% 70%)`;
	g.fillRect(0, 0, 96, 72);
	g.fillStyle = `hsl(${(seed >> 9) % 360} 50% 35%)`;
	g.beginPath();
	g.arc(20 + (seed % 56), 20 + ((seed >> 5) % 32), 14 + (seed % 9), 0, Math.PI * 2);
	g.fill();
	return canvas.convertToBlob(format === 'jpeg' ? { type: 'image/jpeg', quality: 0.8 } : { type: 'image/png' });
}

const CHUNK = 2000;

/** Writes the fixture into the app's database (created by loading the app once) in transactions of CHUNK records. */
export async function seedYears(page: Page, fixture: YearsFixture, { dbName = 'billedtale' } = {}): Promise<void> {
	const tables = {
		citizens: fixture.citizens,
		meetings: fixture.meetings,
		answers: fixture.answers,
		boards: fixture.boards,
		storyItems: fixture.storyItems
	};
	await waitForAppDatabase(page, { dbName, stores: [...Object.keys(tables), 'media'] });
	// The media maker goes to the page as source, evaluated by DevTools (the app's CSP forbids eval in the page itself).
	await page.evaluate(`globalThis.__yearsMedia = ${mediaBlob.toString()}`);
	const put = (store: string, rows: unknown[], asMedia: boolean) =>
		page.evaluate(
			async ({ name, store, rows, asMedia }) => {
				const blobOf = (globalThis as unknown as { __yearsMedia: typeof mediaBlob }).__yearsMedia;
				const records = asMedia
					? await Promise.all(
							(rows as MediaSeed[]).map(async ({ format, seed, ...keys }) => {
								const blob = await blobOf({ format, seed });
								return { ...keys, payload: { kind: format === 'wav' ? 'audio' : 'image', mimeType: blob.type, blob } };
							})
						)
					: rows;
				await new Promise<void>((resolve, reject) => {
					const request = indexedDB.open(name);
					request.onerror = () => reject(request.error);
					request.onsuccess = () => {
						const db = request.result;
						const tx = db.transaction(store, 'readwrite');
						for (const row of records) tx.objectStore(store).put(row);
						tx.oncomplete = () => (db.close(), resolve());
						tx.onerror = () => reject(tx.error);
						tx.onabort = () => reject(tx.error ?? new Error('seed transaction aborted'));
					};
				});
			},
			{ name: dbName, store, rows, asMedia }
		);
	for (const [store, rows] of Object.entries(tables) as [string, unknown[]][])
		for (let i = 0; i < rows.length; i += CHUNK) await put(store, rows.slice(i, i + CHUNK), false);
	for (let i = 0; i < fixture.media.length; i += CHUNK / 4) await put('media', fixture.media.slice(i, i + CHUNK / 4), true);
}
