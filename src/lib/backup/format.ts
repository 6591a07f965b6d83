import { normaliseCell, validateBoardSet, type Board } from '#lib/domain/board.ts';
import { PROVENANCE_MODES, validateContent, type AnswerContent, type AnswerRevision, type Provenance } from '#lib/domain/answer.ts';
import { DISPLAY_NAME_MAX } from '#lib/domain/citizen.ts';
import { CASE_PHASES, isCalendarDate, PARTICIPANT_ROLES, PLACE_MAX, type Participant } from '#lib/domain/meeting.ts';
import { requireText, ValidationError } from '#lib/domain/validation.ts';
import { base64ToBytes, bytesToBase64 } from '#lib/encoding/base64.ts';
import type { AnswerRecord, BoardRecord, CitizenRecord, MediaRecord, MeetingRecord } from '#lib/storage/records.ts';
import {
	checkPassphrase,
	decodeValue,
	decryptBytes,
	derivePassphraseKey,
	encodeValue,
	encryptBytes,
	KDF_ITERATIONS,
	KDF_ITERATIONS_ACCEPTED,
	randomBytes
} from '#lib/crypto/primitives.ts';

/*
 * A backup file is a small JSON envelope (format, version, KDF parameters) around one AES-GCM
 * ciphertext of every record of the chosen citizens, in their stored shapes. Reading one goes
 * through `restoreContent`, which checks every field and rejects the whole file on any fault.
 */

export const BACKUP_FORMAT = 'billedtale-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_MAX_BYTES = 300 * 1024 * 1024;
const ENVELOPE_CONTEXT = `${BACKUP_FORMAT}|${BACKUP_VERSION}`;

export interface BackupContent {
	createdAt: number;
	citizens: CitizenRecord[];
	meetings: MeetingRecord[];
	answers: AnswerRecord[];
	boards: BoardRecord[];
	media: MediaRecord[];
}

const fail = (): never => {
	throw new ValidationError('backup.invalid');
};

function fromBase64(text: unknown): Uint8Array<ArrayBuffer> {
	if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return fail();
	try {
		return base64ToBytes(text);
	} catch {
		return fail();
	}
}

export async function writeBackup(content: BackupContent, passphrase: string, iterations = KDF_ITERATIONS): Promise<string> {
	checkPassphrase(passphrase);
	const salt = randomBytes(16);
	const key = await derivePassphraseKey(passphrase, salt, iterations);
	const { iv, ct } = await encryptBytes(key, await encodeValue(content), ENVELOPE_CONTEXT);
	return JSON.stringify({
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		createdAt: content.createdAt,
		kdf: { name: 'PBKDF2-SHA256', iterations, salt: bytesToBase64(salt) },
		iv: bytesToBase64(iv),
		data: bytesToBase64(new Uint8Array(ct))
	});
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Opens a backup file. Errors: backup.notBackup, backup.newerVersion, backup.invalid, error.wrongPassphrase. */
export async function readBackup(text: string, passphrase: string): Promise<BackupContent> {
	let envelope: unknown;
	try {
		envelope = JSON.parse(text);
	} catch {
		throw new ValidationError('backup.notBackup');
	}
	if (!isObject(envelope) || envelope.format !== BACKUP_FORMAT) throw new ValidationError('backup.notBackup');
	if (typeof envelope.version !== 'number' || envelope.version > BACKUP_VERSION) throw new ValidationError('backup.newerVersion');
	if (envelope.version !== 1) return fail();
	const kdf = envelope.kdf;
	if (!isObject(kdf) || kdf.name !== 'PBKDF2-SHA256') return fail();
	const iterations = kdf.iterations;
	if (typeof iterations !== 'number' || !Number.isInteger(iterations)) return fail();
	if (iterations < KDF_ITERATIONS_ACCEPTED.min || iterations > KDF_ITERATIONS_ACCEPTED.max) return fail();
	const salt = fromBase64(kdf.salt);
	const iv = fromBase64(envelope.iv);
	if (salt.length < 16 || iv.length !== 12) return fail();
	const key = await derivePassphraseKey(passphrase, salt, iterations);
	const plain = await decryptBytes(key, iv, fromBase64(envelope.data), ENVELOPE_CONTEXT);
	let raw: unknown;
	try {
		raw = decodeValue(plain);
	} catch {
		return fail();
	}
	return restoreContent(raw);
}

// --- the restore layer: every field of every record is checked, nothing unknown is kept -----------

const ID = /^[A-Za-z0-9-]{1,100}$/;
const id = (value: unknown): string => (typeof value === 'string' && ID.test(value) ? value : fail());
const time = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fail());
// Array.from turns holes in a sparse array into undefined, which the record checks then refuse.
const list = (value: unknown, max = 200_000): unknown[] => (Array.isArray(value) && value.length <= max ? Array.from(value) : fail());
const object = (value: unknown): Record<string, unknown> => (isObject(value) ? value : fail());
const text = (value: unknown, max: number): string => (typeof value === 'string' ? requireText(value, max, 'backup.invalid') : fail());
const oneOf = <T extends string>(value: unknown, options: readonly T[]): T => (options.includes(value as T) ? (value as T) : fail());

function blob(value: unknown, kind: 'image' | 'audio'): Blob {
	if (!(value instanceof Blob) || !value.type.startsWith(`${kind}/`) || value.size > 20 * 1024 * 1024) return fail();
	return value;
}

