/*
 * eSpeak NG compiled to WebAssembly, with its Danish voice. Loaded only when the device has no Danish
 * voice of its own, and run in a worker (offline-tts.worker.ts). The 18 MB module is compiled once; each
 * utterance instantiates it afresh because the program exits after writing its WAV file.
 */

let compiled: Promise<WebAssembly.Module> | undefined;

function compileOnce(wasmUrl: string): Promise<WebAssembly.Module> {
	compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch((error: unknown) => {
		compiled = undefined;
		throw error;
	});
	return compiled;
}

/** eSpeak's speed is words per minute (175 is normal) and its pitch 0–99 (50 is normal). */
export function espeakArguments(text: string, rate: number, pitch: number): string[] {
	const speed = Math.round(175 * rate);
	const espeakPitch = Math.round(Math.min(99, Math.max(0, 50 * pitch)));
	return ['-v', 'da', '-s', String(speed), '-p', String(espeakPitch), '-w', '/utterance.wav', text];
}

/** `wasmUrl`: where the page's build put the module (the service worker keeps the page's files for offline use, not a worker's). */
export async function synthesizeDanish(text: string, rate: number, pitch: number, wasmUrl: string): Promise<Blob> {
	const [{ default: ESpeakNg }, module] = await Promise.all([import('espeak-ng'), compileOnce(wasmUrl)]);
	const espeak = await ESpeakNg({
		arguments: espeakArguments(text, rate, pitch),
		locateFile: () => wasmUrl,
		instantiateWasm(imports: WebAssembly.Imports, ready: (instance: WebAssembly.Instance) => void) {
			void WebAssembly.instantiate(module, imports).then(ready);
			return {};
		},
		print: () => {},
		printErr: () => {}
	});
	const wav: Uint8Array = espeak.FS.readFile('/utterance.wav');
	return new Blob([wav.slice()], { type: 'audio/wav' });
}
