import { ValidationError } from '#lib/domain/validation.ts';

// What a board file may hold, and how an import is refused (src/lib/boards/obf-import.ts and the .obz reading beside it).

export type ImportErrorCode =
	| 'import.notJson'
	| 'import.notObf'
	| 'import.tooLarge'
	| 'import.notZip'
	| 'import.unsupportedCompression'
	| 'import.passwordProtected'
	| 'import.zipTooLarge'
	| 'import.tooManyFiles'
	| 'import.missingRoot'
	| 'import.missingBoard'
	| 'import.badGrid'
	| 'import.tooManyBoards';

/** A refused import; a ValidationError whose code is one of the import codes above. */
export class ImportError extends ValidationError {
	declare readonly code: ImportErrorCode;

	constructor(code: ImportErrorCode, options?: { cause?: unknown }) {
		super(code, options);
		this.name = 'ImportError';
	}
}

export const MiB = 1024 * 1024;

export const IMPORT_LIMITS = {
	/** The .obf or .obz file itself, and every board file inside an .obz. */
	maxFileBytes: 20 * MiB,
	/** Everything inflated from an .obz together (a zip bomb stops here). */
	maxInflatedBytes: 60 * MiB,
	maxEntries: 2000,
	maxBoards: 200,
	/** Each image or sound. */
	maxImageBytes: 5 * MiB,
	/**
	 * The pixels of all the file's pictures together, as their headers declare them. Each may have up to 50 million (a
	 * camera's), but 2,000 of those took minutes to decode, with the board list greyed out; this is ~10 s of decoding
	 * on a tablet: 2,000 symbols of a million pixels, or 160 phone photos.
	 */
	maxDecodedPixels: 2_000_000_000,
	/**
	 * Different pictures in one file, however small: boards carry them inline, so the file limit on entries does not
	 * bound them, and 200 boards of 144 tiny ones each were 28,800 re-encodings, minutes of "Henter tavler" with no way
	 * out. As many as a package may hold files.
	 */
	maxPictures: 2000
} as const;
