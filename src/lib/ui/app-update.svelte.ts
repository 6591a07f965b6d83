/*
 * Whether a newer Billedtale is about. `ready`: its service worker is installed and waits until no page of this version
 * is open (or until "Opdater nu" asks it). `elsewhere`: another tab or window already runs it (it upgraded the database,
 * wrote records this version cannot read, or took over the offline copy), so this page's code is the older one.
 */
class AppUpdate {
	status = $state<'current' | 'ready' | 'elsewhere'>('current');
	applying = $state(false);
	#apply: (() => void) | undefined;

	/** A new version waits; `apply` asks it to take over now (the page reloads once it has). A newer one replaces it. */
	ready(apply: () => void): void {
		if (this.status === 'elsewhere') return;
		this.#apply = apply;
		this.status = 'ready';
	}

	/** Told once: a later sign of the same update changes nothing on screen. */
	elsewhere(): void {
		this.status = 'elsewhere';
	}

	apply(): void {
		if (this.applying) return;
		this.applying = true;
		this.#apply?.();
	}
}

export const appUpdate = new AppUpdate();
