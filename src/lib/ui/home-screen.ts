/*
 * Safari deletes what a website stored after 7 days without use, unless it runs from the home screen
 * (an installed web app); the iPad reports `navigator.standalone`, other engines the display mode
 * the manifest asked for.
 */

export function runsFromHomeScreen(): boolean {
	if (typeof matchMedia !== 'function') return false;
	const standalone = (navigator as { standalone?: boolean }).standalone === true;
	return standalone || ['standalone', 'fullscreen', 'minimal-ui'].some((mode) => matchMedia(`(display-mode: ${mode})`).matches);
}

const SEEN = 'billedtale.homeScreenAdviceSeen';

/** The advice is shown once on the home page; settings always has it. */
export function homeScreenAdviceDue(): boolean {
	return !runsFromHomeScreen() && localStorage.getItem(SEEN) !== '1';
}

export function dismissHomeScreenAdvice(): void {
	localStorage.setItem(SEEN, '1');
}
