import {
	checkFrame,
	encodeFrame,
	readFrame,
	type Checkpoint,
	type Frame,
	type JournalFile,
	type JournalOp,
	type KeyRange
} from './frames.ts';

/*
 * A second copy of the database, outside IndexedDB: Chromium deletes an origin's whole IndexedDB when
 * it finds a record torn by a crash. Two files take turns: the active one starts with a snapshot and
 * grows by one frame per committed transaction; a new snapshot goes into the other file, and its head
 * (written last, at offset 0) makes it the active one. A crash in the middle leaves the old file in use.
 *
 * A third file holds a checkpoint: what a start needs (the last commit, the tablet's key) as of a byte of the active
 * file. A start reads it and the frames after it, so its work does not grow with the journal (issue 17: on a tablet used
 * for years the start checked every frame, 2.4 s); the frames before it are checked afterwards, in steps (`verify`).
 */

/** The head frame sits alone at the start of a file, so writing it is the single step that completes a snapshot. */
export const HEAD_REGION = 256;

/** The table a start reads (the tablet's key), which the checkpoint carries. */
export const START_TABLE = 'vault';

/** The checkpoint file's two slots, written in turn: a write torn by a crash leaves the other one whole. */
const CHECKPOINT_SLOT = 16 * 1024;

/** How much of the journal one step of a verification checks: the worker answers nothing else meanwhile. */
export const VERIFY_STEP_BYTES = 512 * 1024;

type Head = Extract<Frame, { kind: 'head' }>;
type Commit = Extract<Frame, { kind: 'commit' }>;

/** table → record id → record, as IndexedDB holds them (sealed). */
export type TableState = Map<string, Map<string, unknown>>;

export interface JournalState {
	state: TableState;
	/** The last committed transaction the journal holds. */
	maxSeq: number;
	/** False when a transaction between the snapshot and the last one is missing. */
	contiguous: boolean;
	/** False when no snapshot exists, or its snapshot part is damaged. */
	usable: boolean;
	/** Records were deleted since the snapshot; their old copies stay in it until it is rewritten. */
	holdsDeleted: boolean;
}

/** A start's view of the journal: the start table's records, and how far the file has grown beyond its snapshot. */
export interface StartState extends JournalState {
	/** The frames before the checkpoint were taken on trust: `verify` checks them. */
	unverified: boolean;
	bytes: number;
	snapshotBytes: number;
}

/** Once the journal has grown this much beyond its snapshot, it is rewritten (compacted) from the database. */
const GROWTH_BEFORE_REWRITE = 8 * 1024 * 1024;

export const grown = ({ bytes, snapshotBytes }: { bytes: number; snapshotBytes: number }): boolean =>
	bytes > snapshotBytes * 2 + GROWTH_BEFORE_REWRITE;

/** Where a verification goes on from: a new snapshot since (another generation) needs none. */
export type VerifyCursor = { generation: number; at: number };

export interface SnapshotRecord {
	table: string;
	value: unknown;
}

/** A snapshot under way: which file, where its next frame goes, and the start table's records in it. */
type Building = { id: number; index: 0 | 1; at: number; state: TableState };

/** The active file as this worker has followed it: where its valid frames end, and what a start needs as of there. */
type Tail = {
	index: 0 | 1;
	head: Head;
	end: number;
	maxSeq: number;
	/** Commits after the snapshot's base: with maxSeq, whether one is missing. */
	commits: number;
	holdsDeleted: boolean;
	/** The start table's records. */
	state: TableState;
	/** False once a commit changing the start table came after a later commit: its records then need a read in order. */
	ordered: boolean;
	usable: boolean;
	/** Taken from the checkpoint: the frames before its end have not been checked by this worker. */
	unverified: boolean;
};

function inRange(key: string, { lower, upper, lowerOpen, upperOpen }: KeyRange): boolean {
	if (lower !== undefined && (lowerOpen ? key <= lower : key < lower)) return false;
	if (upper !== undefined && (upperOpen ? key >= upper : key > upper)) return false;
	return true;
}

