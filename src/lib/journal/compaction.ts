import { activeFile, commitsAfter, HEAD_REGION, type FilePair, type Head } from './files.ts';
import { encodeFrame } from './frames.ts';
import { apply, type TableState } from './replay.ts';
import { emptyTail, follow, START_TABLE, type Tail } from './tail.ts';

/*
 * Compaction: the journal written afresh from the database into the idle file, in steps (the page reads the database in
 * short transactions between them) while commits go on being appended to the active one. Until the new head is written
 * the idle file has no head, so a crash at any point leaves the old journal in use, whole.
 */

/** Once the journal has grown this much beyond its snapshot, it is rewritten (compacted) from the database. */
const GROWTH_BEFORE_REWRITE = 8 * 1024 * 1024;

export const grown = ({ bytes, snapshotBytes }: { bytes: number; snapshotBytes: number }): boolean =>
	bytes > snapshotBytes * 2 + GROWTH_BEFORE_REWRITE;

export interface SnapshotRecord {
	table: string;
	value: unknown;
}

/** A snapshot under way: which file, where its next frame goes, and the start table's records in it. */
type Building = { id: number; index: 0 | 1; at: number; state: TableState };

/** One snapshot at a time: beginning another (or erasing) gives up the one under way. */
export class SnapshotBuilder {
	private building: Building | undefined;
	private lastBuild = 0;

	constructor(private readonly files: FilePair) {}

	/** Empties the idle file and begins a snapshot in it; the returned number names it in the later steps. */
	begin(): number {
		const index: 0 | 1 = activeFile(this.files)?.index === 0 ? 1 : 0;
		this.files[index].truncate(0);
		this.building = { id: ++this.lastBuild, index, at: HEAD_REGION, state: new Map() };
		return this.building.id;
	}

	private buildOf(id: number): Building {
		if (this.building?.id !== id) throw new Error('The journal snapshot was given up (another one began, or the journal was erased)');
		return this.building;
	}

	/**
	 * Not flushed: `finish` flushes every step at once, before the head that makes them count. A step's frames go to the
	 * file in one write: each write of a sync access handle can be a round trip to the browser (Chromium's in-memory OPFS of
	 * an off-the-record profile: ~0.5 ms a call against ~10 µs on disk), and a frame per write made the years bench's
	 * snapshot at 1× take 12.2 s, 9.9 s of it in the worker's writes (3.0 s with a write per step).
	 */
	add(id: number, records: Iterable<SnapshotRecord>): void {
		const build = this.buildOf(id);
		const frames: Uint8Array[] = [];
		let length = 0;
		for (const { table, value } of records) {
			const frame = encodeFrame({ kind: 'snapshot', table, value });
			frames.push(frame);
			length += frame.length;
			if (table === START_TABLE) apply(build.state, [{ type: 'put', table, values: [value] }]);
		}
		if (length === 0) return;
		const step = new Uint8Array(length);
		let at = 0;
		for (const frame of frames) {
			step.set(frame, at);
			at += frame.length;
		}
		this.files[build.index].write(build.at, step);
		build.at += length;
	}

	/**
	 * Makes the snapshot the journal: the commits after `baseSeq` that reached the old file are copied after it (replayed in
	 * order over the snapshot they give every record its last state, whenever it was read), then its head is written, then
	 * the old file is emptied. Returns the new file's tail, which this worker wrote whole.
	 */
	finish(id: number, baseSeq: number): Tail {
		const build = this.buildOf(id);
		this.building = undefined;
		const current = activeFile(this.files);
		if (current?.index === build.index) throw new Error('The journal snapshot was written over');
		const target = this.files[build.index];
		const later = current ? commitsAfter(this.files[current.index], current.head, baseSeq) : [];
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
		const tail: Tail = { ...emptyTail(build.index, head), end: at, state: build.state };
		for (const commit of later) follow(tail, commit);
		return tail;
	}

	giveUp(): void {
		this.building = undefined;
	}
}
