import * as v from 'valibot';
import { storedTime } from '#lib/domain/stored-time.ts';
import { accessProfileSchema } from '#lib/domain/access.ts';
import {
	ANSWER_NOTE_MAX,
	answerContentSchema,
	answerSubjectSchema,
	CONFIRMATIONS_MAX,
	mediaIdsOfContent,
	mediaIdsOfSubject,
	provenanceSchema
} from '#lib/domain/answer.ts';
import { isGridSize, mediaIdsOf, normaliseCell, BOARD_NAME_MAX, type BoardCell } from '#lib/domain/board-shape.ts';
import { DISPLAY_NAME_MAX } from '#lib/domain/citizen.ts';
import { planPayloadSchema } from '#lib/domain/plan.ts';
import { mediaIdsOfStoryContent, storyItemPayloadSchema } from '#lib/domain/story-shape.ts';
import { assessmentPayloadSchema } from '#lib/domain/assessment.ts';
import { CASE_PHASES, isCalendarDate, isClockTime, PARTICIPANT_NAME_MAX, PARTICIPANT_ROLES, PLACE_MAX } from '#lib/domain/meeting.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import type { RecordsByTable } from './records.ts';
import { SEALED_TABLES, type SealedTable } from './tables.ts';

/*
 * One entry per sealed table: the shape of its records (plain keys and sealed payload, as valibot
 * schemas), the payload version written today with the named steps that bring older payloads up to it,
 * and the media its records refer to. Reads, backups, restores, citizen deletion, media clean-up and
 * the migration pass after unlock all work from this registry.
 */

const ID = /^[A-Za-z0-9-]{1,100}$/;
const id = v.pipe(v.string(), v.regex(ID));
const time = storedTime;
const text = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(max));
const MEDIA_MAX_BYTES = 20 * 1024 * 1024;
const blob = (kind: 'image' | 'audio') =>
	v.pipe(
		v.instance(Blob),
		v.check((value) => value.type.startsWith(`${kind}/`) && value.size <= MEDIA_MAX_BYTES, `a ${kind} of at most 20 MB`)
	);

const participant = v.strictObject({ id, name: text(PARTICIPANT_NAME_MAX), role: v.picklist(PARTICIPANT_ROLES) });
const status = v.picklist(['active', 'withdrawn']);

const confirmations = v.pipe(v.array(v.strictObject({ provenance: provenanceSchema, at: time })), v.maxLength(CONFIRMATIONS_MAX));

const revision = v.strictObject({
	content: answerContentSchema,
	note: v.optional(text(ANSWER_NOTE_MAX)),
	provenance: provenanceSchema,
	status,
	replacedAt: time,
	change: v.picklist(['corrected', 'withdrawn', 'restored']),
	confirmations: v.optional(confirmations),
	// Optional: a withdrawal or restore stored before who made it was kept (version 3) names nobody (answers-changed-by).
	changedBy: v.optional(
		v.variant('kind', [
			v.strictObject({ kind: v.literal('provenance'), provenance: provenanceSchema }),
			v.strictObject({ kind: v.literal('adviser') })
		])
	)
});

/** A cell passes through the board model's own rules, so stored boards and edited boards obey the same ones. */
const cell = v.rawTransform<Record<string, unknown>, BoardCell>(({ dataset, addIssue, NEVER }) => {
	try {
		return normaliseCell(dataset.value as unknown as BoardCell);
	} catch {
		addIssue({ message: 'a cell the board model refuses' });
		return NEVER;
	}
});

const boardPayload = v.pipe(
	v.strictObject({
		name: text(BOARD_NAME_MAX),
		rows: v.pipe(v.number(), v.integer()),
		columns: v.pipe(v.number(), v.integer()),
		slots: v.array(v.nullable(v.pipe(v.record(v.string(), v.unknown()), cell))),
		root: v.boolean()
	}),
	v.check((b) => isGridSize(b.rows, b.columns) && b.slots.length === b.rows * b.columns, 'slots must fill the grid')
);

const mediaPayload = v.pipe(
	v.strictObject({ kind: v.picklist(['image', 'audio']), mimeType: v.string(), blob: v.instance(Blob) }),
	v.check((m) => v.is(blob(m.kind), m.blob), 'a picture or a recording of its declared kind')
);

type Schema<T> = v.GenericSchema<unknown, T>;
type Keys<T extends SealedTable> = Omit<RecordsByTable[T], 'payload'>;
type Payload<T extends SealedTable> = RecordsByTable[T]['payload'];

