import { test, unlockTablet } from './fixtures';
test('trace setup', async ({ page, browser }) => {
	await browser.startTracing(page, { path: '/tmp/setup-trace.json', categories: ['toplevel', 'devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
	const t0 = Date.now();
	await page.goto('/');
	await unlockTablet(page);
	await page.waitForTimeout(1500);
	console.log('took', Date.now() - t0);
	await browser.stopTracing();
});
