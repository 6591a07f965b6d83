import type { Hooks } from './idb/database.ts';

/*
 * Whether every record of the tables with an `about` field is in the `[citizenId+about]` and `[meetingId+about]`
 * indexes. A reader of a meeting's answers by kind had to count the meeting's answers twice to find out (answers.ts:
 * 15–19 ms of opening a meeting with 1,000 answers at 4× CPU, issue 17). The migration pass after unlock learns it for
 * the whole tablet (migrate.ts) and says so here; any write in this tab of a record without the field takes it back, so
 * the readers count again until the next pass. Such records come only from before the field: the journal written back
 * at start-up and the pass's own input; the app, a restore and an import seal every record with it (sealing.ts).
 * An older Billedtale left open in another tab can write them: the field came with a schema version, but the database answers
 * the newer one's upgrade by closing the older tab's connection and opening it again at the new version, and that tab
 * goes on writing until it is reloaded (it is told to: db.ts). Its writes are in another tab, so this flag does not see
 * them: a reader by kind here leaves such an answer out until the next pass after unlock gives it its `about`.
 */

let complete = false;
let writesWithout = 0;

export function everyRecordHasAbout(): boolean {
	return complete;
}

/** A mark to hand to aboutFoundComplete: a pass that began at it counts only if no record without `about` came since. */
export function aboutWritesMark(): number {
	return writesWithout;
}

export function aboutFoundComplete(since: number): void {
	if (since === writesWithout) complete = true;
}

/** A new database (deleteDatabase) is checked again by the next pass. */
export function forgetAboutComplete(): void {
	complete = false;
	writesWithout++;
}

const ABOUT_INDEX = '[citizenId+about]';

/** Watches every write to a table with the `about` indexes (every Billedtale database of this tab, journaled or not). */
export const aboutHooks: Hooks = {
	writing(tx, change) {
		if (change.type !== 'put') return;
		if (!tx.db.stores[change.table]?.indexes.some((index) => index.name === ABOUT_INDEX)) return;
		if (change.values.some((value) => !hasAbout(value))) forgetAboutComplete();
	}
};

function hasAbout(value: unknown): boolean {
	return typeof value === 'object' && value !== null && (value as { about?: unknown }).about !== undefined;
}
