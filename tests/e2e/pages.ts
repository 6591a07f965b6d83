import type { CDPSession, Download, Locator, Page } from '@playwright/test';
import { expect, TEST_PIN, unlockTablet } from './tablet.ts';

/** One page model per screen, so specs read as a user's steps; the bench drives the same screens through them. */

/** What every model holds. A plain field, not a constructor parameter property: Node's type stripping (the bench) refuses those. */
class Screen {
	readonly page: Page;
	constructor(page: Page) {
		this.page = page;
	}

	/** The line that says what is read aloud: under a board's message bar, and under the theme card in hand. */
	get speechStatus(): Locator {
		return this.page.locator('.speech-status');
	}
}

/** Prerendered pages paint before they are interactive (a tap before that would be lost), and start locked. */
export async function waitUntilInteractive(page: Page): Promise<void> {
	await unlockTablet(page);
}

/** Opens the soft lock ("Lås", idle time, leaving the app) with the PIN. */
export async function unlockWithPin(page: Page): Promise<void> {
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	await page.getByLabel('PIN').fill(TEST_PIN);
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(page.locator('header nav')).toBeVisible();
}

export class HomePage extends Screen {
	async open(): Promise<void> {
		await this.page.goto('/');
		await waitUntilInteractive(this.page);
		await expect(this.heading).toBeVisible();
	}

	/** Back to the list through the menu: a full load would start the app again and ask for the passphrase. */
	async show(): Promise<void> {
		await this.page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Borgere' }).click();
		await expect(this.heading).toBeVisible();
	}

	get heading(): Locator {
		return this.page.getByRole('heading', { level: 1, name: 'Borgere på denne tablet' });
	}

	get addButton(): Locator {
		return this.page.getByRole('button', { name: 'Tilføj borger' });
	}

	get dialog(): Locator {
		return this.page.getByRole('dialog', { name: 'Tilføj borger' });
	}

	async addCitizen(name: string, photo?: { name: string; mimeType: string; buffer: Buffer }): Promise<CitizenPage> {
		await this.addButton.click();
		await this.dialog.getByLabel('Navn eller initialer').fill(name);
		if (photo) {
			await this.dialog.getByLabel('Foto (valgfrit)').setInputFiles(photo);
			await expect(this.dialog.getByText('Foto valgt')).toBeVisible();
		}
		await this.dialog.getByRole('button', { name: 'Gem' }).click();
		const citizen = new CitizenPage(this.page);
		// The citizen's own page, not a heading that merely contains the name ("Bo" is in "Borgere …").
		await expect(this.page).toHaveURL(/\/borger\?id=/);
		await expect(citizen.heading(name)).toBeVisible();
		return citizen;
	}

	/** A citizen's card is named by the name it shows (WCAG 2.5.3). */
	citizenLink(name: string): Locator {
		return this.page.getByRole('list', { name: 'Borgere på denne tablet' }).getByRole('link', { name, exact: true });
	}
}

export class CitizenPage extends Screen {
	heading(name: string): Locator {
		return this.page.getByRole('heading', { level: 1, name });
	}

	get id(): string {
		return new URL(this.page.url()).searchParams.get('id')!;
	}

	get startMeetingDialog(): Locator {
		return this.page.getByRole('dialog', { name: 'Start møde' });
	}

	async startMeeting(options: { date?: string; place?: string; phase: string }): Promise<MeetingPage> {
		await this.page.getByRole('button', { name: 'Start møde' }).click();
		const dialog = this.startMeetingDialog;
		if (options.date) await dialog.getByLabel('Dato').fill(options.date);
		if (options.place) await dialog.getByLabel('Sted (valgfrit)').fill(options.place);
		await dialog.getByRole('radio', { name: options.phase }).check();
		await dialog.getByRole('button', { name: 'Start møde' }).click();
		const meeting = new MeetingPage(this.page);
		// A meeting opens at its check-in; the answer board is in "Det taler vi om", the adviser's controls in the panel.
		await meeting.openStep('Det taler vi om');
		await meeting.openStaffPanel();
		await expect(meeting.board).toBeVisible();
		return meeting;
	}

