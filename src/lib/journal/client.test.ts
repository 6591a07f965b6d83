import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryFile } from '../../../tests/unit/memory-file.ts';
import { JournalClient } from './client.ts';
import { journalExecutor, type JournalWork } from './host.ts';
import type { JournalRequest } from './protocol.ts';
import { JournalStore } from './store.ts';

/*
 * The page's client against the worker's own executor, in this process: files in memory, one request
 * at a time in the order they came (as the holder runs them), answered asynchronously.
 */
let store: JournalStore;
let erasing: boolean;

class WorkerDouble {
	/** The last worker the client started, for a test to make it fail. */
	static last: WorkerDouble | undefined;
	onmessage: ((event: { data: unknown }) => void) | undefined;
	onerror: ((event: { message: string }) => void) | undefined;
	private queue: Promise<unknown> = Promise.resolve();
	private readonly execute = journalExecutor(store, {
		isSet: async () => erasing,
		set: async () => void (erasing = true),
		clear: async () => void (erasing = false)
	});

	constructor() {
		WorkerDouble.last = this;
	}

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

function remove(client: JournalClient, id: string): Promise<void> {
	database.delete(id);
	client.committed(++seq, [{ type: 'delete', table: 'answers', keys: [id] }]);
	return client.settled();
}

/**
 * Rewrites as journal-sync does them: begun, then the database read one record per step (as it stands at that step),
 * then finished. The first rewrite waits before each step until `release`; later ones run straight through.
 */
function steppedRewrite(client: JournalClient) {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	const rewrite = { started: 0, finished: 0, gaveUp: 0, done: Promise.resolve(), release };
	client.rewrite = () => {
		const gate = rewrite.started++ === 0 ? held : Promise.resolve();
		const run = async () => {
			const build = await client.beginSnapshot();
			const baseSeq = seq;
			try {
				for (const id of [...database.keys()]) {
					await gate;
					const value = database.get(id);
					if (value) await client.addToSnapshot(build, [{ table: 'answers', value }]);
				}
				await client.finishSnapshot(build, baseSeq);
				rewrite.finished += 1;
			} catch (error) {
				rewrite.gaveUp += 1;
				throw error;
			}
		};
		const done = run();
		// Every rewrite begun so far, settled.
		rewrite.done = Promise.all([rewrite.done, done.catch(() => undefined)]).then(() => undefined);
		return done;
	};
	return rewrite;
}

/** The time a background rewrite waits after the start (fake timers). */
const afterStart = () => vi.advanceTimersByTimeAsync(10_000);

beforeEach(() => {
	store = new JournalStore([new MemoryFile(), new MemoryFile()]);
	store.writeSnapshot([], 0);
	erasing = false;
	database = new Map();
	seq = 0;
	vi.stubGlobal('Worker', WorkerDouble);
	vi.stubGlobal('navigator', { storage: { getDirectory: async () => ({}) } });
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('compacting a journal that has grown large', () => {
	it('holds up no write: the one that made it due and those made while it runs resolve first, and all are kept', async () => {
		const client = new JournalClient();
		const rewrite = steppedRewrite(client);
		await write(client, answer('a'));
		// Beyond twice the (empty) snapshot plus 8 MB: this write makes the compaction due.
		await write(client, answer('big', 9 * 1024 * 1024));
		// "Gemt" may show; the compaction waits until the start has had the page, then begins and is held before its first step.
		expect(rewrite.started).toBe(0);
		await afterStart();
		expect(rewrite).toMatchObject({ started: 1, finished: 0 });

		await write(client, answer('during'));
		await write(client, { ...answer('a'), payload: { ...answer('a').payload, ct: new Uint8Array([7]) } });
		expect(rewrite).toMatchObject({ started: 1, finished: 0 });

		rewrite.release();
		await rewrite.done;
		expect(rewrite).toMatchObject({ started: 1, finished: 1 });
		const { state, maxSeq, contiguous, usable } = await client.read();
		expect([...state.get('answers')!.keys()].sort()).toEqual(['a', 'big', 'during']);
		expect(state.get('answers')!.get('a')).toEqual(database.get('a'));
		expect({ maxSeq, contiguous, usable }).toEqual({ maxSeq: 4, contiguous: true, usable: true });
		// The new snapshot holds the large record: the journal is small again beside it, and the next write compacts nothing.
		await write(client, answer('after'));
		await afterStart();
		expect(rewrite.started).toBe(1);
		expect((await client.read()).maxSeq).toBe(5);
	});

	it('gives way to a rewrite that a deletion makes due, so the deleted record leaves the journal', async () => {
		const client = new JournalClient();
		const rewrite = steppedRewrite(client);
		await write(client, answer('kept'));
		await write(client, answer('big', 9 * 1024 * 1024));
		await afterStart();
		expect(rewrite.started).toBe(1);

		// The deletion's rewrite runs at once and is waited for; the compaction under way is given up at its next step.
		await remove(client, 'big');
		rewrite.release();
		await rewrite.done;
		expect(rewrite).toMatchObject({ started: 2, finished: 1, gaveUp: 1 });
		const { state, maxSeq, holdsDeleted, contiguous } = await client.read();
		expect([...state.get('answers')!.keys()]).toEqual(['kept']);
		expect({ maxSeq, holdsDeleted, contiguous }).toEqual({ maxSeq: 3, holdsDeleted: false, contiguous: true });
	});

	it('is given up by "Slet alt", and cannot fill the journal again after it', async () => {
		const client = new JournalClient();
		const rewrite = steppedRewrite(client);
		await write(client, answer('a'));
		await write(client, answer('big', 9 * 1024 * 1024));
		await afterStart();
		await client.beginErase();
		rewrite.release();
		await rewrite.done;
		expect(rewrite).toMatchObject({ started: 1, finished: 0, gaveUp: 1 });
		expect((await client.read()).usable).toBe(false);
		// Nor can a snapshot begin while the erasing is under way (another tab's, for instance).
		await expect(client.beginSnapshot()).rejects.toThrow('erased');
		await client.finishErase();
	});
});

describe('a compaction the start found due', () => {
	it('begins only after the start has had the page', async () => {
		const client = new JournalClient();
		const rewrite = steppedRewrite(client);
		rewrite.release();
		client.rewriteLater();
		await vi.advanceTimersByTimeAsync(5_000);
		expect(rewrite.started).toBe(0);
		await vi.advanceTimersByTimeAsync(5_000);
		expect(rewrite.started).toBe(1);
	});

	it('waits for a restore under way, then runs once, whether the restore succeeded or failed', async () => {
		for (const outcome of ['restored', 'failed'] as const) {
			const client = new JournalClient();
			const rewrite = steppedRewrite(client);
			rewrite.release();
			let finish!: () => void;
			const restore = new Promise<void>(
				(resolve, reject) => (finish = outcome === 'restored' ? resolve : () => reject(new Error(outcome)))
			);
			restore.catch(() => undefined);
			client.compactAfter(restore);
			client.rewriteLater();
			client.rewriteLater();
			await afterStart();
			expect(rewrite.started).toBe(0);
			finish();
			await vi.advanceTimersByTimeAsync(0);
			expect(rewrite.started).toBe(1);
			await rewrite.done;
			expect(rewrite.finished).toBe(1);
		}
	});
});

describe('a journal the start found behind the database', () => {
	it('catches up at once, and a write made meanwhile is "Gemt" only once the journal holds what the database held', async () => {
		const client = new JournalClient();
		const rewrite = steppedRewrite(client);
		// An answer the database committed as the browser died, before the journal had it.
		database.set('unjournaled', answer('unjournaled'));
		seq += 1;
		client.catchUp();
		await vi.advanceTimersByTimeAsync(0);
		expect(rewrite).toMatchObject({ started: 1, finished: 0 });

		let saved = false;
		const during = write(client, answer('during')).then(() => (saved = true));
		await vi.advanceTimersByTimeAsync(1_000);
		expect(saved).toBe(false);
		rewrite.release();
		await during;
		expect(rewrite).toMatchObject({ started: 1, finished: 1 });
		const { state, maxSeq, contiguous } = await client.read();
		expect([...state.get('answers')!.keys()].sort()).toEqual(['during', 'unjournaled']);
		expect({ maxSeq, contiguous }).toEqual({ maxSeq: 2, contiguous: true });

		// Caught up: later writes wait for no rewrite.
		await write(client, answer('after'));
		expect(rewrite.started).toBe(1);
	});

	it('lets writes go on when the catch-up fails, each still journaled', async () => {
		const client = new JournalClient();
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		client.rewrite = () => Promise.reject(new Error('no room'));
		client.catchUp();
		await write(client, answer('a'));
		// The fault fired: the catch-up failed, and the write was journaled all the same.
		expect(warn).toHaveBeenCalledWith('Billedtale: the journal could not be rewritten', new Error('no room'));
		expect((await client.read()).state.get('answers')!.has('a')).toBe(true);
	});
});

describe('a start', () => {
	it('is answered from the checkpoint, and the check of the rest goes through the worker a step at a time', async () => {
		const [a, b, checkpoint] = [new MemoryFile(), new MemoryFile(), new MemoryFile()];
		const before = new JournalStore([a, b], checkpoint);
		before.writeSnapshot([{ table: 'vault', value: { id: 'vault', keyId: 'k1' } }], 0);
		for (let n = 1; n <= 30; n++) before.append(n, [{ type: 'put', table: 'answers', values: [answer(`a${n}`, 40_000)] }]);
		// The next page's worker: a new store on the same files.
		store = new JournalStore([a, b], checkpoint);
		const client = new JournalClient();
		expect(await client.inspect()).toMatchObject({ maxSeq: 30, contiguous: true, usable: true, unverified: true, vault: { keyId: 'k1' } });
		let steps = 0;
		for (let step = await client.verify(); step.next; step = await client.verify(step.next)) {
			expect(step.damaged).toBe(false);
			steps += 1;
		}
		// 1.2 MB of answers, checked 512 kB at a time.
		expect(steps).toBe(2);
		expect(await client.inspect()).toMatchObject({ unverified: false });
	});
});

describe('a write the journal did not take', () => {
	it('waits for a rewrite that puts it in the journal, so a restore after a crash would not lack it', async () => {
		const files = [new MemoryFile(), new MemoryFile()] as const;
		store = new JournalStore(files);
		store.writeSnapshot([], 0);
		const client = new JournalClient();
		const rewrite = steppedRewrite(client);
		rewrite.release();
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		await write(client, answer('a1'));
		// The active file refuses the next write (a full disk, say).
		const active = files.find((file) => file.size() > 0)!;
		active.writesBeforeCrash = 0;
		await write(client, answer('a2'));
		active.writesBeforeCrash = Infinity;
		// The fault fired: the append failed, and the write waited for a rewrite from the database.
		expect(warn).toHaveBeenCalledWith('Billedtale: a write did not reach the journal', new Error('Error: crash'));
		expect(rewrite).toMatchObject({ started: 1, finished: 1 });
		await write(client, answer('a3'));
		const { state, maxSeq, contiguous, usable } = await client.read();
		expect([...state.get('answers')!.keys()].sort()).toEqual(['a1', 'a2', 'a3']);
		expect({ maxSeq, contiguous, usable }).toEqual({ maxSeq: 3, contiguous: true, usable: true });
	});

	it('of a worker that failed goes to a new worker, so it is not waited for in vain and still reaches the journal', async () => {
		const client = new JournalClient();
		steppedRewrite(client).release();
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		await write(client, answer('a1'));
		// The worker fails while a write waits for it, and answers nothing from then on.
		const failing = WorkerDouble.last!;
		let terminated = false;
		failing.postMessage = () => undefined;
		failing.terminate = () => void (terminated = true);
		const written = write(client, answer('a2'));
		failing.onerror?.({ message: 'worker crashed' });
		await written;
		expect(warn).toHaveBeenCalledWith('Billedtale: a write did not reach the journal', new Error('worker crashed'));
		expect(terminated).toBe(true);
		expect(WorkerDouble.last).not.toBe(failing);
		const { state, maxSeq, contiguous } = await client.read();
		expect([...state.get('answers')!.keys()].sort()).toEqual(['a1', 'a2']);
		expect({ maxSeq, contiguous }).toEqual({ maxSeq: 2, contiguous: true });
	});
});

describe('deletions one after another', () => {
	it("each wait for a rewrite without their record, when a later deletion's rewrite gave theirs up", async () => {
		const client = new JournalClient();
		// Each rewrite is begun at once and then held until the test lets it go on.
		const gates: (() => void)[] = [];
		client.rewrite = async () => {
			const build = await client.beginSnapshot();
			const baseSeq = seq;
			await new Promise<void>((resolve) => gates.push(resolve));
			for (const value of database.values()) await client.addToSnapshot(build, [{ table: 'answers', value }]);
			await client.finishSnapshot(build, baseSeq);
		};
		vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		await write(client, answer('a'));
		await write(client, answer('b'));
		await write(client, answer('c'));
		let firstDone = false;
		const first = remove(client, 'a').then(() => (firstDone = true));
		await vi.waitFor(() => expect(gates).toHaveLength(1));
		const second = remove(client, 'b');
		await vi.waitFor(() => expect(gates).toHaveLength(2));
		// The first rewrite goes on and finds itself given up: the fault fired.
		gates[0]!();
		await vi.waitFor(() => expect(console.warn).toHaveBeenCalledWith('Billedtale: the journal could not be rewritten', expect.any(Error)));
		await vi.advanceTimersByTimeAsync(0);
		// "a" is still in the old journal's file: its deletion is not done yet.
		expect(firstDone).toBe(false);
		expect((await client.read()).holdsDeleted).toBe(true);
		gates[1]!();
		await Promise.all([first, second]);
		const { state, holdsDeleted } = await client.read();
		expect([...state.get('answers')!.keys()]).toEqual(['c']);
		expect(holdsDeleted).toBe(false);
	});
});
