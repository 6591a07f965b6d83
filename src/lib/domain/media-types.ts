/*
 * The one allow-list of picture types (issue 15). A picture from outside the tablet (a board file, a
 * backup, the photo picker) is recognised by its bytes as one of the incoming types, decoded on the
 * device and re-encoded to one of the stored types; nothing else is ever stored or shown as a picture.
 * SVG is never one of them: it can hold script that runs in the app's origin. Our own symbols stay
 * shipped SVG files and never pass through here.
 */

export const INCOMING_PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type IncomingPictureType = (typeof INCOMING_PICTURE_TYPES)[number];

/**
 * PNG for pictures with transparency or few colours (symbols, drawings: sharp edges, small files), JPEG
 * for the rest (photos). JPEG rather than WebP: every browser, PDF writer and case system reads it.
 */
export const STORED_PICTURE_TYPES = ['image/png', 'image/jpeg'] as const;
export type StoredPictureType = (typeof STORED_PICTURE_TYPES)[number];
