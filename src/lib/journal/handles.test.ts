import { describe, expect, it } from 'vitest';
import { accessFile, openHandle } from './handles.ts';
import { JournalStore } from './store.ts';

/** An access handle as iPadOS 15–16 shipped it: getSize, truncate and flush answer with promises. */
function olderWebKitHandle() {
	let bytes = new Uint8Array(0);
	const calls = { flushes: 0 };
	const handle = {
		read(buffer: Uint8Array, { at }: { at: number }) {
			const part = bytes.subarray(at, at + buffer.length);
			buffer.set(part);
			return part.length;
		},
		write(buffer: Uint8Array, { at }: { at: number }) {
			if (at + buffer.length > bytes.length) {
				const grown = new Uint8Array(at + buffer.length);
				grown.set(bytes);
				bytes = grown;
			}
			bytes.set(buffer, at);
			return buffer.length;
		},
		getSize: async () => bytes.length,
		truncate: async (size: number) => void (bytes = bytes.slice(0, size)),
		flush: async () => void calls.flushes++
	};
	return { handle, calls };
}

describe('journal files on every engine', () => {
	it('runs the journal on handles whose methods are asynchronous, and waits for their flushes', async () => {
		const [a, b] = [olderWebKitHandle(), olderWebKitHandle()];
		const files = await Promise.all([accessFile(a.handle), accessFile(b.handle)]);
		const store = new JournalStore([files[0]!.file, files[1]!.file]);
		store.writeSnapshot([{ table: 'answers', value: { id: 'x' } }], 0);
		store.append(1, [{ type: 'put', table: 'answers', values: [{ id: 'y' }] }]);
		await Promise.all(files.map((file) => file.settle()));
		expect(a.calls.flushes + b.calls.flushes).toBeGreaterThan(0);
		// Read back through fresh adapters, as the next start would.
		const reopened = await Promise.all([accessFile(a.handle), accessFile(b.handle)]);
		const read = new JournalStore([reopened[0]!.file, reopened[1]!.file]).read();
		expect([...read.state.get('answers')!.keys()]).toEqual(['x', 'y']);
		expect(read).toMatchObject({ maxSeq: 1, contiguous: true, usable: true });
	});

	it('writes the checkpoint only once the frames it counts are on disk, where flushes answer with promises', async () => {
		const [a, b, c] = [olderWebKitHandle(), olderWebKitHandle(), olderWebKitHandle()];
		const files = await Promise.all([accessFile(a.handle), accessFile(b.handle)]);
		const checkpoint = await accessFile(c.handle, async () => void (await Promise.all(files.map((file) => file.settle()))));
		const all = [...files, checkpoint];
		const store = new JournalStore([files[0]!.file, files[1]!.file], checkpoint.file);
		store.writeSnapshot([{ table: 'vault', value: { id: 'vault', keyId: 'k1' } }], 0);
		await Promise.all(all.map((file) => file.settle()));
		// The next append's flush is held (the disk is slow), then fails once.
		const events: string[] = [];
		const write = c.handle.write;
		c.handle.write = (buffer, options) => (events.push('checkpoint written'), write(buffer, options));
		let finish!: (failed: boolean) => void;
		for (const { handle } of [a, b])
			handle.flush = () =>
				new Promise<undefined>((resolve, reject) => {
					finish = (failed) => (
						events.push(failed ? 'journal flush failed' : 'journal flushed'),
						failed ? reject(new Error('disk')) : resolve(undefined)
					);
				});
		store.append(1, [{ type: 'put', table: 'vault', values: [{ id: 'vault', keyId: 'k2' }] }]);
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(events).toEqual([]);
		finish(false);
		await Promise.all(all.map((file) => file.settle()));
		expect(events).toEqual(['journal flushed', 'checkpoint written']);
		const start = new JournalStore([files[0]!.file, files[1]!.file], checkpoint.file).startState();
		expect(start).toMatchObject({ maxSeq: 1, unverified: true });

		// A flush that fails: the checkpoint that would count its frame is not written, and the request hears of it.
		events.length = 0;
		store.append(2, [{ type: 'put', table: 'vault', values: [{ id: 'vault', keyId: 'k3' }] }]);
		finish(true);
		await expect(Promise.all(all.map((file) => file.settle()))).rejects.toThrow('disk');
		expect(events).toEqual(['journal flush failed']);
	});

	it('retries without "readwrite-unsafe" and waits while the old page’s handle is still closing', async () => {
		const tried: string[] = [];
		let refusals = 3;
		const opened = await openHandle(
			async (options) => {
				tried.push(options?.mode ?? 'exclusive');
				if (options) throw new TypeError('mode not supported');
				if (refusals-- > 0) throw new DOMException('still open', 'NoModificationAllowedError');
				return olderWebKitHandle().handle;
			},
			async () => {}
		);
		expect(opened).toBeDefined();
		expect(tried).toEqual([
			'readwrite-unsafe',
			'exclusive',
			'readwrite-unsafe',
			'exclusive',
			'readwrite-unsafe',
			'exclusive',
			'readwrite-unsafe',
			'exclusive'
		]);
	});

	it('gives up after its attempts with the last error', async () => {
		await expect(
			openHandle(
				async () => {
					throw new DOMException('no access handle', 'NotSupportedError');
				},
				async () => {}
			)
		).rejects.toThrow('no access handle');
	});
});
