import type { JournalOp } from '#lib/journal/frames.ts';
import type { SnapshotRecord } from '#lib/journal/store.ts';
import { JournalStore } from '#lib/journal/store.ts';
import { MemoryFile } from './memory-file.ts';

/*
 * Stands in for the page's journal client in Node (no workers, no OPFS): the same store the worker
 * runs, on files in memory, called directly.
 */

export const files = [new MemoryFile(), new MemoryFile()] as const;
const store = new JournalStore(files);
let erasing = false;
/** How many of the next commits never reach the journal, as when the browser dies right after IndexedDB committed. */
export const dropped = { next: 0 };

export function resetJournal(): void {
	store.erase();
	erasing = false;
	dropped.next = 0;
}

export const journal = {
	rewrite: undefined as (() => Promise<void>) | undefined,
	supported: () => true,
	disable() {},
	async inspect() {
		const { state, ...summary } = store.read('vault');
		return { ...summary, vault: state.get('vault')?.get('vault'), erasing };
	},
	read: async () => store.read(),
	snapshot: async (records: SnapshotRecord[], baseSeq: number) => store.writeSnapshot(records, baseSeq),
	async beginErase() {
		erasing = true;
		store.erase();
	},
	async finishErase() {
		erasing = false;
	},
	committed(seq: number, ops: JournalOp[]) {
		if (dropped.next > 0) dropped.next -= 1;
		else store.append(seq, ops);
	},
	settled: async () => undefined
};
