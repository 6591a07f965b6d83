import {
	changeStoryItem,
	createStoryItem,
	type ItemPosition,
	type NewStoryItem,
	type StoryItem,
	type StoryProvenance
} from '#lib/domain/story.ts';
import { getStore } from './db.ts';
import { guardedWrite, StorageError } from './errors.ts';
import { storyItemFromRecord, storyItemToRecord } from './records.ts';
import { CHANGED_MEANWHILE, openRecord, openRecords, sealRecord, unchangedSince, writeUnlessChanged } from './sealing.ts';

/*
 * The recovery story of a citizen, one sealed record per item: a drag in one tab rewrites only the
 * item dragged, so another tab working on another item is never overwritten.
 */

/** Every item of the citizen's story, also the removed ones (then and now needs them), oldest first. */
export async function listStoryItems(citizenId: string): Promise<StoryItem[]> {
	const stored = await getStore().transaction('r', ['storyItems'], (tx) => tx.storyItems.where('citizenId').equals(citizenId).toArray());
	return (await openRecords('storyItems', stored))
		.map(storyItemFromRecord)
		.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Puts a new item on the story. Resolves after IndexedDB has committed it. */
export async function addStoryItem(input: NewStoryItem): Promise<StoryItem> {
	const item = createStoryItem(input);
	const sealed = await sealRecord('storyItems', storyItemToRecord(item));
	await guardedWrite(() =>
		getStore().transaction('rw', ['citizens', 'storyItems'], async (tx) => {
			// A citizen deleted in another tab gets no orphaned item.
			if (!(await tx.citizens.get(input.citizenId))) throw new StorageError('error.notFound');
			await tx.storyItems.add(sealed);
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
	const store = getStore();
	return writeUnlessChanged(async () => {
		const stored = await store.transaction('r', ['storyItems'], (tx) => tx.storyItems.get(itemId));
		if (!stored) throw new StorageError('error.notFound');
		const updated = changeStoryItem(storyItemFromRecord(await openRecord('storyItems', stored)), next, now, provenance, meetingId);
		const sealed = await sealRecord('storyItems', storyItemToRecord(updated));
		return guardedWrite(() =>
			store.transaction('rw', ['storyItems'], async (tx) => {
				if (!unchangedSince(stored, await tx.storyItems.get(itemId))) return CHANGED_MEANWHILE;
				await tx.storyItems.put(sealed);
				return updated;
			})
		);
	});
}
