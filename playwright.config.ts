import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, HEADLESS_SHELL_PATH } from './tests/chromium.ts';

// E2E_PORT lets two checkouts on one machine run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 45_000,
	expect: { timeout: 10_000 },
	workers: 2,
	// One retry in CI, reported as "flaky": once (stop 6) a context's whole IndexedDB vanished under
	// load without any kill; not seen since. A flaky test is listed in the output, never hidden.
	retries: process.env.CI ? 1 : 0,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		viewport: { width: 1180, height: 820 },
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		// Installing the service worker fetches and caches the whole app (~500 files) in every new context: a fifth of the
		// suite's CPU time. The tests that need it (offline use, the cache's integrity, the offline voice) allow it.
		serviceWorkers: 'block',
		// Chromium's fake microphone lets the recording journey run without a device or a prompt.
		permissions: ['microphone'],
		launchOptions: {
			executablePath: HEADLESS_SHELL_PATH,
			args: [
				...CHROMIUM_ARGS,
				'--use-fake-device-for-media-stream',
				'--use-fake-ui-for-media-stream',
				'--autoplay-policy=no-user-gesture-required'
			]
		}
	},
	webServer: {
		// The sample server with the production headers (CSP header, frame-ancestors …), so every test runs under them.
		command: `node deploy/serve.ts --port ${port}`,
		url: `http://127.0.0.1:${port}`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});
