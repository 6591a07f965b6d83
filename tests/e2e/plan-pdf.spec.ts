import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { figureAltTexts } from '../pdf-structure.ts';
import { expect, expectNoAxeViolations, readDatabase, test } from './fixtures';
import { HomePage, PlanPage, SheetPage, unlockWithPin } from './pages';

/*
 * A meeting with answers, a goal and two agreements becomes Min plan and the case-file version on the
 * tablet and as PDFs; the PDFs are read back with poppler.
 */

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const words = (file: string) => poppler('pdftotext', file, '-').replace(/\s+/g, ' ');

async function saved(download: Download, testInfo: { outputPath(name: string): string }): Promise<string> {
	const file = testInfo.outputPath(download.suggestedFilename());
	await download.saveAs(file);
	return file;
}

/** Red and blue, 2 × 2 pixels: stored as PNG, as every picture of 256 colours or fewer is (picture-format.ts). */
const TWO_BY_TWO_GIF = Buffer.from('R0lGODlhAgACAPAAAP8AAAAA/yH5BAAAAAAALAAAAAACAAIAAAIChFEAOw==', 'base64');

async function meetingWithAnswers(page: Page) {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Signe Hansen');
	const meeting = await citizen.startMeeting({ date: '2026-12-02', place: 'Bostedet Lyngen', phase: 'Opfølgning' });
	await meeting.addParticipant('Mor Anne', 'Pårørende');
	await meeting.addParticipant('Jonas', 'Rådgiver');
	// A name in letters the PDF's own typeface lacks (Cyrillic): the PDF sets it in Noto Sans, fetched for it.
	await meeting.addParticipant('Олена Шевченко', 'Pårørende');
	return meeting;
}