function participant(value: unknown): Participant {
	const p = object(value);
	return { id: id(p.id), name: text(p.name, 60), role: oneOf(p.role, PARTICIPANT_ROLES) };
}

function provenance(value: unknown, participants: ReadonlySet<string>): Provenance {
	const p = object(value);
	const mode = oneOf(p.mode, PROVENANCE_MODES);
	if (p.participantId === undefined) return mode === 'formidlet' ? fail() : { mode };
	const who = id(p.participantId);
	return participants.has(who) ? { mode, participantId: who } : fail();
}

function content(value: unknown): AnswerContent {
	try {
		return validateContent(value as AnswerContent);
	} catch {
		return fail();
	}
}

function revision(value: unknown, participants: ReadonlySet<string>): AnswerRevision {
	const r = object(value);
	return {
		content: content(r.content),
		provenance: provenance(r.provenance, participants),
		status: oneOf(r.status, ['active', 'withdrawn'] as const),
		replacedAt: time(r.replacedAt),
		change: oneOf(r.change, ['corrected', 'withdrawn', 'restored'] as const)
	};
}

export function restoreContent(raw: unknown): BackupContent {
	const root = object(raw);
	const citizens: CitizenRecord[] = list(root.citizens).map((value) => {
		const c = object(value);
		const payload = object(c.payload);
		const displayName = text(payload.displayName, DISPLAY_NAME_MAX);
		return {
			id: id(c.id),
			createdAt: time(c.createdAt),
			payload: payload.photo === undefined ? { displayName } : { displayName, photo: blob(payload.photo, 'image') }
		};
	});
	const citizenIds = new Set(citizens.map((c) => c.id));
	const owner = (value: unknown): string => (citizenIds.has(id(value)) ? (value as string) : fail());

	const meetings: MeetingRecord[] = list(root.meetings).map((value) => {
		const m = object(value);
		const payload = object(m.payload);
		const date = typeof m.date === 'string' && isCalendarDate(m.date) ? m.date : fail();
		const place = typeof payload.place === 'string' && payload.place.length <= PLACE_MAX ? payload.place : fail();
		return {
			id: id(m.id),
			citizenId: owner(m.citizenId),
			createdAt: time(m.createdAt),
			date,
			payload: { place, phase: oneOf(payload.phase, CASE_PHASES), participants: list(payload.participants, 50).map(participant) }
		};
	});
	const meetingsById = new Map(meetings.map((m) => [m.id, m]));

	const answers: AnswerRecord[] = list(root.answers).map((value) => {
		const a = object(value);
		const meeting = meetingsById.get(id(a.meetingId)) ?? fail();
		if (a.citizenId !== meeting.citizenId) return fail();
		const people = new Set(meeting.payload.participants.map((p) => p.id));
		const payload = object(a.payload);
		return {
			id: id(a.id),
			meetingId: meeting.id,
			citizenId: meeting.citizenId,
			createdAt: time(a.createdAt),
			updatedAt: time(a.updatedAt),
			payload: {
				content: content(payload.content),
				provenance: provenance(payload.provenance, people),
				status: oneOf(payload.status, ['active', 'withdrawn'] as const),
				history: list(payload.history, 1000).map((r) => revision(r, people))
			}
		};
	});

	const media: MediaRecord[] = list(root.media).map((value) => {
		const m = object(value);
		const payload = object(m.payload);
		const kind = oneOf(payload.kind, ['image', 'audio'] as const);
		const data = blob(payload.blob, kind);
		return {
			id: id(m.id),
			citizenId: owner(m.citizenId),
			createdAt: time(m.createdAt),
			payload: { kind, mimeType: data.type, blob: data }
		};
	});

	const boards: BoardRecord[] = list(root.boards).map((value) => {
		const b = object(value);
		const payload = object(b.payload);
		const rows = payload.rows;
		const columns = payload.columns;
		const slots = list(payload.slots, 64).map((cell) => {
			if (cell === null) return null;
			try {
				return normaliseCell(object(cell) as never);
			} catch {
				return fail();
			}
		});
		if (typeof rows !== 'number' || typeof columns !== 'number') return fail();
		return {
			id: id(b.id),
			citizenId: owner(b.citizenId),
			createdAt: time(b.createdAt),
			updatedAt: time(b.updatedAt),
			payload: { name: text(payload.name, 60), rows, columns, slots, root: payload.root === true }
		};
	});
	for (const citizenId of citizenIds) {
		const own = boards.filter((b) => b.citizenId === citizenId);
		if (own.length === 0) continue;
		const roots = own.filter((b) => b.payload.root);
		if (roots.length !== 1) return fail();
		const set: Board[] = own.map((b) => ({
			id: b.id,
			name: b.payload.name,
			rows: b.payload.rows,
			columns: b.payload.columns,
			slots: b.payload.slots
		}));
		try {
			validateBoardSet({ rootBoardId: roots[0]!.id, boards: set });
		} catch {
			return fail();
		}
	}
	const allIds = [citizens, meetings, answers, boards, media].flatMap((records) => records.map((r) => r.id));
	if (new Set(allIds).size !== allIds.length) return fail();
	return { createdAt: time(root.createdAt), citizens, meetings, answers, boards, media };
}