function apply(state: TableState, ops: readonly JournalOp[]): void {
	for (const op of ops) {
		let table = state.get(op.table);
		if (!table) state.set(op.table, (table = new Map()));
		if (op.type === 'put') for (const value of op.values) table.set((value as { id: string }).id, value);
		else if (op.type === 'delete') for (const key of op.keys) table.delete(key);
		else for (const key of [...table.keys()]) if (inRange(key, op.range)) table.delete(key);
	}
}

const startTableOnly = (ops: readonly JournalOp[]) => ops.filter((op) => op.table === START_TABLE);

export class JournalStore {
	/** The active file as followed so far; undefined until a request needs it. */
	private tail: Tail | undefined;
	/** The snapshot being written into the idle file, if any. */
	private building: Building | undefined;
	private lastBuild = 0;
	/** The last checkpoint's number: the newer of the two slots is the one with the higher. */
	private serial: number;

	/** Without a checkpoint file (tests of the files alone), every start reads the whole active file. */
	constructor(
		private readonly files: readonly [JournalFile, JournalFile],
		private readonly checkpoint?: JournalFile
	) {
		this.serial = this.savedCheckpoint()?.serial ?? 0;
	}

	private head(index: 0 | 1): Head | undefined {
		const found = readFrame(this.files[index], 0, Math.min(this.files[index].size(), HEAD_REGION));
		return found?.frame.kind === 'head' ? found.frame : undefined;
	}

	private active(): { index: 0 | 1; head: Head } | undefined {
		const heads = [this.head(0), this.head(1)] as const;
		const [first, second] = heads;
		if (!first && !second) return undefined;
		const index = !second || (first && first.generation > second.generation) ? 0 : 1;
		return { index, head: heads[index]! };
	}

	/** Visits the frames after the head; a torn tail left by a crash is cut off so that appends follow valid frames. */
	private scan(
		index: 0 | 1,
		head: Head,
		from: number,
		visit?: (frame: Frame) => void,
		onlyTable?: string
	): { end: number; damaged: boolean } {
		const file = this.files[index];
		const size = file.size();
		let at = from;
		for (let found = readFrame(file, at, size, onlyTable); found; found = readFrame(file, at, size, onlyTable)) {
			visit?.(found.frame);
			at = found.next;
		}
		if (at < head.snapshotEnd) return { end: at, damaged: true };
		if (at < size) {
			file.truncate(at);
			file.flush();
		}
		return { end: at, damaged: false };
	}

	/** Takes one frame of the active file into the tail (the start table's snapshot records, and every commit). */
	private follow(tail: Tail, frame: Frame): void {
		if (frame.kind === 'snapshot' && frame.table === START_TABLE)
			apply(tail.state, [{ type: 'put', table: START_TABLE, values: [frame.value] }]);
		// A tab that committed before the snapshot was read may append after it was written: the snapshot already holds that.
		if (frame.kind !== 'commit' || frame.seq <= tail.head.baseSeq) return;
		const changes = startTableOnly(frame.ops);
		if (changes.length > 0 && frame.seq < tail.maxSeq) tail.ordered = false;
		else apply(tail.state, changes);
		tail.commits += 1;
		tail.maxSeq = Math.max(tail.maxSeq, frame.seq);
		tail.holdsDeleted ||= frame.ops.some((op) => op.type !== 'put');
	}

	private emptyTail(index: 0 | 1, head: Head): Tail {
		const state: TableState = new Map();
		return {
			index,
			head,
			end: HEAD_REGION,
			maxSeq: head.baseSeq,
			commits: 0,
			holdsDeleted: false,
			state,
			ordered: true,
			usable: true,
			unverified: false
		};
	}

