// In-page frame timers: pointerdown → the first frame showing something, and frame gaps while an action runs.
import type { Page } from 'playwright-core';
import { frameTime, type FrameTimer } from './browser.ts';

/**
 * Times in the page from the next pointerdown to the first animation frame showing `selector` (holding `text`); from the
 * pointerup with `from: 'pointerup'`, for a link, which acts on the click the lift makes (scenarios/open-meeting.ts says why).
 */
export function armFrameTimer(page: Page, selector: string, text?: string, from: 'pointerdown' | 'pointerup' = 'pointerdown') {
	return page.evaluate(
		({ selector, text, from }) => {
			const shown = () => {
				const element = document.querySelector(selector);
				return element !== null && (text === undefined || (element.textContent ?? '').includes(text));
			};
			const state: FrameTimer = (window.__frameTimer = { t0: undefined, t1: undefined });
			addEventListener(
				from,
				(e) => {
					if (state.t0 !== undefined) return;
					state.t0 = e.timeStamp;
					const tick = () => {
						if (shown()) state.t1 = performance.now();
						else requestAnimationFrame(tick);
					};
					requestAnimationFrame(tick);
				},
				{ capture: true, passive: true }
			);
		},
		{ selector, text, from }
	);
}
/** Waits up to `timeout` ms for the frame (the years bench's large tablet takes longer than a step). */
export async function frameTimerResult(page: Page, timeout = 30_000) {
	await page.waitForFunction(() => window.__frameTimer.t1 !== undefined, null, { polling: 50, timeout });
	return frameTime(await page.evaluate(() => window.__frameTimer));
}
/** requestAnimationFrame intervals in the page while `action` runs. */
export async function frameGapsDuring(page: Page, action: () => Promise<void>): Promise<number[]> {
	await page.evaluate(() => {
		const f: Window['__frames'] = (window.__frames = { times: [], stop: false });
		const tick = (time: number) => {
			f.times.push(time);
			if (!f.stop) requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
	await action();
	const times = await page.evaluate(() => {
		window.__frames.stop = true;
		return window.__frames.times;
	});
	return times.slice(1).map((t, i) => t - times[i]!);
}
