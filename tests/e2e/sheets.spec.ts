import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, expectReflow, openApp, readDatabase, reopen, test } from './fixtures';
import { CardsPage, HomePage, MeetingPage, SheetPage } from './pages';

// The map is dragged with a finger: touch events, as on the tablet.
test.use({ hasTouch: true });

/** Whether a token on the network map lies over "Mig" in its middle (their boxes, each as drawn). */
async function overMe(map: Locator, token: Locator): Promise<boolean> {
	const me = (await map.locator('.centre').boundingBox())!;
	const box = (await token.boundingBox())!;
	return (
		Math.min(me.x + me.width, box.x + box.width) > Math.max(me.x, box.x) &&
		Math.min(me.y + me.height, box.y + box.height) > Math.max(me.y, box.y)
	);
}

/** The people on the network map whose token (as drawn, scaled) reaches past the inside of their own ring's border. */
async function outsideTheirRing(map: Locator): Promise<string[]> {
	return map.evaluate((element) => {
		const rings = [...element.querySelectorAll<HTMLElement>('.ring')].map((ring) => {
			const box = ring.getBoundingClientRect();
			const border = parseFloat(getComputedStyle(ring).borderTopWidth);
			const label = ring.querySelector('.ring-label')!.textContent!;
			return { label, x: box.x + box.width / 2, y: box.y + box.height / 2, radius: box.width / 2 - border };
		});
		return [...element.querySelectorAll<HTMLElement>('.token')]
			.map((token) => ({ name: token.getAttribute('aria-label')!, box: token.getBoundingClientRect() }))
			.filter(({ name, box }) => {
				// A token is named "name, ring, marks".
				const ring = rings.find((r) => name.includes(`, ${r.label}`))!;
				const corners = [
					[box.left, box.top],
					[box.right, box.top],
					[box.left, box.bottom],
					[box.right, box.bottom]
				];
				return corners.some(([x, y]) => Math.hypot(x! - ring.x, y! - ring.y) > ring.radius + 0.5);
			})
			.map(({ name }) => name);
	});
}

