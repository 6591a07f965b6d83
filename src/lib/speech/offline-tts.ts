/*
 * eSpeak NG compiled to WebAssembly, with its Danish voice. Loaded only when the device has no Danish
 * voice of its own, and run in a worker (offline-tts.worker.ts). The 18 MB module is compiled and started once
 * (startSpeaker).
 */

let compiled: Promise<WebAssembly.Module> | undefined;

function compileOnce(wasmUrl: string): Promise<WebAssembly.Module> {
	compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch((error: unknown) => {
		compiled = undefined;
		throw error;
	});
	return compiled;
}

const WAV_PATH = '/utterance.wav';

/** eSpeak's speed is words per minute (175 is normal) and its pitch 0–99 (50 is normal). */
export function espeakArguments(text: string, rate: number, pitch: number): string[] {
	const speed = Math.round(175 * rate);
	const espeakPitch = Math.round(Math.min(99, Math.max(0, 50 * pitch)));
	return ['-v', 'da', '-s', String(speed), '-p', String(espeakPitch), '-w', WAV_PATH, text];
}

/** What of eSpeak NG's WebAssembly exports is called here: its main() and the C stack around it. */
interface EspeakExports {
	memory: WebAssembly.Memory;
	__main_argc_argv(argc: number, argv: number): number;
	stackSave(): number;
	stackRestore(pointer: number): void;
	stackAlloc(size: number): number;
}

/** eSpeak NG started once, run for one utterance after another. */
export interface Speaker {
	/** The WAV eSpeak NG makes of `text`; throws when its program fails. */
	speak(text: string, rate: number, pitch: number): Uint8Array;
}

/*
 * Instantiating eSpeak NG — its memory, and its voice data written into its file system — was most of the 100–200 ms an
 * utterance took, and its program runs only once per instance: its option parsing keeps its place in C globals. So one
 * instance is started, its memory as it stood before the first run is kept, and each utterance puts that memory back
 * and runs the program again: it starts as in a fresh instance, in a tenth of the time, and makes the same WAV (unit
 * test). The file system lives outside that memory; the program closes what it opens, and the WAV is taken out after.
 */
export async function startSpeaker(module: WebAssembly.Module): Promise<Speaker> {
	const { default: ESpeakNg } = await import('espeak-ng');
	let exports: EspeakExports | undefined;
	const espeak = await ESpeakNg({
		noInitialRun: true,
		instantiateWasm(imports: WebAssembly.Imports, ready: (instance: WebAssembly.Instance) => void) {
			void WebAssembly.instantiate(module, imports).then((instance) => {
				exports = instance.exports as unknown as EspeakExports;
				ready(instance);
			});
			return {};
		},
		print: () => {},
		printErr: () => {}
	});
	if (!exports) throw new Error('eSpeak NG started without its exports');
	const wasm = exports;
	const before = new Uint8Array(wasm.memory.buffer).slice();
	const stackTop = wasm.stackSave();
	const encoder = new TextEncoder();
	// The first run finds the memory as it was kept: putting 32 MB back then only cost the first word its time.
	let ran = false;
	return {
		speak(text, rate, pitch) {
			// Read anew each time: the memory may have grown during the last run, which detaches the old buffer.
			const memory = new Uint8Array(wasm.memory.buffer);
			if (ran) {
				memory.set(before);
				memory.fill(0, before.length);
			}
			ran = true;
			wasm.stackRestore(stackTop);
			const argv = ['espeak-ng', ...espeakArguments(text, rate, pitch)].map((argument) => {
				const bytes = encoder.encode(`${argument}\0`);
				const at = wasm.stackAlloc(bytes.length);
				memory.set(bytes, at);
				return at;
			});
			const list = wasm.stackAlloc(4 * (argv.length + 1));
			new Uint32Array(wasm.memory.buffer, list, argv.length + 1).set([...argv, 0]);
			try {
				const status = wasm.__main_argc_argv(argv.length, list);
				if (status !== 0) throw new Error(`eSpeak NG ended with ${status}`);
				return espeak.FS.readFile(WAV_PATH);
			} finally {
				wasm.stackRestore(stackTop);
				if (espeak.FS.analyzePath(WAV_PATH).exists) espeak.FS.unlink(WAV_PATH);
			}
		}
	};
}

let speaker: Promise<Speaker> | undefined;

/**
 * eSpeak NG compiled and started, once; a start that failed is forgotten, so the next word starts afresh. `wasmUrl`: where
 * the page's build put the module (the service worker keeps the page's files for offline use, not a worker's).
 */
export function startedSpeaker(wasmUrl: string): Promise<Speaker> {
	if (speaker) return speaker;
	const started = (speaker = compileOnce(wasmUrl).then(startSpeaker));
	started.catch(() => {
		if (speaker === started) speaker = undefined;
	});
	return started;
}

export async function synthesizeDanish(text: string, rate: number, pitch: number, wasmUrl: string): Promise<Blob> {
	const started = startedSpeaker(wasmUrl);
	let wav: Uint8Array;
	try {
		wav = (await started).speak(text, rate, pitch);
	} catch (error) {
		// A failed start or run leaves nothing to trust: the next utterance starts a fresh instance.
		if (speaker === started) speaker = undefined;
		throw error;
	}
	return new Blob([wav.slice()], { type: 'audio/wav' });
}