	/** The newer whole checkpoint of the two slots. */
	private savedCheckpoint(): Checkpoint | undefined {
		const file = this.checkpoint;
		if (!file) return undefined;
		const size = file.size();
		return [0, CHECKPOINT_SLOT]
			.map((at) => readFrame(file, at, Math.min(size, at + CHECKPOINT_SLOT))?.frame)
			.filter((frame): frame is Checkpoint => frame?.kind === 'checkpoint')
			.sort((a, b) => b.serial - a.serial)[0];
	}

	/** The newest checkpoint, if it is of this very file and snapshot. */
	private fromCheckpoint(index: 0 | 1, head: Head): Tail | undefined {
		const saved = this.savedCheckpoint();
		if (!saved) return undefined;
		const sameSnapshot =
			saved.index === index &&
			saved.generation === head.generation &&
			saved.baseSeq === head.baseSeq &&
			saved.snapshotEnd === head.snapshotEnd;
		if (!sameSnapshot || saved.end < head.snapshotEnd || saved.end > this.files[index].size()) return undefined;
		const records = new Map(saved.records.map((record) => [(record as { id: string }).id, record]));
		const { end, maxSeq, commits, holdsDeleted } = saved;
		return {
			...this.emptyTail(index, head),
			end,
			maxSeq,
			commits,
			holdsDeleted,
			state: new Map([[START_TABLE, records]]),
			unverified: true
		};
	}

	/**
	 * The active file's tail: from this worker's memory, else from the checkpoint, else read from the start of the file; then
	 * the frames after it (appended since, or not yet in the checkpoint) are followed, and a torn last frame cut off.
	 */
	private tailOf(active: { index: 0 | 1; head: Head }): Tail {
		const { index, head } = active;
		const known = this.tail;
		const file = this.files[index];
		let tail =
			known?.index === index && known.head.generation === head.generation && known.end <= file.size()
				? known
				: this.fromCheckpoint(index, head);
		const fromStart = !tail;
		tail ??= this.emptyTail(index, head);
		this.tail = tail;
		if (!fromStart && tail.end === file.size()) return tail;
		const found = tail;
		const { end, damaged } = this.scan(index, head, tail.end, (frame) => this.follow(found, frame), START_TABLE);
		tail.end = end;
		tail.usable &&= !damaged;
		this.saveCheckpoint(tail);
		return tail;
	}

	/**
	 * Writes the tail as the checkpoint, into the older slot. Not flushed: the frames it counts were flushed before it, and a
	 * checkpoint lost in a crash only makes the next start follow more frames (the older slot's, or the whole file).
	 */
	private saveCheckpoint(tail: Tail): void {
		if (!this.checkpoint || !tail.usable || !tail.ordered) return;
		const { index, head, end, maxSeq, commits, holdsDeleted } = tail;
		const records = [...(tail.state.get(START_TABLE)?.values() ?? [])];
		const serial = this.serial + 1;
		const { generation, baseSeq, snapshotEnd } = head;
		const frame = encodeFrame({
			kind: 'checkpoint',
			serial,
			index,
			generation,
			baseSeq,
			snapshotEnd,
			end,
			maxSeq,
			commits,
			holdsDeleted,
			records
		});
		// A start table too large for a slot leaves the older checkpoint, which the next start follows on from.
		if (frame.length > CHECKPOINT_SLOT) return;
		this.checkpoint.write((serial % 2) * CHECKPOINT_SLOT, frame);
		this.serial = serial;
	}

	private commitsAfter(index: 0 | 1, head: Head, seq: number): Commit[] {
		const commits: Commit[] = [];
		this.scan(index, head, head.snapshotEnd, (frame) => {
			if (frame.kind === 'commit' && frame.seq > seq) commits.push(frame);
		});
		return commits.sort((a, b) => a.seq - b.seq);
	}

