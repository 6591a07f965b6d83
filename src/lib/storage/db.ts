import { Dexie, type EntityTable } from 'dexie';
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
import { LAYER_VERSIONS, SCHEMA_VERSIONS } from './schema';
import type { Stored } from './sealing.ts';
import { commitCounted } from './commit-rows.ts';
import { journalHooks, journalingMiddleware, type CommitRecord } from './journaling.ts';
import { aboutHooks, aboutWatch, forgetAboutComplete } from './about-index.ts';
import { readsInFlight, readsInFlightHooks } from './reads-in-flight.ts';
import { Database, type Hooks } from './idb/database.ts';
import { Changes } from './idb/live.ts';
import { reportNewerApp } from './damage.ts';
import { DATABASE_NAME } from './vault-peek.ts';

export { DATABASE_NAME };

export class BilledtaleDb extends Dexie {
	citizens!: EntityTable<Stored<CitizenRecord>, 'id'>;
	meetings!: EntityTable<Stored<MeetingRecord>, 'id'>;
	answers!: EntityTable<Stored<AnswerRecord>, 'id'>;
	boards!: EntityTable<Stored<BoardRecord>, 'id'>;
	media!: EntityTable<Stored<MediaRecord>, 'id'>;
	plans!: EntityTable<Stored<PlanRecord>, 'id'>;
	assessments!: EntityTable<Stored<AssessmentRecord>, 'id'>;
	storyItems!: EntityTable<Stored<StoryItemRecord>, 'id'>;
	vault!: EntityTable<VaultRecord, 'id'>;
	citizenKeys!: EntityTable<CitizenKeyRecord, 'id'>;
	commits!: EntityTable<CommitRecord, 'seq'>;

	/** `journaled: false` is for writing back what came from the journal. */
	constructor(name = DATABASE_NAME, { journaled = true } = {}) {
		// "Gemt" must mean on disk: strict commits are flushed before the transaction completes.
		// Chromium's default ("relaxed") only hands them to the OS.
		super(name, { chromeTransactionDurability: 'strict' });
		for (const step of SCHEMA_VERSIONS) {
			const version = this.version(step.version).stores(step.stores);
			if (step.upgrade) version.upgrade(step.upgrade);
		}
		if (journaled) {
			this.use(
				journalingMiddleware((seq, ops) => {
					journal.committed(seq, ops);
					commitCounted(seq);
				})
			);
		}
		this.use(readsInFlight);
		this.use(aboutWatch);
		// Another tab or window opens the database with a newer schema: a newer Billedtale. Dexie closes this connection and
		// opens it again at the new version, and this tab goes on with its older code, so it is told to reload before it
		// meets the records the newer one rewrites. A deletion ("Slet alt" elsewhere) asks for no version.
		this.on('versionchange', (event) => {
			if (event.newVersion) reportNewerApp();
		});
	}
}

/** The tables of the database and their records, for the own IndexedDB layer. */
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

/** What committed in this tab's databases and in other tabs, for live reads (live.svelte.ts). Made on first use. */
export function getChanges(): Changes {
	if (!changes) {
		const made = (changes = new Changes(DATABASE_NAME));
		// Until every repository writes through the own layer, Dexie's commits (this tab's and, through Dexie's channel, the
		// other tabs') are told to the live reads too: its parts are named "idb://<database>/<table>/<index>".
		Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
			const tables = new Set(Object.keys(parts).map((part) => part.split('/')[3] ?? ''));
			tables.delete('');
			if (tables.size > 0) made.heard(tables);
		});
	}
	return changes;
}

/** The database through the own IndexedDB layer: `journaled: false` is for writing back what came from the journal. */
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
	// See BilledtaleDb's versionchange handler.
	return new Database<StoreTables>(name, LAYER_VERSIONS, { hooks, versionChange: (newVersion) => newVersion && reportNewerApp() });
}

let store: Store | undefined;

/** Opened on first use so that prerendering in Node never touches IndexedDB. */
export function getStore(): Store {
	store ??= openStore();
	return store;
}

let instance: BilledtaleDb | undefined;

/** Opened on first use so that prerendering in Node never touches IndexedDB. */
export function getDb(): BilledtaleDb {
	instance ??= new BilledtaleDb();
	return instance;
}

/** Closes and removes the whole database; the next getDb() starts empty. */
export async function deleteDatabase(): Promise<void> {
	const db = getDb();
	instance = undefined;
	// The layer's connection first: the deletion waits while any connection, this tab's too, is open.
	const layer = store;
	store = undefined;
	forgetAboutComplete();
	await layer?.delete();
	await db.delete();
}
