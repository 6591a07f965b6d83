import { existsSync } from 'node:fs';

/*
 * How the e2e suite, the fault and profile tests that start their own browser, and the benchmark launch Chromium. One
 * list, so a switch that makes the browser lighter reaches all of them. Loads in plain Node (the bench runs it).
 */

// Playwright cannot download its own browser on these machines; Debian's Chromium is used when present.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_PATH = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

/*
 * The e2e suite runs in Debian's build of Chromium's headless shell (package chromium-headless-shell): the same
 * Chromium, Blink and V8 as /usr/bin/chromium, without the browser's windows and UI, which is what Playwright itself
 * runs headless tests in. Every test opens a new context, and in the full browser each one is a window with its
 * toolbar: the shell takes the suite from 5.1 to 4.4 minutes on two cores. Tests about the browser's own files (the
 * profile scans, the session-restore file, a killed browser) start the full browser themselves.
 */
const SYSTEM_HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
export const HEADLESS_SHELL_PATH = existsSync(SYSTEM_HEADLESS_SHELL) ? SYSTEM_HEADLESS_SHELL : CHROMIUM_PATH;

/*
 * Chromium reads only the last --disable-features it is given, so this list replaces Playwright's own and repeats the
 * entries of it that matter here (requests to Google on start-up, storage partitioning, HTTPS upgrades of the
 * http://127.0.0.1 test server, paint holding). The WebUI entries are ours: from Chromium 156 every new window (every
 * Playwright context) preloads the address bar's popup as a hidden WebUI page in a renderer of its own, which a
 * headless test never shows; it took an eighth of the e2e suite's CPU time (82 of 676 CPU seconds).
 */
const DISABLED_FEATURES = [
	'AimEnabled',
	'AvoidCorsURLLoaderRestartOnRedirect',
	'AvoidUnnecessaryBeforeUnloadCheckSync',
	'DestroyProfileOnBrowserClose',
	'HttpsFirstBalancedModeAutoEnable',
	'HttpsUpgrades',
	'LensOverlay',
	'MediaRouter',
	'NetworkTimeServiceQuerying',
	'OptimizationHints',
	'PaintHolding',
	'PreconnectToSearch',
	'ThirdPartyStoragePartitioning',
	'PreloadTopChromeWebUI',
	'WebUIOmniboxAimPopup',
	'WebUIOmniboxFullPopup',
	'WebUIOmniboxPopup'
];

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	`--disable-features=${DISABLED_FEATURES.join(',')}`
];
