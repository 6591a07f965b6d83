import { Dexie, type EntityTable } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalOp } from '#lib/journal/frames.ts';
import { COMMITS_TABLE, journalingMiddleware, type CommitRecord } from './journaling.ts';

type Row = { id: string; citizenId: string };

class TestDb extends Dexie {
	answers!: EntityTable<Row, 'id'>;
	commits!: EntityTable<CommitRecord, 'seq'>;
	readonly committed: { seq: number; ops: JournalOp[] }[] = [];

	constructor() {
		super(`journaling-${Math.random()}`);
		this.version(1).stores({ answers: 'id, citizenId', [COMMITS_TABLE]: '++seq' });
		this.use(journalingMiddleware((seq, ops) => this.committed.push({ seq, ops })));
	}
}

let db: TestDb;
afterEach(() => db?.delete());

describe('journaling middleware', () => {
	it('hands each committed transaction to the journal, numbered in the same transaction', async () => {
		db = new TestDb();
		await db.answers.add({ id: 'a1', citizenId: 'c1' });
		await db.transaction('rw', db.answers, async () => {
			await db.answers.bulkPut([
				{ id: 'a2', citizenId: 'c1' },
				{ id: 'a3', citizenId: 'c2' }
			]);
			await db.answers.where('citizenId').equals('c2').delete();
		});
		await db.answers.clear();
		expect(db.committed).toEqual([
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
		expect(await db.commits.toArray()).toEqual([{ seq: 1 }, { seq: 2 }, { seq: 3 }]);
	});

	it('tells the journal nothing of a transaction that failed, and keeps no number for it', async () => {
		db = new TestDb();
		await db.answers.add({ id: 'a1', citizenId: 'c1' });
		await expect(
			db.transaction('rw', db.answers, async () => {
				await db.answers.put({ id: 'a2', citizenId: 'c1' });
				await db.answers.add({ id: 'a1', citizenId: 'c1' });
			})
		).rejects.toThrow();
		expect(db.committed.map(({ seq }) => seq)).toEqual([1]);
		expect(await db.commits.toArray()).toEqual([{ seq: 1 }]);
		expect(await db.answers.count()).toBe(1);
	});

	it('journals no change for a request that failed in a transaction that still committed, and keeps the numbers contiguous', async () => {
		db = new TestDb();
		await db.answers.add({ id: 'a1', citizenId: 'c1' });
		// Dexie commits a lone write's own transaction though its request failed: the number, asked for with it, stays.
		await expect(db.answers.add({ id: 'a1', citizenId: 'c1' })).rejects.toThrow();
		await db.answers.add({ id: 'a2', citizenId: 'c1' });
		expect(db.committed.map(({ seq, ops }) => [seq, ops.length])).toEqual([
			[1, 1],
			[2, 0],
			[3, 1]
		]);
		expect(await db.answers.count()).toBe(2);
	});

	it('leaves reads alone', async () => {
		db = new TestDb();
		await db.answers.toArray();
		await db.transaction('r', db.answers, () => db.answers.count());
		expect(db.committed).toEqual([]);
		expect(await db.commits.count()).toBe(0);
	});
});
