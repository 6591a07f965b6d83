/*
 * Clips (recordings, offline speech) play through one HTML audio element, not howler:
 * - howler's HTML5 mode calls play() only after `canplaythrough`, which WebKit does not fire for a
 *   clip it was not allowed to preload, so nothing ever sounded there;
 * - its Web Audio mode would fetch the blob (our connect-src has no blob:) and is muted on an iPad
 *   whose side switch is set to silent, while HTML media plays;
 * - WebKit lets a page play audio only from a tap. The element is unlocked once in a tap (`unlockAudio`)
 *   and reused, so a clip that is ready seconds later (offline speech) may still play.
 */

/** A clip that has not started playing by then is given up. */
export const CLIP_START_MS = 5_000;

let element: HTMLAudioElement | undefined;
let unlocked = false;
/** The clip the element holds; freed when the next one comes. */
let clipUrl: string | undefined;
/** Gives up the clip still waiting to start when a newer one takes the element. */
let replaceWaiting: (() => void) | undefined;

function audio(): HTMLAudioElement {
	element ??= new Audio();
	return element;
}

/** A 10 ms silent WAV (8 kHz, 8-bit mono), played once inside a tap to unlock the element. */
function silence(): string {
	const samples = 80;
	const bytes = new Uint8Array(44 + samples).fill(128, 44);
	const view = new DataView(bytes.buffer);
	const text = (at: number, value: string) => [...value].forEach((char, i) => view.setUint8(at + i, char.charCodeAt(0)));
	text(0, 'RIFF');
	view.setUint32(4, 36 + samples, true);
	text(8, 'WAVEfmt ');
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true);
	view.setUint16(22, 1, true);
	view.setUint32(24, 8000, true);
	view.setUint32(28, 8000, true);
	view.setUint16(32, 1, true);
	view.setUint16(34, 8, true);
	text(36, 'data');
	view.setUint32(40, samples, true);
	return `data:audio/wav;base64,${btoa(String.fromCharCode(...bytes))}`;
}

/** Call synchronously in a tap: later clips may then play on WebKit, whose rule wants a gesture. */
export function unlockAudio(): void {
	if (unlocked || typeof Audio === 'undefined') return;
	unlocked = true;
	const player = audio();
	player.src = silence();
	player.play().catch((error: unknown) => {
		// Only a refusal means the element is still locked; a clip taking over the element also ends this play().
		if ((error as { name?: string }).name === 'NotAllowedError') unlocked = false;
	});
}

/**
 * Plays a clip; resolves once it is audibly playing, rejects when it cannot play or has not started
 * within `startWithinMs` (and then stops it). A new clip stops the one before.
 */
export function playClip(blob: Blob, signal?: AbortSignal, startWithinMs = CLIP_START_MS): Promise<void> {
	const player = audio();
	replaceWaiting?.();
	player.pause();
	if (clipUrl) URL.revokeObjectURL(clipUrl);
	const url = (clipUrl = URL.createObjectURL(blob));
	player.src = url;
	return new Promise<void>((resolve, reject) => {
		const done = (error?: Error) => {
			clearTimeout(timer);
			if (replaceWaiting === onReplaced) replaceWaiting = undefined;
			player.removeEventListener('playing', onPlaying);
			player.removeEventListener('error', onError);
			signal?.removeEventListener('abort', onAbort);
			if (!error) return resolve();
			if (player.src === url) player.pause();
			reject(error);
		};
		const onPlaying = () => done();
		const onError = () => done(new Error(`The clip could not be played (${player.error?.message ?? player.error?.code ?? 'unknown'})`));
		const onAbort = () => done(new Error('Stopped'));
		const onReplaced = () => done(new Error('A newer clip took its place'));
		replaceWaiting = onReplaced;
		const timer = setTimeout(() => done(new Error(`The clip did not start within ${startWithinMs} ms`)), startWithinMs);
		player.addEventListener('playing', onPlaying);
		player.addEventListener('error', onError);
		signal?.addEventListener('abort', onAbort);
		player.play().catch((error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
	});
}