export interface TableSpec<T extends SealedTable> {
	/** The payload version written today; older payloads are brought up to it by `migrations`. */
	version: number;
	keys: Schema<Keys<T>>;
	payload: Schema<Payload<T>>;
	/**
	 * Media records this record can refer to: media clean-up keeps them, whichever table refers to them.
	 * A table with this needs a `*mediaIds` index (schema.ts; a unit test checks it).
	 */
	mediaIds?: (payload: Payload<T>) => string[];
	/**
	 * Which tool a record comes from, stored in the clear beside the keys (ABOUT_FIELD), so a view reads only the records
	 * of the tools it shows. A table with this needs `[citizenId+about]` and `[meetingId+about]` indexes (schema.ts).
	 */
	about?: (payload: Payload<T>) => string;
}

export const REGISTRY: { readonly [T in SealedTable]: TableSpec<T> } = {
	citizens: {
		version: 3,
		keys: v.strictObject({ id, createdAt: time }),
		payload: v.strictObject({ displayName: text(DISPLAY_NAME_MAX), photo: v.optional(blob('image')), access: accessProfileSchema })
	},
	meetings: {
		version: 2,
		keys: v.strictObject({
			id,
			citizenId: id,
			createdAt: time,
			date: v.pipe(v.string(), v.check(isCalendarDate, 'a calendar date'))
		}),
		payload: v.strictObject({
			time: v.optional(v.pipe(v.string(), v.check(isClockTime, 'a time of day, HH:MM'))),
			place: v.pipe(v.string(), v.maxLength(PLACE_MAX)),
			phase: v.picklist(CASE_PHASES),
			participants: v.pipe(
				v.array(participant),
				v.maxLength(50),
				v.check((people) => new Set(people.map((p) => p.id)).size === people.length, 'participant ids must be unique')
			)
		})
	},
	answers: {
		version: 4,
		keys: v.strictObject({ id, meetingId: id, citizenId: id, createdAt: time, updatedAt: time }),
		payload: v.strictObject({
			subject: answerSubjectSchema,
			content: answerContentSchema,
			note: v.optional(text(ANSWER_NOTE_MAX)),
			provenance: provenanceSchema,
			status,
			confirmations,
			history: v.pipe(v.array(revision), v.maxLength(1000))
		}),
		// Earlier states count too: a restore from the history must find its photo still there.
		mediaIds: (payload) => [
			...mediaIdsOfSubject(payload.subject),
			...[payload.content, ...payload.history.map((r) => r.content)].flatMap(mediaIdsOfContent)
		],
		// The subject's kind only (the check-in, a VUM theme card, the core board …): never which theme, item, person or
		// text, since this field lies unencrypted on disk and may say no more about the citizen than which tool was used.
		about: (payload) => payload.subject.kind
	},
	boards: {
		version: 1,
		keys: v.strictObject({ id, citizenId: id, createdAt: time, updatedAt: time }),
		payload: boardPayload,
		mediaIds: (payload) => mediaIdsOf({ id: '', ...payload })
	},
	plans: {
		version: 2,
		keys: v.strictObject({ id, meetingId: id, citizenId: id, createdAt: time, updatedAt: time }),
		payload: planPayloadSchema
	},
	storyItems: {
		version: 2,
		keys: v.strictObject({ id, citizenId: id, createdAt: time, updatedAt: time }),
		payload: storyItemPayloadSchema,
		mediaIds: (payload) => mediaIdsOfStoryContent(payload.content)
	},
	media: {
		version: 1,
		keys: v.strictObject({ id, citizenId: id, createdAt: time }),
		payload: mediaPayload
	},
	assessments: {
		version: 1,
		keys: v.strictObject({ id, citizenId: id, meetingId: id, createdAt: time, updatedAt: time }),
		payload: assessmentPayloadSchema
	}
};

/** The payload version of a stored payload; payloads from before versioning are version 1. */
const VERSION_FIELD = 'v';

/** A stored record that does not match its table's shape, even after every migration step. */
export class DamagedRecordError extends Error {
	readonly code: 'error.damagedRecord' | 'error.updatedElsewhere' = 'error.damagedRecord';
	constructor(
		readonly table: SealedTable,
		readonly id: string,
		readonly problems: string[],
		options?: { cause?: unknown }
	) {
		super(`${table} ${id} is damaged: ${problems.join('; ')}`, options);
		this.name = 'DamagedRecordError';
	}
}

/**
 * A record written by a newer Billedtale: its payload version is above the one this app knows, so it cannot read it.
 * Not damage: a tab left open across an update meets the records the new version rewrote, and a reload is the remedy.
 */
export class NewerRecordError extends DamagedRecordError {
	override readonly code = 'error.updatedElsewhere';
	override name = 'NewerRecordError';
}

function migrationsOf(table: SealedTable): readonly Migration[] {
	return MIGRATIONS.filter((step) => step.table === table).sort((a, b) => a.from - b.from);
}

/** The version a payload was written with. */
export function payloadVersion(payload: unknown): number {
	const version = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[VERSION_FIELD] : undefined;
	return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}

