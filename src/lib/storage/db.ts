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
import { SCHEMA_VERSIONS } from './schema';
import type { Stored } from './sealing.ts';
import { commitCounted } from './commit-rows.ts';
import { journalingMiddleware, type CommitRecord } from './journaling.ts';
import { aboutWatch, forgetAboutComplete } from './about-index.ts';
import { readsInFlight } from './reads-in-flight.ts';
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
	forgetAboutComplete();
	await db.delete();
}
