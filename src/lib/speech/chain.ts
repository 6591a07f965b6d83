import { withTimeout } from '#lib/domain/timeout.ts';

export type SpeechEngine = 'recording' | 'web' | 'offline' | 'none';

/** One way of making a sound. `start` resolves once the sound has begun and rejects when it cannot. */
export interface SpeechAttempt {
	engine: Exclude<SpeechEngine, 'none'>;
	/** How long the attempt may take to start before the next way is tried. */
	startWithinMs: number;
	start(signal: AbortSignal): Promise<void>;
}

/**
 * Tries each way in turn until one starts: a clip that never starts playing, a voice that never
 * begins or a synthesiser that hangs are given up after their time, stopped, and the next way is
 * tried. 'none' means nothing sounded, and the screen must say so. `cancelled` (a newer text) stops
 * the attempt under way and the rest. The first attempt starts in the
 * caller's own task, so a tap's user activation still counts for it.
 */
export async function speakFirstThatStarts(
	attempts: readonly SpeechAttempt[],
	warn: (message: string, error: unknown) => void,
	cancelled?: AbortSignal
): Promise<SpeechEngine> {
	for (const attempt of attempts) {
		if (cancelled?.aborted) break;
		const controller = new AbortController();
		let stop = () => {};
		// A newer text does not wait for this attempt to notice: the chain stops at once.
		const stopped = new Promise<never>((_, reject) => (stop = () => reject(new Error('A newer text is being said'))));
		cancelled?.addEventListener('abort', stop);
		try {
			await withTimeout(Promise.race([attempt.start(controller.signal), stopped]), attempt.startWithinMs);
			return attempt.engine;
		} catch (error) {
			controller.abort();
			if (!cancelled?.aborted) warn(`Billedtale: speech through ${attempt.engine} did not start`, error);
		} finally {
			cancelled?.removeEventListener('abort', stop);
		}
	}
	return 'none';
}
