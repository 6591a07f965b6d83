import { CheckpointFile } from './checkpoint.ts';
import { SnapshotBuilder, type SnapshotRecord } from './compaction.ts';
import { activeFile, HEAD_REGION, scan, type Active, type Commit, type FilePair } from './files.ts';
import { encodeFrame, type JournalFile, type JournalOp } from './frames.ts';
import { apply, type JournalState, type TableState } from './replay.ts';
import { emptyTail, follow, START_TABLE, type Tail } from './tail.ts';
import { checkStep, VERIFY_STEP_BYTES, type VerifyCursor } from './verify.ts';

/*
 * A second copy of the database, outside IndexedDB: Chromium deletes an origin's whole IndexedDB when it finds a record
 * torn by a crash. The store ties the parts together: the two files that take turns (files.ts), the tail a start needs
 * (tail.ts) and its checkpoint (checkpoint.ts), the check of what a start took on trust (verify.ts) and the snapshot
 * written in steps (compaction.ts).
 */

/** A start's view of the journal: the start table's records, and how far the file has grown beyond its snapshot. */
export interface StartState extends JournalState {
	/** The frames before the checkpoint were taken on trust: `verify` checks them. */
	unverified: boolean;
	bytes: number;
	snapshotBytes: number;
}

export class JournalStore {
	/** The active file as followed so far; undefined until a request needs it. */
	private tail: Tail | undefined;
	private readonly snapshots: SnapshotBuilder;
	private readonly checkpoint: CheckpointFile;

	/** Without a checkpoint file (tests of the files alone), every start reads the whole active file. */
	constructor(
		private readonly files: FilePair,
		checkpoint?: JournalFile
	) {
		this.snapshots = new SnapshotBuilder(files);
		this.checkpoint = new CheckpointFile(checkpoint);
	}

	/**
	 * The active file's tail: from this worker's memory, else from the checkpoint, else read from the start of the file; then
	 * the frames after it (appended since, or not yet in the checkpoint) are followed, and a torn last frame cut off.
	 */
	private tailOf(active: Active): Tail {
		const { index, head } = active;
		const known = this.tail;
		const file = this.files[index];
		let tail =
			known?.index === index && known.head.generation === head.generation && known.end <= file.size()
				? known
				: this.checkpoint.tailOf(active, file.size());
		const fromStart = !tail;
		tail ??= emptyTail(index, head);
		this.tail = tail;
		if (!fromStart && tail.end === file.size()) return tail;
		const found = tail;
		const from = tail.end;
		const { end, damaged } = scan(file, head, from, (frame) => follow(found, frame), START_TABLE);
		// The frames followed here may be those of a worker killed between an append's write and its flush: the checkpoint
		// may count only frames on disk, or it could outlive them in a power cut and be trusted for a file without them.
		if (end > from) file.flush();
		tail.end = end;
		tail.usable &&= !damaged;
		this.checkpoint.save(tail);
		return tail;
	}

	/**
	 * Reads the start table's records in the order of their commits into a tail that a late commit left unordered, and saves
	 * the checkpoint again. An unordered tail gets no checkpoint, so without this every later start followed the frames since
	 * the last one and then read the whole journal in order, until a compaction (which a large journal waits long for).
	 * False when the read found the file otherwise than the tail (damage, cut off): the tail is then left as it was.
	 */
	private reorder(tail: Tail): boolean {
		const { state, usable } = this.read(START_TABLE);
		if (!usable || this.files[tail.index].size() !== tail.end) return false;
		tail.state = state;
		tail.ordered = true;
		// The read checked every frame's CRC: nothing is left on trust.
		tail.unverified = false;
		this.checkpoint.save(tail);
		return true;
	}

	/** The records as of the last commit; with `onlyTable`, only that table's, so a start need not hold every record. */
	read(onlyTable?: string): JournalState {
		const state: TableState = new Map();
		const active = activeFile(this.files);
		if (!active) return { state, maxSeq: 0, contiguous: true, usable: false, holdsDeleted: false };
		const wanted = ({ table }: { table: string }) => onlyTable === undefined || table === onlyTable;
		const commits: Commit[] = [];
		const { damaged } = scan(
			this.files[active.index],
			active.head,
			HEAD_REGION,
			(frame) => {
				if (frame.kind === 'snapshot' && wanted(frame)) apply(state, [{ type: 'put', table: frame.table, values: [frame.value] }]);
				// A tab that committed before the snapshot was read may append after it was written: the snapshot already holds that.
				else if (frame.kind === 'commit' && frame.seq > active.head.baseSeq) commits.push(frame);
			},
			onlyTable
		);
		// As when `verify` finds damage: no more appends to this file (the page writes it afresh), and the next start finds it too.
		if (damaged) {
			if (this.tail) this.tail.usable = false;
			this.checkpoint.drop();
		}
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
		const active = activeFile(this.files);
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
		if (!tail.ordered && !this.reorder(tail)) return { ...this.read(START_TABLE), unverified: false, ...sizes };
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
		const active = activeFile(this.files);
		if (!active) return { damaged: false };
		const tail = this.tailOf(active);
		if (!tail.unverified || (from && from.generation !== active.head.generation)) return { damaged: !tail.usable };
		const at = checkStep(this.files[active.index], from?.at ?? HEAD_REGION, tail.end, maxBytes);
		if (at === undefined) {
			tail.usable = false;
			this.checkpoint.drop();
			return { damaged: true };
		}
		if (at < tail.end) return { next: { generation: active.head.generation, at }, damaged: false };
		tail.unverified = false;
		return { damaged: false };
	}

	/** Adds one committed transaction. Returns the active file's size and its snapshot's; undefined without a usable journal. */
	append(seq: number, ops: JournalOp[]): { bytes: number; snapshotBytes: number } | undefined {
		const active = activeFile(this.files);
		if (!active) return undefined;
		const tail = this.tailOf(active);
		if (!tail.usable) return undefined;
		const commit: Commit = { kind: 'commit', seq, ops };
		const frame = encodeFrame(commit);
		const file = this.files[active.index];
		file.write(tail.end, frame);
		file.flush();
		tail.end += frame.length;
		follow(tail, commit);
		this.checkpoint.save(tail);
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

	/** Begins a snapshot in the idle file, to be filled in steps while appends go on (compaction.ts). */
	beginSnapshot(): number {
		return this.snapshots.begin();
	}

	/**
	 * Adds records to the snapshot under way. The records may be read from the database in several transactions after
	 * `baseSeq`: a record changed meanwhile is changed again by its commit, which follows the snapshot (see `finishSnapshot`).
	 */
	addToSnapshot(id: number, records: Iterable<SnapshotRecord>): void {
		this.snapshots.add(id, records);
	}

	/** Makes the snapshot the journal, with the commits after `baseSeq` carried over from the old file. */
	finishSnapshot(id: number, baseSeq: number): void {
		// Written whole by this worker: the next append goes straight to the end, and the next start reads the checkpoint.
		this.tail = this.snapshots.finish(id, baseSeq);
		this.checkpoint.save(this.tail);
	}

	/** Empties both files: no journal is left until the next snapshot. */
	erase(): void {
		this.snapshots.giveUp();
		this.tail = undefined;
		// The checkpoint first: an old one must never match a snapshot written after the erase.
		this.checkpoint.drop();
		for (const file of this.files) {
			file.truncate(0);
			file.flush();
		}
	}
}
