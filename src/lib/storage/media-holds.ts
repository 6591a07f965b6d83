/*
 * A citizen's media that nothing stored refers to are deleted, so a removed photo or voice leaves no trace. Yet a page
 * can still need one that nothing stored refers to: the board under the editor's "Fortryd", a photo or voice a cell form,
 * a story or an answer has stored before the record that names it is saved. That is known only in the page's memory, so
 * a clean-up in another tab cannot see it: a board save in one tab deleted for good the photo that the other tab's undo
 * then brought its cell back without.
 *
 * So nothing is deleted while any tab holds a citizen's media. Each page that can hold them holds a shared Web Lock named
 * after the citizen while it is open, and a clean-up runs only if it gets that lock exclusively at once (ifAvailable): it
 * never waits, and never runs beside a holder. Saving a board deletes nothing; deleting a board or a meeting cleans up at
 * once, and a page that held the media a while after it let go (hold-media.svelte.ts), when no tab holds them. What a tab
 * closed meanwhile leaves waits for the next clean-up, and deleting the citizen deletes every medium of theirs all the same. The locks' names hold only
 * random ids (the citizen's, and a kept medium's), and only in the browser's memory.
 */

const lockName = (citizenId: string) => `billedtale-media-held-${citizenId}`;

/** Without Web Locks (unit tests in Node) one page is all there is: nothing to wait for, nothing else holds. */
const locks = () => (typeof navigator === 'undefined' ? undefined : navigator.locks);

/** Holds the citizen's media in every tab until the returned function lets go; what it returns settles once let go. */
export function holdMedia(citizenId: string): () => Promise<void> {
	const manager = locks();
	if (!manager) return () => Promise.resolve();
	let letGo!: () => void;
	const held = new Promise<void>((resolve) => (letGo = resolve));
	const request = manager.request(lockName(citizenId), { mode: 'shared' }, () => held);
	return () => {
		letGo();
		return request;
	};
}

/*
 * What a meeting keeps waiting beyond any one page (a person with a photo beside the network map, a story photo waiting
 * for an area) keeps just its own media, by id, for as long as it waits: holding all the citizen's media for that long
 * stopped every clean-up, and a deleted meeting's photos stayed on the tablet (review "diff2"). A shared lock per medium,
 * so every tab's clean-up sees it (keptMedia); a clean-up deletes every other medium nothing refers to.
 */
const keptPrefix = (citizenId: string) => `billedtale-media-kept-${citizenId}-`;

/** Keeps these media of the citizen from every tab's clean-up until the returned function lets go. */
export function keepMedia(citizenId: string, mediaIds: readonly string[]): () => void {
	const manager = locks();
	if (!manager) return () => {};
	const holds = mediaIds.map((id) => holdLock(manager, `${keptPrefix(citizenId)}${id}`));
	return () => holds.forEach((letGo) => letGo());
}

function holdLock(manager: LockManager, name: string): () => void {
	let letGo!: () => void;
	const held = new Promise<void>((resolve) => (letGo = resolve));
	void manager.request(name, { mode: 'shared' }, () => held);
	return letGo;
}

/** The citizen's media some tab keeps (keepMedia), which a clean-up leaves. */
export async function keptMedia(citizenId: string): Promise<Set<string>> {
	const manager = locks();
	if (!manager) return new Set();
	const { held = [], pending = [] } = await manager.query();
	const prefix = keptPrefix(citizenId);
	return new Set([...held, ...pending].flatMap(({ name }) => (name?.startsWith(prefix) ? [name.slice(prefix.length)] : [])));
}

/** Runs `work`, told whether it may delete the citizen's media: only while no tab holds them. */
export function whenMediaFree<T>(citizenId: string, work: (free: boolean) => Promise<T>): Promise<T> {
	const manager = locks();
	return manager ? manager.request(lockName(citizenId), { ifAvailable: true }, (lock) => work(lock !== null)) : work(true);
}
