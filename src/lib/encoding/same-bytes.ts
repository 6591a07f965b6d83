import { bytesToBase64 } from './base64.ts';

/**
 * Each id mapped to the first id (in the map's order) whose bytes are the same as its own, itself included. Told by
 * SHA-256 of the bytes, which no two different files share in practice; a cheaper hash would need the bytes compared
 * as well, and a file made to collide with it could make that compare every picture with every other.
 */
export async function firstWithSameBytes(items: ReadonlyMap<string, Uint8Array<ArrayBuffer>>): Promise<Map<string, string>> {
	const digests = await Promise.all(
		[...items].map(async ([id, bytes]) => [id, bytesToBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)))] as const)
	);
	const firstByDigest = new Map<string, string>();
	return new Map(
		digests.map(([id, digest]) => {
			const first = firstByDigest.get(digest) ?? id;
			firstByDigest.set(digest, first);
			return [id, first];
		})
	);
}