/** Drags with one finger (touch, not mouse) from the middle of an element to a point given as fractions of another's box. */
async function touchDrag(page: Page, from: Locator, onto: Locator, at: { x: number; y: number }): Promise<void> {
	const start = (await from.boundingBox())!;
	const box = (await onto.boundingBox())!;
	const cdp = await page.context().newCDPSession(page);
	const x0 = start.x + start.width / 2;
	const y0 = start.y + start.height / 2;
	const x1 = box.x + box.width * at.x;
	const y1 = box.y + box.height * at.y;
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
	for (let step = 1; step <= 8; step += 1) {
		const point = { x: x0 + ((x1 - x0) * step) / 8, y: y0 + ((y1 - y0) * step) / 8 };
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await cdp.detach();
}

test('sheets and question cards: a network map placed by finger and by keyboard, a face scale, a relayed CHIME card, all kept', async ({
	page
}) => {
	// One long journey through both tools on a shared 2-core machine.
	test.setTimeout(120_000);
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Sofie');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.addParticipant('Lise', 'Pårørende');
	const meetingUrl = page.url();

	// Trivsel: the face scale, answered by the citizen herself.
	await page.getByRole('link', { name: 'Samtaleark' }).click();
	const sheet = new SheetPage(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Sådan har jeg det' })).toBeVisible();
	await expect(sheet.provenance).toHaveText('Svar gemmes som: Borgeren selv');
	await expectNoAxeViolations(page, 'the trivsel sheet');
	await sheet.answerOnScale('Hvordan har du det lige nu?', 'Skidt');
	// Another face corrects the answer instead of adding one.
	await sheet.answerOnScale('Hvordan har du det lige nu?', 'Godt');
	await expect(sheet.question('Hvordan har du det lige nu?').getByRole('button', { name: 'Skidt', exact: true })).toHaveAttribute(
		'aria-pressed',
		'false'
	);
	await expectNoAxeViolations(page, 'the trivsel sheet with an answer');
	// What makes her glad: a message of two symbols, the first chosen from the question's own start without typing (a
	// switch scans it), the second found by the adviser's search.
	const glad = sheet.question('Hvad gør dig glad?');
	const start = glad.getByRole('list', { name: 'Billeder at vælge imellem' });
	await expect(start.getByRole('button')).toHaveCount(12);
	await expect(start.getByRole('button', { name: 'musik', exact: true })).toHaveAttribute('data-scan', '');
	await start.getByRole('button', { name: 'musik', exact: true }).click();
	await glad.getByLabel('Søg efter symbol').fill('hund');
	await glad.getByRole('button', { name: 'hund', exact: true }).click();
	await glad.getByRole('button', { name: 'Gem symbolerne' }).click();
	await expect(glad.getByRole('status')).toHaveText('✓ Gemt: musik hund');
	await expect(glad.getByLabel('Søg efter symbol')).toBeFocused();
	await expect(glad.getByRole('list', { name: 'Svar, der er gemt her' })).toContainText('musik hund');

	// Netværk: Mor is added with a role symbol and dragged onto the closest ring with a finger.
	await sheet.open('Mine mennesker');
	await sheet.addPerson('Mor', 'Familie');
	const waiting = sheet.token('Mor, ikke sat på kortet');
	await expect(waiting).toBeFocused();
	await expectNoAxeViolations(page, 'the network map with a person waiting');
	await touchDrag(page, waiting, sheet.map, { x: 0.5, y: 0.33 });
	await expect(sheet.token('Mor, Tæt på')).toBeVisible();
	await expect(sheet.token('Mor, Tæt på')).toBeFocused();
	await expect(page.getByRole('status').filter({ hasText: 'Mor er sat: Tæt på' })).toBeVisible();
	// On the closest ring she lies inside its band, not over "Mig" (she once did, placed at the ring's middle).
	await expect.poll(() => overMe(sheet.map, sheet.token('Mor, Tæt på'))).toBe(false);
	// Tapping her shows what can be done with her; the rings then say whom they would place.
	await sheet.token('Mor, Tæt på').click();
	await expect(sheet.map.getByRole('button', { name: 'Sæt Mor: Midt imellem' })).toBeEnabled();
	await expectNoAxeViolations(page, 'the network map with a person chosen');
	await sheet.token('Mor, Tæt på').click();

	// The list view is the keyboard path: Kim is added and placed with the keyboard alone.
	await sheet.showAs('Liste');
	await sheet.addPerson('Kim Kristensen');
	await expect(page.getByRole('heading', { name: 'Kim Kristensen', exact: true })).toBeFocused();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	const kimMiddle = sheet.person('Kim Kristensen').getByRole('button', { name: 'Midt imellem' });
	await expect(kimMiddle).toBeFocused();
	await page.keyboard.press('Enter');
	// A keyboard user who goes on at once to Mor, while Kim's place is saved and drawn, keeps the focus there: it is not
	// taken back to Kim's ring once the list is drawn again (it was, now and then, and Mor's move went to Kim).
	const morFar = sheet.person('Mor').getByRole('button', { name: 'Længere væk' });
	await morFar.focus();
	await expect(page.getByRole('status').filter({ hasText: 'Kim Kristensen er sat: Midt imellem' })).toBeVisible();
	await expect(kimMiddle).toHaveAttribute('aria-pressed', 'true');
	await expect(sheet.person('Kim Kristensen')).toContainText('Ring: Midt imellem');
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
	await expect(morFar).toBeFocused();

	// Mor moves further away (a correction), and is one the citizen wants at her meetings.
	await page.keyboard.press('Enter');
	await expect(morFar).toHaveAttribute('aria-pressed', 'true');
	// The move is saved and told before anything else is done with Mor: until then her controls may still be redrawn.
	await expect(page.getByRole('status').filter({ hasText: 'Mor er sat: Længere væk' })).toBeVisible();
	await expect(morFar).toBeFocused();
	// Her role and her ring read as one line (it once read "Familie ·Ring: Længere væk").
	await expect(sheet.person('Mor').getByText('Familie · ring: Længere væk', { exact: true })).toBeVisible();
	const atMeetings = sheet.person('Mor').getByRole('checkbox', { name: 'Med til mine møder' });
	await atMeetings.focus();
	await page.keyboard.press('Space');
	await expect(atMeetings).toBeChecked();
	await expect(atMeetings).toBeFocused();
	await expectNoAxeViolations(page, 'the network as a list');

	await sheet.showAs('Kort');
	await expect(sheet.token('Mor, Længere væk, Med til mine møder')).toBeVisible();
	// Tap the person, then the ring: Kim moves closer, and back again.
	await sheet.token('Kim Kristensen, Midt imellem').tap();
	await sheet.map.getByRole('button', { name: 'Sæt Kim Kristensen: Tæt på' }).tap();
	await expect(sheet.token('Kim Kristensen, Tæt på')).toBeFocused();
	await sheet.token('Kim Kristensen, Tæt på').tap();
	// A ring is tapped on its own band (its middle lies under the closer rings), here on its name.
	await sheet.map.getByRole('button', { name: 'Sæt Kim Kristensen: Midt imellem' }).getByText('Midt imellem').tap();
	await expect(sheet.token('Kim Kristensen, Midt imellem')).toBeVisible();

	// A yes/no question offers no signal as its answer: Stop above the questions calls the people at the table instead.
	const newPeople = sheet.question('Vil du gerne møde nye mennesker?');
	await expect(newPeople.getByRole('group', { name: 'Vil du gerne møde nye mennesker?' }).getByRole('button')).toHaveText([
		'Ja',
		'Nej',
		'Ved ikke',
		'Vil ikke svare',
		'Ikke talt om'
	]);
	await sheet.signals.getByRole('button', { name: 'Stop', exact: true }).click();
	await expect(sheet.callout).toContainText('Stop – Sofie vil have, at I stopper.');
	await expect(newPeople.getByRole('status')).toHaveText('');
	await expectNoAxeViolations(page, 'a sheet calling the people at the table');

	// The adviser's prompts are closed and apart from the citizen's answers.
	await expect(sheet.adviserPanel).not.toHaveAttribute('open');
	await sheet.adviserPanel.getByText('For rådgiveren: hjælp til samtalen').click();
	await expect(sheet.adviserPanel.getByText('Kun til dig som rådgiver. Det er ikke borgerens svar.')).toBeVisible();
	await expectNoAxeViolations(page, 'a sheet with the adviser panel open');

	// A CHIME card, relayed by Lise, the relative: the choice is changed right where the card is answered.
	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	// The Stop given on the sheet is the meeting's newest answer: the meeting page calls the table too.
	await expect(page.locator('.callout')).toContainText('Stop – Sofie vil have, at I stopper.');
	await page.getByRole('link', { name: 'Spørgekort' }).click();
	const cards = new CardsPage(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Spørgekort' })).toBeVisible();
	await expectNoAxeViolations(page, 'the CHIME cards');
	await cards.answeringAs('Formidlet af', 'Lise (Pårørende)');
	await expect(cards.provenance).toHaveText('Svar gemmes som: Formidlet af (Lise, Pårørende)');
	const question = 'Hvordan er det for dig at være sammen med andre?';
	await cards.answerOnScale(question, 'Både og');

	await cards
		.question(question)
		.getByRole('button', { name: `Vis stort: ${question}` })
		.click();
	const large = page.getByRole('dialog', { name: question });
	await expect(large).toBeVisible();
	await expect(large.getByRole('button', { name: `Læs op: ${question}` })).toBeVisible();
	await expectNoAxeViolations(page, 'a card shown large');
	await large.getByRole('button', { name: 'Luk' }).click();
	await expect(large).toBeHidden();
	await cards.adviserPanel.getByText('For rådgiveren: hjælp til samtalen').click();
	await expectNoAxeViolations(page, 'the cards with the adviser panel open');

	// The meeting's answer list names each answer's sheet, card or person, with who gave it.
	const expectAnswerList = async () => {
		const relayed = meeting.answers.filter({ hasText: `CHIME · Forbundethed · ${question}` });
		await expect(relayed).toContainText('Formidlet af (Lise, Pårørende)');
		await expect(relayed.locator('.value')).toHaveText('Både og');
		const trivsel = meeting.answers.filter({ hasText: 'Trivsel · Hvordan har du det lige nu?' });
		await expect(trivsel.locator('.value')).toHaveText('Godt');
		await expect(trivsel).toContainText('Borgeren selv');
		const mor = meeting.answers.filter({ hasText: 'Netværk · Mor (Familie)' });
		await expect(mor.locator('.value')).toHaveText(['Med til mine møder', 'Længere væk']);
		await expect(mor.filter({ hasText: 'Længere væk' })).toContainText('Rettet 1 gang');
		const kim = meeting.answers.filter({ hasText: 'Netværk · Kim Kristensen' });
		await expect(kim.locator('.value')).toHaveText('Midt imellem');
		await expect(kim).toContainText('Rettet 2 gang');
		await expect(meeting.answers.filter({ hasText: 'Trivsel · Hvad gør dig glad?' }).locator('.value')).toHaveText('musik hund');
	};
	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	await expectAnswerList();
	await expectNoAxeViolations(page, 'the meeting with sheet and card answers');

	// After a reload everything is still there: the list, the map, the scale and the card.
	await reopen(page);
	await expectAnswerList();
	await openApp(page, `${meetingUrl.replace('/moede?', '/moede/ark?')}&ark=netvaerk`);
	await expect(sheet.token('Mor, Længere væk, Med til mine møder')).toBeVisible();
	await sheet.showAs('Liste');
	await expect(sheet.person('Kim Kristensen').getByRole('button', { name: 'Midt imellem' })).toHaveAttribute('aria-pressed', 'true');
	await expect(sheet.person('Mor').getByRole('checkbox', { name: 'Med til mine møder' })).toBeChecked();

	// Stored as answers, sealed, read back through the app's own codec.
	const db = await readDatabase(page);
	const lise = (db.meetings[0]!.payload.participants as Array<{ id: string; name: string }>).find((p) => p.name === 'Lise')!.id;
	const about = (kind: string) => db.answers.filter((a) => a.payload.subject.kind === kind).map((a) => a.payload);
	const [scale] = about('sheet-item').filter((a) => a.subject.itemId === 'trivsel-lige-nu');
	expect(about('sheet-item')).toHaveLength(2);
	expect(about('sheet-item').find((a) => a.subject.itemId === 'trivsel-glad')!.content).toStrictEqual({
		kind: 'message',
		items: [
			{ label: 'musik', symbolId: 'musik' },
			{ label: 'hund', symbolId: 'hund' }
		]
	});
	expect(scale!.subject).toStrictEqual({ kind: 'sheet-item', sheetId: 'trivsel', itemId: 'trivsel-lige-nu' });
	expect(scale!.content).toStrictEqual({ kind: 'scale', scaleId: 'ansigter', pointId: 'godt', label: 'Godt' });
	expect(scale!.history.map((h: { content: { pointId: string } }) => h.content.pointId)).toEqual(['skidt']);
	expect(scale!.provenance).toStrictEqual({ mode: 'selv' });

	// The Stop is stored as the answer board stores it, not as the network question's answer.
	expect(about('core-board').map((a) => a.content)).toStrictEqual([{ kind: 'core', value: 'stop' }]);
	expect(about('sheet-item').filter((a) => a.subject.itemId === 'netvaerk-nye-mennesker')).toEqual([]);

	const [card] = about('question');
	expect(card!.subject).toStrictEqual({ kind: 'question', deckId: 'chime', questionId: 'forbundethed-med-andre' });
	expect(card!.content).toStrictEqual({ kind: 'scale', scaleId: 'tre-punkt', pointId: 'baade-og', label: 'Både og' });
	expect(card!.provenance).toStrictEqual({ mode: 'formidlet', participantId: lise });

	const people = about('network-person');
	expect(people).toHaveLength(3);
	const morPlacement = people.find((p) => p.subject.name === 'Mor' && p.content.kind === 'placement')!;
	expect(morPlacement.subject).toMatchObject({ kind: 'network-person', name: 'Mor', roleId: 'familie' });
	expect(morPlacement.content).toStrictEqual({ kind: 'placement', zoneId: 'laengere-vaek', label: 'Længere væk' });
	expect(morPlacement.history).toHaveLength(1);
	expect(morPlacement.history[0].content).toStrictEqual({ kind: 'placement', zoneId: 'taet-paa', label: 'Tæt på' });
	const morMark = people.find((p) => p.content.kind === 'mark')!;
	expect(morMark.subject.personId).toBe(morPlacement.subject.personId);
	expect(morMark.content).toStrictEqual({ kind: 'mark', mark: 'med-til-moeder' });
	const kim = people.find((p) => p.subject.name === 'Kim Kristensen')!;
	expect(kim.subject).not.toHaveProperty('roleId');
	expect(kim.content).toStrictEqual({ kind: 'placement', zoneId: 'midt-imellem', label: 'Midt imellem' });
	expect(kim.history.map((h: { content: { zoneId: string } }) => h.content.zoneId)).toEqual(['midt-imellem', 'taet-paa']);

	// A long name with a photo on the closest ring: under the photo the name is cut to one line, whole in the token's name
	// and title; on two lines it crossed the ring's border, on a tablet and on the narrowest map (at 320 px, below).
	await sheet.addPerson('Anne-Grethe Kristensen', undefined, {
		name: 'anne-grethe.png',
		mimeType: 'image/png',
		buffer: readFileSync('static/icon-192.png')
	});
	const anneClose = sheet.person('Anne-Grethe Kristensen').getByRole('button', { name: 'Tæt på' });
	await anneClose.click();
	await expect(anneClose).toHaveAttribute('aria-pressed', 'true');
	await sheet.showAs('Kort');
	await expect(sheet.token('Anne-Grethe Kristensen, Tæt på').locator('.name')).toHaveAttribute('title', 'Anne-Grethe Kristensen');
	await expect.poll(() => outsideTheirRing(sheet.map)).toEqual([]);
	await sheet.showAs('Liste');

	// Both routes reflow at 320 px, the map and the list included.
	await page.setViewportSize({ width: 320, height: 800 });
	await expectReflow(page, 'the network list', { resize: false });
	// Mor close and Kim in the middle ring: Kim's place is then near the map's right edge.
	await sheet.person('Mor').getByRole('button', { name: 'Tæt på' }).click();
	await expect(sheet.person('Mor').getByRole('button', { name: 'Tæt på' })).toHaveAttribute('aria-pressed', 'true');
	await sheet.showAs('Kort');
	await expectReflow(page, 'the network map', { resize: false });
	await expect.poll(() => outsideTheirRing(sheet.map)).toEqual([]);
	await expect.poll(() => overMe(sheet.map, sheet.token('Mor, Tæt på, Med til mine møder'))).toBe(false);
	// No name on the map breaks inside a word (the map is left out of the reflow check): placed near the right edge, a
	// person had only the room right of their place, and "Kim Kristensen" broke into four pieces.
	const brokenNames = await sheet.map.locator('.token .name').evaluateAll((names) =>
		names
			.filter((name) => {
				const range = document.createRange();
				range.selectNodeContents(name);
				const lines = new Set([...range.getClientRects()].map((line) => Math.round(line.top)));
				return lines.size > name.textContent!.trim().split(/\s+/).length;
			})
			.map((name) => name.textContent)
	);
	expect(brokenNames).toEqual([]);
	await expectNoAxeViolations(page, 'the network map at 320 px');
	// Wider than the screen there, the map offers the list, where the keyboard lands after the switch.
	await page.getByRole('button', { name: 'Vis som liste' }).click();
	await expect(sheet.networkList).toBeVisible();
	await expect(page.getByRole('group', { name: 'Vis netværket som' }).getByRole('button', { name: 'Liste' })).toBeFocused();
	await sheet.open('Sådan har jeg det');
	await expectReflow(page, 'the trivsel sheet', { resize: false });
	await openApp(page, meetingUrl.replace('/moede?', '/moede/kort?'));
	await expect(page.getByRole('heading', { level: 1, name: 'Spørgekort' })).toBeVisible();
	await expectReflow(page, 'the CHIME cards', { resize: false });
	await page.getByRole('link', { name: /LØFT/ }).click();
	await expect(cards.question('Hvor er du på stigen nu?')).toBeVisible();
	await expectReflow(page, 'the LØFT cards', { resize: false });
	await expectNoAxeViolations(page, 'the LØFT cards at 320 px');
});

test('the citizen giving the point someone else gave before is stored in her name, theirs kept in the history', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Karen');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.addParticipant('Jens', 'Udfører');
	await page.getByRole('link', { name: 'Samtaleark' }).click();
	const sheet = new SheetPage(page);
	const question = 'Hvordan har du det lige nu?';
	await sheet.answeringAs('Observeret', 'Jens (Udfører)');
	await sheet.answerOnScale(question, 'Godt');
	await sheet.answeringAs('Borgeren selv');
	await expect(sheet.provenance).toHaveText('Svar gemmes som: Borgeren selv');
	// Past the citizen's repeat time (400 ms), in which a second tap on the same point is taken for a tremor's.
	await page.waitForTimeout(450);
	await sheet.question(question).getByRole('group', { name: question }).getByRole('button', { name: 'Godt', exact: true }).click();
	const people = (await readDatabase(page)).meetings[0]!.payload.participants as Array<{ id: string; name: string }>;
	const jens = people.find((p) => p.name === 'Jens')!.id;
	await expect
		.poll(async () =>
			(await readDatabase(page)).answers.map((a) => [a.payload.provenance, a.payload.history.map((h: any) => h.provenance)])
		)
		.toEqual([[{ mode: 'selv' }, [{ mode: 'observeret', participantId: jens }]]]);
	// The same point by the same person again changes nothing.
	await page.waitForTimeout(450);
	await sheet.question(question).getByRole('group', { name: question }).getByRole('button', { name: 'Godt', exact: true }).click();
	await page.waitForTimeout(300);
	expect((await readDatabase(page)).answers[0]!.payload.history).toHaveLength(1);
});

/** A new citizen's follow-up meeting, opened at one of its tools (the drafts' tests start there). */
async function newMeetingAt(page: Page, tool: 'Samtaleark' | 'Spørgekort'): Promise<void> {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Ida');
	await citizen.startMeeting({ phase: 'Opfølgning' });
	await page.getByRole('link', { name: tool }).click();
}

test('symbols chosen and not yet saved are still chosen after another sheet and Back, each question its own, and go once saved', async ({
	page
}) => {
	await newMeetingAt(page, 'Samtaleark');
	const sheet = new SheetPage(page);
	const glad = sheet.question('Hvad gør dig glad?');
	const helps = sheet.question('Hvad hjælper dig, når det er svært?');
	const choose = (question: Locator, name: string) =>
		question.getByRole('list', { name: 'Billeder at vælge imellem' }).getByRole('button', { name, exact: true }).click();
	// Each chosen symbol: its name beside its "Fjern" button.
	const chosen = (question: Locator) => question.getByRole('list', { name: 'Valgte symboler' }).getByRole('listitem').locator('span');
	await choose(glad, 'musik');
	await choose(glad, 'hund');
	await choose(helps, 'kram');
	await expect(chosen(glad)).toHaveText(['musik', 'hund']);

	await sheet.open('Mine mennesker');
	await expect(chosen(sheet.question('Er der nogen, du savner?'))).toHaveCount(0);
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1, name: 'Sådan har jeg det' })).toBeVisible();
	await expect(chosen(glad)).toHaveText(['musik', 'hund']);
	await expect(chosen(helps)).toHaveText(['kram']);
	await expect(chosen(sheet.question('Hvad gør dig urolig eller vred?'))).toHaveCount(0);
	await expectNoAxeViolations(page, 'the trivsel sheet with symbols chosen before');

	await glad.getByRole('button', { name: 'Gem symbolerne' }).click();
	await expect(glad.getByRole('status')).toHaveText('✓ Gemt: musik hund');
	await expect(chosen(glad)).toHaveCount(0);
	const stored = async () =>
		(await readDatabase(page)).answers.map((a) => ({ subject: a.payload.subject, content: a.payload.content, status: a.payload.status }));
	await expect.poll(stored).toStrictEqual([
		{
			subject: { kind: 'sheet-item', sheetId: 'trivsel', itemId: 'trivsel-glad' },
			content: {
				kind: 'message',
				items: [
					{ label: 'musik', symbolId: 'musik' },
					{ label: 'hund', symbolId: 'hund' }
				]
			},
			status: 'active'
		}
	]);

	// Saved, the symbols are no longer waiting: another sheet and back finds them gone there, and "kram" still waiting.
	await sheet.open('Det kan jeg');
	await sheet.open('Sådan har jeg det');
	await expect(chosen(helps)).toHaveText(['kram']);
	await expect(chosen(glad)).toHaveCount(0);
	await expect(glad.getByRole('button', { name: 'Gem symbolerne' })).toBeDisabled();
});

