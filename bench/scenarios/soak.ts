// The memory soak: a scripted meeting of tapping and page toggling.
import { MeetingPage } from '../../tests/e2e/pages.ts';
import { expect, lockState } from '../../tests/e2e/tablet.ts';
import { errorText, log, newTabletPage, openTablet, sleep, TAP_SEQUENCE, UI, unlock } from '../browser.ts';
import { type Fixture, seedDatabase } from '../fixture.ts';
import { errors, metric } from '../rows.ts';
import type { StaticServer } from '../server.ts';

export async function soak(server: StaticServer, fixture: Fixture, minutes: number) {
	const ids = ['heap.start', 'heap.q1', 'heap.end', 'heap.growth', 'heap.reload'];
	if (minutes <= 0) {
		for (const id of ids) metric(id).notes.push('skipped (--soak-minutes 0)');
		return;
	}
	const context = await openTablet();
	try {
		const { page, cdp } = await newTabletPage(context);
		await page.goto(`${server.origin}/`, { waitUntil: 'load' });
		await lockState(page);
		await seedDatabase(page, fixture);
		await unlock(page);
		const { soakMeeting, soakCitizen } = fixture.ids;
		await page.goto(`${server.origin}/moede?id=${soakMeeting}&trin=emner`, { waitUntil: 'load' });
		await unlock(page);
		await cdp.send('Performance.enable');
		const heap = async () => {
			await cdp.send('HeapProfiler.collectGarbage');
			await cdp.send('HeapProfiler.collectGarbage');
			const { metrics: list } = await cdp.send('Performance.getMetrics');
			const used = list.find((m) => m.name === 'JSHeapUsedSize');
			if (!used) throw new Error('no JSHeapUsedSize in Performance.getMetrics');
			return used.value;
		};
		const meeting = new MeetingPage(page);
		const board = meeting.board;
		const boardReady = () => board.getByRole('button', { name: UI.firstAnswerLabel, exact: true }).and(page.locator(':enabled')).waitFor();
		const meetingLink = page.locator(`main a[href*="${soakMeeting}"]`);
		const citizenLink = page.locator(`main a[href*="borger?id=${soakCitizen}"]`);
		const navLink = (href: string) => page.locator(`header a[href="${href}"]`).first();
		await boardReady();
		// A meeting link opens the meeting's first step; the answer board is on "Det taler vi om".
		const openTopics = async () => {
			await meeting.agenda.getByRole('link', { name: 'Det taler vi om' }).tap();
			await boardReady();
		};
		let taps = 0;
		let cycles = 0;
		const tapSome = async (count: number) => {
			for (let i = 0; i < count; i++) {
				const label = TAP_SEQUENCE[taps % TAP_SEQUENCE.length];
				await board.getByRole('button', { name: label, exact: true }).tap();
				await expect(meeting.saveStatus).toContainText(`${UI.savedPrefix}: ${label}`);
				taps += 1;
				await sleep(500);
			}
		};
		const cycle = async () => {
			await tapSome(6);
			await citizenLink.first().tap(); // "Tilbage til <navn>" on the meeting page
			await meetingLink.first().waitFor();
			await sleep(300);
			await meetingLink.first().tap();
			await openTopics();
			if (cycles % 3 === 2) {
				await navLink('/indstillinger').tap();
				await page.getByRole('heading', { level: 1 }).waitFor();
				await sleep(300);
				await navLink('/om').tap();
				await page.getByRole('heading', { level: 1 }).waitFor();
				await sleep(300);
				await navLink('/').tap();
				await citizenLink.first().waitFor();
				await citizenLink.first().tap();
				await meetingLink.first().waitFor();
				await meetingLink.first().tap();
				await openTopics();
			}
			cycles += 1;
		};
		// One cycle before the baseline, so first-use caches (route chunks, symbol images) are not counted as growth.
		await cycle();
		const total = minutes * 60_000;
		const samples = [];
		const startHeap = await heap();
		samples.push({ atMs: 0, heap: startHeap, taps });
		let q1;
		const begin = performance.now();
		let nextSample = total / 10;
		while (performance.now() - begin < total) {
			await cycle();
			const elapsed = performance.now() - begin;
			if (q1 === undefined && elapsed >= total / 4) {
				q1 = { atMs: elapsed, heap: await heap(), taps };
				samples.push(q1);
			} else if (elapsed >= nextSample && elapsed < total) {
				samples.push({ atMs: elapsed, heap: await heap(), taps });
			}
			while (nextSample <= elapsed) nextSample += total / 10;
		}
		const end = { atMs: performance.now() - begin, heap: await heap(), taps };
		samples.push(end);
		q1 ??= end;
		// Diagnostic: the same meeting, same answers, in a freshly loaded page. If "end" is well above this, the growth
		// is memory the app keeps across the session (a leak); if close, it is the meeting's data itself.
		await page.reload({ waitUntil: 'load' });
		await unlock(page);
		await boardReady();
		await meeting.saveStatus.waitFor({ state: 'attached' });
		await sleep(1000);
		const reloaded = await heap();
		const MB = 1024 * 1024;
		const sample = (id: string, v: number) => {
			metric(id).samples.push(v);
			metric(id).runsSeen.add(0);
		};
		sample('heap.start', startHeap / MB);
		sample('heap.q1', q1.heap / MB);
		sample('heap.end', end.heap / MB);
		sample('heap.growth', ((end.heap - q1.heap) / q1.heap) * 100);
		sample('heap.reload', reloaded / MB);
		metric('heap.reload').notes.push(
			'diagnostic: the soak meeting reloaded after the soak; compare with "at end" (difference = memory kept across the session)'
		);
		const desc = `${minutes} min scripted meeting (${cycles} cycles, ${taps} taps, page toggles); one soak, JSHeapUsedSize after forced GC; MB = 2^20 bytes`;
		for (const id of ids.slice(0, 4)) metric(id).notes.push(desc);
		metric('heap.growth').notes.push(`answers in the soak meeting: ${q1.taps} at 25%, ${end.taps} at end; growth = (end − 25%) / 25%`);
		metric('heap.growth').trace = samples.map((s) => ({
			atSeconds: Math.round(s.atMs / 100) / 10,
			heapMB: Math.round((s.heap / MB) * 100) / 100,
			taps: s.taps
		}));
	} catch (error) {
		const message = `soak: ${errorText(error)}`;
		log('ERROR', message);
		errors.push(message);
		for (const id of ids) metric(id).errors.push(message);
	} finally {
		await context.close();
	}
}
