/// <reference lib="webworker" />
import type { OfflineSpeechRequest, OfflineSpeechResponse } from './offline-voice.ts';
import { startedSpeaker, synthesizeDanish } from './offline-tts.ts';

/*
 * eSpeak NG off the page's thread: one utterance instantiates the 18 MB module and runs the whole program, 100–200 ms of
 * one thread on a slow tablet. On the page that held up everything a tap starts with the speech: the answer's save,
 * the "Gemt" it waits for, and the next frames (issue 17).
 */

self.onmessage = async ({ data }: MessageEvent<OfflineSpeechRequest>) => {
	if (data.kind === 'prepare') {
		// Ready before the first word; a start that fails here is tried again, and told, by that word.
		await startedSpeaker(data.wasmUrl).catch(() => {});
		return;
	}
	let response: OfflineSpeechResponse;
	try {
		response = { id: data.id, clip: await synthesizeDanish(data.text, data.rate, data.pitch, data.wasmUrl) };
	} catch (error) {
		response = { id: data.id, error: String(error) };
	}
	self.postMessage(response);
};
