import { afterEach, describe, expect, it, vi } from 'vitest';
import { restoreBackup, streamBackup } from '#lib/storage/backup.ts';
import { getMediaByIds, saveMedia } from '#lib/storage/boards.ts';
import { createCitizen } from '#lib/storage/citizens.ts';
import { deleteDatabase, getStore } from '#lib/storage/db.ts';
import { TEST_TIER } from '../../../tests/tier.ts';
import { readBackup, writeBackup } from './format.ts';

// Node has no worker or canvas: the page's checks run for real, the worker's decoding is a stand-in.
vi.mock('#lib/encoding/picture-worker-client.ts', () => import('../../../tests/unit/picture-worker-double.ts'));

/*
 * A tablet with years of recordings: 50 of 2 MB in the deep tier (100 MB, issue 17), 3 in the quick one.
 * The file goes the app's way (streamBackup → writeBackup → readBackup → restoreBackup) and every byte
 * must come back. Time and memory are printed for the figures, never asserted. Run with
 * NODE_OPTIONS=--expose-gc for steadier memory figures.
 */

const ITERATIONS = 1_000;
const PASSPHRASE = 'fire grønne heste springer';
const RECORDINGS = TEST_TIER === 'deep' ? 50 : 3;
const RECORDING_BYTES = 2 * 1024 * 1024;

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

/** Runs `work`, printing its time and the highest memory seen above where it started. */
async function measured<T>(label: string, work: () => Promise<T>): Promise<T> {
	(globalThis as { gc?: () => void }).gc?.();
	const base = process.memoryUsage();
	const peak = { rss: base.rss, heap: base.heapUsed + base.external };
	const sample = setInterval(() => {
		const now = process.memoryUsage();
		peak.rss = Math.max(peak.rss, now.rss);
		peak.heap = Math.max(peak.heap, now.heapUsed + now.external);
	}, 2);
	const start = performance.now();
	try {
		return await work();
	} finally {
		clearInterval(sample);
		const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
		console.log(
			`large backup (${TEST_TIER}), ${label}: ${(performance.now() - start).toFixed(0)} ms, ` +
				`peak heap + external +${mb(peak.heap - base.heapUsed - base.external)} MB, peak RSS +${mb(peak.rss - base.rss)} MB`
		);
	}
}

function recording(i: number): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(RECORDING_BYTES);
	// Random bytes, as a compressed recording is; getRandomValues fills at most 64 kB at a time.
	for (let at = 0; at < bytes.length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
	bytes[0] = i;
	return bytes;
}

describe('a large backup', () => {
	it(`of ${RECORDINGS} recordings of 2 MB moves to an empty tablet byte for byte`, async () => {
		const anna = await createCitizen({ displayName: 'Anna' });
		const kept = new Map<string, Uint8Array>();
		for (let i = 0; i < RECORDINGS; i++) {
			const bytes = recording(i);
			kept.set(`voice-${i}`, bytes);
			await saveMedia(anna.id, {
				id: `voice-${i}`,
				kind: 'audio',
				mimeType: 'audio/webm',
				blob: new Blob([bytes], { type: 'audio/webm' })
			});
		}
		const file = await measured('write', () => writeBackup(streamBackup(), PASSPHRASE, ITERATIONS));
		expect(file.size).toBeGreaterThan(RECORDINGS * RECORDING_BYTES);
		await deleteDatabase();

		const result = await measured('read and restore', async () => restoreBackup(await readBackup(file, PASSPHRASE, ITERATIONS)));
		expect(result).toEqual({ added: 1, skipped: 0, droppedPictures: 0 });
		expect(await getStore().transaction('r', ['media'], (tx) => tx.media.count())).toBe(RECORDINGS);
		for (const [id, bytes] of kept) {
			const restored = (await getMediaByIds([id])).get(id)!;
			expect(new Uint8Array(await restored.blob.arrayBuffer())).toEqual(bytes);
		}
	}, 600_000);
});
