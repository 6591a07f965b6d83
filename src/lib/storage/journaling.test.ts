import { afterEach, describe, expect, it } from 'vitest';
import type { JournalOp } from '#lib/journal/frames.ts';
import { Database } from './idb/database.ts';
import { COMMITS_TABLE, journalHooks, type CommitRecord } from './journaling.ts';

type Row = { id: string; citizenId: string };
type Tables = { answers: Row; commits: CommitRecord };

function testDb() {
	const committed: { seq: number; ops: JournalOp[] }[] = [];
	const db = new Database<Tables>(
		`journaling-${Math.random()}`,
		[{ version: 1, stores: { answers: 'id, citizenId', [COMMITS_TABLE]: '++seq' } }],
		{
			hooks: [journalHooks((seq, ops) => committed.push({ seq, ops }))]
		}
	);
	opened.push(db);
	const commits = () => db.transaction('r', ['commits'], (tx) => tx.commits.toArray());
	const answers = () => db.transaction('r', ['answers'], (tx) => tx.answers.count());
	return { db, committed, commits, answers };
}

const opened: Database<Tables>[] = [];
afterEach(async () => {
	await Promise.all(opened.splice(0).map((db) => db.delete()));
});

describe('the journal hooks', () => {
	it('hand each committed transaction to the journal, numbered in the same transaction', async () => {
		const { db, committed, commits } = testDb();
		await db.transaction('rw', ['answers'], (tx) => tx.answers.add({ id: 'a1', citizenId: 'c1' }));
		await db.transaction('rw', ['answers'], async (tx) => {
			await tx.answers.bulkPut([
				{ id: 'a2', citizenId: 'c1' },
				{ id: 'a3', citizenId: 'c2' }
			]);
			await tx.answers.where('citizenId').equals('c2').delete();
		});
		await db.transaction('rw', ['answers'], (tx) => tx.answers.clear());
		expect(committed).toEqual([
			{ seq: 1, ops: [{ type: 'put', table: 'answers', values: [{ id: 'a1', citizenId: 'c1' }] }] },
			{
				seq: 2,
				ops: [
					{
						type: 'put',
						table: 'answers',
						values: [
							{ id: 'a2', citizenId: 'c1' },
							{ id: 'a3', citizenId: 'c2' }
						]
					},
					{ type: 'delete', table: 'answers', keys: ['a3'] }
				]
			},
			{
				seq: 3,
				ops: [{ type: 'deleteRange', table: 'answers', range: { lower: undefined, upper: undefined, lowerOpen: false, upperOpen: false } }]
			}
		]);
		expect(await commits()).toEqual([{ seq: 1 }, { seq: 2 }, { seq: 3 }]);
	});

	it('tell the journal nothing of a transaction that failed, and keep no number for it', async () => {
		const { db, committed, commits, answers } = testDb();
		await db.transaction('rw', ['answers'], (tx) => tx.answers.add({ id: 'a1', citizenId: 'c1' }));
		await expect(
			db.transaction('rw', ['answers'], async (tx) => {
				await tx.answers.put({ id: 'a2', citizenId: 'c1' });
				await tx.answers.add({ id: 'a1', citizenId: 'c1' });
			})
		).rejects.toThrow();
		// A lone write whose request fails aborts its transaction too (Dexie committed it, with a number and no ops).
		await expect(db.transaction('rw', ['answers'], (tx) => tx.answers.add({ id: 'a1', citizenId: 'c1' }))).rejects.toThrow();
		await db.transaction('rw', ['answers'], (tx) => tx.answers.add({ id: 'a2', citizenId: 'c1' }));
		expect(committed.map(({ seq, ops }) => [seq, ops.length])).toEqual([
			[1, 1],
			[2, 1]
		]);
		expect(await commits()).toEqual([{ seq: 1 }, { seq: 2 }]);
		expect(await answers()).toBe(2);
	});

	it('journal no change for a request that failed and was caught in a transaction that still committed', async () => {
		const { db, committed, answers } = testDb();
		await db.transaction('rw', ['answers'], (tx) => tx.answers.add({ id: 'a1', citizenId: 'c1' }));
		await db.transaction('rw', ['answers'], async (tx) => {
			await tx.answers.add({ id: 'a1', citizenId: 'c1' }).catch(() => undefined);
			await tx.answers.put({ id: 'a2', citizenId: 'c1' });
		});
		expect(committed).toEqual([
			{ seq: 1, ops: [{ type: 'put', table: 'answers', values: [{ id: 'a1', citizenId: 'c1' }] }] },
			{ seq: 2, ops: [{ type: 'put', table: 'answers', values: [{ id: 'a2', citizenId: 'c1' }] }] }
		]);
		expect(await answers()).toBe(2);
	});

	it('leave reads alone', async () => {
		const { db, committed, commits } = testDb();
		await db.transaction('r', ['answers'], (tx) => tx.answers.toArray());
		expect(committed).toEqual([]);
		expect(await commits()).toEqual([]);
	});
});