/** Brings an opened payload up to today's version, one named step at a time. Throws on a version from the future. */
export function upgradePayload(table: SealedTable, payload: unknown): Record<string, unknown> {
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new DamagedRecordError(table, '?', ['no payload']);
	let version = payloadVersion(payload);
	const target = REGISTRY[table].version;
	if (version > target) throw new NewerRecordError(table, '?', [`payload version ${version} is newer than this app`]);
	let current = { ...(payload as Record<string, unknown>) };
	delete current[VERSION_FIELD];
	for (const step of migrationsOf(table)) {
		if (step.from !== version) continue;
		current = step.run(current);
		version += 1;
	}
	if (version !== target) throw new DamagedRecordError(table, '?', [`no migration from version ${version}`]);
	return current;
}

/** The payload as it is sealed: today's version travels inside it. */
export function versionedPayload(table: SealedTable, payload: object): Record<string, unknown> {
	return { ...payload, [VERSION_FIELD]: REGISTRY[table].version };
}

function problemsOf(issues: readonly v.BaseIssue<unknown>[]): string[] {
	return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
}

/**
 * Checks a record read from disk or from a backup (payload already opened), upgrading an older
 * payload first. Returns a clean copy holding only known fields; throws DamagedRecordError.
 */
export function parseRecord<T extends SealedTable>(table: T, record: unknown): RecordsByTable[T] {
	const spec: TableSpec<T> = REGISTRY[table];
	const raw = (typeof record === 'object' && record !== null ? record : {}) as Record<string, unknown>;
	const recordId = typeof raw.id === 'string' ? raw.id : '?';
	const { payload, ...plain } = raw;
	// Plain fields the storage adds beside the keys (version hint, media references) are not part of the record.
	delete plain[VERSION_FIELD];
	delete plain[MEDIA_FIELD];
	delete plain[ABOUT_FIELD];
	let upgraded: Record<string, unknown>;
	try {
		upgraded = upgradePayload(table, payload);
	} catch (error) {
		const Refusal = error instanceof NewerRecordError ? NewerRecordError : DamagedRecordError;
		throw new Refusal(table, recordId, error instanceof DamagedRecordError ? error.problems : ['cannot be upgraded'], { cause: error });
	}
	const keys = v.safeParse(spec.keys, plain);
	const body = v.safeParse(spec.payload, upgraded);
	if (!keys.success || !body.success) {
		throw new DamagedRecordError(table, recordId, [
			...(keys.issues ? problemsOf(keys.issues) : []),
			...(body.issues ? problemsOf(body.issues) : [])
		]);
	}
	return { ...keys.output, payload: body.output } as RecordsByTable[T];
}

/** Checks a record the app is about to seal: a shape its table refuses must never reach the disk. */
export function assertRecordFits<T extends SealedTable>(table: T, record: RecordsByTable[T]): void {
	const spec: TableSpec<T> = REGISTRY[table];
	const { payload, ...keys } = record;
	const issues = [...(v.safeParse(spec.keys, keys).issues ?? []), ...(v.safeParse(spec.payload, payload).issues ?? [])];
	if (issues.length > 0) throw new DamagedRecordError(table, record.id, problemsOf(issues));
}

/** Plain field holding the media ids a record refers to (random ids), indexed so clean-up needs no decryption. */
export const MEDIA_FIELD = 'mediaIds';

/** Whether a table's plain keys include the given field, read from its key schema. */
function keysInclude(table: SealedTable, field: string): boolean {
	const keys = REGISTRY[table].keys as unknown as { entries?: Record<string, unknown> };
	return keys.entries !== undefined && Object.hasOwn(keys.entries, field);
}

/** The tables whose records belong to one meeting through a `meetingId` key: deleting a meeting deletes those too. */
export const MEETING_OWNED_TABLES = SEALED_TABLES.filter((name) => keysInclude(name, 'meetingId'));

/** The tables whose records can refer to media. */
export const MEDIA_REFERRING_TABLES = SEALED_TABLES.filter((name) => REGISTRY[name].mediaIds !== undefined);

/** The plain media field of a record as stored; undefined for tables that never refer to media. */
export function mediaIdsOfRecord<T extends SealedTable>(table: T, record: RecordsByTable[T]): string[] | undefined {
	const spec: TableSpec<T> = REGISTRY[table];
	return spec.mediaIds && [...new Set(spec.mediaIds(record.payload))];
}

/**
 * Plain field saying which tool a record comes from (an answer's subject kind, see the registry's `about`). Records
 * written before it lack it until the migration pass (migrate.ts) reseals them, and readers allow for that.
 */
export const ABOUT_FIELD = 'about';

/** The plain `about` field of a record as stored; undefined for tables without one. */
export function aboutOfRecord<T extends SealedTable>(table: T, record: RecordsByTable[T]): string | undefined {
	const spec: TableSpec<T> = REGISTRY[table];
	return spec.about?.(record.payload);
}

/** The tables whose records say which tool they come from. */
export const ABOUT_TABLES = SEALED_TABLES.filter((name) => REGISTRY[name].about !== undefined);
