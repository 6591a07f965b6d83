import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCitizen, listCitizens } from './citizens.ts';
import { deleteDatabase, getStore } from './db.ts';
import { createMeeting } from './meetings.ts';
import { listStoryItems } from './story.ts';
import { watchQuery } from './watch.ts';

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

/** A live query of the citizens' names, as the app's lists run it, with how often it read. */
function watchingCitizens() {
	const seen: string[][] = [];
	let reads = 0;
	const stop = watchQuery(
		async () => {
			reads++;
			return (await listCitizens()).map((citizen) => citizen.displayName);
		},
		{ next: (names) => seen.push(names), error: (error) => expect.fail(String(error)) }
	);
	return { seen, reads: () => reads, stop };
}

describe('a live query', () => {
	it('reads again after a commit to a table it read, and not after a commit to another', async () => {
		const { seen, reads, stop } = watchingCitizens();
		try {
			await vi.waitFor(() => expect(seen).toEqual([[]]));
			const anna = await createCitizen({ displayName: 'Anna' });
			await vi.waitFor(() => expect(seen).toEqual([[], ['Anna']]));
			const before = reads();
			await createMeeting(anna.id, { date: '2026-12-07', place: 'Hjemme', phase: 'opfoelgning' });
			await getStore().transaction('rw', ['plans'], (tx) => tx.plans.delete('nothing'));
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(reads(), 'read again for a meeting or a plan').toBe(before);
		} finally {
			stop();
		}
	});

	it('reads again after a commit made outside the repositories, through the database itself', async () => {
		const { seen, stop } = watchingCitizens();
		try {
			await vi.waitFor(() => expect(seen).toEqual([[]]));
			const anna = await createCitizen({ displayName: 'Anna' });
			await vi.waitFor(() => expect(seen).toEqual([[], ['Anna']]));
			// Deleted outside the repository, through the layer: the live query hears of it either way.
			await getStore().transaction('rw', ['citizens'], (tx) => tx.citizens.delete(anna.id));
			await vi.waitFor(() => expect(seen).toEqual([[], ['Anna'], []]));
		} finally {
			stop();
		}
	});

	it('running beside another, reads again only for the tables it read itself', async () => {
		const anna = await createCitizen({ displayName: 'Anna' });
		let storyReads = 0;
		const stopStory = watchQuery(
			async () => {
				storyReads++;
				return listStoryItems(anna.id);
			},
			{ next: () => undefined, error: (error) => expect.fail(String(error)) }
		);
		// Started together, so each runs while the other does.
		const { seen, stop } = watchingCitizens();
		try {
			await vi.waitFor(() => expect([seen.length, storyReads]).toEqual([1, 1]));
			await createCitizen({ displayName: 'Bo' });
			await vi.waitFor(() => expect(seen.at(-1)).toEqual(['Anna', 'Bo']));
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(storyReads, 'the story read again for a citizen').toBe(1);
		} finally {
			stop();
			stopStory();
		}
	});
});
