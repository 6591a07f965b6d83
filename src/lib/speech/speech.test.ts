import { afterEach, describe, expect, it, vi } from 'vitest';
import { asSaveWrite } from '#lib/storage/saves-first.ts';
import { forgetSpeech, say, speechStatus, spokenLine } from './speech.svelte.ts';
import type { SpeechPreferences } from './settings.svelte.ts';

const { played, hanging, clipsForgotten } = vi.hoisted(() => ({
	played: [] as string[],
	hanging: { on: false },
	clipsForgotten: { count: 0 }
}));
vi.mock('./offline-voice.ts', () => ({
	OFFLINE_VOICE_START_MS: 25_000,
	forgetClips: () => clipsForgotten.count++,
	synthesizeInWorker: async (text: string) => (hanging.on ? new Promise<Blob>(() => {}) : new Blob([text]))
}));
vi.mock('./player.ts', () => ({
	CLIP_START_MS: 5_000,
	unlockAudio: () => {},
	playClip: async (clip: Blob) => void played.push(await clip.text())
}));

const offline: SpeechPreferences = { engine: 'offline', voiceURI: '', networkVoiceURI: '', rate: 1, pitch: 1, speakOnTap: true };

afterEach(() => {
	played.length = 0;
	hanging.on = false;
});

describe('the offline voice and a save (issue 17)', () => {
	it('hands its clip to the audio element only once the answer being written has committed', async () => {
		let commit!: () => void;
		const writing = asSaveWrite(() => new Promise<void>((resolve) => (commit = resolve)));
		const speaking = say('ja', offline);
		for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
		expect(played).toEqual([]);

		commit();
		await writing;
		expect(await speaking).toBe('offline');
		expect(played).toEqual(['ja']);
	});

	it('plays at once when no answer is being written', async () => {
		expect(await say('nej', offline)).toBe('offline');
		expect(played).toEqual(['nej']);
	});
});

describe('what the screen says about the words', () => {
	it('says "Siger" only once a voice has begun, and "Ingen lyd" when none did', () => {
		expect(spokenLine({ text: 'ja', engine: undefined, busy: true })).toEqual({ key: 'board.preparing', text: 'ja' });
		expect(spokenLine({ text: 'ja', engine: 'offline', busy: false })).toEqual({ key: 'board.speaking', text: 'ja' });
		expect(spokenLine({ text: 'ja', engine: 'none', busy: false })).toEqual({ key: 'board.silent', text: 'ja' });
		expect(spokenLine({ text: '', engine: undefined, busy: false })).toBeUndefined();
	});

	it('shows the words as getting ready while the voice has not begun', () => {
		hanging.on = true;
		void say('vil gerne alene', offline);
		expect(spokenLine(speechStatus)?.key).toBe('board.preparing');
		forgetSpeech();
	});

	it('forgets the words for the next citizen, and a text still getting ready does not report there later', async () => {
		vi.useFakeTimers();
		try {
			hanging.on = true;
			const speaking = say('vil gerne alene', offline);
			const forgotten = clipsForgotten.count;
			forgetSpeech();
			expect(speechStatus.text).toBe('');
			// The offline voice's clips of this citizen's words go with them.
			expect(clipsForgotten.count).toBe(forgotten + 1);
			expect(spokenLine(speechStatus)).toBeUndefined();
			await vi.advanceTimersByTimeAsync(30_000);
			await speaking;
			expect(speechStatus.engine).toBeUndefined();
			expect(speechStatus.busy).toBe(false);
		} finally {
			vi.useRealTimers();
		}
	});
});
