import { journal } from '#lib/journal/client.ts';
import type { CitizenKeyRecord } from '#lib/vault/citizen-keys.ts';
import type { VaultRecord } from '#lib/vault/keys.ts';
import type {
	AnswerRecord,
	AssessmentRecord,
	BoardRecord,
	CitizenRecord,
	MediaRecord,
	MeetingRecord,
	PlanRecord,
	StoryItemRecord
} from './records';
import { SCHEMA_VERSIONS } from './schema';
import type { Stored } from './sealing.ts';
import { commitCounted } from './commit-rows.ts';
import { journalHooks, type CommitRecord } from './journaling.ts';
import { aboutHooks, forgetAboutComplete } from './about-index.ts';
import { readsInFlightHooks } from './reads-in-flight.ts';
import { liveReadCalling } from './read-tracking.ts';
import { Database, type Hooks } from './idb/database.ts';
import { Changes } from './idb/live.ts';
import { reportNewerApp } from './damage.ts';
import { DATABASE_NAME } from './vault-peek.ts';

export { DATABASE_NAME };

/** The tables of the database and their records. */
export interface StoreTables extends Record<string, unknown> {
	citizens: Stored<CitizenRecord>;
	meetings: Stored<MeetingRecord>;
	answers: Stored<AnswerRecord>;
	boards: Stored<BoardRecord>;
	media: Stored<MediaRecord>;
	plans: Stored<PlanRecord>;
	assessments: Stored<AssessmentRecord>;
	storyItems: Stored<StoryItemRecord>;
	vault: VaultRecord;
	citizenKeys: CitizenKeyRecord;
	commits: CommitRecord;
}

export type Store = Database<StoreTables>;

let changes: Changes | undefined;

/** What committed in this tab's databases and in other tabs, for live reads (watch.ts). Made on first use. */
export function getChanges(): Changes {
	changes ??= new Changes(DATABASE_NAME);
	return changes;
}

/** The database: `journaled: false` is for writing back what came from the journal. */
export function openStore(name = DATABASE_NAME, { journaled = true } = {}): Store {
	const hooks: Hooks[] = [];
	if (journaled) {
		hooks.push(
			journalHooks((seq, ops) => {
				journal.committed(seq, ops);
				commitCounted(seq);
			})
		);
	}
	hooks.push(readsInFlightHooks, aboutHooks, getChanges().hooks);
	// Another tab or window opens the database with a newer schema: a newer Billedtale. This connection is closed and opened
	// again at the new version at the next use, and this tab goes on with its older code, so it is told to reload before it
	// meets the records the newer one rewrites. A deletion ("Slet alt" elsewhere) asks for no version.
	return new Database<StoreTables>(name, SCHEMA_VERSIONS, {
		hooks,
		versionChange: (newVersion) => newVersion && reportNewerApp(),
		caller: liveReadCalling
	});
}

let store: Store | undefined;

/** Opened on first use so that prerendering in Node never touches IndexedDB. */
export function getStore(): Store {
	store ??= openStore();
	return store;
}

/** Closes and removes the whole database; the next getStore() starts empty. */
export async function deleteDatabase(): Promise<void> {
	const db = store ?? openStore();
	store = undefined;
	forgetAboutComplete();
	await db.delete();
}
