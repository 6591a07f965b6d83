import { ValidationError } from '#lib/domain/validation.ts';

export const RECORDING_MAX_MS = 30_000;

export interface ActiveRecording {
	/** Stops and returns the clip. */
	stop(): Promise<Blob>;
	cancel(): void;
	/**
	 * The clip, once the recording has stopped for any reason: also by itself, at RECORDING_MAX_MS or when the microphone
	 * goes, which the page must show and keep as it does a press on "Stop".
	 */
	readonly ended: Promise<Blob>;
}

let asking: Promise<ActiveRecording> | undefined;

/**
 * Records from the tablet's microphone, e.g. a relative saying the word in their own voice. A press again while the
 * browser still asks for the microphone (Firefox's prompt shows nothing in the page) gets the same recording: each press
 * started one more, and all but the last ran on with the microphone open, unseen.
 */
export function startRecording(): Promise<ActiveRecording> {
	asking ??= record().finally(() => (asking = undefined));
	return asking;
}

async function record(): Promise<ActiveRecording> {
	let stream: MediaStream;
	try {
		stream = await navigator.mediaDevices.getUserMedia({ audio: true });
	} catch (error) {
		throw new ValidationError('error.microphone', { cause: error });
	}
	const recorder = new MediaRecorder(stream);
	const chunks: Blob[] = [];
	recorder.ondataavailable = (event) => chunks.push(event.data);
	const stopped = new Promise<Blob>((resolve) => {
		recorder.onstop = () => {
			stream.getTracks().forEach((track) => track.stop());
			// Firefox says its type (Ogg) only while it records and on each chunk: read after stop, it is empty, and the
			// clip was stored and exported as WebM.
			resolve(new Blob(chunks, { type: chunks.find((chunk) => chunk.type)?.type || recorder.mimeType || 'audio/webm' }));
		};
	});
	recorder.start();
	// A forgotten recording must not run on and fill the tablet.
	const limit = setTimeout(() => recorder.state === 'recording' && recorder.stop(), RECORDING_MAX_MS);
	return {
		ended: stopped,
		async stop() {
			clearTimeout(limit);
			if (recorder.state === 'recording') recorder.stop();
			return stopped;
		},
		cancel() {
			clearTimeout(limit);
			if (recorder.state === 'recording') recorder.stop();
		}
	};
}
