import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanDocument } from './document.ts';
import type { PdfRequest, PdfResponse } from './pdf-protocol.ts';
import { PDF_WRITE_LIMIT_MS, PDF_WRITER_KEPT_MS, PdfWriteError, PdfWriter } from './pdf-writer.ts';

/** A stand-in for the PDF worker: keeps what it is sent, and answers when the test says so. */
class FakeWorker {
	static started: FakeWorker[] = [];
	readonly received: PdfRequest[] = [];
	terminated = false;
	onmessage: ((event: MessageEvent<PdfResponse>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	constructor() {
		FakeWorker.started.push(this);
	}
	postMessage(request: PdfRequest): void {
		// As the structured clone does: a function cannot be sent.
		if (request.kind === 'write' && typeof (request.document as unknown as { title: unknown }).title === 'function')
			throw new DOMException('could not be cloned', 'DataCloneError');
		this.received.push(request);
	}
	terminate(): void {
		this.terminated = true;
	}
	answer(response: PdfResponse): void {
		this.onmessage?.({ data: response } as MessageEvent<PdfResponse>);
	}
	fail(message: string): void {
		this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
	}
	get writes(): Extract<PdfRequest, { kind: 'write' }>[] {
		return this.received.filter((request) => request.kind === 'write');
	}
}

const document: PlanDocument = {
	version: 'citizen',
	language: 'da',
	title: 'Min plan',
	easyRead: true,
	footer: 'Min plan',
	blocks: [{ kind: 'row', figure: { symbolId: 'ja', alt: 'Ja' }, lines: ['Jeg vil handle ind'] }]
};

beforeEach(() => {
	FakeWorker.started = [];
	vi.stubGlobal('Worker', FakeWorker);
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('the PDF writer on the page', () => {
	it("sends the document with its fonts' and symbols' addresses and the photos, and gives back the file's bytes", async () => {
		const writer = new PdfWriter();
		const photo = new Blob(['jpeg'], { type: 'image/jpeg' });
		const written = writer.write(document, new Map([['foto-1', photo]]));
		const [worker] = FakeWorker.started;
		const [request] = worker!.writes;
		expect(request!.document).toEqual(document);
		expect(request!.files.regular).toMatch(/AtkinsonHyperlegible_400Regular.*\.ttf/);
		expect(request!.files.fallbackBold).toMatch(/NotoSans_700Bold.*\.ttf/);
		expect([...request!.files.symbols.keys()]).toEqual(['ja']);
		expect(request!.files.symbols.get('ja')).toMatch(/ja.*\.svg/);
		expect(request!.photos.get('foto-1')).toBe(photo);
		const bytes = new Uint8Array([37, 80, 68, 70]).buffer;
		worker!.answer({ id: request!.id, ok: true, bytes });
		expect(await written).toBe(bytes);
	});

	it('keeps one worker for the PDFs made together, and lets it go two minutes after the last', async () => {
		const writer = new PdfWriter();
		writer.prepare();
		const worker = FakeWorker.started[0]!;
		expect(worker.received.map((request) => request.kind)).toEqual(['prepare']);
		for (const n of [1, 2]) {
			const written = writer.write(document, new Map());
			vi.advanceTimersByTime(PDF_WRITE_LIMIT_MS - 1);
			worker.answer({ id: worker.writes.at(-1)!.id, ok: true, bytes: new ArrayBuffer(n) });
			expect((await written).byteLength).toBe(n);
		}
		expect(FakeWorker.started).toHaveLength(1);
		vi.advanceTimersByTime(PDF_WRITER_KEPT_MS - 1);
		expect(worker.terminated).toBe(false);
		vi.advanceTimersByTime(1);
		expect(worker.terminated).toBe(true);
		// The next PDF starts a new one.
		writer.prepare();
		expect(FakeWorker.started).toHaveLength(2);
	});

	it('gives a file a minute: a worker that has not answered by then is let go, and the file refused with the Danish error', async () => {
		const writer = new PdfWriter();
		const written = writer.write(document, new Map());
		const worker = FakeWorker.started[0]!;
		vi.advanceTimersByTime(PDF_WRITE_LIMIT_MS - 1);
		expect(worker.terminated).toBe(false);
		vi.advanceTimersByTime(1);
		expect(worker.terminated).toBe(true);
		await expect(written).rejects.toMatchObject({ code: 'error.pdf' });
		// The next PDF has a new worker, and its minute of its own.
		const next = writer.write(document, new Map());
		expect(FakeWorker.started).toHaveLength(2);
		vi.advanceTimersByTime(PDF_WRITE_LIMIT_MS - 1);
		FakeWorker.started[1]!.answer({ id: FakeWorker.started[1]!.writes[0]!.id, ok: true, bytes: new ArrayBuffer(3) });
		expect((await next).byteLength).toBe(3);
		vi.advanceTimersByTime(PDF_WRITER_KEPT_MS - 1);
		expect(FakeWorker.started[1]!.terminated).toBe(false);
	});

	it('refuses, with the Danish error, a file the worker could not write and every file of a worker that failed', async () => {
		const writer = new PdfWriter();
		const first = writer.write(document, new Map());
		const worker = FakeWorker.started[0]!;
		worker.answer({ id: worker.writes[0]!.id, ok: false, message: 'broken font' });
		await expect(first).rejects.toMatchObject({ code: 'error.pdf', message: 'broken font' });

		const second = writer.write(document, new Map());
		const third = writer.write(document, new Map());
		worker.fail('out of memory');
		for (const refused of [second, third]) await expect(refused).rejects.toBeInstanceOf(PdfWriteError);
		expect(worker.terminated).toBe(true);
		// A new worker for the next try.
		const fourth = writer.write(document, new Map());
		expect(FakeWorker.started).toHaveLength(2);
		const next = FakeWorker.started[1]!;
		next.answer({ id: next.writes[0]!.id, ok: true, bytes: new ArrayBuffer(2) });
		expect((await fourth).byteLength).toBe(2);
	});

	it('throws a document that cannot be sent, and waits for nothing after it', async () => {
		const writer = new PdfWriter();
		const unsendable = { ...document, title: () => 'Min plan' } as unknown as PlanDocument;
		expect(() => writer.write(unsendable, new Map())).toThrow(DOMException);
		// Nothing left waiting: the worker is let go on time, as after a file written.
		vi.advanceTimersByTime(PDF_WRITER_KEPT_MS);
		expect(FakeWorker.started[0]!.terminated).toBe(true);
	});
});
