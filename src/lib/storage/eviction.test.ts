import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCitizen, deleteCitizen } from './citizens.ts';
import { deleteDatabase } from './db.ts';
import { acknowledgeEviction, storageWasEvicted } from './eviction.ts';

/** Cache Storage as the page sees it: named caches of responses. */
function fakeCaches() {
	const stores = new Map<string, Map<string, Response>>();
	return {
		stores,
		has: async (name: string) => stores.has(name),
		delete: async (name: string) => stores.delete(name),
		async open(name: string) {
			const store = stores.get(name) ?? new Map<string, Response>();
			stores.set(name, store);
			return {
				put: async (url: string, response: Response) => void store.set(url, response),
				match: async (url: string) => store.get(url)
			};
		}
	};
}

describe('what the tablet keeps, and noticing when it was cleared', () => {
	let persistCalls = 0;
	let caches: ReturnType<typeof fakeCaches>;
	beforeEach(() => {
		persistCalls = 0;
		caches = fakeCaches();
		vi.stubGlobal('caches', caches);
		vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist: async () => (persistCalls++, false) } });
	});
	afterEach(async () => {
		vi.unstubAllGlobals();
		await deleteDatabase();
		localStorage.clear();
	});

	it('asks for persistent storage once a citizen is added, not before', async () => {
		expect(await storageWasEvicted()).toBe(false);
		expect(persistCalls).toBe(0);
		const citizen = await createCitizen({ displayName: 'Asta' });
		await vi.waitFor(() => expect(persistCalls).toBe(1));
		await deleteCitizen(citizen.id);
		expect(persistCalls).toBe(1);
		// The browser said no (Firefox: the person dismissed its prompt): the next citizen is not asked about again.
		await createCitizen({ displayName: 'Bo' });
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(persistCalls).toBe(1);
	});

	it('notices an empty database when only the marker in Cache Storage survived', async () => {
		await createCitizen({ displayName: 'Asta' });
		await deleteDatabase();
		localStorage.clear();
		expect(await storageWasEvicted()).toBe(true);
		acknowledgeEviction();
		await vi.waitFor(async () => expect(await storageWasEvicted()).toBe(false));
	});

	it('notices it when only localStorage survived, and a deliberate deletion is no eviction', async () => {
		const citizen = await createCitizen({ displayName: 'Asta' });
		caches.stores.clear();
		await deleteDatabase();
		expect(await storageWasEvicted()).toBe(true);
		const again = await createCitizen({ displayName: 'Bent' });
		await deleteCitizen(again.id);
		expect(citizen.id).not.toBe(again.id);
		expect(await storageWasEvicted()).toBe(false);
		expect(caches.stores.size).toBe(0);
	});
});
