import type { JournalFile } from '#lib/journal/frames.ts';

/** A journal file in memory, for tests of what the journal does with torn writes and crashes. */
export class MemoryFile implements JournalFile {
	bytes = new Uint8Array(0);
	/** Throws once this many more writes have happened: a crash in the middle. */
	writesBeforeCrash = Infinity;

	size() {
		return this.bytes.length;
	}
	read(at: number, length: number) {
		return this.bytes.slice(at, at + length);
	}
	write(at: number, data: Uint8Array) {
		if (this.writesBeforeCrash-- <= 0) throw new Error('crash');
		if (at + data.length > this.bytes.length) {
			const grown = new Uint8Array(at + data.length);
			grown.set(this.bytes);
			this.bytes = grown;
		}
		this.bytes.set(data, at);
	}
	truncate(length: number) {
		const cut = new Uint8Array(length);
		cut.set(this.bytes.subarray(0, length));
		this.bytes = cut;
	}
	flush() {}
}