	/** The records as of the last commit; with `onlyTable`, only that table's, so a start need not hold every record. */
	read(onlyTable?: string): JournalState {
		const state: TableState = new Map();
		const active = this.active();
		if (!active) return { state, maxSeq: 0, contiguous: true, usable: false, holdsDeleted: false };
		const wanted = ({ table }: { table: string }) => onlyTable === undefined || table === onlyTable;
		const commits: Commit[] = [];
		const { damaged } = this.scan(
			active.index,
			active.head,
			HEAD_REGION,
			(frame) => {
				if (frame.kind === 'snapshot' && wanted(frame)) apply(state, [{ type: 'put', table: frame.table, values: [frame.value] }]);
				// A tab that committed before the snapshot was read may append after it was written: the snapshot already holds that.
				else if (frame.kind === 'commit' && frame.seq > active.head.baseSeq) commits.push(frame);
			},
			onlyTable
		);
		commits.sort((a, b) => a.seq - b.seq);
		apply(state, commits.flatMap((commit) => commit.ops).filter(wanted));
		const contiguous = commits.every((commit, i) => commit.seq === active.head.baseSeq + i + 1);
		const holdsDeleted = commits.some((commit) => commit.ops.some((op) => op.type !== 'put'));
		return { state, maxSeq: commits.at(-1)?.seq ?? active.head.baseSeq, contiguous, usable: !damaged, holdsDeleted };
	}

	/**
	 * What a start needs: the start table's records, the last commit, whether one is missing or records were deleted, how
	 * large the file has grown. From the checkpoint and the frames after it, so it does not grow with the journal.
	 */
	startState(): StartState {
		const active = this.active();
		if (!active)
			return {
				state: new Map(),
				maxSeq: 0,
				contiguous: true,
				usable: false,
				holdsDeleted: false,
				unverified: false,
				bytes: 0,
				snapshotBytes: 0
			};
		const tail = this.tailOf(active);
		const sizes = { bytes: tail.end, snapshotBytes: tail.head.snapshotEnd };
		// Another tab's commit to the start table came late: the records are read in the order of their commits.
		if (!tail.ordered) return { ...this.read(START_TABLE), unverified: false, ...sizes };
		const { maxSeq, commits, usable, holdsDeleted, unverified } = tail;
		const state: TableState = new Map([[START_TABLE, new Map(tail.state.get(START_TABLE))]]);
		return { state, maxSeq, contiguous: commits === maxSeq - tail.head.baseSeq, usable, holdsDeleted, unverified, ...sizes };
	}

	/**
	 * Checks the CRC of the frames a start took on trust (the checkpoint's), a step of `maxBytes` at a time from `from`.
	 * Returns where to go on (none once done); `damaged` when a frame failed: the journal is then no longer appended to
	 * (`append` answers undefined, so the page rewrites it) and the checkpoint is dropped, so the next start finds it too.
	 */
	verify(from?: VerifyCursor, maxBytes = VERIFY_STEP_BYTES): { next?: VerifyCursor; damaged: boolean } {
		const active = this.active();
		if (!active) return { damaged: false };
		const tail = this.tailOf(active);
		if (!tail.unverified || (from && from.generation !== active.head.generation)) return { damaged: !tail.usable };
		const file = this.files[active.index];
		let at = from?.at ?? HEAD_REGION;
		for (const stop = at + maxBytes; at < tail.end && at < stop;) {
			const next = checkFrame(file, at, tail.end);
			if (next === undefined) {
				tail.usable = false;
				this.checkpoint?.truncate(0);
				this.checkpoint?.flush();
				return { damaged: true };
			}
			at = next;
		}
		if (at < tail.end) return { next: { generation: active.head.generation, at }, damaged: false };
		tail.unverified = false;
		return { damaged: false };
	}

	/** Adds one committed transaction. Returns the active file's size and its snapshot's; undefined without a usable journal. */
	append(seq: number, ops: JournalOp[]): { bytes: number; snapshotBytes: number } | undefined {
		const active = this.active();
		if (!active) return undefined;
		const tail = this.tailOf(active);
		if (!tail.usable) return undefined;
		const commit: Commit = { kind: 'commit', seq, ops };
		const frame = encodeFrame(commit);
		const file = this.files[active.index];
		file.write(tail.end, frame);
		file.flush();
		tail.end += frame.length;
		this.follow(tail, commit);
		this.saveCheckpoint(tail);
		return { bytes: tail.end, snapshotBytes: active.head.snapshotEnd };
	}

