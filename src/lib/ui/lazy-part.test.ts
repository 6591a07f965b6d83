import { describe, expect, it, vi } from 'vitest';
import { lazyPart, sharedLoad } from './lazy-part.ts';

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

describe('sharedLoad', () => {
	it('loads once for every call while the load is on its way and after it succeeded', async () => {
		let finish: (value: string) => void = () => {};
		const load = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)));
		const loader = sharedLoad(load);
		const first = loader();
		expect(loader()).toBe(first);
		finish('fonts');
		expect(await first).toBe('fonts');
		expect(await loader()).toBe('fonts');
		expect(load).toHaveBeenCalledTimes(1);
	});

	it('loads again after a load that failed, and keeps the one that succeeded', async () => {
		const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce('writer');
		const loader = sharedLoad(load);
		await expect(loader()).rejects.toThrow('offline');
		expect(await loader()).toBe('writer');
		expect(await loader()).toBe('writer');
		expect(load).toHaveBeenCalledTimes(2);
	});
});
