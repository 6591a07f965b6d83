import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	catchUps,
	checkpoint,
	dropped,
	files,
	journal,
	resetJournal,
	restartWorker,
	showFirstScreen,
	waitForFirstScreen
} from '../../../tests/unit/journal-double.ts';
import { HEAD_REGION } from '#lib/journal/files.ts';
import { listAnswers, recordAnswer } from './answers.ts';
import { createCitizen, deleteCitizen, listCitizens } from './citizens.ts';
import { DATABASE_NAME, deleteDatabase, getStore, openStore } from './db.ts';
import { consumeErasedFlag } from './erase.ts';
import { rememberWhetherCitizensExist } from './eviction.ts';
import { reconcileStorage } from './journal-sync.ts';
import { createMeeting } from './meetings.ts';
import { readVault, storeNewVault } from './vault.ts';
import { createVault } from '#lib/vault/keys.ts';
import { beginSession, dropDataKey, resumeSession } from '#lib/vault/session.ts';

vi.mock('#lib/journal/client.ts', () => import('../../../tests/unit/journal-double.ts'));

const contains = (needle: string) => files.some((file) => Buffer.from(file.bytes).includes(needle));

/** Every record of a table, as stored. */
const stored = (name: 'answers' | 'citizenKeys') => getStore().transaction('r', [name], (tx) => tx.table(name).toArray());

/** A set-up tablet with one citizen in a meeting with two answers, all of it journaled. */
async function tabletWithAnswers() {
	expect(await reconcileStorage()).toBe('ready');
	// No journal yet: the first is written from the start on.
	await catchUps.done;
	const created = await createVault('en lang test-adgangssætning', '2468', 5, Date.now(), 1_000);
	await storeNewVault(created.record, created.dataKey);
	beginSession(created);
	const citizen = await createCitizen({ displayName: 'Nora' });
	const meeting = await createMeeting(citizen.id, { date: '2026-11-23', place: 'Hjemme', phase: 'opfoelgning' });
	await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' } });
	await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'nej' }, provenance: { mode: 'selv' } });
	return { citizen, meeting, keyId: created.record.keyId, dataKey: created.dataKey };
}

beforeEach(resetJournal);
afterEach(async () => {
	// A catch-up still reading the database would read it as it is deleted.
	await catchUps.done;
	await deleteDatabase();
	localStorage.clear();
	sessionStorage.clear();
});

