import { afterEach, describe, expect, it, vi } from 'vitest';
import { RECORDING_MAX_MS, startRecording } from './recorder.ts';

class FakeRecorder {
	state = 'inactive';
	mimeType = 'audio/webm';
	ondataavailable: ((event: { data: Blob }) => void) | undefined;
	onstop: (() => void) | undefined;
	start() {
		this.state = 'recording';
	}
	stop() {
		this.state = 'inactive';
		this.onstop?.();
	}
}

afterEach(() => {
	vi.unstubAllGlobals();
	vi.useRealTimers();
});

describe('recording from the microphone', () => {
	it('gives a second press while the browser still asks the same recording, not a second microphone left open', async () => {
		let grant: (stream: MediaStream) => void = () => {};
		const getUserMedia = vi.fn(() => new Promise<MediaStream>((resolve) => (grant = resolve)));
		const stopTrack = vi.fn();
		vi.stubGlobal('navigator', { mediaDevices: { getUserMedia } });
		vi.stubGlobal('MediaRecorder', FakeRecorder);
		const first = startRecording();
		const second = startRecording();
		grant({ getTracks: () => [{ stop: stopTrack }] } as unknown as MediaStream);
		const [a, b] = await Promise.all([first, second]);
		expect(getUserMedia).toHaveBeenCalledTimes(1);
		expect(a).toBe(b);
		await a.stop();
		expect(stopTrack).toHaveBeenCalledTimes(1);
		// Once answered, the next press asks again.
		const third = startRecording();
		grant({ getTracks: () => [{ stop: stopTrack }] } as unknown as MediaStream);
		expect(await third).not.toBe(a);
		expect(getUserMedia).toHaveBeenCalledTimes(2);
		(await third).cancel();
	});

	it('tells the page when the recording ends by itself at its time limit, with the clip', async () => {
		vi.useFakeTimers();
		const stopTrack = vi.fn();
		vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: async () => ({ getTracks: () => [{ stop: stopTrack }] }) } });
		vi.stubGlobal('MediaRecorder', FakeRecorder);
		const recording = await startRecording();
		const ended = vi.fn();
		void recording.ended.then(ended);
		await vi.advanceTimersByTimeAsync(RECORDING_MAX_MS - 1);
		expect(ended).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(ended).toHaveBeenCalledWith(expect.any(Blob));
		expect(stopTrack).toHaveBeenCalledTimes(1);
		// "Stop" pressed afterwards still gives the same clip.
		expect(await recording.stop()).toBe(ended.mock.calls[0]![0]);
	});

	it("keeps the type of the recorded chunks when the recorder no longer says it (Firefox's Ogg after stop)", async () => {
		class FirefoxRecorder extends FakeRecorder {
			override mimeType = '';
			override start() {
				super.start();
				this.mimeType = 'audio/ogg; codecs=opus';
			}
			override stop() {
				this.ondataavailable?.({ data: new Blob(['OggS'], { type: 'audio/ogg; codecs=opus' }) });
				this.mimeType = '';
				super.stop();
			}
		}
		vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: async () => ({ getTracks: () => [{ stop: () => {} }] }) } });
		vi.stubGlobal('MediaRecorder', FirefoxRecorder);
		const recording = await startRecording();
		expect((await recording.stop()).type).toBe('audio/ogg; codecs=opus');
	});
});
