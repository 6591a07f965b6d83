import { encodeFrame, readFrame, type Frame, type JournalFile, type JournalOp, type KeyRange } from './frames.ts';

/*
 * A second copy of the database, outside IndexedDB: Chromium deletes an origin's whole IndexedDB when
 * it finds a record torn by a crash. Two files take turns: the active one starts with a snapshot and
 * grows by one frame per committed transaction; a new snapshot goes into the other file, and its head
 * (written last, at offset 0) makes it the active one. A crash in the middle leaves the old file in use.
 */

/** The head frame sits alone at the start of a file, so writing it is the single step that completes a snapshot. */
export const HEAD_REGION = 256;

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

export interface SnapshotRecord {
	table: string;
	value: unknown;
}

/** A snapshot under way: which file, and where its next frame goes. */
type Building = { id: number; index: 0 | 1; at: number };

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

export class JournalStore {
	/** Where the valid frames of a file end, as this tab last saw it (another tab may have appended). */
	private knownEnd = new Map<string, number>();
	/** The snapshot being written into the idle file, if any. */
	private building: Building | undefined;
	private lastBuild = 0;

	constructor(private readonly files: readonly [JournalFile, JournalFile]) {}

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
		this.knownEnd.set(`${index}:${head.generation}`, at);
		return { end: at, damaged: false };
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

	/** Adds one committed transaction. Returns the active file's size and its snapshot's; undefined without a usable journal. */
	append(seq: number, ops: JournalOp[]): { bytes: number; snapshotBytes: number } | undefined {
		const active = this.active();
		if (!active) return undefined;
		const file = this.files[active.index];
		const known = this.knownEnd.get(`${active.index}:${active.head.generation}`);
		const scanned = known === file.size() ? { end: known, damaged: false } : this.scan(active.index, active.head, known ?? HEAD_REGION);
		if (scanned.damaged) return undefined;
		const { end } = scanned;
		const frame = encodeFrame({ kind: 'commit', seq, ops });
		file.write(end, frame);
		file.flush();
		this.knownEnd.set(`${active.index}:${active.head.generation}`, end + frame.length);
		return { bytes: end + frame.length, snapshotBytes: active.head.snapshotEnd };
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
		this.building = { id: ++this.lastBuild, index, at: HEAD_REGION };
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
		const generation = (current?.head.generation ?? 0) + 1;
		const head = encodeFrame({ kind: 'head', generation, baseSeq, snapshotEnd });
		if (head.length > HEAD_REGION) throw new RangeError('The journal head does not fit its region');
		target.write(0, head);
		target.flush();
		// The next append goes straight to the end, rather than reading the whole new file through first.
		this.knownEnd.set(`${build.index}:${generation}`, at);
		if (current) {
			this.files[current.index].truncate(0);
			this.files[current.index].flush();
		}
	}

	/** Empties both files: no journal is left until the next snapshot. */
	erase(): void {
		this.building = undefined;
		for (const file of this.files) {
			file.truncate(0);
			file.flush();
		}
		this.knownEnd.clear();
	}
}