test('the way chosen to answer and a half-typed text are still there after another sheet and Back, each question its own, and the text goes once saved', async ({
	page
}) => {
	await newMeetingAt(page, 'Samtaleark');
	const sheet = new SheetPage(page);
	const now = sheet.question('Hvordan har du det lige nu?');
	const upset = sheet.question('Hvad gør dig urolig eller vred?');
	const glad = sheet.question('Hvad gør dig glad?');
	const way = (question: Locator, name: string) => question.getByRole('radio', { name, exact: true });
	const written = (question: Locator) => question.getByRole('textbox', { name: 'Skriv svaret' });
	const ownWords = (question: Locator) => question.getByRole('checkbox', { name: 'Borgerens egne ord' });
	await way(now, 'Tekst').check();
	await written(now).fill('Jeg er lidt træt');
	await way(upset, 'Tekst').check();
	await written(upset).fill('Når der er larm');
	await ownWords(upset).check();

	await sheet.open('Mine mennesker');
	const misses = sheet.question('Er der nogen, du savner?');
	await expect(way(misses, 'Symboler')).toBeChecked();
	await way(misses, 'Tekst').check();
	await expect(written(misses)).toHaveValue('');
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1, name: 'Sådan har jeg det' })).toBeVisible();
	await expect(way(now, 'Tekst')).toBeChecked();
	await expect(written(now)).toHaveValue('Jeg er lidt træt');
	await expect(ownWords(now)).not.toBeChecked();
	await expect(way(upset, 'Tekst')).toBeChecked();
	await expect(written(upset)).toHaveValue('Når der er larm');
	await expect(ownWords(upset)).toBeChecked();
	// A question not touched is on its own default way still.
	await expect(way(glad, 'Symboler')).toBeChecked();
	await expect(sheet.question('Hvad hjælper dig, når det er svært?').getByRole('radio', { name: 'Symboler' })).toBeChecked();
	await expectNoAxeViolations(page, 'the trivsel sheet with ways chosen and texts written before');

	await upset.getByRole('button', { name: 'Gem teksten' }).click();
	await expect(upset.getByRole('status')).toHaveText('✓ Gemt: »Når der er larm«');
	await expect(written(upset)).toHaveValue('');
	await expect(ownWords(upset)).not.toBeChecked();
	const stored = async () =>
		(await readDatabase(page)).answers.map((a) => ({ subject: a.payload.subject, content: a.payload.content, status: a.payload.status }));
	await expect.poll(stored).toStrictEqual([
		{
			subject: { kind: 'sheet-item', sheetId: 'trivsel', itemId: 'trivsel-urolig' },
			content: { kind: 'text', text: 'Når der er larm', quote: true },
			status: 'active'
		}
	]);

	// Saved, the text is no longer waiting: another sheet and back finds it gone, the way kept, and the other text waiting.
	await sheet.open('Det kan jeg');
	await sheet.open('Sådan har jeg det');
	await expect(way(upset, 'Tekst')).toBeChecked();
	await expect(written(upset)).toHaveValue('');
	await expect(upset.getByRole('button', { name: 'Gem teksten' })).toBeDisabled();
	await expect(written(now)).toHaveValue('Jeg er lidt træt');
	await sheet.open('Mine mennesker');
	await expect(way(misses, 'Tekst')).toBeChecked();
});

