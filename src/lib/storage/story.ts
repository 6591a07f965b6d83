import {
	changeStoryItem,
	createStoryItem,
	type ItemPosition,
	type NewStoryItem,
	type StoryItem,
	type StoryProvenance
} from '#lib/domain/story.ts';
import { getDb } from './db.ts';
import { guardedWrite, StorageError } from './errors.ts';
import { storyItemFromRecord, storyItemToRecord } from './records.ts';
import { CHANGED_MEANWHILE, openRecord, openRecords, sealRecord, unchangedSince, writeUnlessChanged } from './sealing.ts';

/*
 * The recovery story of a citizen, one sealed record per item: a drag in one tab rewrites only the
 * item dragged, so another tab working on another item is never overwritten.
 */

/** Every item of the citizen's story, also the removed ones (then and now needs them), oldest first. */
export async function listStoryItems(citizenId: string): Promise<StoryItem[]> {
	const stored = await getDb().storyItems.where('citizenId').equals(citizenId).toArray();
	return (await openRecords('storyItems', stored))
		.map(storyItemFromRecord)
		.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Puts a new item on the story. Resolves after IndexedDB has committed it. */
export async function addStoryItem(input: NewStoryItem): Promise<StoryItem> {
	const item = createStoryItem(input);
	const sealed = await sealRecord('storyItems', storyItemToRecord(item));
	const db = getDb();
	await guardedWrite(() =>
		db.transaction('rw', [db.citizens, db.storyItems], async () => {
			// A citizen deleted in another tab gets no orphaned item.
			if (!(await db.citizens.get(input.citizenId))) throw new StorageError('error.notFound');
			await db.storyItems.add(sealed);
		})
	);
	return item;
}

/**
 * Moves, resizes, removes or restores one item, as `provenance` says who did it, keeping its earlier state with the
 * date. A change made meanwhile in another tab means starting over from what that tab stored.
 */
export function moveStoryItem(
	itemId: string,
	next: ItemPosition,
	provenance: StoryProvenance,
	meetingId?: string,
	now = Date.now()
): Promise<StoryItem> {
	const db = getDb();
	return writeUnlessChanged(async () => {
		const stored = await db.storyItems.get(itemId);
		if (!stored) throw new StorageError('error.notFound');
		const updated = changeStoryItem(storyItemFromRecord(await openRecord('storyItems', stored)), next, now, provenance, meetingId);
		const sealed = await sealRecord('storyItems', storyItemToRecord(updated));
		return guardedWrite(() =>
			db.transaction('rw', db.storyItems, async () => {
				if (!unchangedSince(stored, await db.storyItems.get(itemId))) return CHANGED_MEANWHILE;
				await db.storyItems.put(sealed);
				return updated;
			})
		);
	});
}
