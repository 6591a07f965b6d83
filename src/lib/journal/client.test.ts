import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryFile } from '../../../tests/unit/memory-file.ts';
import { JournalClient } from './client.ts';
import { journalExecutor, type JournalWork } from './host.ts';
import type { JournalRequest } from './protocol.ts';
import { JournalStore, type SnapshotRecord } from './store.ts';

/*
 * The page's client against the worker's own executor, in this process: files in memory, one request
 * at a time in the order they came (as the holder runs them), answered asynchronously.
 */
let store: JournalStore;

class WorkerDouble {
	onmessage: ((event: { data: unknown }) => void) | undefined;
	onerror: ((event: { message: string }) => void) | undefined;
	private queue: Promise<unknown> = Promise.resolve();
	private readonly execute = journalExecutor(store, { isSet: async () => false, set: async () => {}, clear: async () => {} });

	postMessage({ id, ...work }: JournalRequest): void {
		this.queue = this.queue
			.then(() => this.execute(work as JournalWork))
			.then(
				(result) => this.onmessage?.({ data: { id, result } }),
				(error: unknown) => this.onmessage?.({ data: { id, error: String(error) } })
			);
	}
	terminate(): void {}
}

/** A sealed answer; `bytes` makes it as large as years of photos would make a journal. */
const answer = (id: string, bytes = 16) => ({ id, payload: { v: 1, keyId: 'k1', iv: new Uint8Array(12), ct: new Uint8Array(bytes) } });

/** The database the client journals: committed records and the last transaction's number. */
let database: Map<string, ReturnType<typeof answer>>;
let seq: number;

function write(client: JournalClient, record: ReturnType<typeof answer>): Promise<void> {
	database.set(record.id, record);
	client.committed(++seq, [{ type: 'put', table: 'answers', values: [record] }]);
	return client.settled();
}

/** Rewrites that read the database at once; the first waits for `release` before it writes its snapshot. */
function heldRewrite(client: JournalClient) {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	const rewrite = { started: 0, finished: 0, overlapping: 0, done: Promise.resolve(), release };
	client.rewrite = () => {
		if (rewrite.started++ > rewrite.finished) rewrite.overlapping += 1;
		const records: SnapshotRecord[] = [...database.values()].map((value) => ({ table: 'answers', value }));
		const baseSeq = seq;
		const gate = rewrite.started === 1 ? held : Promise.resolve();
		rewrite.done = gate.then(() => client.snapshot(records, baseSeq)).then(() => void (rewrite.finished += 1));
		return rewrite.done;
	};
	return rewrite;
}

beforeEach(() => {
	store = new JournalStore([new MemoryFile(), new MemoryFile()]);
	store.writeSnapshot([], 0);
	database = new Map();
	seq = 0;
	vi.stubGlobal('Worker', WorkerDouble);
	vi.stubGlobal('navigator', { storage: { getDirectory: async () => ({}) } });
});
afterEach(() => vi.unstubAllGlobals());

describe('compacting a journal that has grown large', () => {
	it('lets the write that made it due resolve first, and keeps a write made while it runs', { timeout: 5_000 }, async () => {
		const client = new JournalClient();
		const rewrite = heldRewrite(client);

		// Beyond twice the (empty) snapshot plus 8 MB: this write makes the compaction due.
		await write(client, answer('big', 9 * 1024 * 1024));
		// "Gemt" may show: the compaction has started and is still held.
		expect(rewrite).toMatchObject({ started: 1, finished: 0 });

		await write(client, answer('during'));
		expect(rewrite).toMatchObject({ started: 1, finished: 0 });

		rewrite.release();
		await rewrite.done;
		const { state, maxSeq, contiguous, usable } = await client.read();
		expect([...state.get('answers')!.keys()]).toEqual(['big', 'during']);
		expect({ maxSeq, contiguous, usable }).toEqual({ maxSeq: 2, contiguous: true, usable: true });
		// The new snapshot holds the large record: the journal is small again beside it, and the next write compacts nothing.
		await write(client, answer('after'));
		expect(rewrite).toMatchObject({ started: 1, finished: 1 });
		expect((await client.read()).maxSeq).toBe(3);
	});

	it('runs a rewrite that a deletion makes due only after the compaction under way', { timeout: 5_000 }, async () => {
		const client = new JournalClient();
		const rewrite = heldRewrite(client);
		await write(client, answer('big', 9 * 1024 * 1024));

		database.delete('big');
		client.committed(++seq, [{ type: 'delete', table: 'answers', keys: ['big'] }]);
		const deleted = client.settled();
		// The worker double answers in microtasks: after one timer, whatever the deletion would start on its own has started.
		await new Promise((resolve) => setTimeout(resolve, 0));
		rewrite.release();
		await deleted;
		// Started together, the later snapshot could be written first and the older one would bring the deleted record back.
		expect(rewrite).toMatchObject({ started: 2, finished: 2, overlapping: 0 });
		const { state, maxSeq, holdsDeleted } = await client.read();
		expect(state.get('answers')?.size ?? 0).toBe(0);
		expect({ maxSeq, holdsDeleted }).toEqual({ maxSeq: 2, holdsDeleted: false });
	});
});
