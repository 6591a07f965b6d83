import { ValidationError } from '#lib/domain/validation.ts';
import { hashPin, isValidPin, pinMatches, type PinHash } from './pin.ts';

/*
 * Covers the app on demand, after a spell without touches, and when the tablet switches away from it.
 * While locked, nothing but the lock screen is rendered, so no citizen data is left in the page.
 * After five wrong PINs the lock refuses further tries for a while.
 */

const SETTINGS_KEY = 'billedtale.screenLock';
export const IDLE_CHOICES = [2, 5, 10, 15] as const;
export const MAX_TRIES = 5;
export const LOCKOUT_MS = 5 * 60_000;

interface LockSettings {
	pin: PinHash;
	idleMinutes: number;
}

function readSettings(): LockSettings | undefined {
	try {
		const parsed = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as LockSettings | null;
		return parsed?.pin?.hash ? parsed : undefined;
	} catch {
		return undefined;
	}
}

class ScreenLock {
	enabled = $state(false);
	locked = $state(false);
	idleMinutes = $state(5);
	triesLeft = $state(MAX_TRIES);
	lockedOutUntil = $state(0);
	private settings: LockSettings | undefined;
	private idleTimer: ReturnType<typeof setTimeout> | undefined;

	/** Called once in the browser: a tablet with a PIN starts locked. */
	start(): () => void {
		this.settings = readSettings();
		this.enabled = this.settings !== undefined;
		this.idleMinutes = this.settings?.idleMinutes ?? 5;
		this.locked = this.enabled;
		const activity = () => this.restartIdleTimer();
		const hidden = () => document.visibilityState === 'hidden' && this.lockNow();
		addEventListener('pointerdown', activity, { capture: true, passive: true });
		addEventListener('keydown', activity, { capture: true, passive: true });
		document.addEventListener('visibilitychange', hidden);
		this.restartIdleTimer();
		return () => {
			removeEventListener('pointerdown', activity, { capture: true });
			removeEventListener('keydown', activity, { capture: true });
			document.removeEventListener('visibilitychange', hidden);
			clearTimeout(this.idleTimer);
		};
	}

	private restartIdleTimer(): void {
		clearTimeout(this.idleTimer);
		if (this.enabled && !this.locked) this.idleTimer = setTimeout(() => this.lockNow(), this.idleMinutes * 60_000);
	}

	lockNow(): void {
		if (!this.enabled) return;
		this.locked = true;
		clearTimeout(this.idleTimer);
	}

	/** Resolves to whether the PIN opened the lock. */
	async unlock(pin: string, now = Date.now()): Promise<boolean> {
		if (!this.settings || now < this.lockedOutUntil) return false;
		if (await pinMatches(pin, this.settings.pin)) {
			this.locked = false;
			this.triesLeft = MAX_TRIES;
			this.restartIdleTimer();
			return true;
		}
		this.triesLeft -= 1;
		if (this.triesLeft <= 0) {
			this.lockedOutUntil = now + LOCKOUT_MS;
			this.triesLeft = MAX_TRIES;
		}
		return false;
	}

	async setPin(pin: string, idleMinutes: number): Promise<void> {
		if (!isValidPin(pin)) throw new ValidationError('error.pinFormat');
		this.settings = { pin: await hashPin(pin), idleMinutes };
		localStorage.setItem(SETTINGS_KEY, JSON.stringify(this.settings));
		this.enabled = true;
		this.idleMinutes = idleMinutes;
		this.restartIdleTimer();
	}

	setIdleMinutes(minutes: number): void {
		if (!this.settings) return;
		this.settings = { ...this.settings, idleMinutes: minutes };
		localStorage.setItem(SETTINGS_KEY, JSON.stringify(this.settings));
		this.idleMinutes = minutes;
		this.restartIdleTimer();
	}

	async removePin(currentPin: string): Promise<boolean> {
		if (!this.settings || !(await pinMatches(currentPin, this.settings.pin))) return false;
		localStorage.removeItem(SETTINGS_KEY);
		this.settings = undefined;
		this.enabled = false;
		clearTimeout(this.idleTimer);
		return true;
	}
}

export const screenLock = new ScreenLock();
