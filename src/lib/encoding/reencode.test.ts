import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { worker } from '../../../tests/unit/picture-worker-double.ts';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './image-size.ts';
import { PictureRefused, reencodePicture, STORED_PICTURE_SIDE } from './reencode.ts';

// Node has no worker or canvas: what the page checks runs for real, the worker's decoding is a stand-in.
vi.mock('./picture-worker-client.ts', () => import('../../../tests/unit/picture-worker-double.ts'));

const fixture = (path: string) => new Uint8Array(readFileSync(path));
const hostile = (name: string) => fixture(`tests/fixtures/hostile/${name}`);

async function refusal(input: Uint8Array | Blob): Promise<string> {
	const error = await reencodePicture(input).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(PictureRefused);
	return (error as PictureRefused).refusal;
}

afterEach(() => {
	worker.decoded = 0;
	worker.refuse = [];
});

describe('re-encoding a picture from outside', () => {
	it('refuses before the worker what is not an allowed raster picture, or declares too many pixels', async () => {
		expect(await refusal(hostile('script.svg'))).toBe('notPicture');
		expect(await refusal(new TextEncoder().encode('<html><script>alert(1)</script></html>'))).toBe('notPicture');
		expect(await refusal(hostile('png-decompression-bomb.png'))).toBe('tooLarge');
		expect(await refusal(hostile('gif-frame-larger-than-screen.gif'))).toBe('tooLarge');
		expect(await refusal(hostile('jpeg-hidden-large-frame.jpg'))).toBe('tooLarge');
		// Cut off before or inside its size (a download that stopped early): no decoder could read it, and it is not "too large".
		for (const cut of [11, 16, 20, 23])
			expect(await refusal(fixture('static/icon-192.png').subarray(0, cut)), `PNG of ${cut} bytes`).toBe('undecodable');
		const gif = hostile('gif-frame-larger-than-screen.gif');
		for (const cut of [7, 9]) expect(await refusal(gif.subarray(0, cut)), `GIF of ${cut} bytes`).toBe('undecodable');
		expect(worker.decoded).toBe(0);
	});

	it('sends a picture that passes to the worker with the hard limits, and takes only what the worker encoded', async () => {
		const send = vi.spyOn(await import('./picture-worker-client.ts'), 'decodeInWorker');
		const photo = await reencodePicture(new Blob([hostile('jpeg-with-gps.jpg')]), 480);
		expect(photo.type).toBe('image/jpeg');
		expect(photo.blob.type).toBe('image/jpeg');
		expect(send).toHaveBeenCalledWith(
			expect.objectContaining({ type: 'image/jpeg', fitSide: 480, limits: { maxSide: MAX_IMAGE_SIDE, maxPixels: MAX_IMAGE_PIXELS } })
		);
		await reencodePicture(fixture('static/icon-192.png'));
		expect(send).toHaveBeenLastCalledWith(expect.objectContaining({ type: 'image/png', fitSide: STORED_PICTURE_SIDE }));
		expect(worker.decoded).toBe(2);
	});

	it('passes on the worker refusing the real frame (a header that lied), and leaves the caller its bytes', async () => {
		const bytes = hostile('jpeg-with-gps.jpg');
		const copy = bytes.slice();
		worker.refuse = ['tooLarge', 'undecodable'];
		expect(await refusal(bytes)).toBe('tooLarge');
		expect(await refusal(bytes)).toBe('undecodable');
		// The bytes sent to the worker are transferred: the caller's array must not be the one that goes.
		expect(bytes).toEqual(copy);
	});
});
