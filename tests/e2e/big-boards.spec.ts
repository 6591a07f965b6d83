import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, expectReflow, readDatabase, test } from './fixtures';
import { DEFAULT_ACCESS } from '#lib/domain/access.ts';
import { AccessSettingsPage, BoardEditorPage, BoardListPage, BoardPage, HomePage, scanHighlight, stepScanTo } from './pages';

/*
 * Issue 17: core-vocabulary boards as other AAC apps ship them (84 cells in 7 × 12, 144 in 12 × 12, 112 in 8 × 14). They come in,
 * show by pages of whole rows when the screen is too short, are tapped and scanned to the last cell, and go out and
 * in again unchanged.
 */

const SYMBOLS: string[] = JSON.parse(readFileSync('symbols/manifest.json', 'utf8')).map((entry: { id: string }) => entry.id);

/** A lone .obf board of rows × columns cells named "felt 1" … in reading order, each with one of the app's symbols. */
function coreBoard(name: string, rows: number, columns: number): { name: string; mimeType: string; buffer: Buffer } {
	const buttons = Array.from({ length: rows * columns }, (_, i) => ({
		id: `b${i + 1}`,
		label: `felt ${i + 1}`,
		ext_billedtale_symbol: SYMBOLS[i % SYMBOLS.length]
	}));
	const order = Array.from({ length: rows }, (_, r) => buttons.slice(r * columns, (r + 1) * columns).map((b) => b.id));
	const doc = { format: 'open-board-0.1', id: name, name, grid: { rows, columns, order }, buttons, images: [], sounds: [] };
	return { name: `${name}.obf`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) };
}

type StoredSlot = { label: string; symbolId?: string } | null;

/** What a board shows, read back through the app's own stored records: its grid and each slot's words and symbol. */
async function storedBoards(page: Page, name: string): Promise<Array<{ rows: number; columns: number; slots: unknown[] }>> {
	return (await readDatabase(page)).boards
		.filter((b) => b.payload.name === name)
		.map(({ payload: { rows, columns, slots } }) => ({
			rows,
			columns,
			slots: (slots as StoredSlot[]).map((c) => c && [c.label, c.symbolId])
		}));
}

async function citizenWithBoards(page: Page, name: string, files = [coreBoard('Kerneord 84', 7, 12), coreBoard('Kerneord 144', 12, 12)]) {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen(name);
	const board = new BoardPage(page);
	await board.openFor(citizen);
	await page.getByRole('link', { name: 'Alle tavler' }).click();
	const input = page.getByLabel('Vælg en .obf- eller .obz-fil');
	for (const file of files) {
		await input.setInputFiles(file);
		await expect(page.getByRole('link', { name: `Åbn ${file.name.replace(/\.obf$/, '')}`, exact: true })).toBeVisible();
	}
	return { citizen, board };
}