test('a half-typed answer on a question card is still there after the other deck and Back, and goes once saved', async ({ page }) => {
	await newMeetingAt(page, 'Spørgekort');
	const cards = new CardsPage(page);
	const card = cards.question('Hvem er du glad for at være sammen med?');
	await card.getByRole('radio', { name: 'Tekst', exact: true }).check();
	await card.getByRole('textbox', { name: 'Skriv svaret' }).fill('Min bror');

	await page.getByRole('link', { name: /LØFT/ }).click();
	await expect(cards.question('Hvor er du på stigen nu?')).toBeVisible();
	await page.goBack();
	await expect(card.getByRole('radio', { name: 'Tekst', exact: true })).toBeChecked();
	await expect(card.getByRole('textbox', { name: 'Skriv svaret' })).toHaveValue('Min bror');
	await expect(cards.question('Hvem taler du med, når du er ked af det?').getByRole('radio', { name: 'Symboler' })).toBeChecked();
	await expectNoAxeViolations(page, 'the CHIME cards with a text written before');

	await card.getByRole('button', { name: 'Gem teksten' }).click();
	await expect(card.getByRole('status')).toHaveText('✓ Gemt: Min bror');
	await expect
		.poll(async () => (await readDatabase(page)).answers.map((a) => ({ subject: a.payload.subject, content: a.payload.content })))
		.toStrictEqual([
			{
				subject: { kind: 'question', deckId: 'chime', questionId: 'forbundethed-gode-mennesker' },
				content: { kind: 'text', text: 'Min bror' }
			}
		]);
	await page.getByRole('link', { name: /LØFT/ }).click();
	await expect(cards.question('Hvor er du på stigen nu?')).toBeVisible();
	await page.goBack();
	await expect(card.getByRole('textbox', { name: 'Skriv svaret' })).toHaveValue('');
	await expect(card.getByRole('button', { name: 'Gem teksten' })).toBeDisabled();
});

