import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ESpeakNg from 'espeak-ng';
import { describe, expect, it } from 'vitest';
import { espeakArguments, startSpeaker } from './offline-tts.ts';

/** What a fresh eSpeak NG instance makes of one text, as every utterance was made before startSpeaker. */
async function freshWav(text: string, rate = 1, pitch = 1): Promise<Uint8Array> {
	const espeak = await ESpeakNg({ arguments: espeakArguments(text, rate, pitch), print: () => {}, printErr: () => {} });
	return espeak.FS.readFile('/utterance.wav');
}

describe('offline Danish voice', () => {
	it('maps rate and pitch onto eSpeak and asks for the Danish voice', () => {
		expect(espeakArguments('hej', 1, 1)).toEqual(['-v', 'da', '-s', '175', '-p', '50', '-w', '/utterance.wav', 'hej']);
		expect(espeakArguments('hej', 2, 3).slice(2, 6)).toEqual(['-s', '350', '-p', '99']);
	});

	it('speaks Danish text with æ, ø and å into a WAV file', async () => {
		const espeak = await ESpeakNg({
			arguments: espeakArguments('Jeg vil gerne have æblegrød på øen', 1, 1),
			print: () => {},
			printErr: () => {}
		});
		const wav = espeak.FS.readFile('/utterance.wav');
		expect(new TextDecoder().decode(wav.slice(0, 4))).toBe('RIFF');
		expect(new TextDecoder().decode(wav.slice(8, 12))).toBe('WAVE');
		// More than a second of 22 kHz 16-bit audio: the text was really spoken, not skipped.
		expect(wav.byteLength).toBeGreaterThan(44_100);
	});

	it('one instance, its memory put back before each run, says text after text as a fresh instance would', async () => {
		const wasm = readFileSync(createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm'));
		const speaker = await startSpeaker(await WebAssembly.compile(wasm));
		// Long, short, at another speed, and the short one again: each run must start where a fresh one does (the program's
		// option parsing keeps its place in C globals, so a second run without the memory put back wrote no file at all).
		const fresh = new Map<string, Uint8Array>();
		const said: [string, number][] = [
			['Jeg vil gerne have en pause nu', 1],
			['ja', 1],
			['Følelser', 1.5],
			['ja', 1]
		];
		for (const [text, rate] of said) {
			const wav = speaker.speak(text, rate, 1);
			expect(wav.byteLength, text).toBeGreaterThan(10_000);
			const key = `${text} ${rate}`;
			if (!fresh.has(key)) fresh.set(key, await freshWav(text, rate));
			expect(wav, text).toEqual(fresh.get(key));
		}
	});
});
