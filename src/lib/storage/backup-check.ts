import { validateBoardSet } from '#lib/domain/board.ts';
import type { ParticipantRole } from '#lib/domain/meeting.ts';
import { ValidationError } from '#lib/domain/validation.ts';
import { boardFromRecord, type AnswerRecord, type BoardRecord, type RecordsByTable } from './records.ts';
import { DamagedRecordError, MEETING_OWNED_TABLES, NewerRecordError, parseRecord } from './registry.ts';
import { SEALED_TABLES, type SealedTable } from './tables.ts';

/*
 * The restore layer: every record a backup carries is checked against the registry, and the records
 * against each other, before anything is written; nothing unknown is kept. A file is checked group by
 * group as it is read (BackupCheck), keeping only what the checks across groups need (ids, who was at
 * which meeting, the boards), so checking a file does not hold its records.
 */

/** Every record of some citizens, opened, in their stored shapes: what a backup file holds. */
export type BackupContent = { createdAt: number } & { [T in SealedTable]: RecordsByTable[T][] };

const invalid = (): never => {
	throw new ValidationError('backup.invalid');
};

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Records of one table a file may hold; the reader stops at it before holding more. */
export const MAX_RECORDS = 200_000;
/** Far more than one team's tablet holds; a file with more is not a backup from Billedtale. */
const MAX_CITIZENS = 2_000;

/**
 * A file's records of one table, parsed (older versions upgraded by the registry's migrations), or backup.invalid; a record
 * of a version this app does not know yet came from a newer Billedtale (backup.newerVersion), not from damage.
 */
export function parseRecords<T extends SealedTable>(name: T, value: unknown): RecordsByTable[T][] {
	if (!Array.isArray(value) || value.length > MAX_RECORDS) return invalid();
	// Array.from turns holes in a sparse array into undefined, which parseRecord refuses.
	return Array.from(value, (record) => {
		try {
			return parseRecord(name, record);
		} catch (error) {
			if (error instanceof NewerRecordError) throw new ValidationError('backup.newerVersion');
			if (error instanceof DamagedRecordError) return invalid();
			throw error;
		}
	});
}

/*
 * The rules below say which records a restore accepts together. A restore refuses a whole file that breaks one
 * (BackupCheck); a backup leaves out what would break one (BackupSelection), so what it writes restores.
 */

type MeetingFacts = { citizenId: string; people: Map<string, ParticipantRole> };
/** A record kept under a meeting (a table of MEETING_OWNED_TABLES: answers, plans, assessments). */
type MeetingOwned = { table: SealedTable; record: { citizenId: string; meetingId: string } };

const factsOf = (meeting: RecordsByTable['meetings']): MeetingFacts => ({
	citizenId: meeting.citizenId,
	people: new Map(meeting.payload.participants.map((p) => [p.id, p.role]))
});

/**
 * A record kept under a meeting must be the same citizen's as its meeting, and that meeting in the file: a file must
 * not hang a plan or an assessment on a meeting of another citizen on this tablet, where it would show and be added to.
 * Who an answer names must be at its meeting; only someone other than the citizen relays.
 */
function fitsMeeting({ table, record }: MeetingOwned, meeting: MeetingFacts | undefined): boolean {
	if (!meeting || record.citizenId !== meeting.citizenId) return false;
	if (table !== 'answers') return true;
	const answer = record as AnswerRecord;
	return [answer.payload.provenance, ...answer.payload.history.map((r) => r.provenance)].every((provenance) => {
		if (provenance.participantId === undefined) return provenance.mode !== 'formidlet';
		const role = meeting.people.get(provenance.participantId);
		return role !== undefined && !(provenance.mode === 'formidlet' && role === 'borger');
	});
}

