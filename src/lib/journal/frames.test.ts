import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryFile } from '../../../tests/unit/memory-file.ts';
import { sealed } from '../../../tests/unit/journal-records.ts';
import { crc32, encodeFrame, nextFrame, readFrame, type Frame } from './frames.ts';

describe('journal frames', () => {
	it('carry binary parts (typed arrays and buffers) through unchanged', () => {
		const file = new MemoryFile();
		file.write(0, encodeFrame({ kind: 'snapshot', table: 'answers', value: sealed('a1') }));
		const read = readFrame(file, 0);
		expect(read?.frame).toEqual({ kind: 'snapshot', table: 'answers', value: sealed('a1') });
		const payload = (read?.frame as { value: ReturnType<typeof sealed> }).value.payload;
		expect(payload.iv).toBeInstanceOf(Uint8Array);
		expect(payload.ct).toBeInstanceOf(ArrayBuffer);
	});

	it('are checked with the standard CRC-32, whatever the length', () => {
		// The check value of CRC-32 (IEEE), and the plain byte-at-a-time definition for every length around the 8-byte steps.
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
		const bytewise = (bytes: Uint8Array) => {
			let crc = 0xffffffff;
			for (const byte of bytes) {
				crc ^= byte;
				for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
			}
			return (crc ^ 0xffffffff) >>> 0;
		};
		fc.assert(fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => crc32(bytes) === bytewise(bytes)));
	});

	it('of other tables are checked but not decoded when a start looks for one table only', () => {
		const file = new MemoryFile();
		const frame = encodeFrame({ kind: 'snapshot', table: 'answers', value: sealed('a1') });
		file.write(0, frame);
		expect(readFrame(file, 0, file.size(), 'vault')).toEqual({
			frame: { kind: 'snapshot', table: 'answers', value: undefined },
			next: frame.length
		});
		expect(readFrame(file, 0, file.size(), 'answers')?.frame).toEqual({ kind: 'snapshot', table: 'answers', value: sealed('a1') });
		// A damaged record is found all the same.
		file.write(frame.length - 1, new Uint8Array([frame.at(-1)! ^ 1]));
		expect(readFrame(file, 0, file.size(), 'vault')).toBeUndefined();
	});

	it('are found again after damage where their JSON starts, whatever the order of the keys given, once their CRC passes', () => {
		const file = new MemoryFile();
		file.write(0, new Uint8Array(30).fill(0xee));
		const frame = encodeFrame({ value: sealed('a1'), table: 'answers', kind: 'snapshot' } as Frame);
		file.write(30, frame);
		expect(nextFrame(file, 1)).toBe(30);
		expect(readFrame(file, 30)?.frame).toEqual({ kind: 'snapshot', table: 'answers', value: sealed('a1') });
		file.write(30 + frame.length - 1, new Uint8Array([frame.at(-1)! ^ 1]));
		expect(nextFrame(file, 1)).toBeUndefined();
	});

	it('refuse values the journal could not give back as they were', () => {
		expect(() => encodeFrame({ kind: 'snapshot', table: 't', value: { at: new Date() } })).toThrow(TypeError);
		expect(() => encodeFrame({ kind: 'snapshot', table: 't', value: { $bytes: 1 } })).toThrow(TypeError);
	});
});
