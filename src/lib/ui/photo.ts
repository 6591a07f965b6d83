import { ValidationError } from '#lib/domain/validation.ts';
import { PictureRefused, reencodePicture } from '#lib/encoding/reencode.ts';

export const PHOTO_MAX_SIDE = 480;
export const PHOTO_MAX_BYTES = 40 * 1024 * 1024;
/**
 * Shrinks a camera photo on the device before it is stored: small enough for lists, decoded and drawn
 * anew in the picture worker, so no EXIF (GPS) is kept; a picture that declares or decodes to a giant
 * size is refused before its canvas is made (encoding/reencode.ts).
 */
export async function resizePhoto(file: Blob, maxSide = PHOTO_MAX_SIDE): Promise<Blob> {
	if (file.size > PHOTO_MAX_BYTES) throw new ValidationError('error.photoTooLarge');
	try {
		return (await reencodePicture(file, maxSide)).blob;
	} catch (error) {
		if (error instanceof PictureRefused && error.refusal === 'tooLarge') throw new ValidationError('error.photoTooLarge', { cause: error });
		throw new ValidationError('error.photo', { cause: error });
	}
}
