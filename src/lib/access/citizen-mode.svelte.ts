/*
 * Citizen mode ("Borgervisning", issue 14): the symbol board or the meeting's citizen face with nothing that leads
 * away. Kept in sessionStorage, i.e. per tab: it survives a reload and a soft lock (which unmounts the pages but keeps
 * the tab), while a new tab or window opened by staff starts normal. It is not a preference of the tablet or the
 * citizen, so it does not belong in the stored prefs, and only on/off is kept, nothing about anyone.
 */
import { browser } from '$app/env';

const KEY = 'billedtale.citizenMode';

/** The screens with a citizen face: only there can the mode be turned on, and only their paths can be reached in it. */
export const CITIZEN_PATHS: readonly string[] = ['/tavle', '/moede'];

/** The header's button that turns the mode on (routes/+layout.svelte); it takes the focus back when the mode ends. */
export const TURN_ON_ID = 'citizen-mode-on';

class CitizenMode {
	on = $state(browser && sessionStorage.getItem(KEY) === 'on');

	set(on: boolean): void {
		this.on = on;
		if (on) sessionStorage.setItem(KEY, 'on');
		else sessionStorage.removeItem(KEY);
	}
}

export const citizenMode = new CitizenMode();
