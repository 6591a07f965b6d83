import { afterEach, describe, expect, it } from 'vitest';
import { COMMIT_ROWS_KEPT, commitRowsCleaned } from './commit-rows.ts';
import { deleteDatabase, getStore } from './db.ts';

afterEach(() => deleteDatabase());

describe('the commits table while the app runs', () => {
	it(`keeps no more than ${COMMIT_ROWS_KEPT} rows however many transactions commit, and always the last number`, async () => {
		const db = getStore();
		const writes = COMMIT_ROWS_KEPT + 20;
		for (let i = 0; i < writes; i++) {
			await db.transaction('rw', ['citizenKeys'], (tx) => tx.citizenKeys.put({ id: 'probe', n: i } as never));
			await commitRowsCleaned();
		}
		const [rows, last] = await db.transaction('r', ['commits'], (tx) =>
			Promise.all([tx.commits.count(), tx.commits.orderBy('seq').last()])
		);
		// The clean-up ran: without it every write would have left its row.
		expect(rows).toBeLessThanOrEqual(COMMIT_ROWS_KEPT);
		expect(rows).toBeGreaterThan(0);
		expect(last?.seq).toBe(writes);
	});
});