	/**
	 * Starts a new journal from the database's records as of transaction `baseSeq`. Transactions after it
	 * that reached the old journal meanwhile are carried over. The old file is emptied afterwards, so
	 * records deleted from the database leave the journal too.
	 */
	writeSnapshot(records: Iterable<SnapshotRecord>, baseSeq: number): void {
		const build = this.beginSnapshot();
		this.addToSnapshot(build, records);
		this.finishSnapshot(build, baseSeq);
	}

	/**
	 * Begins a snapshot in the idle file, to be filled in steps (`addToSnapshot`) while commits go on being appended to the
	 * active one, and made the journal by `finishSnapshot`. Until then the idle file has no head, so a crash at any point
	 * leaves the old journal in use, whole. One snapshot at a time: beginning another (or erasing) gives up this one.
	 */
	beginSnapshot(): number {
		const index: 0 | 1 = this.active()?.index === 0 ? 1 : 0;
		this.files[index].truncate(0);
		this.building = { id: ++this.lastBuild, index, at: HEAD_REGION, state: new Map() };
		return this.building.id;
	}

	private buildOf(id: number): Building {
		if (this.building?.id !== id) throw new Error('The journal snapshot was given up (another one began, or the journal was erased)');
		return this.building;
	}

	/**
	 * Adds records to the snapshot under way. The records may be read from the database in several transactions after
	 * `baseSeq`: a record changed meanwhile is changed again by its commit, which follows the snapshot (see `finishSnapshot`).
	 */
	addToSnapshot(id: number, records: Iterable<SnapshotRecord>): void {
		const build = this.buildOf(id);
		const target = this.files[build.index];
		for (const { table, value } of records) {
			const frame = encodeFrame({ kind: 'snapshot', table, value });
			target.write(build.at, frame);
			build.at += frame.length;
			if (table === START_TABLE) apply(build.state, [{ type: 'put', table, values: [value] }]);
		}
	}

	/**
	 * Makes the snapshot the journal: the commits after `baseSeq` that reached the old file are copied after it (replayed in
	 * order over the snapshot they give every record its last state, whenever it was read), then its head is written.
	 */
	finishSnapshot(id: number, baseSeq: number): void {
		const build = this.buildOf(id);
		this.building = undefined;
		const current = this.active();
		if (current?.index === build.index) throw new Error('The journal snapshot was written over');
		const target = this.files[build.index];
		const later = current ? this.commitsAfter(current.index, current.head, baseSeq) : [];
		const snapshotEnd = build.at;
		let at = snapshotEnd;
		for (const commit of later) {
			const frame = encodeFrame(commit);
			target.write(at, frame);
			at += frame.length;
		}
		target.flush();
		const head: Head = { kind: 'head', generation: (current?.head.generation ?? 0) + 1, baseSeq, snapshotEnd };
		const headFrame = encodeFrame(head);
		if (headFrame.length > HEAD_REGION) throw new RangeError('The journal head does not fit its region');
		target.write(0, headFrame);
		target.flush();
		if (current) {
			this.files[current.index].truncate(0);
			this.files[current.index].flush();
		}
		// Written whole by this worker: the next append goes straight to the end, and the next start reads the checkpoint.
		const tail: Tail = { ...this.emptyTail(build.index, head), end: at, state: build.state };
		for (const commit of later) this.follow(tail, commit);
		this.tail = tail;
		this.saveCheckpoint(tail);
	}

	/** Empties both files: no journal is left until the next snapshot. */
	erase(): void {
		this.building = undefined;
		this.tail = undefined;
		// The checkpoint first: numbering starts again after an erase, and an old one must never match a new snapshot.
		for (const file of [this.checkpoint, ...this.files]) {
			file?.truncate(0);
			file?.flush();
		}
	}
}
