/// <reference lib="webworker" />
import { accessFile, openHandle } from './handles.ts';
import { JournalHost, journalExecutor, type ErasingMarker, type Executor, type RelayMessage } from './host.ts';
import type { JournalRequest, JournalResponse } from './protocol.ts';
import { JournalStore } from './store.ts';

/*
 * Synchronous OPFS access handles exist only in workers, and write in place, so appending a frame
 * changes no file-system metadata. Each tab starts this worker; only the elected one opens the files
 * (host.ts), the others relay to it.
 */

const ERASING = 'erasing';

function markerIn(directory: FileSystemDirectoryHandle): ErasingMarker {
	return {
		isSet: () =>
			directory.getFileHandle(ERASING).then(
				() => true,
				() => false
			),
		set: async () => void (await directory.getFileHandle(ERASING, { create: true })),
		clear: () => directory.removeEntry(ERASING)
	};
}

async function openJournal(): Promise<Executor> {
	const root = await navigator.storage.getDirectory();
	const directory = await root.getDirectoryHandle('journal', { create: true });
	const handles = await Promise.all(
		// The two journal files, and the checkpoint that spares a start reading them through (checkpoint.ts).
		['a.bin', 'b.bin', 'checkpoint.bin'].map(async (name) => {
			const file = await directory.getFileHandle(name, { create: true });
			const open = file.createSyncAccessHandle as (options?: {
				mode: 'readwrite-unsafe';
			}) => ReturnType<typeof file.createSyncAccessHandle>;
			return openHandle((options) => open.call(file, options));
		})
	);
	const [a, b] = await Promise.all([accessFile(handles[0]!), accessFile(handles[1]!)]);
	// Where flushes answer with promises (older iPadOS), the checkpoint is written once the frames it counts are on disk.
	const checkpoint = await accessFile(handles[2]!, async () => void (await Promise.all([a.settle(), b.settle()])));
	const opened = [a, b, checkpoint];
	const store = new JournalStore([a.file, b.file], checkpoint.file);
	return journalExecutor(store, markerIn(directory), async () => {
		await Promise.all(opened.map((file) => file.settle()));
	});
}

const channel = new BroadcastChannel('billedtale-journal');
const host = new JournalHost(
	crypto.randomUUID(),
	{
		post: (message) => channel.postMessage(message),
		listen: (receive) => (channel.onmessage = (event: MessageEvent<RelayMessage>) => receive(event.data))
	},
	(name, hold) => navigator.locks.request(name, hold),
	openJournal
);

self.onmessage = (event: MessageEvent<JournalRequest>) => {
	const { id, ...work } = event.data;
	host.handle(work).then(
		(result) => self.postMessage({ id, result } satisfies JournalResponse),
		(error: unknown) => self.postMessage({ id, error: String(error) } satisfies JournalResponse)
	);
};
