import { describe, expect, it } from 'vitest';
import { onDevice, pickVoice, preferencesFor } from './voices.ts';

const google = { voiceURI: 'Google dansk', localService: false };
const local = { voiceURI: 'Sara', localService: true };

describe('choosing a device voice', () => {
	it('never picks a network voice by default, even when it is listed first', () => {
		expect(pickVoice([google, local], { voiceURI: '', networkVoiceURI: '' })).toBe(local);
		expect(pickVoice([google], { voiceURI: '', networkVoiceURI: '' })).toBeUndefined();
		// A stored choice of the network voice without the warning accepted does not count.
		expect(pickVoice([google, local], { voiceURI: google.voiceURI, networkVoiceURI: '' })).toBe(local);
	});

	it('takes the voices of speech-dispatcher, which Firefox on Linux marks as not local, for the machine’s own', () => {
		const speechd = { voiceURI: 'urn:moz-tts:speechd:Danish+Annie?da', localService: false };
		expect(onDevice(speechd)).toBe(true);
		expect(onDevice(google)).toBe(false);
		expect(pickVoice([google, speechd], { voiceURI: '', networkVoiceURI: '' })).toBe(speechd);
	});

	it('uses a network voice only when it was chosen by hand after the warning', () => {
		expect(pickVoice([google, local], { voiceURI: google.voiceURI, networkVoiceURI: google.voiceURI })).toBe(google);
	});
});

describe('a citizen’s own voice and speed', () => {
	const tablet = { engine: 'auto', voiceURI: 'Sara', networkVoiceURI: 'Google dansk', rate: 1.2, pitch: 0.9, speakOnTap: true } as const;

	it('are the tablet’s until chosen', () => {
		expect(preferencesFor(tablet, { voiceURI: '', speechRate: null })).toEqual(tablet);
	});

	it('replace the tablet’s voice and speed only, and cannot accept a network voice for the tablet', () => {
		expect(preferencesFor(tablet, { voiceURI: 'Magnus', speechRate: 0.5 })).toEqual({ ...tablet, voiceURI: 'Magnus', rate: 0.5 });
		expect(preferencesFor({ ...tablet, engine: 'offline' }, { voiceURI: 'Magnus', speechRate: null })).toMatchObject({ engine: 'auto' });
		expect(preferencesFor(tablet, { voiceURI: 'offline', speechRate: 2 })).toEqual({ ...tablet, engine: 'offline', rate: 2 });
		// The network voice stays the one the tablet's settings accepted: a citizen's choice passes through pickVoice.
		const chosen = preferencesFor({ ...tablet, networkVoiceURI: '' }, { voiceURI: google.voiceURI, speechRate: null });
		expect(pickVoice([google, local], chosen)).toBe(local);
	});
});
