/** A rule broken by input. `code` is an i18n key, so the UI can say why in the user's language. */
export class ValidationError extends Error {
	constructor(
		readonly code: string,
		options?: { cause?: unknown }
	) {
		super(code, options);
		this.name = 'ValidationError';
	}
}

export function requireText(value: string, maxLength: number, code: string): string {
	const trimmed = value.trim().replace(/\s+/g, ' ');
	if (trimmed.length === 0 || trimmed.length > maxLength) throw new ValidationError(code);
	return trimmed;
}