	/** A meeting's card is named by what it shows: the date, then the phase and the place. */
	/** The meeting's own link, whose name starts with its date (its invitation link names the date later). */
	meetingLink(date: string): Locator {
		return this.page
			.getByRole('region', { name: 'Møder' })
			.getByRole('link', { name: new RegExp(`^${date.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
	}

	deleteDialog(name: string): Locator {
		return this.page.getByRole('dialog', { name: `Slet ${name}?` });
	}
}

export class MeetingPage extends Screen {
	get id(): string {
		return new URL(this.page.url()).searchParams.get('id')!;
	}

	get board(): Locator {
		return this.page.getByRole('group', { name: 'Svartavle' });
	}

	get saveStatus(): Locator {
		return this.page.locator('.save-state[data-state]');
	}

	get agenda(): Locator {
		return this.page.getByRole('navigation', { name: 'Dagsorden' });
	}

	get stepHeading(): Locator {
		return this.page.locator('#step-heading');
	}

	/** Opens a part of the meeting from the agenda strip; the address keeps it. */
	async openStep(label: string): Promise<void> {
		await this.agenda.getByRole('link', { name: label }).click();
		await expect(this.stepHeading).toHaveText(label);
		await expect(this.agenda.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'step');
	}

	get staffPanel(): Locator {
		return this.page.getByRole('complementary', { name: 'Rådgiverpanel' });
	}

	/** The adviser's panel (participants, who answers, the answer list); it stays open through reloads. */
	async openStaffPanel(): Promise<void> {
		const toggle = this.page.getByRole('button', { name: /^(Åbn|Luk) rådgiverpanel$/ });
		await expect(toggle).toBeVisible();
		if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
		await expect(this.staffPanel).toBeVisible();
	}

	get answers(): Locator {
		return this.page.getByRole('region', { name: 'Svar i mødet' }).locator('ol > li');
	}

	async addParticipant(name: string, role: string): Promise<void> {
		await this.openStaffPanel();
		const section = this.page.getByRole('region', { name: 'Deltagere' });
		// The citizen is a participant of their own meeting from the start.
		const listed = section.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
		if ((await listed.filter({ hasText: role }).count()) > 0) return;
		await section.getByLabel('Navn').fill(name);
		await section.getByLabel('Rolle').selectOption({ label: role });
		await section.getByRole('button', { name: 'Tilføj deltager' }).click();
		await expect(section.getByText(name, { exact: true }).last()).toBeVisible();
	}

	get picker(): Locator {
		return this.staffPanel.getByRole('group', { name: 'Hvem svarer, og hvordan?' });
	}

	/** "Borgeren selv" names nobody, so it has no "Hvem?" to choose. */
	async answeringAs(mode: string, person?: string): Promise<void> {
		await this.picker.getByRole('radio', { name: mode }).check();
		if (mode !== 'Borgeren selv') await this.picker.getByLabel('Hvem?').selectOption(person ? { label: person } : { value: '' });
	}

	async tap(answer: string): Promise<void> {
		await this.board.getByRole('button', { name: answer, exact: true }).click();
		await expect(this.saveStatus).toContainText(`Gemt: ${answer}`);
	}
}

export class BoardPage extends Screen {
	async openFor(citizen: CitizenPage): Promise<void> {
		await citizen.page.getByRole('link', { name: 'Symboltavler' }).click();
		await expect(this.heading('Forside')).toBeVisible();
	}

	heading(name: string): Locator {
		return this.page.getByRole('heading', { level: 1, name });
	}

	cell(label: string): Locator {
		return this.page.locator('.grid').getByRole('button', { name: label, exact: true });
	}

	folder(label: string): Locator {
		return this.page.locator('.grid').getByRole('button', { name: `Mappe: ${label}` });
	}

	/** Out of a folder, to the board it was opened from. */
	get back(): Locator {
		return this.page.getByRole('button', { name: 'Tilbage', exact: true });
	}

	get message(): Locator {
		return this.page.getByRole('list', { name: 'Besked' });
	}

	/** The "Gem i mødet" section, shown when the board was opened from a meeting. */
	get saveSection(): Locator {
		return this.page.getByRole('region', { name: 'Gem i mødet' });
	}

	async saveMessage(which: 'Gem beskeden som svar' | 'Gem sidste billede som svar', words: string): Promise<void> {
		await this.saveSection.getByRole('button', { name: which }).click();
		await expect(this.saveSection.getByRole('status')).toHaveText(`✓ Gemt: ${words}`);
	}
}

export class BoardEditorPage extends Screen {
	slot(name: string | RegExp): Locator {
		return this.page.getByRole('group', { name: 'Tavlens felter' }).getByRole('button', { name });
	}

	heading(boardName: string): Locator {
		return this.page.getByRole('heading', { level: 1, name: `Rediger ${boardName}` });
	}

	get form(): Locator {
		return this.page.locator('form.cell-form');
	}

	get label(): Locator {
		return this.form.getByLabel('Tekst på feltet');
	}

	get boardName(): Locator {
		return this.page.getByLabel('Tavlens navn');
	}

	async saveCell(): Promise<void> {
		await this.form.getByRole('button', { name: 'Gem felt' }).click();
		await expect(this.form.getByText('Feltet er gemt.')).toBeVisible();
	}
}

export class BoardListPage extends Screen {
	/** The file input of the import (.obf boards and .obz sets of boards). */
	get importFile(): Locator {
		return this.page.getByLabel('Vælg en .obf- eller .obz-fil');
	}

	/** An export asks first, saying what the unencrypted file holds; resolves to that question. */
	async askExport(button: string, title: string): Promise<Locator> {
		await this.page.getByRole('button', { name: button }).first().click();
		const dialog = this.page.getByRole('dialog', { name: title });
		await expect(dialog).toBeVisible();
		return dialog;
	}

	async export(button: string, title: string): Promise<Download> {
		const dialog = await this.askExport(button, title);
		const download = this.page.waitForEvent('download');
		await dialog.getByRole('button', { name: 'Ja, gem filen' }).click();
		await expect(dialog).toBeHidden();
		return download;
	}
}

/** Where answers are given in a tool: the meeting's choice in words and the way to change it. */
class AnsweringPage extends Screen {
	get provenance(): Locator {
		return this.page.locator('.current-provenance');
	}

	/** Changes who answers for the next answers, right where they are given. */
	async answeringAs(mode: string, person?: string): Promise<void> {
		await this.page.getByRole('button', { name: 'Skift, hvem der svarer' }).click();
		const picker = this.page.getByRole('group', { name: 'Hvem svarer, og hvordan?' });
		await picker.getByRole('radio', { name: mode }).check();
		if (person) await picker.getByLabel('Hvem?').selectOption({ label: person });
		await this.page.getByRole('button', { name: 'Skift, hvem der svarer' }).click();
	}
}

/** The theme cards of a meeting: the adviser's overview (/moede/temaer) and the sorting of one theme. */
export class ThemeCardsPage extends AnsweringPage {
	get picker(): Locator {
		return this.page.getByRole('group', { name: 'Hvilke temaer taler I om i dag?' });
	}

	async pickTheme(label: string): Promise<void> {
		await this.picker.getByRole('checkbox', { name: label }).check();
	}

	overviewItem(label: string): Locator {
		return this.page.getByRole('region', { name: 'Oversigt' }).getByRole('listitem').filter({ hasText: label });
	}

	themeLink(label: string): Locator {
		return this.page.getByRole('link', { name: `Sortér kortene: ${label}` });
	}

	async openTheme(label: string): Promise<void> {
		await this.themeLink(label).click();
		await expect(this.page.getByRole('heading', { level: 1, name: label })).toBeVisible();
	}

	get inHand(): Locator {
		return this.page.getByRole('region', { name: /^(Dit kort|Flyt kortet)$/ });
	}

	/** The big card itself: a toggle button named by its label. */
	get card(): Locator {
		return this.inHand.locator('button.card');
	}

	get mat(): Locator {
		return this.page.getByRole('region', { name: 'Måtten' });
	}

	/** The button that lays the card in hand under a column. */
	placeButton(column: string): Locator {
		return this.mat.getByRole('button', { name: `Læg kortet under ${column}`, exact: true });
	}

	/** The cards lying under a column, by their names. */
	cardsUnder(column: string): Locator {
		return this.mat.getByRole('list', { name: column, exact: true }).getByRole('button');
	}

	get saveStatus(): Locator {
		return this.page.locator('.save-state').first();
	}

	/**
	 * Drags with a finger (real touch events through the browser, which become pointer events with
	 * pointerType "touch"); `midway` runs while the finger is still down over the page.
	 */
	async touchDrag(from: Locator, to: Locator, midway?: () => Promise<void>): Promise<void> {
		const a = (await from.boundingBox())!;
		const b = (await to.boundingBox())!;
		const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
		const end = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
		const cdp = await this.page.context().newCDPSession(this.page);
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
		const steps = 12;
		for (let i = 1; i <= steps; i++) {
			const point = { x: start.x + ((end.x - start.x) * i) / steps, y: start.y + ((end.y - start.y) * i) / steps };
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
			if (i === steps && midway) await midway();
		}
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		await cdp.detach();
	}
}

/** The plan of a meeting: the document on the tablet, its PDF versions and the minimal goal/agreement entry. */
export class PlanPage extends Screen {
	async openFrom(meeting: MeetingPage): Promise<void> {
		await meeting.page.getByRole('link', { name: 'Plan', exact: true }).click();
		await expect(this.document.getByRole('heading', { level: 1 })).toBeVisible();
	}

	get document(): Locator {
		return this.page.getByRole('region', { name: 'Dokumentet' });
	}

	async show(version: 'Min plan' | 'Sagsversion'): Promise<void> {
		await this.page.getByRole('group', { name: 'Vis' }).getByRole('radio', { name: version }).check();
	}

	private get editor(): Locator {
		return this.page.getByRole('region', { name: 'Mål og aftaler' });
	}

	async addGoal(text: string): Promise<void> {
		await this.editor.getByLabel('Nyt mål i borgerens egne ord').fill(text);
		await this.editor.getByRole('button', { name: 'Tilføj mål' }).click();
		await expect(this.document.getByText(text, { exact: true })).toBeVisible();
	}

	async addAgreement(what: string, who: string, when: string): Promise<void> {
		await this.editor.getByLabel('Ny aftale: hvad skal ske?').fill(what);
		await this.editor.getByLabel('Hvem gør det?').selectOption({ label: who });
		await this.editor.getByLabel('Hvornår?').fill(when);
		await this.editor.getByRole('button', { name: 'Tilføj aftale' }).click();
		await expect(this.document.getByText(what, { exact: true })).toBeVisible();
	}

	/** The next meeting's day (YYYY-MM-DD) and, when agreed, its time of day (HH:MM), and the note. */
	async saveDetails(next: { date: string; time?: string }, note: string): Promise<void> {
		await this.editor.getByLabel('Næste møde', { exact: true }).fill(next.date);
		if (next.time) await this.editor.getByLabel('Næste møde, klokkeslæt (valgfrit)').fill(next.time);
		await this.editor.getByLabel('Note til sagen').fill(note);
		await this.editor.getByRole('button', { name: 'Gem', exact: true }).click();
	}

	get confirmDialog(): Locator {
		return this.page.getByRole('dialog', { name: 'PDF-filen er ikke krypteret' });
	}

	/** The story drawn in the document: one image named by its summary. */
	get storyPicture(): Locator {
		return this.document.getByRole('img', { name: /^Tegning af (min|borgerens) historie\./ });
	}

	/** Asks for a PDF, answers the warning and resolves to the downloaded file. */
	async savePdf(button: 'Gem som PDF' | 'Invitation som PDF'): Promise<Download> {
		await this.page.getByRole('button', { name: button }).click();
		await expect(this.confirmDialog).toBeVisible();
		const download = this.page.waitForEvent('download');
		await this.confirmDialog.getByRole('button', { name: 'Lav PDF' }).click();
		return download;
	}
}
/** A conversation tool's questions, answered with the meeting's choice shown beside them. */
class ConversationToolPage extends AnsweringPage {
	/** A sheet item or a card: the list item that holds the question as its heading. */
	question(text: string): Locator {
		return this.page
			.getByRole('listitem')
			.filter({ has: this.page.getByRole('heading', { name: text, exact: true }) })
			.first();
	}

	/** Answers a question on its scale and waits for "Gemt". */
	async answerOnScale(question: string, point: string): Promise<void> {
		const card = this.question(question);
		await card.getByRole('group', { name: question }).getByRole('button', { name: point, exact: true }).click();
		await expect(card.getByRole('status')).toHaveText(`✓ Gemt: ${point}`);
		await expect(card.getByRole('button', { name: point, exact: true })).toHaveAttribute('aria-pressed', 'true');
	}

	get adviserPanel(): Locator {
		return this.page.locator('details.adviser');
	}

	/** Pause, Stop, Hjælp and Forstår ikke above the questions, which call the people at the table. */
	get signals(): Locator {
		return this.page.getByRole('group', { name: 'Brug for en pause eller hjælp?' });
	}

	get callout(): Locator {
		return this.page.locator('.callout');
	}
}

export class SheetPage extends ConversationToolPage {
	async open(title: string): Promise<void> {
		await this.page.getByRole('navigation', { name: 'Vælg samtaleark' }).getByRole('link', { name: title }).click();
		await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	}

	get map(): Locator {
		return this.page.getByRole('group', { name: 'Netværkskort' });
	}

	get networkList(): Locator {
		return this.page.getByRole('list', { name: 'Personer i netværket' });
	}

	/** A person's row in the list view. */
	person(name: string): Locator {
		return this.networkList.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
	}

	/** A person on the map (or waiting beside it), named by name, ring and marks. */
	token(label: string): Locator {
		return this.page.getByRole('button', { name: label, exact: true });
	}

	async addPerson(name: string, role?: string, photo?: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
		const form = this.page.getByRole('form', { name: 'Tilføj en person' });
		await form.getByLabel('Navn').fill(name);
		if (role) await form.getByRole('radio', { name: role, exact: true }).check();
		if (photo) {
			await form.getByLabel('Foto (frivilligt)').setInputFiles(photo);
			// Read and drawn anew before the person is added (ui/photo.ts): a quicker tap adds the person without it.
			await expect(form.getByText('Foto valgt')).toBeVisible();
		}
		await form.getByRole('button', { name: 'Tilføj person' }).click();
	}

	async showAs(view: 'Kort' | 'Liste'): Promise<void> {
		await this.page.getByRole('group', { name: 'Vis netværket som' }).getByRole('button', { name: view }).click();
	}
}

export class CardsPage extends ConversationToolPage {}

/** The "Adgang og udseende" section of the citizen page: every change is saved at once. */
export class AccessSettingsPage extends Screen {
	get section(): Locator {
		return this.page.getByRole('region', { name: 'Adgang og udseende' });
	}

	/** The radio's label starts with these words. */
	async method(words: string): Promise<void> {
		await this.section.getByRole('radio', { name: new RegExp(`^${words}`) }).check();
		await expect(this.section.getByRole('radio', { name: new RegExp(`^${words}`) })).toBeChecked();
	}

	async choose(label: string, option: string): Promise<void> {
		await this.section.getByLabel(label, { exact: true }).selectOption({ label: option });
		await expect(this.section.getByLabel(label, { exact: true }).locator('option:checked')).toHaveText(option);
	}

	async toggle(label: string): Promise<void> {
		const box = this.section.getByRole('checkbox', { name: label, exact: true });
		const before = await box.isChecked();
		await box.click();
		await expect(box).toBeChecked({ checked: !before });
	}
}

/** Whether the switch-scanning highlight is on the target's row or on the target itself. */
export async function scanHighlight(target: Locator): Promise<{ row: boolean; cell: boolean }> {
	return target.evaluate((el) => ({ row: el.hasAttribute('data-scan-row'), cell: el.hasAttribute('data-scan-cell') }));
}

/** Two switches: Space moves, Enter chooses the row; stops with the highlight on the target, not yet chosen. */
export async function stepScanTo(page: Page, target: Locator, start = true): Promise<void> {
	if (start) await page.keyboard.press('Space');
	for (let step = 0; step < 40; step++) {
		const { row, cell } = await scanHighlight(target);
		if (cell) return;
		await page.keyboard.press(row ? 'Enter' : 'Space');
	}
	throw new Error('step scanning never reached the target');
}

/** The citizen's recovery story (/historie): the canvas, the list view and then-and-now. */
export class StoryPage extends Screen {
	/** From the citizen's page or the meeting page: both link to it by the same name. */
	async open(): Promise<void> {
		await this.page.getByRole('link', { name: 'Min historie' }).click();
		await expect(this.page.getByRole('heading', { level: 1, name: /historie$/ })).toBeVisible();
	}

	get canvas(): Locator {
		return this.page.locator('.canvas[data-template]');
	}

	area(label: string): Locator {
		return this.canvas.getByRole('button', { name: label, exact: true });
	}

	/** Items are named by what they show, then their area and who put them there. */
	item(what: string): Locator {
		return this.canvas.getByRole('button', { name: new RegExp(`^${what}\\.`) });
	}

	get items(): Locator {
		return this.canvas.locator('[data-item]');
	}

	async view(name: 'Tegning' | 'Liste' | 'Før og nu'): Promise<void> {
		await this.page.getByRole('group', { name: 'Vis historien som' }).getByRole('button', { name }).click();
	}

	async search(query: string): Promise<void> {
		await this.page.getByLabel('Søg efter et billede').fill(query);
	}

	symbolResult(label: string): Locator {
		return this.page.getByRole('list', { name: 'Symboler' }).getByRole('button', { name: label, exact: true });
	}

	/** Lays what waits in an area through the pending bar (the keyboard path). */
	putIn(area: string): Locator {
		return this.page.getByRole('group', { name: 'Vælg et område' }).getByRole('button', { name: `Læg i: ${area}` });
	}

	get status(): Locator {
		return this.page.locator('p.announce');
	}

	listArea(label: string): Locator {
		return this.page.locator('.story-list').getByRole('region', { name: label });
	}
}

/** A finger drag through Chromium's own touch input: touch start, moves, end (pointer events follow from them). */
export async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12): Promise<void> {
	let cdp = touchSessions.get(page);
	if (!cdp) touchSessions.set(page, (cdp = await page.context().newCDPSession(page)));
	const at = (x: number, y: number) => [{ x: Math.round(x), y: Math.round(y), id: 1 }];
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(from.x, from.y) });
	for (let i = 1; i <= steps; i++) {
		const x = from.x + ((to.x - from.x) * i) / steps;
		const y = from.y + ((to.y - from.y) * i) / steps;
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(x, y) });
	}
	if (steps > 0) {
		// The finger rests before it lifts, as a hand placing something does. A lift at speed starts a fling,
		// and Chromium swallows the next tap as the one that stops it.
		await page.waitForTimeout(150);
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(to.x, to.y) });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

// One session per page, kept open: detaching in the middle of Chromium's gesture handling leaves later taps without a click.
const touchSessions = new WeakMap<Page, CDPSession>();

/** A finger tap through the same touch input as the drags. */
export async function touchTap(locator: Locator): Promise<void> {
	const point = await centreOf(locator);
	await touchDrag(locator.page(), point, point, 0);
}

export async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
	await locator.scrollIntoViewIfNeeded();
	const box = (await locator.boundingBox())!;
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
