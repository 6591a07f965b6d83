import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRecording } from './recorder.ts';

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

afterEach(() => vi.unstubAllGlobals());

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
});
