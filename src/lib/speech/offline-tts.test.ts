import ESpeakNg from 'espeak-ng';
import { describe, expect, it } from 'vitest';
import { espeakArguments } from './offline-tts.ts';

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
	}, 30_000);
});
