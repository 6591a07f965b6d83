import { describe, expect, it } from 'vitest';
import { MemoryFile } from '../../../tests/unit/memory-file.ts';
import { HOLDER_LOCK, JournalHost, journalExecutor, MARKER_CLEAR_TRIES, type Relay, type RelayMessage, type RequestLock } from './host.ts';
import { JournalStore } from './store.ts';

/*
 * Several tabs' workers in one process: a lock manager that grants one name to one holder at a
 * time (as navigator.locks does) and a broadcast channel that never delivers to its sender. A
 * worker's end is `kill`: it stops hearing the channel and its lock passes on.
 */
class Origin {
	readonly files = [new MemoryFile(), new MemoryFile()] as const;
	readonly opens: string[] = [];
	private readonly listeners = new Map<string, (message: RelayMessage) => void>();
	private readonly queue: Array<{ id: string; hold: () => Promise<void> }> = [];
	private holding: string | undefined;
	readonly dead = new Set<string>();
	/** While true, the holder's answers are dropped: the holder dies before its reply leaves. */
	dropReplies = false;
	/** As on WebKitGTK: createSyncAccessHandle fails. */
	openFails = false;

	worker(id: string): JournalHost {
		const relay: Relay = {
			post: (message) => {
				if (this.dead.has(id) || (message.kind === 'reply' && this.dropReplies)) return;
				// Delivery is asynchronous, like a real channel's.
				for (const [other, receive] of this.listeners) if (other !== id) queueMicrotask(() => !this.dead.has(other) && receive(message));
			},
			listen: (receive) => void this.listeners.set(id, receive)
		};
		const requestLock: RequestLock = (name, hold) => {
			expect(name).toBe(HOLDER_LOCK);
			this.queue.push({ id, hold });
			this.grant();
			return Promise.resolve();
		};
		return new JournalHost(id, relay, requestLock, async () => {
			// An exclusive handle: opening while another worker holds the files would fail on WebKit.
			expect(this.opens.filter((opener) => !this.dead.has(opener))).toEqual([]);
			this.opens.push(id);
			if (this.openFails) throw new DOMException('no access handle', 'NotSupportedError');
			return journalExecutor(new JournalStore(this.files), { isSet: async () => false, set: async () => {}, clear: async () => {} });
		});
	}

	kill(host: JournalHost): void {
		this.dead.add(host.id);
		this.listeners.delete(host.id);
		const index = this.queue.findIndex((entry) => entry.id === host.id);
		if (index >= 0) this.queue.splice(index, 1);
		host.close();
		if (this.holding === host.id) this.holding = undefined;
		this.grant();
	}

	private grant(): void {
		if (this.holding || this.queue.length === 0) return;
		const next = this.queue.shift()!;
		this.holding = next.id;
		void next.hold();
	}
}

