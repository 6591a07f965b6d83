/** Base64 in slices small enough for String.fromCharCode, without FileReader (works in Node too). */
export function bytesToBase64(bytes: Uint8Array): string {
	const parts: string[] = [];
	const step = 3 * 8192;
	for (let i = 0; i < bytes.length; i += step) parts.push(btoa(String.fromCharCode(...bytes.subarray(i, i + step))));
	return parts.join('');
}

/** The bytes of a base64 text; throws a DOMException ('InvalidCharacterError') on anything else. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
