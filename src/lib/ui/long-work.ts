import { ValidationError } from '#lib/domain/validation.ts';
import type { MessageKey } from '#lib/i18n/index.svelte.ts';
import { notices } from './notices.svelte.ts';

/**
 * Long work on the tablet's data (reading a board file, restoring or writing a backup: minutes for a large one). While it
 * runs, the tablet's lock holds its idle timer off, so the work is not cut short while the adviser waits without touching
 * the screen; the lock plugs itself in here (lock/tablet-lock), since shared modules know no feature. Locked all the same
 * ("Lås", the screen turned off), the work fails without its key, and its screen, which would have shown the error, is
 * gone: the failure is told as the work's `stopped` message by the notices, which the lock screen and the screen after it
 * show (its words came with the screen that started the work).
 */
class LongWork {
	/** How many times the tablet has locked in this page: work that began at another count was locked meanwhile. */
	private locks = 0;
	/** Holds the idle lock off until the returned function is called; a no-op until the lock plugs in. */
	hold: () => () => void = () => () => {};

	/** The tablet locked: the work running now lost its key. */
	locked(): void {
		this.locks++;
	}

	/**
	 * `unlessLocked`: the work's result is to be handed out unencrypted (a plan's PDF), so it is dropped and `stopped` told
	 * when the tablet locked meanwhile, even if the work got through: a locked tablet gives no file to whoever picks it up.
	 */
	async run<T>(work: () => Promise<T>, stopped: MessageKey, { unlessLocked = false } = {}): Promise<T> {
		const release = this.hold();
		const locksBefore = this.locks;
		const lockedMeanwhile = () => this.locks !== locksBefore;
		try {
			const result = await work();
			if (unlessLocked && lockedMeanwhile()) throw new ValidationError(stopped);
			return result;
		} catch (error) {
			if (lockedMeanwhile()) notices.showError(new ValidationError(stopped));
			throw error;
		} finally {
			release();
		}
	}
}

export const longWork = new LongWork();
