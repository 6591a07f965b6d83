import { describe, expect, it } from 'vitest';
import { pickVoice } from './voices.ts';

const google = { voiceURI: 'Google dansk', localService: false };
const local = { voiceURI: 'Sara', localService: true };

describe('choosing a device voice', () => {
	it('never picks a network voice by default, even when it is listed first', () => {
		expect(pickVoice([google, local], { voiceURI: '', networkVoiceURI: '' })).toBe(local);
		expect(pickVoice([google], { voiceURI: '', networkVoiceURI: '' })).toBeUndefined();
		// A stored choice of the network voice without the warning accepted does not count.
		expect(pickVoice([google, local], { voiceURI: google.voiceURI, networkVoiceURI: '' })).toBe(local);
	});

	it('uses a network voice only when it was chosen by hand after the warning', () => {
		expect(pickVoice([google, local], { voiceURI: google.voiceURI, networkVoiceURI: google.voiceURI })).toBe(google);
	});
});
