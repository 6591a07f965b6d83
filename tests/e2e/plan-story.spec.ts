import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { figureAltTexts } from '../pdf-structure.ts';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { HomePage, PlanPage, StoryPage } from './pages';

/*
 * The citizen's recovery story goes into both plan versions: on the tablet and in the PDF, a picture of
 * the story (a Figure with alt text) and its items area by area as text.
 */

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const words = (file: string) => poppler('pdftotext', file, '-').replace(/\s+/g, ' ');

test('the story is drawn into Min plan and the case file, as a picture with alt text and as text', async ({ page }, testInfo) => {
	test.setTimeout(120_000);
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Signe Hansen');
	const meeting = await citizen.startMeeting({ date: '2026-12-02', place: 'Bostedet Lyngen', phase: 'Opfølgning' });

	const plan = new PlanPage(page);
	await plan.openFrom(meeting);
	// No story yet: no section for it.
	await expect(plan.document.getByRole('heading', { name: 'Min historie' })).toHaveCount(0);

	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	const story = new StoryPage(page);
	await story.open();
	await story.view('Liste');
	await page.getByLabel('Kort tekst').fill('Bo i egen lejlighed');
	await page.getByLabel('Kort tekst').press('Enter');
	await story.putIn('Mine håb, ønsker og drømme').click();
	await expect(story.listArea('Mine håb, ønsker og drømme').getByText('Tekst: Bo i egen lejlighed', { exact: true })).toBeVisible();
	await story.search('musik');
	await story.symbolResult('musik').click();
	await story.putIn('Det gør mit liv bedre').click();
	await expect(story.listArea('Det gør mit liv bedre').getByText('Billede: musik', { exact: true })).toBeVisible();

	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	// The plan is reached from the meeting's topics step.
	await page.getByRole('link', { name: 'Det taler vi om' }).click();
	await plan.openFrom(meeting);
	await expect(plan.document.getByRole('heading', { level: 2, name: 'Min historie' })).toBeVisible();
	await expect(plan.storyPicture).toHaveAccessibleName(/Mine håb, ønsker og drømme: Bo i egen lejlighed\. Det gør mit liv bedre: musik\./);
	await expect(plan.document.getByRole('heading', { level: 3, name: 'Det gør mit liv bedre' })).toBeVisible();
	await expect(plan.document.getByRole('listitem').filter({ hasText: /^Bo i egen lejlighed$/ })).toBeVisible();
	await expectNoAxeViolations(page, 'the plan page with the story (Min plan)');

	const mine = testInfo.outputPath('mine.pdf');
	await (await plan.savePdf('Gem som PDF')).saveAs(mine);
	const mineText = words(mine);
	for (const text of ['Min historie', 'Mine håb, ønsker og drømme', 'Det gør mit liv bedre', 'Bo i egen lejlighed', 'musik']) {
		expect(mineText).toContain(text);
	}
	const mineAlts = figureAltTexts(readFileSync(mine));
	expect(mineAlts.find((alt) => alt.startsWith('Tegning af min historie.'))).toContain('Det gør mit liv bedre: musik.');
	expect(poppler('pdfinfo', '-struct-text', mine)).toMatch(/H3 \(block\)\n\s+"Det gør mit liv bedre"/);

	// The case file: who put each item there, how, and when.
	await plan.show('Sagsversion');
	const placed = plan.document.getByRole('listitem').filter({ hasText: 'Tekst: Bo i egen lejlighed – ' });
	await expect(placed).toContainText(/– Borgeren selv – sat på \d+\. \w+ \d{4}/);
	await expect(plan.storyPicture).toHaveAccessibleName(/^Tegning af borgerens historie\./);
	await expectNoAxeViolations(page, 'the plan page with the story (Sagsversion)');
	const caseFile = testInfo.outputPath('case.pdf');
	await (await plan.savePdf('Gem som PDF')).saveAs(caseFile);
	const caseText = words(caseFile);
	expect(caseText).toContain('Tekst: Bo i egen lejlighed – Borgeren selv – sat på');
	expect(caseText).toContain('Det gør mit liv bedre');
	expect(
		figureAltTexts(readFileSync(caseFile)).some((alt) =>
			alt.startsWith('Tegning af borgerens historie. Mine håb, ønsker og drømme: Bo i egen lejlighed.')
		)
	).toBe(true);
});