test('a person half-written in the network form is still there after another sheet or step and Back, and goes once added', async ({
	page
}) => {
	await newMeetingAt(page, 'Samtaleark');
	const sheet = new SheetPage(page);
	await sheet.open('Mine mennesker');
	// Mor is written, with a role and a photo, and not yet added.
	const form = page.getByRole('form', { name: 'Tilføj en person' });
	await form.getByLabel('Navn').fill('Mor');
	await form.getByRole('radio', { name: 'Familie', exact: true }).check();
	await form
		.getByLabel('Foto (frivilligt)')
		.setInputFiles({ name: 'mor.png', mimeType: 'image/png', buffer: readFileSync('static/icon-192.png') });
	await expect(form.getByText('Foto valgt')).toBeVisible();

	await sheet.open('Sådan har jeg det');
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1, name: /^Mine mennesker/ })).toBeVisible();
	await expect(form.getByLabel('Navn')).toHaveValue('Mor');
	await expect(form.getByRole('radio', { name: 'Familie', exact: true })).toBeChecked();
	await expect(form.getByText('Foto valgt')).toBeVisible();
	// The meeting's page and back: the sheets' page itself was gone meanwhile.
	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	await expect(page.getByRole('link', { name: 'Samtaleark' })).toBeVisible();
	await page.goBack();
	await expect(form.getByLabel('Navn')).toHaveValue('Mor');
	await expect(form.getByRole('radio', { name: 'Familie', exact: true })).toBeChecked();
	await expect(form.getByText('Foto valgt')).toBeVisible();
	await expectNoAxeViolations(page, 'the network map with a person written before');

	await form.getByRole('button', { name: 'Tilføj person' }).click();
	await expect(sheet.token('Mor, ikke sat på kortet')).toBeVisible();
	await expect(form.getByLabel('Navn')).toHaveValue('');
	await expect(form.getByText('Foto valgt')).toHaveCount(0);
	await sheet.showAs('Liste');
	await sheet.person('Mor').getByRole('button', { name: 'Tæt på' }).click();
	await expect(sheet.person('Mor')).toContainText('ring: Tæt på');
	const db = await readDatabase(page);
	expect(db.answers).toHaveLength(1);
	const mor = db.answers[0]!.payload;
	expect(mor).toMatchObject({
		subject: { kind: 'network-person', name: 'Mor', roleId: 'familie' },
		content: { kind: 'placement', zoneId: 'taet-paa', label: 'Tæt på' }
	});
	// The photo chosen before the visits is the one stored with her.
	expect(db.media.find((m) => m.id === mor.subject.photoId)?.payload).toMatchObject({ kind: 'image' });

	// Added, the person is no longer written in the form: the meeting and back finds it empty.
	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	await expect(page.getByRole('link', { name: 'Samtaleark' })).toBeVisible();
	await page.goBack();
	await expect(form.getByLabel('Navn')).toHaveValue('');
	await expect(form.getByRole('radio', { name: 'Ingen rolle', exact: true })).toBeChecked();
	await expect(form.getByText('Foto valgt')).toHaveCount(0);
});

