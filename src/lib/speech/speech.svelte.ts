import type { SpeechPreferences } from './settings.svelte.ts';
import { pickVoice } from './voices.ts';

export type SpeechEngine = 'recording' | 'web' | 'offline' | 'none';

/** What was said last, and how: shown on screen, so a tap is never silent without anyone noticing. */
class SpeechStatus {
	text = $state('');
	engine = $state<SpeechEngine | undefined>();
	busy = $state(false);
}

export const speechStatus = new SpeechStatus();

export function danishVoices(): SpeechSynthesisVoice[] {
	if (typeof speechSynthesis === 'undefined') return [];
	return speechSynthesis.getVoices().filter((voice) => voice.lang.toLowerCase().replace('_', '-').startsWith('da'));
}

function speakWithDevice(text: string, voice: SpeechSynthesisVoice, preferences: SpeechPreferences): void {
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = 'da-DK';
	utterance.voice = voice;
	utterance.rate = preferences.rate;
	utterance.pitch = preferences.pitch;
	speechSynthesis.cancel();
	speechSynthesis.speak(utterance);
}

/**
 * Says a text: a recorded voice first, then the device's Danish voice, then the offline voice.
 * The device voice is started synchronously in the tap's own task, which keeps tap → speech fast.
 */
export async function say(text: string, preferences: SpeechPreferences, recording?: Blob): Promise<SpeechEngine> {
	speechStatus.text = text;
	speechStatus.busy = true;
	try {
		const engine = await chooseAndSpeak(text, preferences, recording);
		speechStatus.engine = engine;
		return engine;
	} finally {
		speechStatus.busy = false;
	}
}

async function playRecording(recording: Blob): Promise<boolean> {
	try {
		const { playClip } = await import('./player.ts');
		await playClip(recording);
		return true;
	} catch {
		// A clip the device cannot play falls through to synthetic speech.
		return false;
	}
}

async function speakOffline(text: string, preferences: SpeechPreferences): Promise<SpeechEngine> {
	try {
		const [{ synthesizeDanish }, { playClip }] = await Promise.all([import('./offline-tts.ts'), import('./player.ts')]);
		await playClip(await synthesizeDanish(text, preferences.rate, preferences.pitch));
		return 'offline';
	} catch (error) {
		console.warn('Billedtale: offline speech failed', error);
		return 'none';
	}
}

async function chooseAndSpeak(text: string, preferences: SpeechPreferences, recording?: Blob): Promise<SpeechEngine> {
	if (recording && (await playRecording(recording))) return 'recording';
	const voice = preferences.engine === 'auto' ? pickVoice(danishVoices(), preferences) : undefined;
	if (voice) {
		speakWithDevice(text, voice, preferences);
		return 'web';
	}
	return speakOffline(text, preferences);
}