/** Why one citizen's boards cannot be restored as a set: a cell id twice on a board, not one start board, or a link out of the set. */
function boardSetProblem(own: readonly BoardRecord[]): 'backup.duplicateIds' | 'backup.invalid' | undefined {
	for (const board of own) {
		const cellIds = board.payload.slots.flatMap((cell) => (cell ? [cell.id] : []));
		if (new Set(cellIds).size !== cellIds.length) return 'backup.duplicateIds';
	}
	const roots = own.filter((b) => b.payload.root);
	if (roots.length !== 1) return 'backup.invalid';
	try {
		validateBoardSet({ rootBoardId: roots[0]!.id, boards: own.map(boardFromRecord) });
	} catch {
		return 'backup.invalid';
	}
	return undefined;
}

function boardsByCitizen(boards: readonly BoardRecord[]): Map<string, BoardRecord[]> {
	const by = new Map<string, BoardRecord[]>();
	for (const board of boards) {
		const own = by.get(board.citizenId);
		if (own) own.push(board);
		else by.set(board.citizenId, [board]);
	}
	return by;
}

/** Every board's owner is known to be in the file by now; a repeated cell id is told before any other problem. */
function checkBoards(boards: readonly BoardRecord[]): void {
	const problems = new Set([...boardsByCitizen(boards).values()].map(boardSetProblem));
	if (problems.has('backup.duplicateIds')) throw new ValidationError('backup.duplicateIds');
	if (problems.has('backup.invalid')) invalid();
}

/**
 * The checks of a whole file, fed one group of records at a time in the file's order. An answer, plan or
 * assessment is checked as soon as its meeting has come (the writer puts meetings first); the few that come
 * before theirs wait for finish(). Throws backup.invalid, backup.newerVersion, backup.tooMany or backup.duplicateIds.
 */
export class BackupCheck {
	private readonly counts = new Map<SealedTable, number>();
	private readonly ids = new Set<string>();
	private readonly citizenIds = new Set<string>();
	private readonly owners = new Set<string>();
	private readonly meetings = new Map<string, MeetingFacts>();
	private readonly waiting: MeetingOwned[] = [];
	private readonly boards: BoardRecord[] = [];
	private duplicate = false;

	/** Checks one group of a table's records and returns them parsed. */
	add<T extends SealedTable>(name: T, raw: unknown): RecordsByTable[T][] {
		const count = (this.counts.get(name) ?? 0) + (Array.isArray(raw) ? raw.length : 0);
		if (name === 'citizens' && count > MAX_CITIZENS) throw new ValidationError('backup.tooMany');
		if (count > MAX_RECORDS) invalid();
		this.counts.set(name, count);
		const records = parseRecords(name, raw);
		for (const record of records as Array<RecordsByTable[SealedTable]>) {
			// Reported after the other checks, as restoring one whole file reported it.
			if (this.ids.has(record.id)) this.duplicate = true;
			this.ids.add(record.id);
			if ('citizenId' in record) this.owners.add(record.citizenId);
			else this.citizenIds.add(record.id);
		}
		if (name === 'meetings') {
			for (const m of records as RecordsByTable['meetings'][]) {
				this.meetings.set(m.id, factsOf(m));
			}
		} else if (MEETING_OWNED_TABLES.includes(name)) {
			for (const record of records as MeetingOwned['record'][]) {
				const meeting = this.meetings.get(record.meetingId);
				if (!meeting) this.waiting.push({ table: name, record });
				else if (!fitsMeeting({ table: name, record }, meeting)) invalid();
			}
		} else if (name === 'boards') this.boards.push(...(records as BoardRecord[]));
		return records;
	}

	/** The checks across the whole file, once every group has been added. */
	finish(): void {
		for (const owner of this.owners) if (!this.citizenIds.has(owner)) invalid();
		for (const owned of this.waiting) if (!fitsMeeting(owned, this.meetings.get(owned.record.meetingId))) invalid();
		checkBoards(this.boards);
		if (this.duplicate) throw new ValidationError('backup.duplicateIds');
	}
}

