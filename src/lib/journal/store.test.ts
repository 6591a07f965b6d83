import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryFile } from '../../../tests/unit/memory-file.ts';
import { crc32, encodeFrame, readFrame, type JournalOp } from './frames.ts';
import { HEAD_REGION } from './files.ts';
import type { JournalState } from './replay.ts';
import { JournalStore } from './store.ts';
import type { VerifyCursor } from './verify.ts';

const sealed = (id: string, citizenId = 'c1') => ({
	id,
	citizenId,
	createdAt: 1_700_000_000_000,
	payload: { v: 1, keyId: 'k1', iv: new Uint8Array([1, 2, 3, id.length]), ct: new Uint8Array([9, 8, 7, 6, 5]).buffer }
});
const put = (table: string, ...values: unknown[]): JournalOp => ({ type: 'put', table, values });

function setUp() {
	const files = [new MemoryFile(), new MemoryFile()] as const;
	const store = new JournalStore(files);
	store.writeSnapshot([], 0);
	return { files, store };
}

function contains(haystack: Uint8Array, needle: string): boolean {
	const bytes = new TextEncoder().encode(needle);
	outer: for (let i = 0; i + bytes.length <= haystack.length; i++) {
		for (let j = 0; j < bytes.length; j++) if (haystack[i + j] !== bytes[j]) continue outer;
		return true;
	}
	return false;
}

describe('journal frames', () => {
	it('carry binary parts (typed arrays and buffers) through unchanged', () => {
		const file = new MemoryFile();
		file.write(0, encodeFrame({ kind: 'snapshot', table: 'answers', value: sealed('a1') }));
		const read = readFrame(file, 0);
		expect(read?.frame).toEqual({ kind: 'snapshot', table: 'answers', value: sealed('a1') });
		const payload = (read?.frame as { value: ReturnType<typeof sealed> }).value.payload;
		expect(payload.iv).toBeInstanceOf(Uint8Array);
		expect(payload.ct).toBeInstanceOf(ArrayBuffer);
	});

	it('are checked with the standard CRC-32, whatever the length', () => {
		// The check value of CRC-32 (IEEE), and the plain byte-at-a-time definition for every length around the 8-byte steps.
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
		const bytewise = (bytes: Uint8Array) => {
			let crc = 0xffffffff;
			for (const byte of bytes) {
				crc ^= byte;
				for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
			}
			return (crc ^ 0xffffffff) >>> 0;
		};
		fc.assert(fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => crc32(bytes) === bytewise(bytes)));
	});

	it('of other tables are checked but not decoded when a start looks for one table only', () => {
		const file = new MemoryFile();
		const frame = encodeFrame({ kind: 'snapshot', table: 'answers', value: sealed('a1') });
		file.write(0, frame);
		expect(readFrame(file, 0, file.size(), 'vault')).toEqual({
			frame: { kind: 'snapshot', table: 'answers', value: undefined },
			next: frame.length
		});
		expect(readFrame(file, 0, file.size(), 'answers')?.frame).toEqual({ kind: 'snapshot', table: 'answers', value: sealed('a1') });
		// A damaged record is found all the same.
		file.write(frame.length - 1, new Uint8Array([frame.at(-1)! ^ 1]));
		expect(readFrame(file, 0, file.size(), 'vault')).toBeUndefined();
	});

	it('refuse values the journal could not give back as they were', () => {
		expect(() => encodeFrame({ kind: 'snapshot', table: 't', value: { at: new Date() } })).toThrow(TypeError);
		expect(() => encodeFrame({ kind: 'snapshot', table: 't', value: { $bytes: 1 } })).toThrow(TypeError);
	});
});

