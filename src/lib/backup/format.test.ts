import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBoard, setCell } from '#lib/domain/board.ts';
import { collectBackup, restoreBackup } from '#lib/storage/backup.ts';
import { ensureBoardSet, saveMedia } from '#lib/storage/boards.ts';
import { createCitizen } from '#lib/storage/citizens.ts';
import { deleteDatabase, getStore } from '#lib/storage/db.ts';
import { recordAnswer, withdrawStoredAnswer } from '#lib/storage/answers.ts';
import { addParticipant, createMeeting, listMeetings } from '#lib/storage/meetings.ts';
import type { RecordsByTable } from '#lib/storage/records.ts';
import { openRecords, SEALED_TABLES, type Stored } from '#lib/storage/sealing.ts';
import { FUZZ_RUNS, TEST_TIER } from '../../../tests/tier.ts';
import { readBackup, restoreContent, writeBackup } from './format.ts';
import { byProvenance } from '#lib/domain/answer.ts';

// Node has no worker or canvas: the page's checks run for real, the worker's decoding is a stand-in.
vi.mock('#lib/encoding/picture-worker-client.ts', () => import('../../../tests/unit/picture-worker-double.ts'));

// The app writes 600,000 iterations; tests use few, which the reader accepts from a file.
const ITERATIONS = 1_000;
const bySelf = byProvenance({ mode: 'selv' });
const PASSPHRASE = 'fire grønne heste springer';

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

async function sampleData() {
	const anna = await createCitizen({
		displayName: 'Anna Kanariefugl',
		// A JFIF header and a start-of-frame of 1×1 pixels: a picture as far as the checks before decoding can tell.
		photo: new Blob(
			[
				new Uint8Array([
					0xff,
					0xd8,
					0xff,
					0xe0,
					0x00,
					0x10,
					...new TextEncoder().encode('JFIF'),
					0,
					1,
					1,
					0,
					0,
					1,
					0,
					1,
					0,
					0,
					0xff,
					0xc0,
					0,
					0x11,
					8,
					0,
					1,
					0,
					1,
					3
				])
			],
			{ type: 'image/jpeg' }
		)
	});
	const meeting = await createMeeting(anna.id, { date: '2026-11-23', time: '10:00', place: 'Bostedet', phase: 'opfoelgning' });
	const withLise = await addParticipant(meeting.id, 'Lise', 'paaroerende');
	const lise = withLise.participants.at(-1)!;
	const answer = await recordAnswer(withLise, {
		subject: { kind: 'core-board' },
		content: { kind: 'core', value: 'ja' },
		provenance: { mode: 'formidlet', participantId: lise.id }
	});
	await withdrawStoredAnswer(answer.id, bySelf);
	await recordAnswer(withLise, {
		subject: { kind: 'symbol-board' },
		content: { kind: 'message', items: [{ label: 'vil gerne', symbolId: 'vil-gerne' }] },
		provenance: { mode: 'selv' }
	});
	const home = setCell(createBoard('Forside', 1, 2, 'home-anna'), 0, { id: 'c1', label: 'mor', photoId: 'photo-1' });
	await ensureBoardSet(anna.id, () => ({ rootBoardId: home.id, boards: [home] }));
	await saveMedia(anna.id, {
		id: 'photo-1',
		kind: 'image',
		mimeType: 'image/png',
		blob: new Blob([readFileSync('static/icon-192.png')], { type: 'image/png' })
	});
	const bo = await createCitizen({ displayName: 'Bo' });
	return { anna, bo };
}

/** What the tablet holds, opened: a restore seals records afresh, so the ciphertexts differ while the content must not. */
async function snapshot() {
	const all = await Promise.all(
		SEALED_TABLES.map(async (name) => {
			const stored = await getStore().transaction('r', [name], (tx) => tx.table<Stored<RecordsByTable[typeof name]>>(name).toArray());
			return (await openRecords(name, stored)) as Array<{ payload: Record<string, unknown> }>;
		})
	);
	// Blobs compare by content.
	return JSON.stringify(
		await Promise.all(
			all.map((records) =>
				Promise.all(
					records.map(async (record) => {
						const payload = record.payload;
						const blob = (payload.photo ?? payload.blob) as Blob | undefined;
						return { ...record, bytes: blob ? [...new Uint8Array(await blob.arrayBuffer())] : undefined };
					})
				)
			)
		)
	);
}

