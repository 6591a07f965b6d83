import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Meeting } from '#lib/domain/meeting.ts';
import { listAnswers, recordAnswer } from './answers.ts';
import { createCitizen } from './citizens.ts';
import { deleteDatabase, getStore, type StoreTables } from './db.ts';
import { MAX_KEY, MIN_KEY, Table, type TypedTx } from './idb/database.ts';
import { createMeeting } from './meetings.ts';
import { migrateRecords } from './migrate.ts';
import { asSave, backgroundTransaction, holdLiveReadsUntil } from './saves-first.ts';
import * as sealing from './sealing.ts';
import { watchQuery } from './watch.ts';

afterEach(async () => {
	vi.restoreAllMocks();
	await deleteDatabase();
	localStorage.clear();
});

async function aMeeting() {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const meeting = await createMeeting(citizen.id, { date: '2026-12-03', place: 'Hjemme', phase: 'faglig-udredning' });
	return { citizen, meeting };
}

function say(meeting: Meeting, value: 'ja' | 'nej', at: number) {
	return recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value }, provenance: { mode: 'selv' } }, at);
}

/** The stored answers as written before `about`, which the migration pass gives them. */
const withoutAbout = () =>
	getStore().transaction('rw', ['answers'], (tx) => tx.answers.modify((record) => ({ ...record, about: undefined })));

/** A few turns of the event loop: long enough for a transaction that is free to run to run. */
const turns = async (count = 5) => {
	for (let i = 0; i < count; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('an answer being saved goes before background work (issue 17)', () => {
	it('aborts a background transaction in flight, which runs again from the start once the answer is stored', async () => {
		const { citizen, meeting } = await aMeeting();
		const done: string[] = [];
		let runs = 0;
		let saving: Promise<unknown> | undefined;
		const background = backgroundTransaction('rw', ['citizens', 'answers'], async (tx) => {
			runs += 1;
			const stored = (await tx.citizens.get(citizen.id))!;
			// The tap comes while the background transaction still has a write to make.
			if (runs === 1) saving = say(meeting, 'ja', 1_000).then(() => done.push('answer'));
			await tx.citizens.put(stored);
			return tx.answers.count();
		}).then((answersSeen) => {
			done.push('background');
			return answersSeen;
		});

		// Run again after the save: the second run sees the answer it went after.
		expect(await background).toBe(1);
		await saving;
		expect(runs).toBe(2);
		expect(done).toEqual(['answer', 'background']);
		expect((await listAnswers(meeting.id)).map((a) => a.content)).toEqual([{ kind: 'core', value: 'ja' }]);
	});

	it('opens no background transaction while a save is under way, and opens it once the save has settled, failed or not', async () => {
		let fail!: (error: Error) => void;
		const save = asSave(() => new Promise((_, reject) => (fail = reject)));
		const opened = vi.fn((tx: TypedTx<StoreTables>) => tx.answers.count());
		const background = backgroundTransaction('r', ['answers'], opened);
		await turns();
		expect(opened).not.toHaveBeenCalled();

		fail(new Error('the disk is full'));
		await expect(save).rejects.toThrow('the disk is full');
		expect(await background).toBe(0);
		expect(opened).toHaveBeenCalledOnce();
	});

	it('goes on with the migration pass only once the answering has paused, not between two taps', async () => {
		const { meeting } = await aMeeting();
		await say(meeting, 'ja', 1_000);
		await withoutAbout();
		const sealed = vi.spyOn(sealing, 'sealRecord');
		const pass = migrateRecords();
		await new Promise((resolve) => setTimeout(resolve, 200));
		// The next tap, 200 ms after the first: the pause starts again from its end.
		await asSave(async () => {});
		const settled = performance.now();
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(sealed).not.toHaveBeenCalled();

		expect(await pass).toEqual({ upgraded: 1, damaged: 0, skipped: 0 });
		expect(performance.now() - settled).toBeGreaterThanOrEqual(450);
	});

	it("opens the answer's transaction once the reads over the answers in flight have ended", async () => {
		const order: string[] = [];
		const open = IDBDatabase.prototype.transaction;
		vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args) {
			if (args[1] === 'readwrite') order.push('write opened');
			return open.apply(this, args);
		});
		const { meeting } = await aMeeting();
		order.length = 0;
		// A live list's read, still being answered when the tap comes.
		let reading!: () => void;
		const started = new Promise<void>((resolve) => (reading = resolve));
		const read = getStore().transaction('r', ['answers'], async (tx) => {
			reading();
			for (let i = 0; i < 30; i++) await tx.answers.count();
			order.push('read done');
		});
		await started;
		await say(meeting, 'ja', 1_000);
		await read;
		expect(order).toEqual(['read done', 'write opened']);
		expect(await listAnswers(meeting.id)).toHaveLength(1);
	});

	it('lets the migration pass upgrade every record, counted once, when a tap aborts one of its batches', async () => {
		const { citizen, meeting } = await aMeeting();
		for (let i = 0; i < 12; i++) await say(meeting, i % 2 ? 'ja' : 'nej', 1_000 + i);
		// Twelve answers from before `about` (the pass gives it to them, in batches of ten).
		await withoutAbout();
		const before = new Set(await getStore().transaction('r', ['answers'], (tx) => tx.answers.orderBy(':id').primaryKeys()));
		const bulkPut = Table.prototype.bulkPut;
		const batches: number[] = [];
		let saving: Promise<unknown> | undefined;
		vi.spyOn(Table.prototype, 'bulkPut').mockImplementation(function (this: Table<unknown>, values) {
			// The pass's batches: the answers written before the pass, not the one the tap saves.
			if (values.every((value) => before.has((value as { id: string }).id))) {
				batches.push(values.length);
				if (batches.length === 1) saving = say(meeting, 'ja', 2_000);
			}
			return bulkPut.call(this, values);
		});

		expect(await migrateRecords()).toEqual({ upgraded: 12, damaged: 0, skipped: 0 });
		await saving;
		// Two batches (10 + 2), the first written again after the tap aborted it.
		expect(batches).toEqual([10, 10, 2]);
		const indexed = await getStore().transaction('r', ['answers'], (tx) =>
			tx.answers.where('[citizenId+about]').between([citizen.id, MIN_KEY], [citizen.id, MAX_KEY]).count()
		);
		expect(indexed).toBe(13);
		expect(await listAnswers(meeting.id)).toHaveLength(13);
	});

	it('seals no further record of the migration pass while an answer is being saved', async () => {
		const { meeting } = await aMeeting();
		for (let i = 0; i < 3; i++) await say(meeting, 'ja', 1_000 + i);
		await withoutAbout();
		const seal = sealing.sealRecord;
		let finish!: () => void;
		let save: Promise<void> | undefined;
		// The tap comes while the pass is sealing the first record of its batch.
		const sealed = vi.spyOn(sealing, 'sealRecord').mockImplementationOnce((...args: Parameters<typeof seal>) => {
			save = asSave(() => new Promise<void>((resolve) => (finish = resolve)));
			return seal(...args);
		});
		const pass = migrateRecords();
		await vi.waitFor(() => expect(save).toBeDefined());
		await turns(20);
		expect(sealed).toHaveBeenCalledOnce();

		finish();
		await save;
		expect(await pass).toEqual({ upgraded: 3, damaged: 0, skipped: 0 });
		expect(sealed).toHaveBeenCalledTimes(3);
	});
});

