import { ValidationError } from '#lib/domain/validation.ts';
import { isDecodableSize, readPixelSize } from '#lib/encoding/image-size.ts';

export const PHOTO_MAX_SIDE = 480;
export const PHOTO_MAX_BYTES = 40 * 1024 * 1024;
/** A JPEG's size sits after its metadata segments, which stay well within this. */
const HEADER_BYTES = 1024 * 1024;

/**
 * Shrinks a camera photo on the device before it is stored: small enough for lists, and no EXIF kept.
 * The header is checked first, so a file that declares a giant image is refused before it is decoded.
 */
export async function resizePhoto(file: Blob, maxSide = PHOTO_MAX_SIDE): Promise<Blob> {
	if (file.size > PHOTO_MAX_BYTES) throw new ValidationError('error.photoTooLarge');
	const declared = readPixelSize(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()));
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