describe('backups', () => {
	it('move every record of every citizen to an empty tablet and back unchanged', async () => {
		const { anna } = await sampleData();
		const before = await snapshot();
		const file = await writeBackup(await collectBackup(), PASSPHRASE, ITERATIONS);
		expect(Buffer.from(await file.arrayBuffer()).includes('Kanariefugl')).toBe(false);
		await deleteDatabase();
		const content = await readBackup(file, PASSPHRASE, ITERATIONS);
		expect(await restoreBackup(content)).toEqual({ added: 2, skipped: 0, droppedPictures: 0 });
		expect(await snapshot()).toEqual(before);
		// The meeting's time of day too, which the snapshot holds only if it was kept in the first place.
		expect((await listMeetings(anna.id)).map((meeting) => meeting.time)).toEqual(['10:00']);
	});

	it('hold one citizen only when asked, and skip a citizen the tablet already has', async () => {
		const { anna, bo } = await sampleData();
		const onlyAnna = await collectBackup([anna.id]);
		expect(onlyAnna.citizens.map((c) => c.id)).toEqual([anna.id]);
		expect(onlyAnna.meetings.every((m) => m.citizenId === anna.id)).toBe(true);
		const before = await snapshot();
		const content = await readBackup(await writeBackup(await collectBackup(), PASSPHRASE, ITERATIONS), PASSPHRASE, ITERATIONS);
		expect(await restoreBackup(content)).toEqual({ added: 0, skipped: 2, droppedPictures: 0 });
		expect(await snapshot()).toEqual(before);
		expect(bo.displayName).toBe('Bo');
	});

	it('refuse a wrong passphrase, another file, a newer version and a changed header, changing nothing', async () => {
		await sampleData();
		const file = await writeBackup(await collectBackup(), PASSPHRASE, ITERATIONS);
		await expect(readBackup(file, 'forkert kodeord her', ITERATIONS)).rejects.toThrow('error.wrongPassphrase');
		await expect(readBackup(new Blob(['{"format":"open-board-0.1"}']), PASSPHRASE, ITERATIONS)).rejects.toThrow('backup.notBackup');
		await expect(readBackup(new Blob(['ikke json']), PASSPHRASE, ITERATIONS)).rejects.toThrow('backup.notBackup');
		await expect(readBackup(new Blob(['ikke json\nmere']), PASSPHRASE, ITERATIONS)).rejects.toThrow('backup.notBackup');
		const { header, chunks } = await takeApart(file);
		const withHeader = (change: (header: Record<string, unknown>) => void) => {
			const changed = JSON.parse(header);
			change(changed);
			return new Blob([JSON.stringify(changed) + '\n', ...chunks]);
		};
		await expect(
			readBackup(
				withHeader((h) => (h.version = 3)),
				PASSPHRASE,
				ITERATIONS
			)
		).rejects.toThrow('backup.newerVersion');
		// A version that is no whole number was not written by any app: the file is damaged, not newer.
		for (const version of ['2', 1.5, -1, null]) {
			await expect(
				readBackup(
					withHeader((h) => (h.version = version)),
					PASSPHRASE,
					ITERATIONS
				)
			).rejects.toThrow('backup.invalid');
		}
		await expect(
			readBackup(
				withHeader((h) => (h.version = 1)),
				PASSPHRASE,
				ITERATIONS
			)
		).rejects.toThrow('backup.invalid');
		// The header is bound to every chunk: a changed date fails the first chunk's tag, as a wrong passphrase does.
		await expect(
			readBackup(
				withHeader((h) => (h.createdAt = 0)),
				PASSPHRASE,
				ITERATIONS
			)
		).rejects.toThrow('error.wrongPassphrase');
		await expect(
			readBackup(
				withHeader((h) => ((h.kdf as { iterations: number }).iterations = 1e12)),
				PASSPHRASE,
				ITERATIONS
			)
		).rejects.toThrow('backup.invalid');
		await expect(writeBackup(await collectBackup(), 'kort', ITERATIONS)).rejects.toThrow('error.passphraseShort');
	});

	it('refuse a chunk changed, moved, dropped, repeated or cut off, or taken from another file', async () => {
		await sampleData();
		const file = await writeBackup(await collectBackup(), PASSPHRASE, ITERATIONS);
		const { header, chunks } = await takeApart(file);
		// citizens, meetings, answers, boards, one media record, the final chunk.
		expect(chunks).toHaveLength(6);
		const put = (...parts: Uint8Array<ArrayBuffer>[]) => new Blob([header + '\n', ...parts]);
		// The control: put together unchanged, the file reads, so each refusal below is the change's doing.
		expect((await readBackup(put(...chunks), PASSPHRASE, ITERATIONS)).media).toHaveLength(1);
		const flipped = chunks.map((chunk) => chunk.slice());
		flipped[2]![40]! ^= 1;
		const other = await takeApart(await writeBackup(await collectBackup(), PASSPHRASE, ITERATIONS));
		const damaged = {
			'a changed byte': put(...flipped),
			'two chunks swapped': put(chunks[0]!, chunks[2]!, chunks[1]!, ...chunks.slice(3)),
			'a chunk dropped': put(chunks[0]!, ...chunks.slice(2)),
			'a chunk repeated': put(chunks[0]!, ...chunks),
			'the final chunk dropped': put(...chunks.slice(0, -1)),
			'a chunk after the final one': put(...chunks, chunks[1]!),
			'cut off inside a chunk': file.slice(0, file.size - 10),
			// Cut off before the end of its first line (a copy that stopped early): damaged, not "no backup from Billedtale".
			'cut off inside its first line': file.slice(0, 40),
			'cut off after its first line': file.slice(0, header.length + 1),
			'a chunk from another file': put(chunks[0]!, other.chunks[1]!, ...chunks.slice(2)),
			'a chunk length beyond the file': put(...chunks.slice(0, -1), new Uint8Array([0, 0, 1, 0, 1, 2, 3]))
		};
		for (const [what, blob] of Object.entries(damaged)) {
			await expect(readBackup(blob, PASSPHRASE, ITERATIONS), what).rejects.toThrow('backup.invalid');
		}
	});

	it('write media one record to a chunk, and other records in chunks of a bounded size', async () => {
		const { anna } = await sampleData();
		const meeting = (await collectBackup()).meetings[0]!;
		const many = { ...(await collectBackup()) };
		many.answers = Array.from({ length: 450 }, (_, i) => ({
			...many.answers[1]!,
			id: `answer-${i}`,
			meetingId: meeting.id,
			citizenId: anna.id
		}));
		const { chunks } = await takeApart(await writeBackup(many, PASSPHRASE, ITERATIONS));
		// citizens, meetings, 3 × answers (200 + 200 + 50), boards, media, final.
		expect(chunks).toHaveLength(8);
		expect(Math.max(...chunks.map((chunk) => chunk.byteLength))).toBeLessThan(1024 * 1024);
		expect((await readBackup(await writeBackup(many, PASSPHRASE, ITERATIONS), PASSPHRASE, ITERATIONS)).answers).toHaveLength(450);
	});

	// restoreContent only checks; that a refused or failed restore leaves the tablet's records as they were
	// is proven through the app's restore path in src/lib/storage/backup.test.ts.
	it(`reject any damaged content as a whole (${FUZZ_RUNS} mutated backups), never crashing`, async () => {
		await sampleData();
		const valid = await collectBackup();
		const outcome = { restored: 0, refused: 0 };
		const junk = fc.oneof(
			fc.constantFrom<unknown>(
				null,
				'',
				'x'.repeat(500),
				-1,
				1e300,
				NaN,
				[],
				{},
				true,
				'formidlet',
				'2026-02-30',
				'__proto__',
				new Blob(['x'])
			),
			fc.jsonValue({ maxDepth: 2 })
		);
		const paths = collectPaths(valid);
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ path: fc.constantFrom(...paths), value: junk, remove: fc.boolean() }), { minLength: 1, maxLength: 3 }),
				async (mutations) => {
					const copy = structuredClone(valid);
					for (const { path, value, remove } of mutations) mutate(copy, path, value, remove);
					try {
						const restored = restoreContent(copy);
						// What passes is already clean: checking it again changes nothing.
						expect(restoreContent(restored)).toEqual(restored);
						outcome.restored += 1;
					} catch (error) {
						// A payload's version set to a whole number above this app's is what a newer Billedtale writes, and told so.
						const newer = mutations.some(
							({ path, value, remove }) =>
								!remove && path.length === 4 && path[2] === 'payload' && path[3] === 'v' && Number.isInteger(value) && (value as number) > 1
						);
						expect(newer ? ['backup.invalid', 'backup.newerVersion'] : ['backup.invalid']).toContain((error as { code?: string }).code);
						outcome.refused += 1;
					}
				}
			),
			{ seed: 20261123, numRuns: FUZZ_RUNS }
		);
		console.log(
			`fuzz backup (${TEST_TIER}): ${FUZZ_RUNS} mutated backups, ${outcome.restored} still valid, ${outcome.refused} refused whole, 0 crashes`
		);
		// Both paths are reached: the mutations neither all break the content at once nor all miss what is checked.
		expect(outcome.restored).toBeGreaterThan(0);
		expect(outcome.refused).toBeGreaterThan(0);
	});
});

