// A meeting with 1,000 answers opened from the citizen page.
import { touchTap } from '../../tests/e2e/pages.ts';
import {
	frameTime,
	log,
	newTabletPage,
	required,
	type Run,
	sleep,
	UI,
	unlock,
	upgradePassDone,
	startTrace,
	stopTrace
} from '../browser.ts';
import { CONFIG } from '../cli.ts';
import { TRACE_CATEGORIES } from './boards.ts';

/**
 * 3b: on the citizen page, tap the meeting with 1,000 answers (a client-side navigation, as a user opens it) →
 * the first frame in which the list shows the newest answers and says how many there are ("… af 1000 svar", counted
 * from the index). Timed in the page from the tap's pointerup timestamp: a link acts on the click that the lift makes,
 * and the finger's contact before it (pointerdown → pointerup) is, in this harness, two DevTools round trips from Node
 * (touchStart, then touchEnd), 30–110 ms on a busy machine and no part of the app; it is reported beside the row.
 */
export async function openBigMeeting(run: Run) {
	const { bigCitizen, bigMeeting, bigAnswers } = run.fixture.ids;
	const { page } = await newTabletPage(run.context);
	try {
		// Every record opened is one AES-GCM decryption (a citizen key unwrapped is one more).
		await page.addInitScript(() => {
			window.__decrypts = 0;
			const decrypt = SubtleCrypto.prototype.decrypt;
			SubtleCrypto.prototype.decrypt = function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['decrypt']>) {
				window.__decrypts++;
				return decrypt.apply(this, args);
			};
		});
		await page.goto(`${run.origin}/borger?id=${bigCitizen}`, { waitUntil: 'load' });
		// The answer list is in the adviser's panel, which stays open in a tab once opened (sessionStorage, /moede): left
		// open before this page shows its meetings, as when the adviser had it open in an earlier meeting.
		await page.evaluate(() => sessionStorage.setItem('billedtale.staffPanel', 'open'));
		await unlock(page);
		await upgradePassDone(page);
		const link = page.locator(`main a[href*="${bigMeeting}"]`);
		await link.waitFor();
		await sleep(500);
		await page.evaluate(
			({ regionName, count, shownOf }) => {
				// The list is the <ol> in the region named "Svar i mødet" (as tests/e2e/pages.ts finds it).
				const countAnswers = () => {
					for (const section of document.querySelectorAll('section')) {
						const id = section.getAttribute('aria-labelledby');
						const heading = id && document.getElementById(id);
						if (!heading || heading.textContent.trim() !== regionName) continue;
						const counted = [...section.querySelectorAll('p')].some((p) => p.textContent.trim() === shownOf);
						return counted ? section.querySelectorAll(':scope ol > li').length : 0;
					}
					return 0;
				};
				const state: Window['__open'] = (window.__open = { t0: undefined, t1: undefined, n: 0, decrypts: 0, down: undefined });
				addEventListener('pointerdown', (e) => (state.down ??= e.timeStamp), { capture: true, passive: true });
				addEventListener(
					'pointerup',
					(e) => {
						if (state.t0 !== undefined) return;
						state.t0 = e.timeStamp;
						const before = window.__decrypts;
						const tick = () => {
							state.n = countAnswers();
							if (state.n >= count) {
								state.t1 = performance.now();
								state.decrypts = window.__decrypts - before;
							} else requestAnimationFrame(tick);
						};
						requestAnimationFrame(tick);
					},
					{ capture: true, passive: true }
				);
			},
			{
				regionName: UI.answersRegion,
				count: Math.min(bigAnswers, UI.recentAnswers),
				shownOf: UI.shownOf(Math.min(bigAnswers, UI.recentAnswers), bigAnswers)
			}
		);
		// A profile, not a guess (issue 17): the timeline and JavaScript samples from the tap to the list shown.
		if (CONFIG.trace) await startTrace(page, `${CONFIG.trace}-open1000.json`, TRACE_CATEGORIES);
		await touchTap(link);
		await page.waitForFunction(() => window.__open.t1 !== undefined, null, { polling: 100, timeout: 30_000 });
		if (CONFIG.trace) await stopTrace(page);
		const open = await page.evaluate(() => window.__open);
		if (process.env.BENCH_DEBUG) {
			await sleep(3000);
			const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
			log('open1000', JSON.stringify({ t0: open.t0, t1: open.t1, marks }));
		}
		run.sample('open1000', frameTime(open));
		run.sample('open1000.decrypts', open.decrypts);
		run.sample('open1000.contact', required(open.t0, 'the pointerup') - required(open.down, 'the pointerdown'));
		run.note(
			'open1000',
			'lift of a tap (pointerup) on the meeting link on /borger (client-side navigation, the adviser panel left open in the tab) → first frame showing the 30 newest answers and "Viser de 30 nyeste af 1000 svar."; warm HTTP cache; the meeting is read from the press on (read-ahead.ts), the down → up row is that head start'
		);
	} finally {
		await page.close();
	}
}