test('a person added with a photo and not yet placed keeps the photo through another sheet, another step and the media clean-up', async ({
	page
}) => {
	// The media clean-up comes a while after a form that held them is gone (hold-media.svelte.ts); the clock brings it at once.
	await page.clock.install();
	await newMeetingAt(page, 'Samtaleark');
	const sheet = new SheetPage(page);
	await sheet.open('Mine mennesker');
	const photo = (name: string) => ({ name, mimeType: 'image/png', buffer: readFileSync('static/icon-192.png') });
	const shownPhoto = (token: Locator) => token.locator('img.person-face[src^="blob:"]');

	// Mor is added with a photo and waits beside the map while another sheet is open and the clean-up runs.
	await sheet.addPerson('Mor', 'Familie', photo('mor.png'));
	await expect(shownPhoto(sheet.token('Mor, ikke sat på kortet'))).toBeVisible();
	await sheet.open('Sådan har jeg det');
	await page.clock.fastForward('00:31');
	await page.goBack();
	await expect(shownPhoto(sheet.token('Mor, ikke sat på kortet'))).toBeVisible();

	// Kim waits too, while the meeting's page is open instead and the clean-up runs again.
	await sheet.addPerson('Kim', undefined, photo('kim.png'));
	await expect(shownPhoto(sheet.token('Kim, ikke sat på kortet'))).toBeVisible();
	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	await expect(page.getByRole('link', { name: 'Samtaleark' })).toBeVisible();
	await page.clock.fastForward('00:31');
	await page.goBack();
	await expect(shownPhoto(sheet.token('Mor, ikke sat på kortet'))).toBeVisible();
	await expect(shownPhoto(sheet.token('Kim, ikke sat på kortet'))).toBeVisible();
	await expectNoAxeViolations(page, 'the network map with people waiting after another step');

	// Placed now, both are stored with the photo they were added with, and shown with it.
	await sheet.showAs('Liste');
	await sheet.person('Mor').getByRole('button', { name: 'Tæt på' }).click();
	await expect(sheet.person('Mor')).toContainText('ring: Tæt på');
	await sheet.person('Kim').getByRole('button', { name: 'Midt imellem' }).click();
	await expect(sheet.person('Kim')).toContainText('Ring: Midt imellem');
	await sheet.showAs('Kort');
	await expect(shownPhoto(sheet.token('Mor, Tæt på'))).toBeVisible();
	await expect(shownPhoto(sheet.token('Kim, Midt imellem'))).toBeVisible();
	const db = await readDatabase(page);
	const people = db.answers.map((a) => a.payload.subject);
	expect(people.map((p) => p.name).sort()).toEqual(['Kim', 'Mor']);
	for (const person of people) expect(db.media.find((m) => m.id === person.photoId)?.payload).toMatchObject({ kind: 'image' });

	// Ole is added with a photo and removed before he is placed: once nobody waits, the clean-up after the form has gone
	// takes his photo, and keeps theirs, which the answers name.
	await sheet.showAs('Liste');
	await sheet.addPerson('Ole', undefined, photo('ole.png'));
	await expect(sheet.person('Ole')).toBeVisible();
	await expect.poll(async () => (await readDatabase(page)).media.length).toBe(3);
	await sheet.person('Ole').getByRole('button', { name: 'Fjern Ole' }).click();
	await expect(sheet.person('Ole')).toHaveCount(0);
	await sheet.open('Sådan har jeg det');
	// The form's clean-up is set going once its hold is let go, a moment after the form has gone: the clock moves on until
	// it has run.
	await expect
		.poll(async () => {
			await page.clock.fastForward('00:31');
			return (await readDatabase(page)).media.map((m) => m.id).sort();
		})
		.toEqual(people.map((p) => p.photoId).sort());
	await page.goBack();
	await sheet.showAs('Kort');
	await expect(shownPhoto(sheet.token('Mor, Tæt på'))).toBeVisible();
	await expect(shownPhoto(sheet.token('Kim, Midt imellem'))).toBeVisible();
});

