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
 * tried. 'none' means nothing sounded, and the screen must say so. The first attempt starts in the
 * caller's own task, so a tap's user activation still counts for it.
 */
export async function speakFirstThatStarts(
	attempts: readonly SpeechAttempt[],
	warn: (message: string, error: unknown) => void
): Promise<SpeechEngine> {
	for (const attempt of attempts) {
		const controller = new AbortController();
		try {
			await withTimeout(attempt.start(controller.signal), attempt.startWithinMs);
			return attempt.engine;
		} catch (error) {
			controller.abort();
			warn(`Billedtale: speech through ${attempt.engine} did not start`, error);
		}
	}
	return 'none';
}
