import type { AccessProfile } from '#lib/domain/access.ts';
import type { SpeechPreferences } from './settings.svelte.ts';

/** The part of a Web Speech voice the choice needs, so the rule can be tested without a browser. */
export interface VoiceInfo {
	voiceURI: string;
	/** False for a voice that sends the text to a server (e.g. "Google dansk"). */
	localService: boolean;
}

/**
 * Whether a voice speaks on the tablet itself. Firefox on Linux marks every voice of speech-dispatcher (espeak-ng,
 * RHVoice … on the machine) as not local, since speech-dispatcher does not say; they are the machine's own voices, and
 * calling them network voices warned about a server that is not there and left the device's Danish voice unused.
 */
export function onDevice(voice: VoiceInfo): boolean {
	return voice.localService || voice.voiceURI.startsWith('urn:moz-tts:speechd:');
}

/**
 * The device voice to speak with: only voices on the tablet, unless a network voice was chosen by hand
 * after the warning in the settings. What a citizen says must not leave the tablet by default (issue 15).
 */
export function pickVoice<V extends VoiceInfo>(
	voices: readonly V[],
	preferences: Pick<SpeechPreferences, 'voiceURI' | 'networkVoiceURI'>
): V | undefined {
	const allowed = voices.filter(
		(voice) => onDevice(voice) || (preferences.networkVoiceURI !== '' && voice.voiceURI === preferences.networkVoiceURI)
	);
	return allowed.find((voice) => voice.voiceURI === preferences.voiceURI) ?? allowed.find(onDevice);
}

/** The tablet's way of speaking with the citizen's own voice and speed where they have one. */
export function preferencesFor(tablet: SpeechPreferences, citizen: Pick<AccessProfile, 'voiceURI' | 'speechRate'>): SpeechPreferences {
	const voice: Partial<SpeechPreferences> =
		citizen.voiceURI === '' ? {} : citizen.voiceURI === 'offline' ? { engine: 'offline' } : { engine: 'auto', voiceURI: citizen.voiceURI };
	return { ...tablet, ...voice, rate: citizen.speechRate ?? tablet.rate };
}
