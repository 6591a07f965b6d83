import type { JournalOp } from './frames.ts';
import type { JournalState, SnapshotRecord } from './store.ts';

/** What the page asks of the journal worker. */
export type JournalRequest = { id: number } & (
	| { op: 'read' }
	| { op: 'append'; seq: number; ops: JournalOp[] }
	| { op: 'snapshot'; records: SnapshotRecord[]; baseSeq: number }
	| { op: 'beginErase' }
	| { op: 'finishErase' }
);

export type JournalResponse = { id: number; result?: unknown; error?: string };

export type JournalReading = JournalState & { erasing: boolean };