const put = (seq: number, id: string) => ({
	op: 'append' as const,
	seq,
	ops: [{ type: 'put' as const, table: 'answers', values: [{ id }] }]
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** An empty journal, as a first start writes it. */
async function startJournal(host: JournalHost) {
	const build = (await host.handle({ op: 'snapshotBegin' })) as number;
	await host.handle({ op: 'snapshotFinish', build, baseSeq: 0 });
}

describe('one journal holder per origin', () => {
	it('elects the first worker; another tab’s writes reach the files through it', async () => {
		const origin = new Origin();
		const first = origin.worker('first');
		const second = origin.worker('second');
		await startJournal(first);
		expect([first.holding, second.holding]).toEqual([true, false]);
		await second.handle(put(1, 'a'));
		await first.handle(put(2, 'b'));
		const state = (await second.handle({ op: 'read' })) as ReturnType<JournalStore['read']>;
		expect([...state.state.get('answers')!.keys()]).toEqual(['a', 'b']);
		expect(state).toMatchObject({ maxSeq: 2, contiguous: true, usable: true });
		expect(origin.opens).toEqual(['first']);
	});

	it('a worker started after the holder finds it (hello) and relays to it', async () => {
		const origin = new Origin();
		const first = origin.worker('first');
		await startJournal(first);
		const late = origin.worker('late');
		await expect(late.handle(put(1, 'a'))).resolves.toMatchObject({ bytes: expect.any(Number) });
		expect(origin.opens).toEqual(['first']);
	});

	it('hands over when the holder’s tab closes: the next worker opens the files and answers what was left', async () => {
		const origin = new Origin();
		const first = origin.worker('first');
		const second = origin.worker('second');
		const third = origin.worker('third');
		await startJournal(first);
		await second.handle(put(1, 'a'));

		// The holder dies with a request of the third tab unanswered.
		origin.dropReplies = true;
		const unanswered = third.handle(put(2, 'b'));
		await settle();
		origin.dropReplies = false;
		origin.kill(first);
		await expect(unanswered).resolves.toMatchObject({ bytes: expect.any(Number) });
		expect(second.holding).toBe(true);
		expect(origin.opens).toEqual(['first', 'second']);

		await third.handle(put(3, 'c'));
		const state = (await third.handle({ op: 'read' })) as ReturnType<JournalStore['read']>;
		expect([...state.state.get('answers')!.keys()]).toEqual(['a', 'b', 'c']);
		// The held-up append may have been written twice; the next start then sees a gap and rewrites.
		expect(state.maxSeq).toBe(3);
	});

	it('the last tab left takes over the files itself', async () => {
		const origin = new Origin();
		const first = origin.worker('first');
		const second = origin.worker('second');
		await startJournal(first);
		origin.kill(first);
		await second.handle(put(1, 'a'));
		expect(second.holding).toBe(true);
		const state = (await second.handle({ op: 'read' })) as ReturnType<JournalStore['read']>;
		expect(state).toMatchObject({ maxSeq: 1, contiguous: true });
	});

	it('a holder that cannot open the files tells every tab, so each runs on the database alone', async () => {
		const origin = new Origin();
		origin.openFails = true;
		const first = origin.worker('first');
		const second = origin.worker('second');
		await expect(first.handle({ op: 'inspect' })).rejects.toThrow('no access handle');
		await expect(second.handle({ op: 'inspect' })).rejects.toThrow('no access handle');
		expect(origin.opens).toEqual(['first']);
	});
});

describe('finishing "Slet alt"', () => {
	/** A marker in memory whose clear fails the first `failures` times, the marker staying in place. */
	function faultyMarker(failures: number) {
		const marker = {
			set: true,
			clears: 0,
			isSet: async () => marker.set,
			async clear() {
				marker.clears++;
				if (marker.clears <= failures) throw new DOMException('the file is busy', 'NoModificationAllowedError');
				marker.set = false;
			}
		};
		return marker;
	}
	const executorWith = (marker: ReturnType<typeof faultyMarker>) =>
		journalExecutor(new JournalStore([new MemoryFile(), new MemoryFile()]), { ...marker, set: async () => void (marker.set = true) });

	it('tries the marker again when removing it fails, and the next start then finds no erasing to finish', async () => {
		const marker = faultyMarker(MARKER_CLEAR_TRIES - 1);
		const run = executorWith(marker);
		await run({ op: 'finishErase' });
		// The fault fired: every try but the last failed.
		expect(marker.clears).toBe(MARKER_CLEAR_TRIES);
		expect(await run({ op: 'inspect' })).toMatchObject({ erasing: false });
	});

	it('says so when the marker cannot be removed, instead of leaving it for every later start to erase again', async () => {
		const marker = faultyMarker(Infinity);
		const run = executorWith(marker);
		await expect(run({ op: 'finishErase' })).rejects.toThrow(/erase marker could not be removed/);
		expect(marker.clears).toBe(MARKER_CLEAR_TRIES);
		expect(await run({ op: 'inspect' })).toMatchObject({ erasing: true });
	});
});
