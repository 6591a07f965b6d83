// The case-file plan as a PDF (issue 12).
import { execFileSync } from 'node:child_process';
import { PlanPage } from '../../tests/e2e/pages.ts';
import { newTabletPage, type Run, sleep, startTrace, stopTrace, unlock } from '../browser.ts';
import { CONFIG } from '../cli.ts';
import { TRACE_CATEGORIES } from './boards.ts';

/**
 * Issue 12: /moede/plan of a meeting with 200 answers, the case-file version, "Gem som PDF", the warning answered:
 * click on "Lav PDF" → the download (the PDF code loads on demand, so its first load is included).
 */
export async function measurePlanPdf(run: Run) {
	const { page } = await newTabletPage(run.context);
	try {
		await page.goto(`${run.origin}/moede/plan?id=${run.fixture.ids.planMeeting}`, { waitUntil: 'load' });
		await unlock(page);
		const plan = new PlanPage(page);
		await plan.document.getByRole('heading', { level: 1 }).waitFor();
		await plan.show('Sagsversion');
		await sleep(500);
		await page.getByRole('button', { name: 'Gem som PDF' }).click();
		const dialog = plan.confirmDialog;
		await dialog.waitFor();
		const downloaded = page.waitForEvent('download', { timeout: 60_000 });
		// A profile of the PDF's making (`--trace PREFIX`): the click → the download, for DevTools.
		const tracing = CONFIG.trace && !run.warmup;
		if (tracing) await startTrace(page, `${CONFIG.trace}-pdf.json`, TRACE_CATEGORIES);
		const t0 = performance.now();
		await dialog.getByRole('button', { name: 'Lav PDF' }).click();
		const download = await downloaded;
		const ms = performance.now() - t0;
		if (tracing) await stopTrace(page);
		const file = await download.path();
		const pages = /Pages:\s+(\d+)/.exec(pdfInfo(file))?.[1] ?? '?';
		run.note('plan.pdf', `click on "Lav PDF" (case-file version, ${run.fixture.ids.planAnswers} answers) → download event; ${pages} pages`);
		return ms;
	} finally {
		await page.close();
	}
}
function pdfInfo(file: string) {
	try {
		return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
	} catch {
		return '';
	}
}
