import type { JournalFile } from './frames.ts';

/*
 * Opening a journal file for in-place writes, on every engine that has synchronous access handles:
 * - Chromium accepts { mode: 'readwrite-unsafe' }; WebKit ignores the option and may refuse it, so
 *   the plain (exclusive) handle is tried next;
 * - a handle of the old page's worker may still be closing during a reload: opening is retried for a
 *   short while;
 * - iPadOS before 17 answers getSize, truncate, flush and close with promises (the first draft of the
 *   standard); read and write were synchronous there too. Such a handle's size is tracked here and its
 *   promises are awaited before the request they belong to is answered (`settle`).
 */

type Handle = {
	read(buffer: Uint8Array, options: { at: number }): number;
	write(buffer: Uint8Array, options: { at: number }): number;
	getSize(): number | Promise<number>;
	truncate(size: number): void | Promise<void>;
	flush(): void | Promise<void>;
};

export interface OpenedFile {
	file: JournalFile;
	/** Resolves once every asynchronous call made so far has finished; throws what failed. */
	settle(): Promise<void>;
}

const OPEN_ATTEMPTS = 6;
const FIRST_RETRY_MS = 100;

type Opener = (options?: { mode: 'readwrite-unsafe' }) => Promise<Handle>;

/** Tries the shared mode, then the exclusive one, several times with growing waits. */
export async function openHandle(open: Opener, wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<Handle> {
	let lastError: unknown;
	for (let attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
		for (const options of [{ mode: 'readwrite-unsafe' } as const, undefined]) {
			try {
				return await open(options);
			} catch (error) {
				lastError = error;
			}
		}
		await wait(FIRST_RETRY_MS * 2 ** attempt);
	}
	throw lastError;
}

/**
 * `writesAfter`, for a handle that flushes asynchronously: each call waits until what it returned at that call resolves.
 * The checkpoint's calls wait for the journal files' flushes so that, as with synchronous handles, it never reaches the disk
 * ahead of the frames it counts.
 */
export async function accessFile(handle: Handle, writesAfter?: () => Promise<void>): Promise<OpenedFile> {
	const sizeNow = handle.getSize();
	if (typeof sizeNow === 'number') {
		return {
			file: {
				size: () => handle.getSize() as number,
				read: (at, length) => readAt(handle, at, length),
				write: (at, bytes) => writeAt(handle, at, bytes),
				truncate: (length) => void handle.truncate(length),
				flush: () => void handle.flush()
			},
			settle: async () => {}
		};
	}
	let size = await sizeNow;
	let pending: Promise<unknown>[] = [];
	// With `writesAfter`, every call waits its turn behind it, in the order made: a truncate never overtakes a write.
	let queue: Promise<unknown> = Promise.resolve();
	const call = (run: () => unknown): void => {
		if (!writesAfter) return void pending.push(Promise.resolve(run()));
		// What it waits for is taken when the call is made: the flushes made before it, not those of a later request.
		const before = writesAfter();
		before.catch(() => undefined);
		const next = queue.then(() => before).then(run);
		// A failed call is thrown by `settle`; the calls after it still run.
		queue = next.catch(() => undefined);
		pending.push(next);
	};
	return {
		file: {
			size: () => size,
			read: (at, length) => readAt(handle, at, Math.max(0, Math.min(length, size - at))),
			write(at, bytes) {
				if (writesAfter) call(() => writeAt(handle, at, bytes));
				else writeAt(handle, at, bytes);
				size = Math.max(size, at + bytes.length);
			},
			truncate(length) {
				call(() => handle.truncate(length));
				size = length;
			},
			flush: () => call(() => handle.flush())
		},
		async settle() {
			const calls = pending;
			pending = [];
			await Promise.all(calls);
		}
	};
}

function readAt(handle: Handle, at: number, length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	const read = handle.read(bytes, { at });
	return read === length ? bytes : bytes.subarray(0, read);
}

function writeAt(handle: Handle, at: number, bytes: Uint8Array): void {
	if (handle.write(bytes, { at }) !== bytes.length) throw new Error('The journal write was cut short');
}
