import type { Active } from './files.ts';
import { encodeFrame, readFrame, type Checkpoint, type JournalFile } from './frames.ts';
import { emptyTail, START_TABLE, type Tail } from './tail.ts';

/*
 * A third file holds a checkpoint: the tail (tail.ts) as of a byte of the active file. A start reads it and the frames
 * after it, so its work does not grow with the journal (issue 17: on a tablet used for years the start checked every frame,
 * 2.4 s); the frames before it are checked afterwards, in steps (verify.ts).
 */

/** The checkpoint file's two slots, written in turn: a write torn by a crash leaves the other one whole. */
const CHECKPOINT_SLOT = 16 * 1024;

export class CheckpointFile {
	/** The last checkpoint's number: the newer of the two slots is the one with the higher. */
	private serial: number;

	/** Without a file (tests of the journal files alone), there is never a checkpoint and every start reads the whole file. */
	constructor(private readonly file?: JournalFile) {
		this.serial = this.saved()?.serial ?? 0;
	}

	/** The newer whole checkpoint of the two slots. */
	private saved(): Checkpoint | undefined {
		const file = this.file;
		if (!file) return undefined;
		const size = file.size();
		return [0, CHECKPOINT_SLOT]
			.map((at) => readFrame(file, at, Math.min(size, at + CHECKPOINT_SLOT))?.frame)
			.filter((frame): frame is Checkpoint => frame?.kind === 'checkpoint')
			.sort((a, b) => b.serial - a.serial)[0];
	}

	/** The newest checkpoint as a tail, if it is of this very file and snapshot, and within the file's `size`. */
	tailOf({ index, head }: Active, size: number): Tail | undefined {
		const saved = this.saved();
		if (!saved) return undefined;
		const sameSnapshot =
			saved.index === index &&
			saved.generation === head.generation &&
			saved.baseSeq === head.baseSeq &&
			saved.snapshotEnd === head.snapshotEnd;
		if (!sameSnapshot || saved.end < head.snapshotEnd || saved.end > size) return undefined;
		const records = new Map(saved.records.map((record) => [(record as { id: string }).id, record]));
		const { end, maxSeq, commits, holdsDeleted } = saved;
		return {
			...emptyTail(index, head),
			end,
			maxSeq,
			commits,
			holdsDeleted,
			state: new Map([[START_TABLE, records]]),
			unverified: true
		};
	}

	/**
	 * Writes the tail as the checkpoint, into the older slot. Not flushed: the frames it counts were flushed before it, and a
	 * checkpoint lost in a crash only makes the next start follow more frames (the older slot's, or the whole file).
	 */
	save(tail: Tail): void {
		if (!this.file || !tail.usable || !tail.ordered) return;
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
		this.file.write((serial % 2) * CHECKPOINT_SLOT, frame);
		this.serial = serial;
	}

	/** Leaves no checkpoint, durably: the next start reads the journal through. */
	drop(): void {
		this.file?.truncate(0);
		this.file?.flush();
	}
}
