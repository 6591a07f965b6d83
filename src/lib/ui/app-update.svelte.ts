/*
 * Whether a newer Billedtale is about. `elsewhere`: another tab or window already runs it (it upgraded the database, or
 * wrote records this version cannot read), so this page's code is the older one.
 */
class AppUpdate {
	status = $state<'current' | 'elsewhere'>('current');

	/** Told once: a later sign of the same update changes nothing on screen. */
	elsewhere(): void {
		this.status = 'elsewhere';
	}
}

export const appUpdate = new AppUpdate();
