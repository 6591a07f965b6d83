import { describe, expect, it } from 'vitest';
import { rasterImageType } from './image-type.ts';

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
const bytes = (...parts: number[][]) => new Uint8Array(parts.flat());

describe('the raster type of a picture’s bytes', () => {
	it('tells PNG, JPEG, GIF and WebP by their signatures, whatever type the file was stored with', () => {
		expect(rasterImageType(bytes([0x89], ascii('PNG\r\n\x1a\n'), [0, 0, 0, 13]))).toBe('image/png');
		expect(rasterImageType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(rasterImageType(bytes(ascii('GIF89a'), [1, 0, 1, 0]))).toBe('image/gif');
		expect(rasterImageType(bytes(ascii('GIF87a')))).toBe('image/gif');
		expect(rasterImageType(bytes(ascii('RIFF'), [0, 0, 0, 0], ascii('WEBPVP8 ')))).toBe('image/webp');
	});

	it('refuses SVG, HTML, a cut-off header and other RIFF files, so they are never given an image URL', () => {
		expect(rasterImageType(bytes(ascii('<svg xmlns="http://www.w3.org/2000/svg" onload="x">')))).toBeUndefined();
		expect(rasterImageType(bytes(ascii('<!doctype html>')))).toBeUndefined();
		expect(rasterImageType(bytes([0x89], ascii('PNG')))).toBeUndefined();
		expect(rasterImageType(bytes([0xff, 0xd8]))).toBeUndefined();
		expect(rasterImageType(bytes(ascii('RIFF'), [0, 0, 0, 0], ascii('WAVEfmt ')))).toBeUndefined();
		expect(rasterImageType(new Uint8Array())).toBeUndefined();
	});
});
