/*
 * Reads started when a finger comes down on a link, before the page that shows them exists (issue 17, open1000). From
 * the press to the new page's first render there are the tap itself (~15 ms), SvelteKit's wait for the click's frame
 * (~17 ms at 4× CPU) and the navigation; the page's live reads started only after that, each a timer hop later (Dexie's
 * liveQuery then), and the page was drawn empty first, then again with what they read. A page takes a read started ahead
 * as the first value of its live query (LiveQuery's `ahead`); the live query still reads for itself, since it learns
 * from that read which tables to watch (watch.ts), and keeps what was read ahead when it read the same.
 *
 * A read not taken is let go after a while: a press that became a scroll leaves nothing behind, and no page takes a
 * read older than what the press could have led to.
 */

/** Long enough for a slow tap and navigation; shorter than any pause in which a stored record could change unseen. */
export const READ_AHEAD_MS = 2_000;

interface Ahead {
	read: Promise<unknown>;
	/** Set once the read has come back, so a page made after that can draw it in its first render. */
	result?: { value: unknown };
}

const started = new Map<string, Ahead>();

/** Starts `read` under `key`, for the page the press leads to. A read of the same key started before is replaced. */
export function readAhead(key: string, read: () => Promise<unknown>): void {
	const ahead: Ahead = { read: read() };
	started.set(key, ahead);
	const forget = () => {
		if (started.get(key) === ahead) started.delete(key);
	};
	ahead.read.then(
		(value) => (ahead.result = { value }),
		// A failed read ahead is no answer: the page's own read tells.
		forget
	);
	setTimeout(forget, READ_AHEAD_MS);
}

/**
 * Waits, `ms` at the most, for the reads started ahead to come back, so the page they are for draws them in its first
 * render (its route's load waits on this). On a busy tablet they came back just after the navigation's first render, and
 * the meeting page was drawn with "Henter …" first and then again (meeting-open.spec, on two busy cores).
 */
export async function readsAheadBack(ms: number): Promise<void> {
	const waiting = [...started.values()].filter((ahead) => !ahead.result).map((ahead) => ahead.read.catch(() => undefined));
	if (waiting.length === 0) return;
	let timer: ReturnType<typeof setTimeout> | undefined;
	await Promise.race([Promise.all(waiting), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
	clearTimeout(timer);
}

/** The read started ahead under `key`, once: the first page to ask takes it. */
export function takeReadAhead<T>(key: string): { read: Promise<T>; result?: { value: T } } | undefined {
	const ahead = started.get(key);
	started.delete(key);
	return ahead as { read: Promise<T>; result?: { value: T } } | undefined;
}

/**
 * Whether two reads' results are the same records: the same values, or arrays or plain objects whose parts are the
 * same values, `depth` levels down. Records opened before are handed out as the same objects (sealing.ts), so a read
 * that found nothing changed compares equal without looking into the records; a false "different" costs only a render.
 */
export function sameRead(a: unknown, b: unknown, depth = 2): boolean {
	if (Object.is(a, b)) return true;
	if (depth === 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameRead(item, b[i], depth - 1));
	}
	if (!isPlain(a) || !isPlain(b)) return false;
	const keys = Object.keys(a);
	return (
		keys.length === Object.keys(b).length &&
		keys.every(
			(key) => Object.hasOwn(b, key) && sameRead((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth - 1)
		)
	);
}

function isPlain(value: object): boolean {
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}
