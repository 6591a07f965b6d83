import { afterEach, describe, expect, it, vi } from 'vitest';
import { asSaveWrite } from '#lib/storage/saves-first.ts';
import { say } from './speech.svelte.ts';
import type { SpeechPreferences } from './settings.svelte.ts';

const { played } = vi.hoisted(() => ({ played: [] as string[] }));
vi.mock('./offline-voice.ts', () => ({ synthesizeInWorker: async (text: string) => new Blob([text]) }));
vi.mock('./player.ts', () => ({
	CLIP_START_MS: 5_000,
	unlockAudio: () => {},
	playClip: async (clip: Blob) => void played.push(await clip.text())
}));

const offline: SpeechPreferences = { engine: 'offline', voiceURI: '', networkVoiceURI: '', rate: 1, pitch: 1, speakOnTap: true };

afterEach(() => void (played.length = 0));

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