test('an 84-cell 7 × 12 and a 144-cell 12 × 12 board: imported, shown by whole rows, tapped, and out and in again unchanged', async ({
	page
}, testInfo) => {
	const { board } = await citizenWithBoards(page, 'Maja');
	expect(await storedBoards(page, 'Kerneord 144')).toEqual([
		{ rows: 12, columns: 12, slots: Array.from({ length: 144 }, (_, i) => [`felt ${i + 1}`, SYMBOLS[i % SYMBOLS.length]]) }
	]);
	expect((await storedBoards(page, 'Kerneord 84'))[0]).toMatchObject({ rows: 7, columns: 12 });

	// 12 rows of 64 px cells do not fit under the message bar on a 1180 × 820 tablet: the first page shows whole rows.
	await page.getByRole('link', { name: 'Åbn Kerneord 144' }).click();
	await expect(board.heading('Kerneord 144')).toBeVisible();
	const next = page.getByRole('button', { name: 'Næste rækker' });
	const previous = page.getByRole('button', { name: 'Forrige rækker' });
	await expect(next).toBeVisible();
	await expect(previous).toHaveAttribute('aria-disabled', 'true');
	await expect(board.cell('felt 1')).toBeVisible();
	await expect(board.cell('felt 144')).toHaveCount(0);
	const firstPage = await page.getByRole('group', { name: 'Kerneord 144' }).getByRole('button').count();
	expect(firstPage % 12, 'whole rows').toBe(0);
	expect(firstPage).toBeLessThan(144);
	// The whole page is on screen, the pager too, and every cell keeps the citizen's size (64 px) and more than 44 px.
	for (const cell of [board.cell('felt 1'), board.cell(`felt ${firstPage}`)]) {
		await expect(cell).toBeInViewport({ ratio: 1 });
		const box = (await cell.boundingBox())!;
		expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(64);
	}
	await expect(next).toBeInViewport({ ratio: 1 });
	await expectNoAxeViolations(page, 'a 12 × 12 board, first page of rows');

	// A double tap turns one page: the citizen's repeat filter holds for the pager as for the cells.
	const shownRows = page.locator('.pager p');
	await next.dblclick();
	await expect(shownRows).toHaveText(`Række ${firstPage / 12 + 1}–${Math.min(12, (2 * firstPage) / 12)} af 12`);
	// Through the pages to the last cell, a deliberate tap at a time; the last page is said, and its button stays focused.
	for (let turn = 0; turn < 12 && (await next.getAttribute('aria-disabled')) !== 'true'; turn++) {
		// The filter goes by the taps' own times (the events'), which Playwright's clock does not move: a real pause.
		await page.waitForTimeout(DEFAULT_ACCESS.ignoreRepeatsMs + 100);
		const before = (await shownRows.textContent()) ?? '';
		await next.click();
		await expect(shownRows).not.toHaveText(before);
	}
	await expect(next).toHaveAttribute('aria-disabled', 'true');
	await expect(next).toBeFocused();
	await expect(shownRows).toHaveText(/^Række \d+–12 af 12$/);
	await expect(page.locator('[data-announcer]')).toHaveText(/^Række \d+–12 af 12$/);
	await expect(board.cell('felt 1')).toHaveCount(0);
	await board.cell('felt 144').click();
	await expect(board.message.getByRole('listitem')).toHaveText(['felt 144']);
	await expect(board.speechStatus).toHaveText(/felt 144/);
	await expectNoAxeViolations(page, 'a 12 × 12 board, last page of rows');

	// The home board fits the screen: no pager there.
	await page.getByRole('button', { name: 'Forside', exact: true }).click();
	await expect(board.heading('Forside')).toBeVisible();
	await expect(next).toHaveCount(0);
	await page.getByRole('link', { name: 'Alle tavler' }).click();

	// Out as .obf and in again: the same grid, words and symbols in the same places.
	const list = new BoardListPage(page);
	for (const [name, rows] of [
		['Kerneord 84', 7],
		['Kerneord 144', 12]
	] as const) {
		const download = await list.export(`Eksporter ${name} (.obf)`, `Eksporter tavlen ${name}?`);
		const file = testInfo.outputPath(`${rows}.obf`);
		await download.saveAs(file);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ grid: { rows, columns: 12 } });
		await page.getByLabel('Vælg en .obf- eller .obz-fil').setInputFiles(file);
		// The notice of the first import may still be up: the stored boards say when this one is in, named apart from the
		// board it came from.
		await expect.poll(async () => (await storedBoards(page, `${name} (2)`)).length).toBe(1);
		const [original] = await storedBoards(page, name);
		const [again] = await storedBoards(page, `${name} (2)`);
		expect(again).toEqual(original);
		expect(original?.slots).toHaveLength(rows * 12);
	}
});

test('two switches reach the last cell of a 12 × 12 board through "Næste rækker"', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Sofus');
	await new AccessSettingsPage(page).method('To kontakter');
	const board = new BoardPage(page);
	await board.openFor(citizen);
	await page.getByRole('link', { name: 'Alle tavler' }).click();
	await page.getByLabel('Vælg en .obf- eller .obz-fil').setInputFiles(coreBoard('Kerneord 144', 12, 12));
	await page.getByRole('link', { name: 'Åbn Kerneord 144' }).click();
	await expect(board.heading('Kerneord 144')).toBeVisible();

	const next = page.getByRole('button', { name: 'Næste rækker' });
	// The on-screen switches stay on screen under the paged board.
	await expect(page.getByRole('button', { name: 'Vælg', exact: true })).toBeInViewport();
	for (let turn = 0; turn < 12 && (await board.cell('felt 144').count()) === 0; turn++) {
		await stepScanTo(page, next);
		await page.keyboard.press('Enter');
	}
	await stepScanTo(page, board.cell('felt 144'));
	expect(await scanHighlight(board.cell('felt 144'))).toEqual({ row: false, cell: true });
	await expectNoAxeViolations(page, 'a paged board while scanning');
	await page.keyboard.press('Enter');
	await expect(board.message.getByRole('listitem')).toHaveText(['felt 144']);
});

test("CoughDrop's Quick Core 112 (8 rows of 14) comes in as its app laid it out; the editor keeps a board to 144 cells", async ({
	page
}) => {
	const { board } = await citizenWithBoards(page, 'Kim', [coreBoard('Quick Core 112', 8, 14)]);
	expect((await storedBoards(page, 'Quick Core 112'))[0]).toMatchObject({ rows: 8, columns: 14 });
	await page.getByRole('link', { name: 'Åbn Quick Core 112' }).click();
	await expect(board.heading('Quick Core 112')).toBeVisible();
	// Fourteen across the tablet: the last of the first row is on screen, a finger's size, and tapped like any other.
	const last = board.cell('felt 14');
	await expect(last).toBeInViewport({ ratio: 1 });
	const box = (await last.boundingBox())!;
	expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
	await last.click();
	await expect(board.message.getByRole('listitem')).toHaveText(['felt 14']);
	await expectNoAxeViolations(page, 'an 8 × 14 board');

	await page.getByRole('link', { name: 'Rediger tavlen' }).click();
	const editor = new BoardEditorPage(page);
	await expect(editor.heading('Quick Core 112')).toBeVisible();
	await expect(page.getByLabel('Kolonner').locator('option:checked')).toHaveText('14');
	// 11 rows of 14 would be 154 cells: said, and nothing is changed; 9 rows (126 cells) are kept.
	await page.getByLabel('Rækker').selectOption('11');
	await page.getByRole('button', { name: 'Gem tavle' }).click();
	await expect(page.getByRole('alert').filter({ hasText: '144' })).toHaveText(
		'En tavle kan have højst 144 felter, fx 12 rækker og 12 kolonner eller 8 rækker og 14 kolonner.'
	);
	expect((await storedBoards(page, 'Quick Core 112'))[0]).toMatchObject({ rows: 8, columns: 14 });
	await expectNoAxeViolations(page, 'a board size past 144 cells');
	await page.getByLabel('Rækker').selectOption('9');
	await page.getByRole('button', { name: 'Gem tavle' }).click();
	await expect.poll(async () => (await storedBoards(page, 'Quick Core 112'))[0]).toMatchObject({ rows: 9, columns: 14 });
});