describe('journal store', () => {
	it('has no usable journal before the first snapshot, and does not append to none', () => {
		const store = new JournalStore([new MemoryFile(), new MemoryFile()]);
		expect(store.read()).toMatchObject({ usable: false, maxSeq: 0 });
		expect(store.append(1, [put('answers', sealed('a1'))])).toBeUndefined();
	});

	it('replays commits in their order over the snapshot: puts, deletes and key ranges', () => {
		const { store } = setUp();
		store.append(1, [put('answers', sealed('a1'), sealed('a2'), sealed('b1'))]);
		store.append(2, [{ type: 'delete', table: 'answers', keys: ['a2'] }]);
		store.append(3, [{ type: 'deleteRange', table: 'answers', range: { lower: 'b', upper: 'c', lowerOpen: false, upperOpen: true } }]);
		store.append(4, [put('vault', { id: 'vault', keyId: 'k1' })]);
		const read = store.read();
		expect([...read.state.get('answers')!.keys()]).toEqual(['a1']);
		expect(read.state.get('vault')!.get('vault')).toEqual({ id: 'vault', keyId: 'k1' });
		expect(read).toMatchObject({ maxSeq: 4, contiguous: true, usable: true, holdsDeleted: true });
		const vaultOnly = store.read('vault');
		expect([...vaultOnly.state.keys()]).toEqual(['vault']);
		expect(vaultOnly).toMatchObject({ maxSeq: 4, contiguous: true, usable: true, holdsDeleted: true });
	});

	it('orders commits by their count, not by where another tab appended them', () => {
		const { store } = setUp();
		store.append(2, [put('answers', { ...sealed('a1'), createdAt: 2 })]);
		store.append(1, [put('answers', { ...sealed('a1'), createdAt: 1 })]);
		const read = store.read();
		expect(read.state.get('answers')!.get('a1')).toMatchObject({ createdAt: 2 });
		expect(read).toMatchObject({ maxSeq: 2, contiguous: true });
	});

	it('ignores a commit that reached the journal after a snapshot that already holds it', () => {
		const files = [new MemoryFile(), new MemoryFile()] as const;
		const store = new JournalStore(files);
		store.writeSnapshot([{ table: 'answers', value: { ...sealed('a1'), createdAt: 5 } }], 5);
		store.append(4, [put('answers', { ...sealed('a1'), createdAt: 4 })]);
		store.append(6, [put('answers', sealed('a6'))]);
		const read = store.read();
		expect(read.state.get('answers')!.get('a1')).toMatchObject({ createdAt: 5 });
		expect(read).toMatchObject({ maxSeq: 6, contiguous: true });
	});

	it('notices a missing commit', () => {
		const { store } = setUp();
		store.append(1, [put('answers', sealed('a1'))]);
		store.append(3, [put('answers', sealed('a3'))]);
		expect(store.read()).toMatchObject({ maxSeq: 3, contiguous: false });
	});

	it('drops a frame torn at any byte by a crash, and appends cleanly after it', () => {
		const { files, store } = setUp();
		store.append(1, [put('answers', sealed('a1'))]);
		const before = files[0].size() > HEAD_REGION ? files[0] : files[1];
		const intact = before.size();
		store.append(2, [put('answers', sealed('a2'))]);
		const whole = before.bytes.slice();
		for (let cut = intact; cut < whole.length; cut++) {
			before.bytes = whole.slice(0, cut);
			const fresh = new JournalStore(files);
			expect([...fresh.read().state.get('answers')!.keys()]).toEqual(['a1']);
			fresh.append(2, [put('answers', sealed('a2b'))]);
			expect([...new JournalStore(files).read().state.get('answers')!.keys()]).toEqual(['a1', 'a2b']);
		}
	});

	it('survives random damage to its tail without throwing', () => {
		const { files, store } = setUp();
		for (let seq = 1; seq <= 5; seq++) store.append(seq, [put('answers', sealed(`a${seq}`))]);
		const active = files[0].size() > 0 ? files[0] : files[1];
		const whole = active.bytes.slice();
		fc.assert(
			fc.property(fc.integer({ min: HEAD_REGION, max: whole.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
				active.bytes = whole.slice();
				active.bytes[at] = byte;
				const read = new JournalStore(files).read();
				expect(read.state.get('answers')?.size ?? 0).toBeLessThanOrEqual(5);
			}),
			{ seed: 4, numRuns: 300 }
		);
	});

	it('a new snapshot carries later commits over and empties the old file, so deleted records leave the disk', () => {
		const { files, store } = setUp();
		store.append(1, [put('citizens', sealed('kept-citizen', 'kept-citizen'), sealed('gone-citizen', 'gone-citizen'))]);
		store.append(2, [{ type: 'delete', table: 'citizens', keys: ['gone-citizen'] }]);
		store.append(3, [put('answers', sealed('late-answer'))]);
		// The database was read at commit 2; commit 3 reached the journal meanwhile.
		store.writeSnapshot([{ table: 'citizens', value: sealed('kept-citizen', 'kept-citizen') }], 2);
		const read = store.read();
		expect([...read.state.get('citizens')!.keys()]).toEqual(['kept-citizen']);
		expect([...read.state.get('answers')!.keys()]).toEqual(['late-answer']);
		expect(read).toMatchObject({ maxSeq: 3, contiguous: true, holdsDeleted: false });
		const disk = [...files].map((file) => file.bytes);
		expect(disk.some((bytes) => contains(bytes, 'gone-citizen'))).toBe(false);
		expect(disk.some((bytes) => contains(bytes, 'kept-citizen'))).toBe(true);
	});

	it('keeps the old journal when a crash cuts a new snapshot short', () => {
		const { files, store } = setUp();
		store.append(1, [put('answers', sealed('a1'))]);
		for (let writes = 0; writes < 3; writes++) {
			for (const file of files) file.writesBeforeCrash = writes;
			expect(() =>
				store.writeSnapshot(
					[
						{ table: 'answers', value: sealed('a1') },
						{ table: 'answers', value: sealed('a2') }
					],
					1
				)
			).toThrow('crash');
			for (const file of files) file.writesBeforeCrash = Infinity;
			const read = new JournalStore(files).read();
			expect([...read.state.get('answers')!.keys()]).toEqual(['a1']);
			expect(read).toMatchObject({ maxSeq: 1, usable: true });
		}
	});

	it('builds a snapshot in steps while commits go on to the old file, from records read at different counts', () => {
		const { store } = setUp();
		store.append(1, [put('answers', sealed('a1'), sealed('a2'), sealed('a3'))]);
		// The snapshot begins at commit 1; each step reads the database as it stands then.
		const build = store.beginSnapshot();
		store.addToSnapshot(build, [{ table: 'answers', value: sealed('a1') }]);
		store.append(2, [put('answers', { ...sealed('a1'), createdAt: 2 }), put('answers', sealed('a4'))]);
		store.append(3, [{ type: 'delete', table: 'answers', keys: ['a2'] }]);
		// Read after commits 2 and 3: a2 is gone, a4 is there already.
		store.addToSnapshot(build, [
			{ table: 'answers', value: sealed('a3') },
			{ table: 'answers', value: sealed('a4') }
		]);
		store.append(4, [put('answers', { ...sealed('a3'), createdAt: 4 })]);
		// Until it is finished the old journal is the journal, with every commit.
		expect([...store.read().state.get('answers')!.keys()].sort()).toEqual(['a1', 'a3', 'a4']);
		store.finishSnapshot(build, 1);
		store.append(5, [put('answers', sealed('a5'))]);
		const read = store.read();
		const answers = read.state.get('answers')!;
		expect([...answers.keys()].sort()).toEqual(['a1', 'a3', 'a4', 'a5']);
		expect(answers.get('a1')).toMatchObject({ createdAt: 2 });
		expect(answers.get('a3')).toMatchObject({ createdAt: 4 });
		expect(read).toMatchObject({ maxSeq: 5, contiguous: true, usable: true });
	});

	it('keeps the old journal whole, with the commits appended meanwhile, when a crash cuts a stepped snapshot short at any write', () => {
		let crashes = 0;
		for (let writes = 0; ; writes++) {
			const { files, store } = setUp();
			store.append(1, [put('answers', sealed('a1'))]);
			const build = store.beginSnapshot();
			store.addToSnapshot(build, [{ table: 'answers', value: sealed('a1') }]);
			store.append(2, [put('answers', sealed('a2'))]);
			// The crash comes at the `writes`-th write from here on: a step, an append, the carried commits or the head.
			for (const file of files) file.writesBeforeCrash = writes;
			let crashed = false;
			try {
				store.addToSnapshot(build, [{ table: 'answers', value: sealed('a2') }]);
				store.append(3, [put('answers', sealed('a3'))]);
				store.finishSnapshot(build, 1);
			} catch (error) {
				expect(error).toEqual(new Error('crash'));
				crashed = true;
			}
			for (const file of files) file.writesBeforeCrash = Infinity;
			const read = new JournalStore(files).read();
			const kept = [...read.state.get('answers')!.keys()];
			// Every commit that was appended before the crash is there; nothing half-written is.
			expect(kept).toEqual(['a1', 'a2', 'a3'].slice(0, read.maxSeq));
			expect(read).toMatchObject({ contiguous: true, usable: true });
			expect(read.maxSeq).toBeGreaterThanOrEqual(2);
			if (!crashed) break;
			crashes += 1;
		}
		// A step, the append and its flush, the carried commit and the head: the fault fired at each of them.
		expect(crashes).toBeGreaterThanOrEqual(4);
	});

	it('gives up a snapshot when another begins or the journal is erased', () => {
		const { store } = setUp();
		const first = store.beginSnapshot();
		const second = store.beginSnapshot();
		expect(() => store.addToSnapshot(first, [])).toThrow('given up');
		expect(() => store.finishSnapshot(first, 0)).toThrow('given up');
		store.erase();
		expect(() => store.finishSnapshot(second, 0)).toThrow('given up');
		expect(store.read().usable).toBe(false);
	});

	it('reads one table as a full read holds it, and finds a damaged snapshot of another table', () => {
		const { files, store } = setUp();
		const records = [
			{ table: 'answers', value: sealed('a1') },
			{ table: 'vault', value: { id: 'vault', keyId: 'k1' } },
			{ table: 'answers', value: sealed('a2') }
		];
		store.writeSnapshot(records, 1);
		store.append(2, [put('vault', { id: 'vault', keyId: 'k2' })]);
		const full = store.read();
		const vault = store.read('vault');
		expect([...vault.state.keys()]).toEqual(['vault']);
		expect(vault.state.get('vault')).toEqual(full.state.get('vault'));
		expect(vault).toMatchObject({ maxSeq: 2, contiguous: true, usable: true, holdsDeleted: false });
		// One byte of the first answer changed: the snapshot is damaged, though the vault's own frame is intact.
		const active = files.findIndex((file) => file.size() > 0);
		const at = HEAD_REGION + 20;
		files[active]!.write(at, new Uint8Array([files[active]!.read(at, 1)[0]! ^ 1]));
		expect(new JournalStore(files).read('vault').usable).toBe(false);
	});

	it('erases both files', () => {
		const { files, store } = setUp();
		store.append(1, [put('answers', sealed('a1'))]);
		store.erase();
		expect(files.map((file) => file.size())).toEqual([0, 0]);
		expect(store.read().usable).toBe(false);
	});
});

describe('the checkpoint a start reads', () => {
	/** Writes to any of the files before a crash. */
	const budget = { writes: Infinity };
	/** A file that counts the bytes read from it, and crashes with the others at the budget's write. */
	class CountingFile extends MemoryFile {
		bytesRead = 0;
		override write(at: number, data: Uint8Array) {
			if (budget.writes-- <= 0) throw new Error('crash');
			super.write(at, data);
		}
		override read(at: number, length: number) {
			const bytes = super.read(at, length);
			this.bytesRead += bytes.length;
			return bytes;
		}
	}

	function tablet() {
		const files = [new CountingFile(), new CountingFile()] as const;
		const checkpoint = new CountingFile();
		const store = new JournalStore(files, checkpoint);
		store.writeSnapshot(
			[{ table: 'vault', value: { id: 'vault', keyId: 'k1' } }, ...[1, 2, 3].map((n) => ({ table: 'answers', value: sealed(`s${n}`) }))],
			0
		);
		return { files, checkpoint, store };
	}

	/** What a start compares: the start state as a whole read of the tablet key's table gives it. */
	const essentials = ({ state, maxSeq, contiguous, usable, holdsDeleted }: JournalState) => ({
		state,
		maxSeq,
		contiguous,
		usable,
		holdsDeleted
	});

	it('spares a start reading the journal through: what it reads does not grow with the journal', () => {
		const { files, checkpoint, store } = tablet();
		const readAtStart = () => {
			for (const file of [...files, checkpoint]) file.bytesRead = 0;
			const state = new JournalStore(files, checkpoint).startState();
			const bytes = [...files, checkpoint].reduce((sum, file) => sum + file.bytesRead, 0);
			expect(essentials(state)).toEqual(essentials(new JournalStore(files).read('vault')));
			return { state, bytes };
		};
		let seq = 0;
		const grow = (commits: number) => {
			for (let i = 0; i < commits; i++) store.append(++seq, [put('answers', sealed(`a${seq}`), sealed(`b${seq}`))]);
		};
		grow(50);
		const small = readAtStart();
		grow(500);
		store.append(++seq, [put('vault', { id: 'vault', keyId: 'k1', idleMinutes: 3 })]);
		const large = readAtStart();
		expect(large.state).toMatchObject({ maxSeq: 551, contiguous: true, usable: true, unverified: true });
		expect(large.state.state.get('vault')!.get('vault')).toEqual({ id: 'vault', keyId: 'k1', idleMinutes: 3 });
		const journalBytes = Math.max(...files.map((file) => file.size()));
		expect(journalBytes).toBeGreaterThan(100_000);
		// The heads, and the checkpoint's slots: a few hundred bytes (the key's record grew) whatever the journal's length.
		expect(Math.abs(large.bytes - small.bytes)).toBeLessThan(100);
		expect(large.bytes).toBeLessThan(2_000);
	});

	it('a stale or torn checkpoint costs only reading more: the start follows the frames after it, and nothing is lost', () => {
		const { files, checkpoint, store } = tablet();
		store.append(1, [put('answers', sealed('a1'))]);
		const stale = checkpoint.bytes.slice();
		store.append(2, [put('vault', { id: 'vault', keyId: 'k1', idleMinutes: 9 })]);
		const before = checkpoint.bytes.slice();
		store.append(3, [{ type: 'delete', table: 'answers', keys: ['s1'] }]);
		const whole = checkpoint.bytes.slice();
		// The last checkpoint's write torn at any byte: new bytes up to the cut, the slot's old ones after it.
		const changed = whole.map((byte, i) => Number(byte !== before[i]));
		const [from, to] = [changed.indexOf(1), changed.lastIndexOf(1) + 1];
		const torn = Array.from({ length: to - from }, (_, i) => {
			const bytes = whole.slice();
			bytes.set(before.subarray(from + i, to), from + i);
			return bytes;
		});
		expect(torn.length).toBeGreaterThan(100);
		// Or an older checkpoint (its writes are not flushed), or none at all.
		for (const left of [stale, ...torn, new Uint8Array(0)]) {
			checkpoint.bytes = left.slice();
			const start = new JournalStore(files, checkpoint).startState();
			expect(essentials(start)).toEqual(essentials(new JournalStore(files).read('vault')));
			expect(start).toMatchObject({ maxSeq: 3, contiguous: true, holdsDeleted: true });
		}
	});

	it('counts only frames on disk: those a worker killed before its flush left are flushed before the checkpoint', () => {
		const { files, checkpoint, store } = tablet();
		store.append(1, [put('answers', sealed('a1'))]);
		const active = files.find((file) => file.size() > 0)!;
		// The worker is killed inside the next append's flush: its frame is written, not yet on disk.
		active.flush = () => {
			throw new Error('killed');
		};
		expect(() => store.append(2, [put('vault', { id: 'vault', keyId: 'k2' })])).toThrow('killed');
		const events: string[] = [];
		active.flush = () => void events.push('journal flushed');
		const write = checkpoint.write.bind(checkpoint);
		checkpoint.write = (at, data) => {
			events.push('checkpoint written');
			write(at, data);
		};
		const start = new JournalStore(files, checkpoint).startState();
		expect(start).toMatchObject({ maxSeq: 2, contiguous: true });
		expect(start.state.get('vault')!.get('vault')).toMatchObject({ keyId: 'k2' });
		expect(events).toEqual(['journal flushed', 'checkpoint written']);
	});

	it('keeps every commit when a crash comes at any write of an append or a snapshot, checkpoint included', () => {
		let crashes = 0;
		for (let writes = 0; ; writes++) {
			const { files, checkpoint, store } = tablet();
			store.append(1, [put('answers', sealed('a1'))]);
			budget.writes = writes;
			let appended = 1;
			let crashed = false;
			try {
				store.append(2, [put('answers', sealed('a2'))]);
				appended = 2;
				store.writeSnapshot(
					[
						{ table: 'vault', value: { id: 'vault', keyId: 'k1' } },
						{ table: 'answers', value: sealed('a1') }
					],
					1
				);
				store.append(3, [put('vault', { id: 'vault', keyId: 'k2' })]);
				appended = 3;
			} catch (error) {
				expect(error).toEqual(new Error('crash'));
				crashed = true;
			}
			budget.writes = Infinity;
			const start = new JournalStore(files, checkpoint).startState();
			const full = new JournalStore(files).read();
			expect(essentials(start)).toEqual(essentials(new JournalStore(files).read('vault')));
			// Every append that returned is there; a half-written one is not.
			expect(start.maxSeq).toBeGreaterThanOrEqual(appended);
			const answers = full.state.get('answers')!;
			expect(answers.has('a1') && (start.maxSeq < 2 || answers.has('a2'))).toBe(true);
			expect(start.state.get('vault')!.get('vault')).toMatchObject({ keyId: start.maxSeq === 3 ? 'k2' : 'k1' });
			if (!crashed) break;
			crashes += 1;
		}
		// Each append's frame and checkpoint, the snapshot's two records, carried commit, head and checkpoint: it fired at each.
		expect(crashes).toBe(9);
	});

	it('is checked after the start, a step at a time: damage before it stops the appends and reaches the next start', () => {
		const { files, checkpoint, store } = tablet();
		for (let seq = 1; seq <= 40; seq++) store.append(seq, [put('answers', sealed(`a${seq}`))]);
		const active = files.find((file) => file.size() > 0)!;
		const intact = new JournalStore(files, checkpoint);
		expect(intact.startState().unverified).toBe(true);
		const steps: (VerifyCursor | undefined)[] = [];
		for (let step = intact.verify(undefined, 1_000); ; step = intact.verify(step.next, 1_000)) {
			expect(step.damaged).toBe(false);
			if (!step.next) break;
			steps.push(step.next);
		}
		expect(steps.length).toBeGreaterThan(3);
		expect(intact.startState().unverified).toBe(false);
		// One byte of the snapshot's second answer flipped: the start trusts the checkpoint, the check finds it.
		const at = HEAD_REGION + 200;
		active.write(at, new Uint8Array([active.read(at, 1)[0]! ^ 1]));
		const damaged = new JournalStore(files, checkpoint);
		expect(damaged.startState()).toMatchObject({ usable: true, unverified: true });
		expect(damaged.verify()).toEqual({ damaged: true });
		expect(damaged.append(41, [put('answers', sealed('a41'))])).toBeUndefined();
		expect(checkpoint.size()).toBe(0);
		expect(new JournalStore(files, checkpoint).startState()).toMatchObject({ usable: false, unverified: false });
	});

	it('ends a check that a new snapshot overtook: the new file was written whole by this worker', () => {
		const { files, checkpoint, store } = tablet();
		for (let seq = 1; seq <= 20; seq++) store.append(seq, [put('answers', sealed(`a${seq}`))]);
		const restarted = new JournalStore(files, checkpoint);
		const first = restarted.verify(undefined, 500);
		expect(first.next).toBeDefined();
		restarted.writeSnapshot([{ table: 'vault', value: { id: 'vault', keyId: 'k1' } }], 20);
		expect(restarted.verify(first.next)).toEqual({ damaged: false });
		expect(restarted.startState()).toMatchObject({ maxSeq: 20, unverified: false, usable: true });
	});

	it("reads the key's commits in their order when another tab's came late", () => {
		const { files, checkpoint, store } = tablet();
		store.append(2, [put('vault', { id: 'vault', keyId: 'k1', idleMinutes: 2 })]);
		store.append(1, [put('vault', { id: 'vault', keyId: 'k1', idleMinutes: 1 })]);
		for (const reader of [store, new JournalStore(files, checkpoint)]) {
			const start = reader.startState();
			expect(start.state.get('vault')!.get('vault')).toMatchObject({ idleMinutes: 2 });
			expect(essentials(start)).toEqual(essentials(new JournalStore(files).read('vault')));
		}
	});

	it('reads the journal through once after a late commit to the key, not at every start after it', () => {
		const { files, checkpoint, store } = tablet();
		for (let seq = 1; seq <= 200; seq++) store.append(seq, [put('answers', sealed(`a${seq}`))]);
		// Another tab's commit to the key reached the journal after a later one.
		store.append(202, [put('vault', { id: 'vault', keyId: 'k1', idleMinutes: 2 })]);
		store.append(201, [put('vault', { id: 'vault', keyId: 'k1', idleMinutes: 1 })]);
		for (let seq = 203; seq <= 210; seq++) store.append(seq, [put('answers', sealed(`a${seq}`))]);
		const journalBytes = Math.max(...files.map((file) => file.size()));
		const start = () => {
			for (const file of [...files, checkpoint]) file.bytesRead = 0;
			const state = new JournalStore(files, checkpoint).startState();
			const bytes = [...files, checkpoint].reduce((sum, file) => sum + file.bytesRead, 0);
			expect(essentials(state)).toEqual(essentials(new JournalStore(files).read('vault')));
			expect(state.state.get('vault')!.get('vault')).toMatchObject({ idleMinutes: 2 });
			return bytes;
		};
		// The late commit was found: this start read the whole journal, in the order of its commits.
		expect(start()).toBeGreaterThan(journalBytes);
		// The starts after it read the checkpoint again, as before the late commit.
		expect(start()).toBeLessThan(2_000);
		expect(start()).toBeLessThan(2_000);
	});

	it('from before "Slet alt" never stands for the journal written after it', () => {
		const { files, checkpoint, store } = tablet();
		store.append(1, [put('vault', { id: 'vault', keyId: 'old' })]);
		const before = checkpoint.bytes.slice();
		store.erase();
		expect(checkpoint.size()).toBe(0);
		store.writeSnapshot([{ table: 'vault', value: { id: 'vault', keyId: 'new' } }], 0);
		// Even if the old checkpoint outlived the erase, it does not match the new journal's snapshot.
		checkpoint.bytes = before;
		const start = new JournalStore(files, checkpoint).startState();
		expect(start.state.get('vault')!.get('vault')).toEqual({ id: 'vault', keyId: 'new' });
		expect(start).toMatchObject({ maxSeq: 0, unverified: false });
	});
});
