import { speakFirstThatStarts, type SpeechAttempt, type SpeechEngine } from './chain.ts';
import { afterSaveWrites } from '#lib/storage/saves-first.ts';
import { forgetClips, OFFLINE_VOICE_START_MS, prepareOfflineVoice, synthesizeInWorker } from './offline-voice.ts';
import { CLIP_START_MS, playClip, unlockAudio } from './player.ts';
import type { SpeechPreferences } from './settings.svelte.ts';
import { pickVoice } from './voices.ts';

export type { SpeechEngine } from './chain.ts';

/** The device voice must begin this soon; a voice that never starts is cancelled and the offline one speaks. */
const DEVICE_VOICE_START_MS = 3_000;

/** What was said last, and how: shown on screen, so a tap is never silent without anyone noticing. */
class SpeechStatus {
	text = $state('');
	engine = $state<SpeechEngine | undefined>();
	busy = $state(false);
}

export const speechStatus = new SpeechStatus();

/** The line a board shows about the words last said, as a dictionary key and the words. */
export interface SpokenLine {
	key: 'board.preparing' | 'board.speaking' | 'board.silent';
	text: string;
}

/**
 * "Siger" only once a voice has begun: until then the words are shown as getting ready, so a voice that takes its time
 * (the offline voice's first compile) or hangs is never shown as speaking.
 */
export function spokenLine(status: Pick<SpeechStatus, 'text' | 'engine' | 'busy'>): SpokenLine | undefined {
	if (!status.text) return undefined;
	if (status.engine === 'none') return { key: 'board.silent', text: status.text };
	if (status.engine) return { key: 'board.speaking', text: status.text };
	return status.busy ? { key: 'board.preparing', text: status.text } : undefined;
}

export function danishVoices(): SpeechSynthesisVoice[] {
	if (typeof speechSynthesis === 'undefined') return [];
	return speechSynthesis.getVoices().filter((voice) => voice.lang.toLowerCase().replace('_', '-').startsWith('da'));
}

let lastUtterance: SpeechSynthesisUtterance | undefined;
/** Stops the text being said when a newer one comes, so an old word is never said after the new one. */
let sayingNow: AbortController | undefined;

/** Starts the device voice in the caller's task (keeps tap → speech fast); resolves when it begins to speak. */
function speakWithDevice(text: string, voice: SpeechSynthesisVoice, preferences: SpeechPreferences, signal: AbortSignal): Promise<void> {
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = 'da-DK';
	utterance.voice = voice;
	utterance.rate = preferences.rate;
	utterance.pitch = preferences.pitch;
	const started = new Promise<void>((resolve, reject) => {
		utterance.addEventListener('start', () => resolve());
		utterance.addEventListener('error', (event) => reject(new Error(`The device voice failed: ${event.error}`)));
		// Only this utterance is cancelled: a newer tap's may be speaking by now.
		signal.addEventListener('abort', () => utterance === lastUtterance && speechSynthesis.cancel());
	});
	speechSynthesis.cancel();
	lastUtterance = utterance;
	speechSynthesis.speak(utterance);
	return started;
}

async function speakOffline(text: string, preferences: SpeechPreferences, signal: AbortSignal): Promise<void> {
	const clip = await synthesizeInWorker(text, preferences.rate, preferences.pitch);
	// The clip comes back while the tap's answer is being written, often: handing it to the audio element (an object URL,
	// the media pipeline's tasks) then held back the write's commit on this thread. It waits for the commit, a few ms.
	await afterSaveWrites();
	if (signal.aborted) throw new Error('Given up');
	await playClip(clip, signal);
}

/** The tablet's Danish voice that says the words, unless the citizen's voice is the built-in one. */
function deviceVoiceFor(preferences: SpeechPreferences): SpeechSynthesisVoice | undefined {
	return preferences.engine === 'auto' ? pickVoice(danishVoices(), preferences) : undefined;
}