test("a person waiting with a photo beside one meeting's map does not keep a deleted meeting's photos on the tablet", async ({ page }) => {
	await page.clock.install();
	const photo = (name: string) => ({ name, mimeType: 'image/png', buffer: readFileSync('static/icon-192.png') });
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Ida');
	// Mor waits, not yet placed, beside the first meeting's map.
	await citizen.startMeeting({ date: '2030-05-01', phase: 'Opfølgning' });
	await page.getByRole('link', { name: 'Samtaleark' }).click();
	const sheet = new SheetPage(page);
	await sheet.open('Mine mennesker');
	await sheet.addPerson('Mor', 'Familie', photo('mor.png'));
	await expect(sheet.token('Mor, ikke sat på kortet')).toBeVisible();
	const [mors] = (await readDatabase(page)).media;
	await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Borgere' }).click();
	await home.citizenLink('Ida').click();

	// Kim is placed with a photo in a second meeting, which is then deleted.
	await citizen.startMeeting({ date: '2030-05-02', phase: 'Opfølgning' });
	const second = new MeetingPage(page);
	await page.getByRole('link', { name: 'Samtaleark' }).click();
	await sheet.open('Mine mennesker');
	await sheet.addPerson('Kim', undefined, photo('kim.png'));
	await sheet.showAs('Liste');
	await sheet.person('Kim').getByRole('button', { name: 'Midt imellem' }).click();
	await expect(sheet.person('Kim')).toContainText('Ring: Midt imellem');
	expect((await readDatabase(page)).media).toHaveLength(2);
	await page.getByRole('link', { name: 'Tilbage til mødet' }).click();
	await second.openStaffPanel();
	await second.staffPanel.getByRole('button', { name: 'Slet mødet' }).click();
	await page.getByRole('dialog', { name: 'Slet mødet 2. maj 2030?' }).getByRole('button', { name: 'Ja, slet mødet' }).click();
	await expect(citizen.heading('Ida')).toBeVisible();

	// Past every clean-up's wait: Kim's photo is gone with its meeting; Mor's, still waiting, stays.
	await page.clock.fastForward('00:31');
	await expect.poll(async () => (await readDatabase(page)).media.map((medium) => medium.id)).toEqual([mors!.id]);
});

test('a person shown with a role symbol is dragged onto a ring with a mouse, not taken by the browser as an image drag', async ({
	page
}) => {
	await newMeetingAt(page, 'Samtaleark');
	const sheet = new SheetPage(page);
	await sheet.open('Mine mennesker');
	await sheet.addPerson('Mor', 'Familie');
	const face = sheet.token('Mor, ikke sat på kortet').locator('img');
	// Chromium under Playwright starts no image drag of its own, so the drag below passes here either way: the image's
	// `draggable` is what keeps Firefox from taking the press.
	expect(await face.evaluate((img: HTMLImageElement) => img.draggable)).toBe(false);
	const start = (await face.boundingBox())!;
	const box = (await sheet.map.boundingBox())!;
	// Pressed on her picture, as a mouse user grabs her (Firefox started its own drag of the image and cancelled ours).
	await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.33, { steps: 8 });
	await page.mouse.up();
	await expect(sheet.token('Mor, Tæt på')).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Mor er sat: Tæt på' })).toBeVisible();
});
