import { Dexie, liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCHEMA_VERSIONS } from '#lib/storage/schema.ts';
import { Database } from './database.ts';
import { Changes, liveRead } from './live.ts';

type Tables = { meetings: { id: string; citizenId?: string }; citizens: { id: string } };

const closing: { close(): void }[] = [];
afterEach(() => {
	for (const one of closing.splice(0)) one.close();
});

/** One tab: its own connection and its own channel. */
function tab(name: string) {
	const changes = new Changes(name);
	// A new database runs no upgrade: the released stores are enough here.
	const db = new Database<Tables>(
		name,
		SCHEMA_VERSIONS.map(({ version, stores }) => ({ version, stores })),
		{ hooks: [changes.hooks] }
	);
	closing.push(changes, db);
	return { changes, db };
}

const until = async (check: () => boolean) => {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
	expect(check()).toBe(true);
};

describe('live reads', () => {
	it('run again after a commit to a table they read, in this tab and in another, and not for other tables', async () => {
		const name = `live-${Math.random()}`;
		const here = tab(name);
		const there = tab(name);
		const seen: string[][] = [];
		let runs = 0;
		const stop = liveRead(
			here.changes,
			new Set(['meetings']),
			() => {
				runs++;
				return here.db.transaction('r', ['meetings'], (tx) => tx.meetings.toArray()).then((all) => all.map((m) => m.id));
			},
			{ next: (ids) => seen.push(ids), error: (error) => expect.fail(String(error)) }
		);
		closing.push({ close: stop });
		await until(() => seen.length === 1);
		await here.db.transaction('rw', ['meetings'], (tx) => tx.meetings.put({ id: 'm1' }));
		await until(() => seen.length === 2);
		await there.db.transaction('rw', ['meetings'], (tx) => tx.meetings.put({ id: 'm2' }));
		await until(() => seen.length === 3);
		const before = runs;
		await here.db.transaction('rw', ['citizens'], (tx) => tx.citizens.put({ id: 'c1' }));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(runs).toBe(before);
		expect(seen).toEqual([[], ['m1'], ['m1', 'm2']]);
	});

	it('read everything again when the page comes back from the back-forward cache', async () => {
		const page = new EventTarget();
		vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
		const name = `live-${Math.random()}`;
		const here = tab(name);
		vi.unstubAllGlobals();
		let runs = 0;
		const stop = liveRead(here.changes, new Set(['meetings']), async () => ++runs, { next: () => undefined, error: () => undefined });
		closing.push({ close: stop });
		await until(() => runs === 1);
		const shown = (persisted: boolean) => Object.assign(new Event('pageshow'), { persisted });
		page.dispatchEvent(shown(false));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(runs).toBe(1);
		page.dispatchEvent(shown(true));
		await until(() => runs === 2);
	});

	it('hear a tab still on the Dexie build, and are heard by it, while an update is taken in', async () => {
		const name = `live-${Math.random()}`;
		const here = tab(name);
		await here.db.open();
		// The older build's tab: Dexie on the same database, at the same version.
		const old = new Dexie(name);
		for (const step of SCHEMA_VERSIONS) old.version(step.version).stores(step.stores);
		closing.push(old);
		const seenHere: number[] = [];
		const stop = liveRead(here.changes, new Set(['meetings']), () => here.db.transaction('r', ['meetings'], (tx) => tx.meetings.count()), {
			next: (count) => seenHere.push(count),
			error: (error) => expect.fail(String(error))
		});
		closing.push({ close: stop });
		const seenThere: number[] = [];
		const subscription = liveQuery(() => old.table('meetings').where('citizenId').equals('c1').count()).subscribe({
			next: (count) => seenThere.push(count)
		});
		closing.push({ close: () => subscription.unsubscribe() });
		await until(() => seenHere.length === 1 && seenThere.length === 1);
		// Dexie's channel does not deliver to the tab that posted, so the older tab's own commit reaches this one only
		// through the channel, as from another tab.
		await old.table('meetings').put({ id: 'm1', citizenId: 'c1' });
		await until(() => seenHere.at(-1) === 1);
		await here.db.transaction('rw', ['meetings'], (tx) => tx.meetings.put({ id: 'm2', citizenId: 'c1' }));
		await until(() => seenThere.at(-1) === 2);
	});
});
