import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listAnswers, listCitizenAnswers } from '#lib/storage/answers.ts';
import { restoreBackup } from '#lib/storage/backup.ts';
import { getBoardSet, getMediaOfCitizen } from '#lib/storage/boards.ts';
import { deleteDatabase, getStore } from '#lib/storage/db.ts';
import { listMeetings } from '#lib/storage/meetings.ts';
import { REGISTRY } from '#lib/storage/registry.ts';
import { SEALED_TABLES } from '#lib/storage/tables.ts';
import { readBackup } from './format.ts';

// Node has no worker or canvas: the page's checks run for real, the worker's decoding is a stand-in.
vi.mock('#lib/encoding/picture-worker-client.ts', () => import('../../../tests/unit/picture-worker-double.ts'));

/*
 * A backup written by each released format stays in tests/fixtures/backup and must keep restoring:
 * a tablet may be restored from a file years old. Never regenerate a golden file; add a new one.
 */

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

/*
 * Both files hold the same records: format 2's was written (in December 2026) from format 1's as read
 * that day, under its own passphrase.
 */
const GOLDEN = [
	{ format: 1, file: 'golden-format1-2026-12.json', passphrase: 'guld-kopi af billedtale 2026' },
	{ format: 2, file: 'golden-format2-2026-12.billedtale', passphrase: 'guld-kopi af billedtale 2026, format 2' }
];

describe('golden backups', () => {
	it.each(GOLDEN)('the golden backup of format $format (December 2026) keeps restoring, every record upgraded', async (golden) => {
		const file = readFileSync(new URL(`../../../tests/fixtures/backup/${golden.file}`, import.meta.url));
		// Written with 1,000 rounds by the test of its day; files from the app itself have 600,000.
		const content = await readBackup(new Blob([file]), golden.passphrase, 1_000);
		// Its two "photos" are 11-byte PNG stubs that no decoder can read: left out and counted, never stored unchecked.
		expect(await restoreBackup(content)).toEqual({ added: 2, skipped: 0, droppedPictures: 2 });
		const counts = await getStore().transaction('r', [...SEALED_TABLES], async (tx) =>
			Object.fromEntries(await Promise.all(SEALED_TABLES.map(async (name) => [name, await tx.table(name).count()])))
		);
		// Tables newer than the file stay empty.
		expect(counts).toEqual({
			...Object.fromEntries(SEALED_TABLES.map((name) => [name, 0])),
			citizens: 2,
			meetings: 1,
			answers: 4,
			boards: 2,
			media: 1
		});
		const anna = content.citizens.find((c) => c.payload.displayName === 'Anna Guld')!;
		const [meeting] = await listMeetings(anna.id);
		expect(meeting?.participants.map((p) => p.name)).toEqual(['Anna Guld', 'Lise Guld', 'Jonas Holm']);
		const answers = await listAnswers(meeting!.id);
		expect(answers.map((a) => [a.subject.kind, a.content.kind, a.status, a.history.length])).toEqual([
			['core-board', 'core', 'active', 0],
			['symbol-board', 'message', 'active', 0],
			['core-board', 'core', 'withdrawn', 1],
			['core-board', 'core', 'active', 1]
		]);
		const relayed = answers.at(-1)!;
		expect(relayed.content).toEqual({ kind: 'core', value: 'nej' });
		expect(relayed.history[0]?.content).toEqual({ kind: 'core', value: 'ja' });
		const boards = await getBoardSet(anna.id);
		expect(boards?.boards.map((b) => b.name)).toEqual(['Forside', 'Mad']);
		expect([...(await getMediaOfCitizen(anna.id)).keys()].sort()).toEqual(['golden-voice']);
		// Restored records are stored at today's versions, each answer saying which tool it came from.
		const stored = await getStore().transaction('r', ['answers'], (tx) => tx.answers.toArray());
		expect(stored.every((r) => r.v === REGISTRY.answers.version)).toBe(true);
		expect(stored.map((r) => r.about).sort()).toEqual(['core-board', 'core-board', 'core-board', 'symbol-board']);
		expect((await listCitizenAnswers(anna.id, ['symbol-board'])).map((a) => a.content.kind)).toEqual(['message']);
	});
});
