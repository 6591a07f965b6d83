import { ValidationError } from '#lib/domain/validation.ts';
import { isDecodableSize, rasterImageType, readPixelSize } from '#lib/encoding/image-size.ts';

export const PHOTO_MAX_SIDE = 480;
export const PHOTO_MAX_BYTES = 40 * 1024 * 1024;
/**
 * Shrinks a camera photo on the device before it is stored: small enough for lists, and no EXIF kept.
 * The whole file is checked first (header and every frame: a GIF frame or a hidden JPEG frame can be
 * larger than the header says), so a file that declares a giant image is refused before it is decoded.
 */
export async function resizePhoto(file: Blob, maxSide = PHOTO_MAX_SIDE): Promise<Blob> {
	if (file.size > PHOTO_MAX_BYTES) throw new ValidationError('error.photoTooLarge');
	const bytes = new Uint8Array(await file.arrayBuffer());
	const declared = rasterImageType(bytes) && readPixelSize(bytes);
	if (!declared) throw new ValidationError('error.photo');
	if (!isDecodableSize(declared)) throw new ValidationError('error.photoTooLarge');
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch (error) {
		throw new ValidationError('error.photo', { cause: error });
	}
	const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
	const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
	canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	bitmap.close();
	return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
}
