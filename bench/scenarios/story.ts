// The recovery story with 100 items (issue 13): a drag and a freehand stroke.
import { StoryPage } from '../../tests/e2e/pages.ts';
import { expect } from '../../tests/e2e/tablet.ts';
import { newTabletPage, required, type Run, sleep, unlock } from '../browser.ts';
import { CONFIG } from '../cli.ts';
import { frameGapsDuring } from '../frames.ts';
import { quantile } from '../metrics.ts';

/**
 * Issue 13: a freehand stroke drawn by a finger (CDP touch events) across the story of a citizen with 100 items, from
 * the first touch to the lift; the stroke must have been taken (its save button turns on), then it is cancelled so every
 * run starts from the same story.
 */
export async function measureStoryStroke(run: Run) {
	const { page, cdp } = await newTabletPage(run.context);
	try {
		await page.goto(`${run.origin}/historie?borger=${run.fixture.ids.storyCitizen}`, { waitUntil: 'load' });
		await unlock(page);
		await expect(new StoryPage(page).items).toHaveCount(run.fixture.ids.storyItems);
		await page.getByRole('button', { name: 'Tegn', exact: true }).click();
		const surface = page.locator('svg.draw');
		await surface.waitFor();
		const box = required(await surface.boundingBox(), 'the drawing surface');
		const at = (fx: number, fy: number) => [
			{ x: Math.round(box.x + box.width * fx), y: Math.round(box.y + Math.min(box.height, 700) * fy), id: 1 }
		];
		const moves = 60;
		const gaps = await frameGapsDuring(page, async () => {
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.1, 0.3) });
			for (let i = 1; i <= moves; i++) {
				const f = i / moves;
				await cdp.send('Input.dispatchTouchEvent', {
					type: 'touchMove',
					touchPoints: at(0.1 + 0.7 * f, 0.3 + 0.4 * Math.sin(f * Math.PI))
				});
			}
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		});
		const save = page.getByRole('button', { name: 'Gem tegningen' });
		if (!(await save.isEnabled({ timeout: 5_000 }).catch(() => false))) throw new Error('the stroke was not taken by the drawing surface');
		await page.locator('.draw-tools').getByRole('button', { name: 'Annuller' }).click();
		run.note('story.stroke.p95', `one stroke of ${moves} touch moves over the story with 100 items; ${gaps.length} rAF intervals per run`);
		return { 'story.stroke.p95': quantile(gaps, 0.95), 'story.stroke.max': Math.max(...gaps) };
	} finally {
		await page.close();
	}
}
/**
 * Issue 13: the recovery story of a citizen with 100 items; "Punkt 1" dragged by a finger (CDP touch events, as
 * tests/e2e/pages.ts touchDrag does: rounded points, a rest before lifting) to the free right part of another area
 * and back. Frame gaps are requestAnimationFrame intervals from touchStart to touchEnd of both drags.
 */
export async function measureStoryDrag(run: Run) {
	const { page, cdp } = await newTabletPage(run.context);
	try {
		await page.goto(`${run.origin}/historie?borger=${run.fixture.ids.storyCitizen}`, { waitUntil: 'load' });
		await unlock(page);
		const story = new StoryPage(page);
		const { canvas, items } = story;
		await expect(items).toHaveCount(run.fixture.ids.storyItems);
		const item = story.item('Tekst: Punkt 1');
		await item.scrollIntoViewIfNeeded();
		await sleep(500);
		const box = required(await canvas.boundingBox(), 'the story canvas');
		const scale = box.width / 1600; // the template's width in canvas units
		const point = (x: number, y: number) => ({ x: Math.round(box.x + x * scale), y: Math.round(box.y + y * scale) });
		const itemBox = required(await item.boundingBox(), '"Punkt 1"');
		const home = { x: Math.round(itemBox.x + itemBox.width / 2), y: Math.round(itemBox.y + itemBox.height / 2) };
		const there = point(700, 490); // "Det gør mit liv bedre", right of its seeded items
		if (there.y > required(page.viewportSize(), 'the viewport').height || home.y < 0)
			throw new Error(`drag points not on screen: ${JSON.stringify({ home, there })}`);
		type Point = { x: number; y: number };
		const drag = async (from: Point, to: Point, area: string) => {
			const touchAt = (p: Point) => [{ x: Math.round(p.x), y: Math.round(p.y), id: 1 }];
			const gaps = await frameGapsDuring(page, async () => {
				await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: touchAt(from) });
				for (let i = 1; i <= CONFIG.storyDragSteps; i++) {
					const p = {
						x: from.x + ((to.x - from.x) * i) / CONFIG.storyDragSteps,
						y: from.y + ((to.y - from.y) * i) / CONFIG.storyDragSteps
					};
					await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: touchAt(p) });
				}
				await sleep(150); // a lift at speed starts a fling (see touchDrag in tests/e2e/pages.ts)
				await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: touchAt(to) });
				await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
			});
			const landed = (area: string) =>
				[...document.querySelectorAll('.canvas[data-template] [data-item]')].some(
					(el) => el.getAttribute('aria-label')?.startsWith('Tekst: Punkt 1.') && el.getAttribute('data-area') === area
				);
			if (
				!(await page.waitForFunction(landed, area, { timeout: 10_000 }).then(
					() => true,
					() => false
				))
			)
				throw new Error(`"Punkt 1" did not land in "${area}" after the drag`);
			return gaps;
		};
		const gaps = [...(await drag(home, there, 'bedre')), ...(await drag(there, home, 'haab'))];
		if ((await items.count()) !== run.fixture.ids.storyItems) throw new Error('the number of story items changed during the drags');
		run.note(
			'story.drag.p95',
			`"Punkt 1" dragged by touch (${CONFIG.storyDragSteps} moves, 150 ms rest) to "Det gør mit liv bedre" and back, both landings checked; ${gaps.length} rAF intervals per run; a 60 Hz frame is 16.7 ms`
		);
		return { 'story.drag.p95': quantile(gaps, 0.95), 'story.drag.max': Math.max(...gaps) };
	} finally {
		await page.close();
	}
}
