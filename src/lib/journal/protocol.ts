import type { JournalOp } from './frames.ts';
import type { SnapshotRecord } from './compaction.ts';
import type { StartState } from './store.ts';
import type { VerifyCursor } from './verify.ts';

/** What the page asks of the journal worker. */
export type JournalRequest = { id: number } & (
	| { op: 'inspect' }
	| { op: 'verify'; from?: VerifyCursor }
	| { op: 'read' }
	| { op: 'append'; seq: number; ops: JournalOp[] }
	| { op: 'snapshotBegin' }
	| { op: 'snapshotAdd'; build: number; records: SnapshotRecord[] }
	| { op: 'snapshotFinish'; build: number; baseSeq: number }
	| { op: 'beginErase' }
	| { op: 'finishErase' }
);

export type JournalResponse = { id: number; result?: unknown; error?: string };

/** What a start needs to compare the journal with the database, without carrying every record over. */
export type JournalSummary = Omit<StartState, 'state'> & { vault: unknown; erasing: boolean };