test('at 320 px a 12-column board keeps 44 px cells, scrolls sideways inside itself only, and pages by rows', async ({ page }) => {
	const { board } = await citizenWithBoards(page, 'Ida', [coreBoard('Kerneord 144', 12, 12)]);
	await page.setViewportSize({ width: 320, height: 640 });
	await page.getByRole('link', { name: 'Åbn Kerneord 144' }).click();
	await expect(board.heading('Kerneord 144')).toBeVisible();
	await expectReflow(page, 'a 12 × 12 board', { resize: false });
	const box = (await board.cell('felt 1').boundingBox())!;
	expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
	await expect(page.getByRole('button', { name: 'Næste rækker' })).toBeVisible();
	// The last column is reached by scrolling the board, and is then tapped like any other cell.
	await board.cell('felt 12').click();
	await expect(board.message.getByRole('listitem')).toHaveText(['felt 12']);
	await expectNoAxeViolations(page, 'a 12 × 12 board at 320 px');

	// The editor shows all 144 slots, 44 px wide at least, scrolling sideways inside its grid; the size choices go to 12.
	await page.getByRole('link', { name: 'Rediger tavlen' }).click();
	const editor = new BoardEditorPage(page);
	await expect(editor.heading('Kerneord 144')).toBeVisible();
	await expect(page.getByRole('group', { name: 'Tavlens felter' }).getByRole('button')).toHaveCount(144);
	await expectReflow(page, 'the editor of a 12 × 12 board', { resize: false });
	const lastSlot = editor.slot('felt 144');
	expect((await lastSlot.boundingBox())!.width).toBeGreaterThanOrEqual(44);
	await lastSlot.click();
	await expect(editor.label).toHaveValue('felt 144');
	for (const size of ['Rækker', 'Kolonner']) await expect(page.getByLabel(size).locator('option:checked')).toHaveText('12');
	await expectNoAxeViolations(page, 'the editor of a 12 × 12 board at 320 px');
});

test('long words and sentences in a 12-column board start inside their cells and leave room for the picture', async ({ page }) => {
	const long = ['sundhedsplejerskekonsulentordningen', 'Jeg vil gerne have noget at drikke, helst et glas koldt vand', 'hjælp'];
	const file = coreBoard('Lange ord', 12, 12);
	const doc = JSON.parse(file.buffer.toString('utf8'));
	long.forEach((label, i) => (doc.buttons[i].label = label));
	const { board } = await citizenWithBoards(page, 'Ejnar', [{ ...file, buffer: Buffer.from(JSON.stringify(doc)) }]);
	await page.getByRole('link', { name: 'Åbn Lange ord' }).click();
	for (const [width, height] of [
		[1180, 820],
		[820, 1180]
	] as const) {
		await page.setViewportSize({ width, height });
		for (const label of long) {
			// The first letter of the label is drawn inside its cell, not cut off at the left or the top.
			const inside = await board
				.cell(label)
				.locator('.symbol-label')
				.evaluate((element) => {
					const cell = element.closest('button')!.getBoundingClientRect();
					// Its first letter, in the label's first text: a hyphenated label holds each word in a box of its own.
					const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
						acceptNode: (node) => (node.textContent ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP)
					});
					const text = texts.nextNode()!;
					const range = document.createRange();
					range.setStart(text, 0);
					range.setEnd(text, 1);
					const first = range.getBoundingClientRect();
					const picture = element.closest('button')!.querySelector('img')!.getBoundingClientRect();
					return {
						start: first.left >= cell.left && first.right <= cell.right && first.top >= cell.top && first.bottom <= cell.bottom,
						// The picture keeps its share of the cell: a label of three lines once left it 0 px high.
						picture: picture.height >= cell.height * 0.3
					};
				});
			expect(inside, `${label} at ${width} × ${height}`).toEqual({ start: true, picture: true });
		}
	}
	await expectNoAxeViolations(page, 'a 12-column board with long words, upright');
});
