import { describe, expect, it } from 'vitest';
import { MemoryFile } from '../../../tests/unit/memory-file.ts';
import { put, sealed } from '../../../tests/unit/journal-records.ts';
import { HEAD_REGION } from './files.ts';
import type { JournalState } from './replay.ts';
import { JournalStore } from './store.ts';
import type { VerifyCursor } from './verify.ts';

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
		// Each append's frame and checkpoint, the snapshot's records (one write per step), carried commit, head and checkpoint: it
		// fired at each.
		expect(crashes).toBe(8);
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
