import { pruneUnusedMedia } from './boards.ts';
import { holdMedia } from './media-holds.ts';

/**
 * How long the clean-up after a hold waits. A record that names a medium stored just before (an answer or a person on the
 * network map saved as the page closes) may still be on its way when the page lets go; it has long been written by then.
 */
export const CLEAN_UP_AFTER_MS = 30_000;

/**
 * Deletes the citizen's media that nothing refers to, `afterMs` from now, unless a tab holds them then (whose own
 * clean-up takes them later). A clean-up that fails (the tablet locked meanwhile) leaves them to the next one.
 */
export function cleanUpMediaLater(citizenId: string, afterMs = CLEAN_UP_AFTER_MS): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, afterMs)).then(() => pruneUnusedMedia(citizenId)).catch(() => undefined);
}

/**
 * While the calling component is open, no tab deletes the citizen's media (media-holds.ts): a photo or voice it has
 * stored for a record not saved yet, or that its undo can bring back, stays. Once it has let go, what it stored and no
 * record came to name (a story photo not placed, an answer whose save failed, the editor's undone cell) is cleaned up.
 */
export function holdMediaWhileOpen(citizenId: () => string): void {
	$effect(() => {
		const id = citizenId();
		const letGo = holdMedia(id);
		return () => void letGo().then(() => cleanUpMediaLater(id));
	});
}
