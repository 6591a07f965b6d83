import { describe, expect, it, vi } from 'vitest';
import { lazyPart } from './lazy-part.ts';

describe('lazyPart', () => {
	it('hands over a promise until the part is loaded, then the part itself, fetching it once', async () => {
		const part = { default: 'StaffPanel' };
		const load = vi.fn(() => Promise.resolve(part));
		const loader = lazyPart(load);
		const first = loader();
		expect(first).toBeInstanceOf(Promise);
		expect(await first).toBe(part);
		// Loaded: drawn at once, with no module-loader task in between.
		expect(loader()).toBe(part);
		expect(load).toHaveBeenCalledTimes(1);
	});

	it('fetches again after a failed fetch (Lazy\'s "Prøv igen")', async () => {
		const part = { default: 'CheckInStep' };
		const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(part);
		const loader = lazyPart(load);
		await expect(loader()).rejects.toThrow('offline');
		expect(await loader()).toBe(part);
		expect(loader()).toBe(part);
		expect(load).toHaveBeenCalledTimes(2);
	});
});
