import { afterEach, describe, expect, it } from 'vitest';
import { compareStory } from '#lib/domain/story.ts';
import { createCitizen, deleteCitizen } from './citizens.ts';
import { deleteDatabase, getStore } from './db.ts';
import { addStoryItem, listStoryItems, moveStoryItem } from './story.ts';

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

const text = (citizenId: string, id: string, at: number) => ({
	id,
	citizenId,
	templateId: 'min-historie',
	placement: { areaId: 'haab', x: 20, y: 20, w: 200, h: 120 },
	content: { kind: 'text' as const, text: `Punkt ${id}` },
	provenance: { mode: 'selv' as const },
	meetingId: 'm1',
	at
});

describe('the story repository', () => {
	it('keeps one sealed record per item; a move rewrites only that record and keeps the state before', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		await addStoryItem(text(citizen.id, 'a', 10));
		await addStoryItem(text(citizen.id, 'b', 11));
		const stored = (id: string) => getStore().transaction('r', ['storyItems'], (tx) => tx.storyItems.get(id));
		const before = await stored('b');
		const lise = { mode: 'formidlet' as const, participantId: 'p-lise', name: 'Lise', role: 'paaroerende' as const };
		await moveStoryItem('a', { areaId: 'bedre', x: 30, y: 350, w: 200, h: 120, removed: false }, lise, 'm2', 20);
		expect((await stored('b'))?.payload.iv).toEqual(before?.payload.iv);
		const [a, b] = await listStoryItems(citizen.id);
		expect([a?.areaId, a?.history.map((s) => s.areaId), b?.areaId]).toEqual(['bedre', ['haab'], 'haab']);
		expect(JSON.stringify(await getStore().transaction('r', ['storyItems'], (tx) => tx.storyItems.toArray()))).not.toContain('Punkt');
		expect(compareStory([a!, b!], 15).map((c) => [c.change, c.by])).toEqual([
			['moved', lise],
			['same', undefined]
		]);
		// The move is Lise's; the item stays the one Anna put there herself.
		expect([a?.changedBy, a?.provenance]).toEqual([lise, { mode: 'selv' }]);
	});

	it('removes an item by marking it, so then-and-now still shows it; a deleted citizen takes the story along', async () => {
		const citizen = await createCitizen({ displayName: 'Bo' });
		await addStoryItem(text(citizen.id, 'a', 10));
		await moveStoryItem('a', { areaId: 'haab', x: 20, y: 20, w: 200, h: 120, removed: true }, { mode: 'selv' }, undefined, 30);
		expect((await listStoryItems(citizen.id))[0]?.removedAt).toBe(30);
		await deleteCitizen(citizen.id);
		expect(await getStore().transaction('r', ['storyItems'], (tx) => tx.storyItems.count())).toBe(0);
		await expect(addStoryItem(text(citizen.id, 'c', 40))).rejects.toThrow();
		await expect(moveStoryItem('a', { areaId: 'haab', x: 0, y: 0, w: 100, h: 100, removed: false }, { mode: 'selv' })).rejects.toThrow();
	});
});