/** The ways to say a text, best first: a recorded voice, the device's Danish voice, then the offline voice. */
function attempts(text: string, preferences: SpeechPreferences, recording?: Blob): SpeechAttempt[] {
	const ways: SpeechAttempt[] = [];
	if (recording) ways.push({ engine: 'recording', startWithinMs: CLIP_START_MS + 1_000, start: (signal) => playClip(recording, signal) });
	// Only a voice on the tablet, unless a network voice was accepted by hand (voices.ts).
	const voice = deviceVoiceFor(preferences);
	if (voice)
		ways.push({
			engine: 'web',
			startWithinMs: DEVICE_VOICE_START_MS,
			start: (signal) => speakWithDevice(text, voice, preferences, signal)
		});
	ways.push({ engine: 'offline', startWithinMs: OFFLINE_VOICE_START_MS, start: (signal) => speakOffline(text, preferences, signal) });
	return ways;
}

/** A screen has its first second to itself (its reads, its paint) before a voice is made ready beside it. */
const PREPARE_AFTER_MS = 1_000;
/** How long the device may take to list its voices (Chrome lists them a moment after the page starts, or never). */
const VOICES_LISTED_MS = 2_000;

function deviceVoicesListed(): Promise<void> {
	if (typeof speechSynthesis === 'undefined' || speechSynthesis.getVoices().length > 0) return Promise.resolve();
	return new Promise((resolve) => {
		const listed = () => {
			clearTimeout(timer);
			speechSynthesis.removeEventListener('voiceschanged', listed);
			resolve();
		};
		const timer = setTimeout(listed, VOICES_LISTED_MS);
		speechSynthesis.addEventListener('voiceschanged', listed);
	});
}

/**
 * For a screen whose taps speak: when its words would be said by the offline voice (no Danish voice on the tablet, or the
 * citizen's own voice is the built-in one), eSpeak NG is made ready in its worker now, so the first word does not wait
 * for it to load (issue 17, bench tts.firstWord: ~480 ms from the release at 4× CPU before, ~110 ms ready). A tablet
 * with a Danish voice of its own loads nothing, nor a screen left before then.
 */
async function prepareSpeech(preferences: SpeechPreferences, screenLeft: AbortSignal): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, PREPARE_AFTER_MS));
	if (screenLeft.aborted) return;
	await deviceVoicesListed();
	if (screenLeft.aborted || deviceVoiceFor(preferences)) return;
	prepareOfflineVoice();
}

/** Call while a component initialises: its voice is made ready (above) while it is shown and `preferences()` gives one. */
export function prepareSpeechWhileShown(preferences: () => SpeechPreferences | undefined): void {
	$effect(() => {
		const wanted = preferences();
		if (!wanted) return;
		const left = new AbortController();
		void prepareSpeech(wanted, left.signal);
		return () => left.abort();
	});
}

/**
 * Takes the words last said off the screen: they belong to the citizen they were said for, so a screen that opens for
 * another citizen (or again after the lock, which unmounts every page) starts without them. A text still getting ready
 * is given up, so it cannot sound or report on the next citizen's screen; a sound already playing is not cut off. The
 * offline voice's kept clips of them go too.
 */
export function forgetSpeech(): void {
	sayingNow?.abort();
	sayingNow = undefined;
	speechStatus.text = '';
	speechStatus.engine = undefined;
	speechStatus.busy = false;
	forgetClips();
}

/**
 * Says a text by the first way that starts within its time. When none does, the engine is 'none' and
 * the screen shows the words with a notice that there was no sound. Call it from the tap itself.
 */
export async function say(text: string, preferences: SpeechPreferences, recording?: Blob): Promise<SpeechEngine> {
	sayingNow?.abort();
	const saying = (sayingNow = new AbortController());
	speechStatus.text = text;
	speechStatus.engine = undefined;
	speechStatus.busy = true;
	unlockAudio();
	try {
		const engine = await speakFirstThatStarts(
			attempts(text, preferences, recording),
			(message, error) => console.warn(message, error),
			saying.signal
		);
		if (saying.signal.aborted) return engine;
		speechStatus.engine = engine;
		return engine;
	} finally {
		if (sayingNow === saying) speechStatus.busy = false;
	}
}
