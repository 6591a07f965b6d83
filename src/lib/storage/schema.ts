import type { Upgrade } from './idb/database.ts';

/**
 * Every released schema, oldest first. A change is a new entry with its own `upgrade`; released
 * entries are never edited, so a tablet that skipped versions still upgrades step by step.
 */
export interface SchemaVersion {
	version: number;
	name: string;
	stores: Record<string, string | null>;
	upgrade?: Upgrade;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
	{
		version: 1,
		name: 'citizens, meetings and answers',
		stores: {
			citizens: 'id, createdAt',
			meetings: 'id, citizenId, date',
			answers: 'id, meetingId, citizenId, createdAt'
		}
	},
	{
		version: 2,
		name: 'symbol boards and media (photos, recordings) per citizen',
		stores: {
			boards: 'id, citizenId',
			media: 'id, citizenId'
		}
	},
	{
		version: 3,
		name: 'answers indexed by meeting and time, so a long meeting opens with its newest answers only',
		stores: {
			answers: 'id, meetingId, citizenId, createdAt, [meetingId+createdAt]'
		}
	},
	{
		version: 4,
		name: 'the wrapped data key; payloads are sealed with it (records from before are sealed at setup)',
		stores: {
			vault: 'id'
		}
	},
	{
		version: 5,
		name: 'committed transactions numbered by IndexedDB, compared with the journal outside IndexedDB at every start',
		stores: {
			commits: '++seq'
		}
	},
	{
		version: 6,
		name: 'payload versions and media references as plain indexes: old records are found and upgraded after unlock, media clean-up asks every table',
		stores: {
			citizens: 'id, createdAt, v',
			meetings: 'id, citizenId, date, v',
			answers: 'id, meetingId, citizenId, createdAt, [meetingId+createdAt], v, *mediaIds',
			boards: 'id, citizenId, v, *mediaIds',
			media: 'id, citizenId, v'
		},
		// Records from before carry no version; they are version 1. Only a plain field is set here: the
		// payloads stay sealed until the tablet is unlocked.
		upgrade: async (tx) => {
			// The tables of that version, named here: a released step never follows the live table list.
			for (const name of ['citizens', 'meetings', 'answers', 'boards', 'media']) {
				await tx.table<{ v?: number }>(name).modify((record) => (record.v === undefined ? { ...record, v: 1 } : undefined));
			}
		}
	},
	{
		version: 7,
		name: 'plans: goals and agreements of a meeting, one sealed record per meeting',
		stores: {
			plans: 'id, citizenId, meetingId, v'
		}
	},
	{
		version: 8,
		name: "assessments: the adviser's funktionsevneniveau per sub-theme of a meeting, kept apart from the citizen's answers",
		stores: {
			assessments: 'id, citizenId, meetingId, v'
		}
	},
	{
		version: 9,
		name: 'story items: one sealed record per item of a citizen’s recovery story, with the media it shows',
		stores: {
			storyItems: 'id, citizenId, v, *mediaIds'
		}
	},
	{
		version: 10,
		name: 'a data key per citizen, kept in its own table where the browser cannot keep it in a file; payloads indexed by the key that seals them, so records still under the tablet key are found without opening them',
		stores: {
			citizenKeys: 'id',
			citizens: 'id, createdAt, v, payload.keyId',
			meetings: 'id, citizenId, date, v, payload.keyId',
			answers: 'id, meetingId, citizenId, createdAt, [meetingId+createdAt], v, *mediaIds, payload.keyId',
			boards: 'id, citizenId, v, *mediaIds, payload.keyId',
			media: 'id, citizenId, v, payload.keyId',
			plans: 'id, citizenId, meetingId, v, payload.keyId',
			assessments: 'id, citizenId, meetingId, v, payload.keyId',
			storyItems: 'id, citizenId, v, *mediaIds, payload.keyId'
		}
	},
	{
		version: 11,
		name: 'answers indexed by which tool they come from (the subject kind, never more), so "Over tid", "Om mig" and a step read only their own answers, not years of all answers',
		stores: {
			answers:
				'id, meetingId, citizenId, createdAt, [meetingId+createdAt], v, *mediaIds, payload.keyId, [citizenId+about], [meetingId+about]'
		}
		// No upgrade: the kind is inside the sealed payload, so records from before are given it by the migration pass
		// after unlock (migrate.ts); until then they lack it, are in neither index, and readers fall back (answers.ts).
	},
	{
		version: 12,
		name: 'meetings indexed by citizen and date, answers by citizen, tool and time, so the citizen page reads the newest meetings and the newest "Om mig" entries only, not years of them',
		stores: {
			meetings: 'id, citizenId, date, v, payload.keyId, [citizenId+date+createdAt]',
			answers:
				'id, meetingId, citizenId, createdAt, [meetingId+createdAt], v, *mediaIds, payload.keyId, [citizenId+about], [meetingId+about], [citizenId+about+createdAt]'
		}
		// No upgrade: the indexes are of plain fields every record has (or, for `about`, is given by the pass after unlock);
		// IndexedDB fills them from the records already stored.
	}
];
