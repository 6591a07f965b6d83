/*
 * Citizen mode ("Borgervisning", issue 14): the symbol board or the meeting's citizen face with nothing that leads
 * away. Kept in sessionStorage, i.e. per tab: it survives a reload and a soft lock (which unmounts the pages but keeps
 * the tab), while a new tab or window opened by staff starts normal. It is not a preference of the tablet or the
 * citizen, so it does not belong in the stored prefs. It keeps to the citizen it was turned on for: the meeting (and
 * that meeting's board), or the board of a citizen outside a meeting. Only that random id is kept, nothing about anyone.
 */
import { browser } from '$app/env';

const KEY = 'billedtale.citizenMode';

/** The screens with a citizen face: only there can the mode be turned on, and only their paths can be reached in it. */
const CITIZEN_PATHS: readonly string[] = ['/tavle', '/moede'];

/** The header's button that turns the mode on (routes/+layout.svelte); it takes the focus back when the mode ends. */
export const TURN_ON_ID = 'citizen-mode-on';

/** A page's address, as SvelteKit's page state and its navigations give it (read-only search params). */
type Address = Pick<URL, 'pathname'> & { searchParams: Pick<URLSearchParams, 'get'> };

/** Whose screen a page is: `meeting:<id>` for a meeting and the board opened from it, `citizen:<id>` for a board alone. */
export function citizenScreenOf(url: Address): string | undefined {
	if (!CITIZEN_PATHS.includes(url.pathname)) return undefined;
	const meeting = url.pathname === '/moede' ? url.searchParams.get('id') : url.searchParams.get('moede');
	if (meeting) return `meeting:${meeting}`;
	const citizen = url.pathname === '/tavle' ? url.searchParams.get('borger') : null;
	return citizen ? `citizen:${citizen}` : undefined;
}

/** The mode as a tab kept it; a tab of an older version kept only "on", for the screen it is on. */
function kept(): string | undefined {
	const value = sessionStorage.getItem(KEY) ?? undefined;
	return value === 'on' ? citizenScreenOf(new URL(location.href)) : value;
}

class CitizenMode {
	#screen = $state(browser ? kept() : undefined);

	get on(): boolean {
		return this.#screen !== undefined;
	}

	/** Turned on at a citizen's screen (`url`); elsewhere there is nothing to keep to, and it stays off. */
	turnOnAt(url: Address): void {
		this.#screen = citizenScreenOf(url);
		if (this.#screen) sessionStorage.setItem(KEY, this.#screen);
	}

	turnOff(): void {
		this.#screen = undefined;
		sessionStorage.removeItem(KEY);
	}

	/** Whether the mode lets a page be reached: one of the same citizen's screens. A history jump to another's is not. */
	allows(url: Address): boolean {
		return this.#screen === undefined || citizenScreenOf(url) === this.#screen;
	}
}

export const citizenMode = new CitizenMode();
