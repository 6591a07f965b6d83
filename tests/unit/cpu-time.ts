/**
 * The CPU time this test process spends on `work`, in milliseconds. The tests that guard against a quadratic search (a
 * hostile file holding the page's thread for seconds) compare work, not the clock: `npm test` runs the unit tests at a
 * low priority beside the browsers, where a test waits for a core several times longer than it works.
 */
export async function cpuMilliseconds(work: () => unknown): Promise<number> {
	const before = process.cpuUsage();
	await work();
	const { user, system } = process.cpuUsage(before);
	return (user + system) / 1000;
}
