import type { Howl } from 'howler';

let playing: Howl | undefined;

/** Plays a clip (a recording or synthesised speech). Resolves when it ends; a new clip stops the old. */
export async function playClip(blob: Blob): Promise<void> {
	const { Howl } = await import('howler');
	playing?.unload();
	const url = URL.createObjectURL(blob);
	const format = blob.type.includes('wav') ? 'wav' : blob.type.includes('ogg') ? 'ogg' : blob.type.includes('mp4') ? 'mp4' : 'webm';
	await new Promise<void>((resolve, reject) => {
		const sound: Howl = new Howl({
			src: [url],
			format: [format],
			// HTML5 audio plays blob: URLs under our media-src policy without an extra fetch.
			html5: true,
			onend: () => resolve(),
			onloaderror: (_id, error) => reject(new Error(String(error))),
			onplayerror: (_id, error) => reject(new Error(String(error)))
		});
		playing = sound;
		sound.play();
	}).finally(() => URL.revokeObjectURL(url));
}
