/** Random ids carry no meaning, so they are safe to keep as plain IndexedDB keys. */
export function newId(): string {
	return crypto.randomUUID();
}