/**
 * What a backup keeps of the records it could open, by the restore's own rules, so that the file it writes restores: a
 * record the tablet cannot read (damaged) is left out, and with it what a restore would refuse without it (a meeting's
 * answers, plan and assessments; every record of a citizen; a board set that misses its start board or a linked board).
 * Fed in the writer's order: the citizens, then the meetings, then what belongs to them; a table's groups one after
 * another, the boards all at once (keepBoards).
 */
export class BackupSelection {
	private readonly citizenIds = new Set<string>();
	private readonly meetings = new Map<string, MeetingFacts>();

	/** The records of one group a restore accepts beside those kept before. */
	keep<T extends Exclude<SealedTable, 'boards'>>(name: T, records: RecordsByTable[T][]): RecordsByTable[T][] {
		const kept = (records as Array<RecordsByTable[SealedTable]>).filter((record) => {
			if (!('citizenId' in record)) return true;
			if (!this.citizenIds.has(record.citizenId)) return false;
			return !('meetingId' in record) || fitsMeeting({ table: name, record }, this.meetings.get(record.meetingId));
		});
		for (const record of kept) {
			if (name === 'citizens') this.citizenIds.add(record.id);
			else if (name === 'meetings') this.meetings.set(record.id, factsOf(record as RecordsByTable['meetings']));
		}
		return kept as RecordsByTable[T][];
	}

	/** Every board of the citizens, kept a citizen's set at a time: a set a restore refuses is left out whole. */
	keepBoards(boards: readonly BoardRecord[]): BoardRecord[] {
		return [...boardsByCitizen(boards)].flatMap(([citizenId, own]) =>
			this.citizenIds.has(citizenId) && boardSetProblem(own) === undefined ? own : []
		);
	}
}

/** Some records of one table as a file holds them, not yet checked. */
export type UncheckedGroup = { table: SealedTable; records: unknown };

/** A backup as it is read: its groups, unchecked, read again from the start each time they are asked for. */
export interface UncheckedBackup {
	createdAt: number;
	groups(): AsyncIterable<UncheckedGroup> | Iterable<UncheckedGroup>;
}

/** The time a backup was made, as its file says it; anything else is backup.invalid. */
export function createdAtOf(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : invalid();
}

/** A backup's decrypted content held whole (a version 1 file, a test) as groups of one table each. */
export function wholeContent(raw: unknown): { createdAt: number; groups(): Generator<UncheckedGroup> } {
	if (!isObject(raw)) return invalid();
	const createdAt = createdAtOf(raw.createdAt);
	if (Array.isArray(raw.citizens) && raw.citizens.length > MAX_CITIZENS) throw new ValidationError('backup.tooMany');
	return {
		createdAt,
		*groups() {
			// A table newer than the file is simply absent from it.
			for (const table of SEALED_TABLES) yield { table, records: raw[table] === undefined && table !== 'citizens' ? [] : raw[table] };
		}
	};
}

const emptyContent = (createdAt: number) =>
	({ createdAt, ...Object.fromEntries(SEALED_TABLES.map((name) => [name, []])) }) as unknown as BackupContent;

/** One at a time: a whole table spread into push() would overflow the stack. */
function append(content: BackupContent, table: SealedTable, records: readonly unknown[]): void {
	const into = content[table] as unknown[];
	for (const record of records) into.push(record);
}

/**
 * Checks a backup's decrypted content held whole and returns a clean copy, or throws backup.invalid. Older
 * record versions are upgraded on the way (the registry's migrations), so every released backup keeps restoring.
 */
export function restoreContent(raw: unknown): BackupContent {
	const backup = wholeContent(raw);
	const check = new BackupCheck();
	const content = emptyContent(backup.createdAt);
	for (const { table, records } of backup.groups()) append(content, table, check.add(table, records));
	check.finish();
	return content;
}

/** Every record of a backup read, checked, at once (tests, and checks that look at them all). */
export async function checkedContent(backup: UncheckedBackup): Promise<BackupContent> {
	const check = new BackupCheck();
	const content = emptyContent(backup.createdAt);
	for await (const { table, records } of backup.groups()) append(content, table, check.add(table, records));
	check.finish();
	return content;
}