test('a meeting becomes Min plan and the case-file version, on the tablet and as tagged PDFs', async ({ page }, testInfo) => {
	test.setTimeout(120_000);
	const meeting = await meetingWithAnswers(page);
	// Signe puts her mother, with a photo, on her network map and wants her at her meetings: the photo is in the letter.
	await page.getByRole('link', { name: 'Samtaleark' }).click();
	const sheet = new SheetPage(page);
	await sheet.open('Mine mennesker');
	await sheet.showAs('Liste');
	// A picture of few colours (a drawing, a GIF) is stored as PNG, which PDFKit inflates itself: once in a worker the page's
	// policy refused, so the PDF was never made.
	await sheet.addPerson('Mor Anne', 'Familie', { name: 'anne.gif', mimeType: 'image/gif', buffer: TWO_BY_TWO_GIF });
	await sheet.person('Mor Anne').getByRole('button', { name: 'Tæt på' }).click();
	await expect(sheet.person('Mor Anne').getByRole('button', { name: 'Tæt på' })).toHaveAttribute('aria-pressed', 'true');
	await sheet.person('Mor Anne').getByRole('checkbox', { name: 'Med til mine møder' }).check();
	await expect(sheet.person('Mor Anne').getByRole('checkbox', { name: 'Med til mine møder' })).toBeChecked();
	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	// In the preparation, the people she knows are there by photo; her mother is chosen, and a tap takes her off and on.
	await meeting.openStep('Forberedelse');
	const known = page.getByRole('group', { name: 'Hvem af dem, du kender, vil du have med?' });
	const mother = known.getByRole('button', { name: 'Mor Anne' });
	await expect(mother).toHaveAttribute('aria-pressed', 'true');
	await mother.click();
	await expect(mother).toHaveAttribute('aria-pressed', 'false');
	// A second tap on the same picture within the citizen's repeat time (400 ms) is taken for a tremor's and filtered.
	await page.waitForTimeout(450);
	await mother.click();
	await expect(mother).toHaveAttribute('aria-pressed', 'true');
	await expectNoAxeViolations(page, 'the preparation with the people she knows');
	await expect(page.getByRole('link', { name: 'Se invitationen til mødet' })).toBeVisible();
	await meeting.openStep('Det taler vi om');
	await meeting.tap('Ja');
	await meeting.answeringAs('Observeret', 'Mor Anne (Pårørende)');
	await meeting.tap('Nej');
	await meeting.answeringAs('Formidlet af', 'Mor Anne (Pårørende)');
	await meeting.tap('Ved ikke');
	// In "Har vi forstået dig?" Signe confirms her "Ja" and then takes it back; her mother's observed "Nej" is taken back
	// by her mother on Signe's behalf ("Formidlet af") and given back. The case file tells both as they happened, and who
	// took each back, not "Fortrudt" alone.
	await meeting.answeringAs('Borgeren selv');
	await meeting.openStep('Har vi forstået dig?');
	const yes = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Rigtigt: svaret Ja', exact: true }) });
	await yes.getByRole('button', { name: 'Rigtigt: svaret Ja', exact: true }).click();
	await expect(yes).toContainText('Rigtigt: Signe Hansen selv');
	await page.getByRole('button', { name: 'Fortryd svaret Ja', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Gendan svaret Ja', exact: true })).toBeVisible();
	await meeting.answeringAs('Formidlet af', 'Mor Anne (Pårørende)');
	await page.getByRole('button', { name: 'Fortryd svaret Nej', exact: true }).click();
	await page.getByRole('button', { name: 'Gendan svaret Nej', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Fortryd svaret Nej', exact: true })).toBeVisible();
	// Stored with who took it back and gave it back, as "Svar gemmes som" said.
	const db = await readDatabase(page);
	const motherId = (db.meetings[0]!.payload.participants as { id: string; name: string }[]).find((p) => p.name === 'Mor Anne')!.id;
	const byMother = { kind: 'provenance', provenance: { mode: 'formidlet', participantId: motherId } };
	const stored = (value: string) => db.answers.find((answer) => answer.payload.content.value === value)!.payload.history;
	expect(stored('nej').map((revision: { changedBy?: unknown }) => revision.changedBy)).toEqual([byMother, byMother]);
	expect(stored('ja').map((revision: { changedBy?: unknown }) => revision.changedBy)).toEqual([
		{ kind: 'provenance', provenance: { mode: 'selv' } }
	]);
	// The adviser's list on the meeting page tells it too.
	const nej = meeting.answers.filter({ hasText: 'Nej' });
	await nej.getByText('Historik').click();
	await expect(nej.getByText(/Fortrudt kl\. .*\. Fortrudt af: Formidlet af \(Mor Anne, Pårørende\)/)).toBeVisible();
	await expectNoAxeViolations(page, 'the answer list with who withdrew and restored an answer');
	await meeting.answeringAs('Borgeren selv');
	await meeting.openStep('Det taler vi om');

	const plan = new PlanPage(page);
	await plan.openFrom(meeting);
	await plan.addGoal('Jeg vil selv handle ind om fredagen.');
	await plan.addAgreement('Øve indkøb i Netto hver fredag', 'Mor Anne · Pårørende', 'hver fredag');
	await plan.addAgreement('Finde en bus til butikken', 'Jonas · Rådgiver', 'før jul');
	// The next meeting is agreed with its day and its time.
	await plan.saveDetails({ date: '2027-02-01', time: '10:00' }, 'Du fortalte, at du gerne vil handle selv.');

	// Min plan on the tablet: easy-read rows, the people and what they will do, no answer table.
	await expect(plan.document.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();
	await expect(plan.document.getByText('Skal: Øve indkøb i Netto hver fredag')).toBeVisible();
	await expect(plan.document.getByText('Vi ses igen 1. februar 2027 kl. 10.00.')).toBeVisible();
	await expect(plan.document.getByRole('img', { name: 'Foto: Mor Anne' })).toBeVisible();
	await expect(plan.document.getByRole('table')).toHaveCount(0);
	await expect(page).toHaveTitle('Plan – Billedtale');
	await expectNoAxeViolations(page, 'the plan page (Min plan)');
	// "Vis" offers the app's radios of one size (a global input rule made one 56 px wide and the other 13 px).
	const radios = page.getByRole('group', { name: 'Vis' }).getByRole('radio');
	const [first, second] = await radios.evaluateAll((inputs) => inputs.map((input) => [input.clientWidth, input.clientHeight]));
	expect(second).toEqual(first);
	expect(Math.min(...first!)).toBeGreaterThanOrEqual(44);

	// The writer and its fonts load while the question before the file is read, not after "Lav PDF" is pressed.
	const fonts: string[] = [];
	page.on('request', (request) => {
		if (/AtkinsonHyperlegible_[\w.]+\.ttf/.test(request.url())) fonts.push(request.url());
	});
	await page.getByRole('button', { name: 'Gem som PDF' }).click();
	await expect.poll(() => fonts.length, { message: 'the two fonts, fetched before "Lav PDF"' }).toBe(2);
	await plan.confirmDialog.getByRole('button', { name: 'Annuller' }).click();
	const mine = await saved(await plan.savePdf('Gem som PDF'), testInfo);
	// Fetched once for every PDF of the visit.
	expect(fonts).toHaveLength(2);
	// Written off the page's thread, so the tablet keeps answering taps while a long case file is laid out: by the PDF
	// worker, and no script of the page's own holds PDFKit (whose code names the PDF's StructTreeRoot; the worker's does).
	const writer = page.workers().find((worker) => /\/pdf\.worker[\w-]*\.js$/.test(worker.url()));
	expect(writer, 'the PDF worker').toBeDefined();
	const scripts = await page.evaluate(async (workerUrl) => {
		const urls = performance
			.getEntriesByType('resource')
			.map((entry) => entry.name)
			.filter((url) => url.endsWith('.js') && url !== workerUrl);
		const withPdfKit = async (url: string) => ((await (await fetch(url)).text()).includes('StructTreeRoot') ? [url] : []);
		return { count: urls.length, withPdfKit: (await Promise.all(urls.map(withPdfKit))).flat(), worker: await withPdfKit(workerUrl) };
	}, writer!.url());
	expect(scripts.count).toBeGreaterThan(10);
	expect(scripts.withPdfKit).toEqual([]);
	expect(scripts.worker).toHaveLength(1);
	expect(mine).toMatch(/plan-2026-12-02-[a-z0-9]{8}\.pdf$/);
	await expect(page.getByRole('status').filter({ hasText: 'PDF-filen' })).toContainText('er lavet');
	const mineInfo = poppler('pdfinfo', mine);
	expect(mineInfo).toMatch(/Tagged:\s+yes/);
	expect(mineInfo).toMatch(/Title:\s+Min plan – møde 2\. december 2026/);
	expect(mineInfo).toMatch(/Pages:\s+[12]\n/);
	expect(mineInfo).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
	const mineText = words(mine);
	for (const text of [
		'Min plan',
		'Jeg vil selv handle ind om fredagen.',
		'Øve indkøb i Netto hver fredag',
		'Hvem: Mor Anne',
		'Hvornår: før jul',
		'Vi ses igen 1. februar 2027 kl. 10.00.'
	]) {
		expect(mineText).toContain(text);
	}
	expect(mineText).not.toContain('Hansen');
	const mineStruct = poppler('pdfinfo', '-struct-text', mine);
	expect(mineStruct).toMatch(/^Document\n\s+H1 \(block\)\n\s+"Min plan"/m);
	expect(mineStruct).toMatch(/H2 \(block\)\n\s+"Mine mål"/);
	expect(mineStruct).toMatch(/Div\n\s+Figure:/);
	// Her mother shows with the photo Signe chose; the adviser with his role's symbol.
	expect(figureAltTexts(readFileSync(mine))).toEqual(
		expect.arrayContaining(['Billede: mål', 'Billede: aftale', 'Foto: Mor Anne', 'Billede: rådgiver'])
	);
	expect(poppler('pdfinfo', '-meta', mine)).toContain('<pdfaid:conformance>A</pdfaid:conformance>');

	// The case-file version: every answer with its provenance in words, tables, page numbers.
	await plan.show('Sagsversion');
	await expect(plan.document.getByRole('heading', { level: 1, name: 'Plan – sagsversion' })).toBeVisible();
	await expect(plan.document.getByRole('cell', { name: 'Observeret (Mor Anne, Pårørende)', exact: true })).toBeVisible();
	// What was confirmed and then taken back: what it was, who gave and confirmed it, when it was withdrawn (a time, and
	// the day before it when that is not the meeting's).
	// Who took it back, and who gave it back: her mother, on her behalf.
	const confirmedThenWithdrawn =
		/Fortrudt kl\. [^:]+: Ja, Borgeren selv\. Det svar var bekræftet af: Borgeren selv\. Fortrudt af: Borgeren selv/;
	const withdrawnThenRestored =
		/Fortrudt kl\. [^:]+: Nej, Observeret \(Mor Anne, Pårørende\)\. Fortrudt af: Formidlet af \(Mor Anne, Pårørende\)\. Gendannet kl\. [^:]+: Nej, Observeret \(Mor Anne, Pårørende\)\. Gendannet af: Formidlet af \(Mor Anne, Pårørende\)/;
	await expect(plan.document.getByRole('cell', { name: confirmedThenWithdrawn })).toBeVisible();
	await expect(plan.document.getByRole('cell', { name: withdrawnThenRestored })).toBeVisible();
	await expectNoAxeViolations(page, 'the plan page (Sagsversion)');
	await page.getByRole('button', { name: 'Gem som PDF' }).click();
	await expect(plan.confirmDialog).toContainText('alle svar fra mødet');
	// Firefox opens a saved PDF in a tab of its own, in front of the app and outside its lock, whatever type the file is
	// given: the adviser is told to close it.
	await expect(plan.confirmDialog).toContainText('luk den, når du er færdig. Billedtales skærmlås dækker ikke filen.');
	await expectNoAxeViolations(page, 'the PDF warning');
	await plan.confirmDialog.getByRole('button', { name: 'Annuller' }).click();
	await expect(page.getByRole('button', { name: 'Gem som PDF' })).toBeFocused();

	const caseFile = await saved(await plan.savePdf('Gem som PDF'), testInfo);
	expect(caseFile).toMatch(/plan-sag-2026-12-02-[a-z0-9]{8}\.pdf$/);
	const caseInfo = poppler('pdfinfo', caseFile);
	expect(caseInfo).toMatch(/Tagged:\s+yes/);
	expect(caseInfo).toMatch(/Title:\s+Plan, sagsversion – møde 2\. december 2026/);
	const pages = Number(/Pages:\s+(\d+)/.exec(caseInfo)?.[1]);
	const caseText = words(caseFile);
	for (const text of [
		'Borger: Signe Hansen',
		'Borgeren selv',
		'Observeret (Mor Anne, Pårørende)',
		'Formidlet af (Mor Anne, Pårørende)',
		'Ved ikke',
		'Jonas (Rådgiver)',
		'Олена Шевченко Pårørende',
		'Du fortalte, at du gerne vil handle selv.',
		'Næste møde: 1. februar 2027 kl. 10.00',
		`Side ${pages} af ${pages}`
	]) {
		expect(caseText).toContain(text);
	}
	expect(caseText).toMatch(confirmedThenWithdrawn);
	expect(caseText).toMatch(withdrawnThenRestored);
	const caseStruct = poppler('pdfinfo', '-struct-text', caseFile);
	expect(caseStruct).toMatch(/H1 \(block\)\n\s+"Plan – sagsversion"/);
	for (const tag of ['Table', 'TR', 'TH', 'TD']) expect(caseStruct, tag).toMatch(new RegExp(`^\\s+${tag}\\b`, 'm'));
	expect(caseStruct).not.toContain('Side 1 af');
	expect(poppler('pdffonts', caseFile)).toMatch(/NotoSans-Regular[^\n]*yes\s+yes\s+yes/);

	// The invitation letter for the meeting, from the same engine.
	const invitation = await saved(await plan.savePdf('Invitation som PDF'), testInfo);
	expect(invitation).toMatch(/invitation-2026-12-02-[a-z0-9]{8}\.pdf$/);
	const invitationText = words(invitation);
	expect(invitationText).toContain('Du er inviteret til møde');
	expect(invitationText).toContain('Hvor: Bostedet Lyngen');
	expect(invitationText).toContain('Mor Anne – familie eller ven');
	expect(poppler('pdfinfo', invitation)).toMatch(/Tagged:\s+yes/);
	// The photo she chose is drawn beside her mother's name: an embedded image, tagged as a Figure with Danish alt text.
	expect(poppler('pdfinfo', '-struct-text', invitation)).toMatch(/Div\n\s+Figure:[\s\S]*?"Mor Anne – familie eller ven"/);
	expect(figureAltTexts(readFileSync(invitation))).toContain('Foto: Mor Anne');
	// Drawn with its transparency: the picture and its soft mask.
	expect(poppler('pdfimages', '-list', invitation)).toMatch(/\bimage\b[\s\S]*\bsmask\b/);

	// On a tablet showing English, the case file tells the same in English.
	await page.getByRole('link', { name: 'Indstillinger' }).click();
	await page.getByRole('radio', { name: 'English' }).check();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	await page.goBack();
	await page.getByRole('group', { name: 'Show' }).getByRole('radio', { name: 'Case-file version' }).check();
	await expect(page.getByRole('heading', { level: 1, name: 'Plan – case-file version' })).toBeVisible();
	await page.getByRole('button', { name: 'Save as PDF' }).click();
	const englishDownload = page.waitForEvent('download');
	await page.getByRole('dialog', { name: 'The PDF file is not encrypted' }).getByRole('button', { name: 'Make the PDF' }).click();
	const englishText = words(await saved(await englishDownload, testInfo));
	expect(englishText).toContain('Plan – case-file version');
	expect(englishText).toMatch(
		/Withdrawn at [\w ]*[\d:]+: Yes, The citizen\. That answer was confirmed by: The citizen\. Withdrawn by: The citizen/
	);
	expect(englishText).toMatch(
		/Withdrawn at [\w ]*[\d:]+: No, Observed \(Mor Anne, Relative\)\. Withdrawn by: Relayed by \(Mor Anne, Relative\)\. Restored at [\w ]*[\d:]+: No, Observed \(Mor Anne, Relative\)\. Restored by: Relayed by \(Mor Anne, Relative\)/
	);
});

test('a PDF whose writer cannot start is said in Danish, and the next try makes it', async ({ page }, testInfo) => {
	const meeting = await meetingWithAnswers(page);
	const plan = new PlanPage(page);
	await plan.openFrom(meeting);
	// The PDF worker's code does not arrive, as on a tablet offline before the service worker kept it.
	const workerCode = /\/pdf\.worker[\w-]*\.js$/;
	let refused = 0;
	await page.route(workerCode, (route) => {
		refused++;
		return route.abort('internetdisconnected');
	});
	await page.getByRole('button', { name: 'Gem som PDF' }).click();
	await plan.confirmDialog.getByRole('button', { name: 'Lav PDF' }).click();
	await expect(page.getByRole('alert')).toContainText('PDF-filen kunne ikke laves. Prøv igen om lidt.');
	expect(refused).toBeGreaterThan(0);
	await expect(page.getByRole('status').filter({ hasText: 'PDF-filen' })).toHaveCount(0);
	await expectNoAxeViolations(page, 'the plan page after a PDF that could not be made');

	await page.unroute(workerCode);
	const file = await saved(await plan.savePdf('Gem som PDF'), testInfo);
	expect(words(file)).toContain('Min plan');
	await expect(page.getByRole('status').filter({ hasText: 'PDF-filen' })).toContainText('er lavet');
});

test('a PDF still being made when the tablet locks is not handed out; after the PIN the app says so', async ({ page }, testInfo) => {
	const meeting = await meetingWithAnswers(page);
	const plan = new PlanPage(page);
	await plan.openFrom(meeting);
	// The writer's typeface is held back until the tablet has locked, so the file is still being made then.
	const font = /AtkinsonHyperlegible_[\w.]+\.ttf/;
	let locked!: () => void;
	const lockedNow = new Promise<void>((resolve) => (locked = resolve));
	let held = 0;
	await page.route(font, async (route) => {
		held++;
		await lockedNow;
		await route.continue();
	});
	const downloads: string[] = [];
	page.on('download', (download) => downloads.push(download.suggestedFilename()));
	await page.getByRole('button', { name: 'Gem som PDF' }).click();
	await plan.confirmDialog.getByRole('button', { name: 'Lav PDF' }).click();
	await expect.poll(() => held, { message: 'the writer asked for its typeface' }).toBeGreaterThan(0);
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	locked();
	// The writer gets its typeface and finishes; nothing is handed out while the lock screen is up.
	await expect(page.getByRole('alert')).toContainText('PDF-filen blev ikke gemt, fordi tabletten blev låst. Lav den igen.');
	expect(downloads).toEqual([]);
	await expectNoAxeViolations(page, 'the lock screen telling that a PDF was not saved');
	await unlockWithPin(page);
	await expect(page.getByRole('alert')).toContainText('PDF-filen blev ikke gemt, fordi tabletten blev låst. Lav den igen.');
	expect(downloads).toEqual([]);

	await page.unroute(font);
	const file = await saved(await plan.savePdf('Gem som PDF'), testInfo);
	expect(words(file)).toContain('Min plan');
});

test('emoji the PDF cannot show are named before the file is made, and the file shows ? for them', async ({ page }, testInfo) => {
	const meeting = await meetingWithAnswers(page);
	const plan = new PlanPage(page);
	await plan.openFrom(meeting);
	// A Cyrillic name is drawn in the fallback face: nothing to tell.
	await page.getByRole('button', { name: 'Gem som PDF' }).click();
	await expect(plan.confirmDialog).toContainText('Filen viser borgerens mål');
	await expect(plan.confirmDialog).not.toContainText('Nogle tegn');
	await plan.confirmDialog.getByRole('button', { name: 'Annuller' }).click();

	await plan.addGoal('Jeg vil gå tur med Bella 🐕 hver dag 😊');
	await page.getByRole('button', { name: 'Gem som PDF' }).click();
	await expect(plan.confirmDialog).toContainText('Nogle tegn kan ikke komme med i PDF-filen');
	await expect(plan.confirmDialog.getByRole('listitem')).toHaveText(['Jeg vil gå tur med Bella 🐕 hver dag 😊']);
	await expectNoAxeViolations(page, 'the PDF warning naming texts the PDF cannot show');
	const download = page.waitForEvent('download');
	await plan.confirmDialog.getByRole('button', { name: 'Lav PDF' }).click();
	const file = await saved(await download, testInfo);
	expect(words(file)).toContain('Jeg vil gå tur med Bella ? hver dag ?');
});
