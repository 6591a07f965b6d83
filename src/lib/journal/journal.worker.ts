/// <reference lib="webworker" />
import type { JournalFile } from './frames.ts';
import type { JournalRequest, JournalResponse, JournalSummary } from './protocol.ts';
import { JournalStore } from './store.ts';

/*
 * Synchronous OPFS access handles exist only in workers. They write in place, so appending a frame
 * changes no file-system metadata; "readwrite-unsafe" lets every tab of the app keep its own handle,
 * and a Web Lock keeps their writes apart.
 */

const LOCK = 'billedtale-journal';
const ERASING = 'erasing';

function accessFile(handle: FileSystemSyncAccessHandle): JournalFile {
	return {
		size: () => handle.getSize(),
		read(at, length) {
			const bytes = new Uint8Array(length);
			const read = handle.read(bytes, { at });
			return read === length ? bytes : bytes.subarray(0, read);
		},
		write(at, bytes) {
			if (handle.write(bytes, { at }) !== bytes.length) throw new Error('The journal write was cut short');
		},
		truncate: (length) => handle.truncate(length),
		flush: () => handle.flush()
	};
}

async function openJournal(): Promise<{ store: JournalStore; directory: FileSystemDirectoryHandle }> {
	const root = await navigator.storage.getDirectory();
	const directory = await root.getDirectoryHandle('journal', { create: true });
	const [a, b] = await Promise.all(
		['a.bin', 'b.bin'].map(async (name) => {
			const file = await directory.getFileHandle(name, { create: true });
			const open = file.createSyncAccessHandle as (options: { mode: 'readwrite-unsafe' }) => Promise<FileSystemSyncAccessHandle>;
			return accessFile(await open.call(file, { mode: 'readwrite-unsafe' }));
		})
	);
	return { store: new JournalStore([a!, b!]), directory };
}

async function erasing(directory: FileSystemDirectoryHandle): Promise<boolean> {
	try {
		await directory.getFileHandle(ERASING);
		return true;
	} catch {
		return false;
	}
}

const opened = openJournal();

async function handle(request: JournalRequest): Promise<unknown> {
	const { store, directory } = await opened;
	switch (request.op) {
		case 'inspect': {
			const { state, ...summary } = store.read('vault');
			return { ...summary, vault: state.get('vault')?.get('vault'), erasing: await erasing(directory) } satisfies JournalSummary;
		}
		case 'read':
			return store.read();
		case 'append':
			return store.append(request.seq, request.ops);
		case 'snapshot':
			return store.writeSnapshot(request.records, request.baseSeq);
		case 'beginErase':
			// The marker comes first: a crash after it makes the next start finish the erasing.
			await directory.getFileHandle(ERASING, { create: true });
			return store.erase();
		case 'finishErase':
			return directory.removeEntry(ERASING).catch(() => undefined);
	}
}

// One request at a time, in the order they came; across tabs, the lock orders them.
let queue: Promise<unknown> = Promise.resolve();
self.onmessage = (event: MessageEvent<JournalRequest>) => {
	const request = event.data;
	queue = queue.then(() =>
		navigator.locks
			.request(LOCK, () => handle(request))
			.then(
				(result) => self.postMessage({ id: request.id, result } satisfies JournalResponse),
				(error: unknown) => self.postMessage({ id: request.id, error: String(error) } satisfies JournalResponse)
			)
	);
};
