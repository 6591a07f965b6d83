// The harness's own floor for the release-timed rows (board switch, speech): a page that does nothing but change its
// heading on the release, tapped the same way. What this row shows is the browser's input path and frame clock on this
// machine (CDP touch → renderer → pointerup → next animation frame), not the app; a board switch can be no faster.
import { newTabletPage, type Run, sleep } from '../browser.ts';
import { CONFIG } from '../cli.ts';
import { fingerTap } from './speech.ts';

declare global {
	interface Window {
		__floor: { up: number | undefined; t1: number | undefined; n: number };
	}
}

export async function measureReleaseFloor(run: Run): Promise<number[]> {
	const { page, cdp } = await newTabletPage(run.context);
	try {
		// An inline document: nothing is fetched, and no app code runs beside the tap.
		await page.setContent(
			'<!doctype html><html lang="da"><title>Gulv</title><h1>0</h1><button type="button" style="width:200px;height:200px">Tryk</button>'
		);
		await page.evaluate(() => {
			window.__floor = { up: undefined, t1: undefined, n: 0 };
			const heading = document.querySelector('h1')!;
			const button = document.querySelector('button')!;
			// As the board-switch rows do: the frame watch starts at the press, so the page's frames run while the finger rests.
			button.addEventListener('pointerdown', () => {
				const want = String(window.__floor.n + 1);
				const tick = () => {
					if (heading.textContent === want) window.__floor.t1 = performance.now();
					else requestAnimationFrame(tick);
				};
				requestAnimationFrame(tick);
			});
			button.addEventListener('pointerup', (event) => {
				window.__floor.up = event.timeStamp;
				heading.textContent = String(++window.__floor.n);
			});
		});
		const button = page.locator('button');
		const samples: number[] = [];
		for (let i = 0; i < CONFIG.switchesPerRun; i++) {
			await page.evaluate(() => (window.__floor.t1 = undefined));
			await fingerTap(cdp, button);
			await page.waitForFunction(() => window.__floor.t1 !== undefined, null, { polling: 20, timeout: 10_000 });
			const { up, t1 } = await page.evaluate(() => window.__floor);
			samples.push(t1! - up!);
			await sleep(CONFIG.tapGapMs);
		}
		run.note(
			'board.switch.floor',
			'the same finger tap (press, 50 ms, release) on an inline page whose release only changes its heading → the first ' +
				'animation frame after it, watched from the press as those rows are, at the same CPU slowdown: the browser and harness ' +
				'alone, for reading the board-switch rows'
		);
		return samples;
	} finally {
		await page.close();
	}
}