/**
 * A meeting and a live query of its answers as the app's lists run it (watchQuery), with how many answers each
 * of its results held; `check` runs once the first result is in, and the query is ended after it.
 */
async function watchingAnswers(check: (meeting: Meeting, seen: number[]) => Promise<void>) {
	const { meeting } = await aMeeting();
	const seen: number[] = [];
	const unsubscribe = watchQuery(() => listAnswers(meeting.id), {
		next: (answers) => seen.push(answers.length),
		error: (error) => expect.fail(String(error))
	});
	try {
		await vi.waitFor(() => expect(seen).toEqual([0]));
		await check(meeting, seen);
	} finally {
		unsubscribe();
	}
}

describe('"Gemt" is drawn before the lists read the answer again (issue 17)', () => {
	it('holds a live query of the answers until the hold ends, and the query goes on watching after a held read', () =>
		watchingAnswers(async (meeting, seen) => {
			// As recordAnswer holds them until its "Gemt" is drawn; here until the test says so.
			let drawn!: () => void;
			holdLiveReadsUntil(new Promise<void>((resolve) => (drawn = resolve)));
			await say(meeting, 'ja', 1);
			await turns(20);
			expect(seen, 'read again while "Gemt" is on its way').toEqual([0]);
			drawn();
			await vi.waitFor(() => expect(seen).toEqual([0, 1]));
			// Read in the hold's callback, the reads were still the live query's: the next answer wakes it.
			await say(meeting, 'nej', 2);
			await vi.waitFor(() => expect(seen).toEqual([0, 1, 2]));
		}));

	it('holds them a second at most, as a slow journal holds "Gemt" up to 15 s', () =>
		watchingAnswers(async (meeting, seen) => {
			holdLiveReadsUntil(new Promise<void>(() => {}));
			const held = performance.now();
			await say(meeting, 'ja', 1);
			await vi.waitFor(() => expect(seen).toEqual([0, 1]), { timeout: 3000 });
			expect(performance.now() - held).toBeGreaterThanOrEqual(950);
		}));
});
