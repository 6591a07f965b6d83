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
