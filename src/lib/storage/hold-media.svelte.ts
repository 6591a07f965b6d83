import { holdMedia } from './media-holds.ts';

/**
 * While the calling component is open, no tab deletes the citizen's media (media-holds.ts): a photo or voice it has
 * stored for a record not saved yet, or that its undo can bring back, stays. `afterwards` runs once it has let go.
 */
export function holdMediaWhileOpen(citizenId: () => string, afterwards?: (citizenId: string) => Promise<void>): void {
	$effect(() => {
		const id = citizenId();
		const letGo = holdMedia(id);
		// A clean-up that fails (the tablet locked meanwhile) leaves the media to the next one.
		return () =>
			void letGo()
				.then(() => afterwards?.(id))
				.catch(() => undefined);
	});
}
