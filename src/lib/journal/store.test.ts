import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryFile } from '../../../tests/unit/memory-file.ts';
import { put, sealed } from '../../../tests/unit/journal-records.ts';
import { HEAD_REGION } from './files.ts';
import { JournalStore } from './store.ts';

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

	it('reads on past a damaged commit with readable ones after it: the file is left whole, and the read says it is damaged', () => {
		const files = [new MemoryFile(), new MemoryFile()] as const;
		const checkpoint = new MemoryFile();
		const store = new JournalStore(files, checkpoint);
		store.writeSnapshot([{ table: 'vault', value: { id: 'vault', keyId: 'k1' } }], 0);
		const active = files[0].size() > 0 ? files[0] : files[1];
		const starts: number[] = [];
		for (let seq = 1; seq <= 5; seq++) {
			starts.push(active.size());
			store.append(seq, [put('answers', sealed(`a${seq}`))]);
		}
		const whole = active.bytes.slice();
		// Garbage over the third commit's body alone (its length still says where the next frame is), or over its header too.
		for (const [at, length] of [
			[starts[2]! + 20, 16],
			[starts[2]!, 16]
		] as const) {
			active.bytes = whole.slice();
			active.write(at, new Uint8Array(length).fill(0xee));
			const damaged = active.bytes.slice();
			const fresh = new JournalStore(files, checkpoint);
			const read = fresh.read();
			expect([...read.state.get('answers')!.keys()]).toEqual(['a1', 'a2', 'a4', 'a5']);
			expect(read.state.get('vault')!.get('vault')).toEqual({ id: 'vault', keyId: 'k1' });
			expect(read).toMatchObject({ maxSeq: 5, contiguous: false, usable: false });
			expect(active.bytes).toEqual(damaged);
			// No more appends after the damage, and no checkpoint that would let the next start take the file on trust.
			expect(fresh.append(6, [put('answers', sealed('a6'))])).toBeUndefined();
			expect(checkpoint.size()).toBe(0);
			expect(new JournalStore(files, checkpoint).startState()).toMatchObject({ maxSeq: 5, usable: false });
		}
	});

	it('loses to one damaged byte after the snapshot only the commit that held it, and cuts off only a last frame', () => {
		const { files, store } = setUp();
		const active = files[0].size() > 0 ? files[0] : files[1];
		const starts: number[] = [];
		for (let seq = 1; seq <= 5; seq++) {
			// The empty snapshot ends with the head's region, which the head frame does not fill.
			starts.push(Math.max(active.size(), HEAD_REGION));
			store.append(seq, [put('answers', sealed(`a${seq}`))]);
		}
		const whole = active.bytes.slice();
		fc.assert(
			fc.property(fc.integer({ min: starts[0]!, max: whole.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
				active.bytes = whole.slice();
				active.bytes[at]! ^= flip;
				const hit = starts.findLastIndex((start) => start <= at);
				const read = new JournalStore(files).read();
				const expected = [1, 2, 3, 4, 5].filter((n) => n !== hit + 1).map((n) => `a${n}`);
				expect([...read.state.get('answers')!.keys()]).toEqual(expected);
				// A damaged last frame cannot be told from one torn by a crash: it is cut off, and the journal goes on.
				const last = hit === starts.length - 1;
				expect(read.usable).toBe(last);
				expect(active.size()).toBe(last ? starts.at(-1) : whole.length);
			}),
			{ seed: 7, numRuns: 300 }
		);
	});

	it('cuts off a frame torn by a crash at the end, after the readable ones, and reads the journal as whole', () => {
		const { files, store } = setUp();
		store.append(1, [put('answers', sealed('a1'))]);
		const active = files[0].size() > HEAD_REGION ? files[0] : files[1];
		const intact = active.size();
		store.append(2, [put('answers', sealed('a2'))]);
		// The last append reached the disk only in part: its header and some of its body.
		active.bytes = active.bytes.slice(0, active.size() - 7);
		const read = new JournalStore(files).read();
		expect([...read.state.get('answers')!.keys()]).toEqual(['a1']);
		expect(read).toMatchObject({ maxSeq: 1, contiguous: true, usable: true });
		expect(active.size()).toBe(intact);
	});

	it('carries over the commits after a damaged one into a new snapshot, which takes appends again', () => {
		const { files, store } = setUp();
		store.append(1, [put('answers', sealed('a1'))]);
		const build = store.beginSnapshot();
		store.addToSnapshot(build, [{ table: 'answers', value: sealed('a1') }]);
		const old = files[0].size() > 0 ? files[0] : files[1];
		const damagedAt = old.size();
		store.append(2, [put('answers', sealed('a2'))]);
		store.append(3, [put('answers', sealed('a3'))]);
		old.write(damagedAt + 20, new Uint8Array(8).fill(0xee));
		store.finishSnapshot(build, 1);
		store.append(4, [put('answers', sealed('a4'))]);
		const read = new JournalStore(files).read();
		expect([...read.state.get('answers')!.keys()]).toEqual(['a1', 'a3', 'a4']);
		expect(read).toMatchObject({ maxSeq: 4, usable: true });
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
		// The snapshot's records (one write per step) and its head.
		for (let writes = 0; writes < 2; writes++) {
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

	it('writes each step of a snapshot to its file in one write, whatever the number of records', () => {
		const { files, store } = setUp();
		const build = store.beginSnapshot();
		const writes = files.map((file) => {
			const counted = { n: 0 };
			const write = file.write.bind(file);
			file.write = (at, data) => (counted.n++, write(at, data));
			return counted;
		});
		store.addToSnapshot(
			build,
			Array.from({ length: 50 }, (_, i) => ({ table: 'answers', value: sealed(`a${i}`) }))
		);
		store.addToSnapshot(build, []);
		expect(writes.map((w) => w.n).sort()).toEqual([0, 1]);
		store.finishSnapshot(build, 0);
		expect(store.read().state.get('answers')!.size).toBe(50);
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
