// The case-file plan as a PDF (issue 12).
import { execFileSync } from 'node:child_process';
import { PlanPage } from '../../tests/e2e/pages.ts';
import { newTabletPage, type Run, sleep, startTrace, stopTrace, unlock } from '../browser.ts';
import { CONFIG } from '../cli.ts';
import { TRACE_CATEGORIES } from './boards.ts';

/**
 * Issue 12: /moede/plan of a meeting with 200 answers, the case-file version, "Gem som PDF", the warning answered:
 * click on "Lav PDF" → the download (the PDF code loads on demand, so its first load is included). Beside it (issue 17)
 * the page's blocking time from the click to the download: what of each long task passes 50 ms, as in the first loads.
 */
export async function measurePlanPdf(run: Run) {
	const { page } = await newTabletPage(run.context, { probe: true });
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
		const pageT0 = await page.evaluate(() => performance.now());
		await dialog.getByRole('button', { name: 'Lav PDF' }).click();
		const download = await downloaded;
		const ms = performance.now() - t0;
		const blocking = await page.evaluate(
			(from) => window.__bench.longTasks.filter((t) => t.start >= from).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
			pageT0
		);
		if (tracing) await stopTrace(page);
		const file = await download.path();
		const pages = /Pages:\s+(\d+)/.exec(pdfInfo(file))?.[1] ?? '?';
		run.note(
			'plan.pdf',
			`click on "Lav PDF" (case-file version, ${run.fixture.ids.planAnswers} answers) → download event; ${pages} pages; ` +
				// Measured: a loop that takes the page 31 ms takes 101 ms at 4×, and 32 ms in a worker either way.
				"written in the PDF worker, whose thread the 4× CPU slowdown does not reach (CDP slows the page's thread only)"
		);
		run.note(
			'plan.pdf.blocking',
			'long tasks on the page from just before the click on "Lav PDF" to the download: each one\'s time past 50 ms, summed'
		);
		return { 'plan.pdf': ms, 'plan.pdf.blocking': blocking };
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