/** A version 2 file taken apart: its header line and its chunks, each with its 4-byte length, to be put together changed. */
async function takeApart(file: Blob): Promise<{ header: string; chunks: Uint8Array<ArrayBuffer>[] }> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const end = bytes.indexOf(0x0a);
	const chunks: Uint8Array<ArrayBuffer>[] = [];
	for (let at = end + 1; at < bytes.length;) {
		const length = new DataView(bytes.buffer, at, 4).getUint32(0);
		chunks.push(bytes.slice(at, at + 4 + length));
		at += 4 + length;
	}
	return { header: new TextDecoder().decode(bytes.subarray(0, end)), chunks };
}

type Path = Array<string | number>;

function collectPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
	out.push(prefix);
	if (value instanceof Blob || value === null || typeof value !== 'object') return out;
	for (const [key, child] of Object.entries(value)) collectPaths(child, [...prefix, Array.isArray(value) ? Number(key) : key], out);
	return out;
}

function mutate(root: unknown, path: Path, value: unknown, remove: boolean): void {
	if (path.length === 0) return;
	let parent = root as Record<string | number, unknown>;
	for (const key of path.slice(0, -1)) {
		const next = parent?.[key];
		if (next === null || typeof next !== 'object' || next instanceof Blob) return;
		parent = next as Record<string | number, unknown>;
	}
	const last = path.at(-1)!;
	if (remove) delete parent[last];
	else parent[last] = structuredClone(value);
}
