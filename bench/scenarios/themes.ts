// Theme cards (issue 11): opening a theme, moving a card.
import { ThemeCardsPage, touchTap } from '../../tests/e2e/pages.ts';
import { newTabletPage, type Run, sleep, unlock } from '../browser.ts';
import { CONFIG } from '../cli.ts';
import { armFrameTimer, frameTimerResult } from '../frames.ts';

const THEME: { label: string; columns: [string, string] } = { label: 'Mig og andre mennesker', columns: ['Godt', 'Ikke godt'] };
/** The theme overview of the theme meeting with today's theme picked; run.themePage keeps it for the move. */
async function openThemeOverview(run: Run) {
	const { page } = await newTabletPage(run.context);
	await page.goto(`${run.origin}/moede/temaer?id=${run.fixture.ids.themeMeeting}`, { waitUntil: 'load' });
	await unlock(page);
	await new ThemeCardsPage(page).pickTheme(THEME.label);
	return page;
}
/** Issue 11: on the overview, tap "Sortér kortene: <theme>" (client-side navigation) → the first card in hand shown. */
export async function measureThemeOpen(run: Run) {
	const page = await openThemeOverview(run);
	run.themePage = page;
	const samples = [];
	for (let i = 0; i < CONFIG.themeOpens; i++) {
		const link = new ThemeCardsPage(page).themeLink(THEME.label);
		await link.waitFor();
		await sleep(300);
		await armFrameTimer(page, '.hand button.card');
		await touchTap(link);
		samples.push(await frameTimerResult(page));
		if (i < CONFIG.themeOpens - 1) await touchTap(page.getByRole('link', { name: 'Til oversigten over temaer' }));
	}
	run.note(
		'theme.open',
		`pointerdown on "Sortér kortene: ${THEME.label}" on /moede/temaer → first frame with the card in hand; warm HTTP cache`
	);
	return samples;
}
/**
 * Issue 11: a card lying under one column is tapped (it becomes "Flyt kortet"), then the other column's place button:
 * pointerdown on that button → the first frame showing the card in the new column's list (a correction saved).
 */
export async function measureThemeMove(run: Run) {
	const page = run.themePage;
	run.themePage = undefined;
	if (!page) throw new Error('no theme page (opening the theme failed)');
	try {
		const themes = new ThemeCardsPage(page);
		await touchTap(themes.placeButton(THEME.columns[0]));
		await themes.cardsUnder(THEME.columns[0]).first().waitFor();
		const card = ((await themes.cardsUnder(THEME.columns[0]).first().textContent()) ?? '').trim();
		const samples: number[] = [];
		for (let i = 0; i < CONFIG.themeMoves; i++) {
			const [from, to] = i % 2 === 0 ? THEME.columns : ([THEME.columns[1], THEME.columns[0]] as const);
			await sleep(300);
			await touchTap(themes.cardsUnder(from).filter({ hasText: card }));
			await themes.inHand.getByRole('heading', { name: 'Flyt kortet' }).waitFor();
			await sleep(CONFIG.tapGapMs);
			await armFrameTimer(page, `ul.cards[aria-label="${to}"]`, card);
			await touchTap(themes.placeButton(to));
			samples.push(await frameTimerResult(page));
		}
		run.note('theme.move', `"${card}" tapped under one column, then pointerdown on "Læg kortet under <other>" → first frame with it there`);
		return samples;
	} finally {
		await page.close();
	}
}
