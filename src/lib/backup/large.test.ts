import { afterEach, describe, expect, it, vi } from 'vitest';
import { restoreBackup, streamBackup } from '#lib/storage/backup.ts';
import { saveMedia } from '#lib/storage/boards.ts';
import { createCitizen } from '#lib/storage/citizens.ts';
import { deleteDatabase, getDb } from '#lib/storage/db.ts';
import { TEST_TIER } from '../../../tests/tier.ts';
import { readBackup, writeBackup } from './format.ts';

vi.mock('#lib/encoding/picture-worker-client.ts', () => import('../../../tests/unit/picture-worker-double.ts'));

const ITERATIONS = 1_000;
const PASSPHRASE = 'fire grønne heste springer';
const RECORDINGS = TEST_TIER === 'deep' ? 50 : 3;
const RECORDING_BYTES = 2 * 1024 * 1024;

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

async function measure<T>(label: string, work: () => Promise<T>): Promise<T> {
	(globalThis as { gc?: () => void }).gc?.();
	const base = process.memoryUsage();
	const peak = { rss: base.rss, heap: base.heapUsed + base.external };
	const timer = setInterval(() => {
		const now = process.memoryUsage();
		peak.rss = Math.max(peak.rss, now.rss);
		peak.heap = Math.max(peak.heap, now.heapUsed + now.external);
	}, 2);
	const t0 = performance.now();
	try {
		return await work();
	} finally {
		clearInterval(timer);
		const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
		console.log(
			`${label}: ${(performance.now() - t0).toFixed(0)} ms, peak heap+external +${mb(peak.heap - base.heapUsed - base.external)} MB, peak rss +${mb(peak.rss - base.rss)} MB`
		);
	}
}

describe('a large backup', () => {
	it(`of ${RECORDINGS} recordings of 2 MB`, async () => {
		const anna = await createCitizen({ displayName: 'Anna' });
		for (let i = 0; i < RECORDINGS; i++) {
			const bytes = new Uint8Array(RECORDING_BYTES);
			for (let at = 0; at < bytes.length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
			await saveMedia(anna.id, {
				id: `voice-${i}`,
				kind: 'audio',
				mimeType: 'audio/webm',
				blob: new Blob([bytes], { type: 'audio/webm' })
			});
		}
		const file = await measure('write', async () => writeBackup(streamBackup(), PASSPHRASE, ITERATIONS));
		await deleteDatabase();
		const result = await measure('read+restore', async () => restoreBackup(await readBackup(file, PASSPHRASE, ITERATIONS)));
		expect(result.added).toBe(1);
		expect(await getDb().media.count()).toBe(RECORDINGS);
	}, 600_000);
});
