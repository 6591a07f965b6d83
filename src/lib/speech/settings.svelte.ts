import { browser } from '$app/env';
import { SPEECH_RATE, type AccessProfile } from '#lib/domain/access.ts';
import { preferencesFor } from './voices.ts';

/**
 * How the tablet speaks. Not about any citizen, so it is kept in localStorage, per tablet. A citizen's own voice and
 * speed (their access profile) take its place for them: see `preferencesFor`.
 */
export interface SpeechPreferences {
	/** 'auto' uses a Danish voice of the device when there is one, else the built-in offline voice. */
	engine: 'auto' | 'offline';
	voiceURI: string;
	/** A voice that sends the text over the internet, accepted by hand after a warning; '' for none. */
	networkVoiceURI: string;
	rate: number;
	pitch: number;
	speakOnTap: boolean;
}

export const RATE_RANGE = SPEECH_RATE;
export const PITCH_RANGE = { min: 0.5, max: 2, step: 0.1 } as const;
const STORAGE_KEY = 'billedtale.speech';
const DEFAULTS: SpeechPreferences = { engine: 'auto', voiceURI: '', networkVoiceURI: '', rate: 1, pitch: 1, speakOnTap: true };

function clamp(value: unknown, range: { min: number; max: number }, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? Math.min(range.max, Math.max(range.min, value)) : fallback;
}

export function parsePreferences(raw: string | null): SpeechPreferences {
	let data: Partial<SpeechPreferences> = {};
	try {
		const parsed: unknown = raw ? JSON.parse(raw) : {};
		if (parsed && typeof parsed === 'object') data = parsed as Partial<SpeechPreferences>;
	} catch {
		// A damaged setting falls back to the defaults rather than silencing the tablet.
	}
	return {
		engine: data.engine === 'offline' ? 'offline' : 'auto',
		voiceURI: typeof data.voiceURI === 'string' ? data.voiceURI : '',
		networkVoiceURI: typeof data.networkVoiceURI === 'string' ? data.networkVoiceURI : '',
		rate: clamp(data.rate, RATE_RANGE, DEFAULTS.rate),
		pitch: clamp(data.pitch, PITCH_RANGE, DEFAULTS.pitch),
		speakOnTap: typeof data.speakOnTap === 'boolean' ? data.speakOnTap : DEFAULTS.speakOnTap
	};
}

class SpeechSettings {
	current = $state<SpeechPreferences>({ ...DEFAULTS });

	restore(): void {
		this.current = parsePreferences(localStorage.getItem(STORAGE_KEY));
	}

	/** How to speak for this citizen. */
	forCitizen(access: Pick<AccessProfile, 'voiceURI' | 'speechRate'>): SpeechPreferences {
		return preferencesFor(this.current, access);
	}

	update(change: Partial<SpeechPreferences>): void {
		this.current = parsePreferences(JSON.stringify({ ...this.current, ...change }));
		localStorage.setItem(STORAGE_KEY, JSON.stringify(this.current));
	}
}

export const speechSettings = new SpeechSettings();
// Read when a screen that speaks first imports this, not at the app's start: the passphrase and home screens never speak.
if (browser) speechSettings.restore();