describe('the start-up comparison of database and journal', () => {
	it('restores a database lost in a crash from the journal, records still sealed as they were', async () => {
		const { meeting, keyId, dataKey } = await tabletWithAnswers();
		const before = await stored('answers');
		const citizenKeys = await stored('citizenKeys');
		await deleteDatabase();

		expect(await reconcileStorage()).toBe('restored');
		expect(await stored('answers')).toEqual(before);
		expect((await readVault())?.keyId).toBe(keyId);
		// The citizen's key comes back too, and is read again rather than taken from memory.
		expect(await stored('citizenKeys')).toEqual(citizenKeys);
		dropDataKey();
		resumeSession(dataKey);
		expect((await listCitizens()).map((c) => c.displayName)).toEqual(['Nora']);
		expect((await listAnswers(meeting.id)).map((a) => (a.content as { value: string }).value).sort()).toEqual(['ja', 'nej']);
		// Back in step: the next start has nothing to do, and new writes go on being journaled.
		const started = catchUps.started;
		expect(await reconcileStorage()).toBe('ready');
		expect(catchUps.started).toBe(started);
		await recordAnswer(meeting, {
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'pause' },
			provenance: { mode: 'selv' }
		});
		await deleteDatabase();
		expect(await reconcileStorage()).toBe('restored');
		expect(await listAnswers(meeting.id)).toHaveLength(3);
	});

	it('rewrites a journal that missed a commit without waiting for the first screen, so the next loss costs nothing', async () => {
		const { meeting } = await tabletWithAnswers();
		dropped.next = 1;
		const missed = await recordAnswer(meeting, {
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'stop' },
			provenance: { mode: 'selv' }
		});
		expect(contains(missed.id)).toBe(false);

		// The next page: its first screen has not had the page yet, and the journal catches up all the same.
		restartWorker();
		waitForFirstScreen();
		expect(await reconcileStorage()).toBe('ready');
		expect(catchUps.started).toBe(2);
		// The next save is "Gemt" once the journal holds what the database held: a crash that then cost the database (the
		// answer found stored at this start, but never journaled) would otherwise lose it.
		await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' } });
		expect(contains(missed.id)).toBe(true);
		await deleteDatabase();
		expect(await reconcileStorage()).toBe('restored');
		expect(await listAnswers(meeting.id)).toHaveLength(4);
	});

	it('rewrites a journal that still holds a deleted citizen', async () => {
		const { citizen, meeting } = await tabletWithAnswers();
		await deleteCitizen(citizen.id);
		expect(contains(meeting.id)).toBe(true);
		waitForFirstScreen();
		expect(await reconcileStorage()).toBe('ready');
		await catchUps.done;
		expect(contains(citizen.id)).toBe(false);
		expect(contains(meeting.id)).toBe(false);
	});

	it('rewrites in steps while answers go on being saved, and the journal then holds every one', async () => {
		const { meeting } = await tabletWithAnswers();
		const record = (value: 'ja' | 'nej') =>
			recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value }, provenance: { mode: 'selv' } });
		// More answers than one step reads, so that saves fall between the steps.
		for (let i = 0; i < 60; i++) await record('ja');
		const steps = vi.spyOn(journal, 'addToSnapshot');
		let rewritten = false;
		const rewrite = journal.rewrite!().then(() => (rewritten = true));
		const savedWhileRewriting: boolean[] = [];
		const during = await Promise.all(
			Array.from({ length: 5 }, () => record('nej').then((answer) => (savedWhileRewriting.push(!rewritten), answer)))
		);
		await rewrite;
		expect(savedWhileRewriting).toContain(true);
		expect(steps.mock.calls.filter(([, records]) => records[0]?.table === 'answers').length).toBeGreaterThan(1);
		const { state, contiguous, usable } = await journal.read();
		expect({ contiguous, usable }).toEqual({ contiguous: true, usable: true });
		for (const answer of during) expect(state.get('answers')!.has(answer.id)).toBe(true);

		await deleteDatabase();
		expect(await reconcileStorage()).toBe('restored');
		expect(await listAnswers(meeting.id)).toHaveLength(67);
	});

	it('finishes an erase that a crash cut short after it began', async () => {
		await tabletWithAnswers();
		await journal.beginErase();
		expect(await reconcileStorage()).toBe('ready');
		expect(await readVault()).toBeUndefined();
		expect(await stored('answers')).toHaveLength(0);
		expect(consumeErasedFlag()).toBe(true);
	});

	it('tells eviction when the database and the journal are both gone', async () => {
		await tabletWithAnswers();
		await rememberWhetherCitizensExist();
		await deleteDatabase();
		resetJournal();
		expect(await reconcileStorage()).toBe('evicted');
	});

	it("takes the journal's checkpoint on trust at start, and checks the rest after the first screen: a damaged journal is rewritten", async () => {
		const { meeting } = await tabletWithAnswers();
		const verify = vi.spyOn(journal, 'verify');
		/** Resolves once the check after the first screen has ended (its last step says so). */
		const checked = () =>
			vi.waitFor(async () => {
				expect(verify).toHaveBeenCalled();
				expect(await verify.mock.results.at(-1)!.value).toEqual({ damaged: false });
			});

		// An intact journal: checked, nothing to do.
		restartWorker();
		const started = catchUps.started;
		expect(await reconcileStorage()).toBe('ready');
		showFirstScreen();
		await checked();
		expect(catchUps.started).toBe(started);

		// One byte of a journaled commit flipped on disk: the start still trusts the checkpoint, so nothing waits for a
		// check of the whole journal before the first screen.
		restartWorker();
		verify.mockClear();
		const active = files.find((file) => file.size() > 0)!;
		const at = HEAD_REGION + 40;
		active.write(at, new Uint8Array([active.read(at, 1)[0]! ^ 1]));
		waitForFirstScreen();
		expect(await reconcileStorage()).toBe('ready');
		expect(verify).not.toHaveBeenCalled();
		showFirstScreen();
		await vi.waitFor(() => expect(catchUps.started).toBe(started + 1));
		expect(await verify.mock.results.at(-1)?.value).toEqual({ damaged: true });
		await catchUps.done;
		expect(await journal.read()).toMatchObject({ usable: true, contiguous: true });
		await deleteDatabase();
		expect(await reconcileStorage()).toBe('restored');
		expect(await listAnswers(meeting.id)).toHaveLength(2);
	});

	for (const checkpointed of [true, false])
		it(`brings back what a journal damaged in the middle still holds when the database is lost, and does not say all came back (${checkpointed ? 'damage the start took on trust' : 'no checkpoint'})`, async () => {
			const { meeting } = await tabletWithAnswers();
			const pause = await recordAnswer(meeting, {
				subject: { kind: 'core-board' },
				content: { kind: 'core', value: 'pause' },
				provenance: { mode: 'selv' }
			});
			const ja = (await listAnswers(meeting.id)).find((answer) => (answer.content as { value: string }).value === 'ja')!;
			// Garbage over the commit of the first answer, with the later commits ("nej", "pause") after it on disk.
			restartWorker();
			if (!checkpointed) checkpoint.truncate(0);
			const active = files.find((file) => file.size() > 0)!;
			const at = Buffer.from(active.bytes).indexOf(ja.id);
			active.write(at, new Uint8Array(16).fill(0xee));
			await deleteDatabase();

			expect(await reconcileStorage()).toBe('restoredPartly');
			const kept = await listAnswers(meeting.id);
			expect(kept.map((answer) => (answer.content as { value: string }).value).sort()).toEqual(['nej', 'pause']);
			expect(kept.some((answer) => answer.id === pause.id)).toBe(true);
			// "pause" came after the damage: the file was read on past it, not cut short. The journal is then written afresh.
			expect(catchUps.started).toBe(2);
			await catchUps.done;
			expect(await journal.read()).toMatchObject({ usable: true });
			await deleteDatabase();
			expect(await reconcileStorage()).toBe('restored');
			expect(await listAnswers(meeting.id)).toHaveLength(2);
		});

	it('replaces no database from a journal whose damage the start took on trust: the database keeps what it has', async () => {
		const { meeting } = await tabletWithAnswers();
		const pause = await recordAnswer(meeting, {
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'pause' },
			provenance: { mode: 'selv' }
		});
		// The database lost its last commit in a crash (the answer "pause"): it is behind the journal, under the same key.
		const raw = openStore(DATABASE_NAME, { journaled: false });
		const seq = (await raw.transaction('r', ['commits'], (tx) => tx.commits.orderBy('seq').last()))!.seq!;
		await raw.transaction('rw', ['answers', 'commits'], async (tx) => {
			await tx.answers.delete(pause.id);
			await tx.commits.clear();
			await tx.commits.put({ seq: seq - 1 });
		});
		raw.close();
		// And one byte of the journal's first commit flipped on disk, before the checkpoint the start trusts.
		restartWorker();
		const active = files.find((file) => file.size() > 0)!;
		const at = HEAD_REGION + 40;
		active.write(at, new Uint8Array([active.read(at, 1)[0]! ^ 1]));
		const read = vi.spyOn(journal, 'read');

		expect(await reconcileStorage()).toBe('ready');
		// The fault fired: the start's summary was ahead of the database; the journal read through is too, but damaged.
		expect(read).toHaveBeenCalledTimes(1);
		expect(await read.mock.results[0]!.value).toMatchObject({ maxSeq: seq, usable: false });
		expect(await stored('answers')).toHaveLength(2);
		expect(catchUps.started).toBe(2);
		await catchUps.done;
		await deleteDatabase();
		expect(await reconcileStorage()).toBe('restored');
		// The rewrite carries over the journal's commits after the database's last, as it does those appended while it runs:
		// read on past the damage, "pause" (saved before the crash) is among them now, where the cut-short read lost it.
		expect((await listAnswers(meeting.id)).map((answer) => answer.id)).toContain(pause.id);
		expect(await listAnswers(meeting.id)).toHaveLength(3);
	});
});
