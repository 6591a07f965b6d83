import { readFileSync } from 'node:fs';
import { expect, expectNoAxeViolations, openApp, readDatabase, reopen, test } from './fixtures';
import { centreOf, HomePage, StoryPage, touchDrag, touchTap, type MeetingPage } from './pages';

test.use({ hasTouch: true });

const photo = { name: 'have.png', mimeType: 'image/png', buffer: readFileSync('static/icon-512.png') };

async function meetingWithLise(page: import('@playwright/test').Page, name: string): Promise<MeetingPage> {
	await openApp(page, '/');
	const citizen = await new HomePage(page).addCitizen(name);
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	await meeting.addParticipant('Lise', 'Pårørende');
	await meeting.answeringAs('Formidlet af', 'Lise (Pårørende)');
	return meeting;
}

test('the story canvas: drag and tap-tap, text, photo, recording, drawing, move, undo and redo, and all of it after a reload', async ({
	page
}) => {
	await meetingWithLise(page, 'Ruth');
	const story = new StoryPage(page);
	await story.open();
	await expect(story.area('Mine håb, ønsker og drømme')).toBeVisible();
	await expectNoAxeViolations(page, 'the empty story canvas');

	// Taps and drags go through one touch input (touchTap/touchDrag): mixing it with Playwright's own tap loses clicks.
	// A symbol dragged by a finger onto "Det gør mit liv bedre" lands there.
	await story.search('glad');
	await touchDrag(page, await centreOf(story.symbolResult('glad')), await centreOf(story.area('Det gør mit liv bedre')));
	await expect(story.item('Billede: glad')).toHaveAttribute('data-area', 'bedre');
	await expect(story.item('Billede: glad')).toHaveAccessibleName(/Formidlet af \(Lise, Pårørende\)$/);

	// Tap the symbol, then tap an area.
	await story.search('hund');
	await touchTap(story.symbolResult('hund'));
	await touchTap(story.area('Mine håb, ønsker og drømme'));
	await expect(story.item('Billede: hund')).toHaveAttribute('data-area', 'haab');

	await page.getByLabel('Kort tekst').fill('Have min egen hund');
	await touchTap(page.getByRole('button', { name: 'Tilføj tekst' }));
	await touchTap(story.area('Næste lille skridt'));
	await expect(story.item('Tekst: Have min egen hund')).toHaveAttribute('data-area', 'naeste-skridt');

	await page.getByText('Tag eller vælg et foto').locator('input[type=file]').setInputFiles(photo);
	await expect(story.putIn('Det står i vejen')).toBeVisible();
	await touchTap(story.area('Det står i vejen'));
	await expect(story.item('Foto')).toHaveAttribute('data-area', 'i-vejen');

	await touchTap(page.getByRole('button', { name: 'Optag lyd' }));
	await page.waitForTimeout(600);
	await touchTap(page.getByRole('button', { name: 'Stop optagelse' }));
	await touchTap(story.area('Det kan hjælpe mig – og hvem kan hjælpe'));
	await expect(story.item('Lydoptagelse')).toHaveAttribute('data-area', 'hjaelp');

	// A stroke drawn by finger in the hopes area becomes a drawing item there.
	await touchTap(page.getByRole('button', { name: 'Tegn', exact: true }));
	const hopes = (await story.area('Mine håb, ønsker og drømme').boundingBox())!;
	const left = { x: hopes.x + hopes.width * 0.55, y: hopes.y + hopes.height * 0.4 };
	await touchDrag(page, left, { x: left.x + 120, y: left.y + 60 }, 30);
	await touchTap(page.getByRole('button', { name: 'Gem tegningen' }));
	await expect(story.item('Tegning')).toHaveAttribute('data-area', 'haab');
	await expect(story.items).toHaveCount(6);
	await expectNoAxeViolations(page, 'the story canvas with six items');

	// Drag "glad" from "Det gør mit liv bedre" to "Det står i vejen"; undo brings it back, redo moves it again.
	const glad = story.item('Billede: glad');
	await touchDrag(page, await centreOf(glad), await centreOf(story.area('Det står i vejen')));
	await expect(glad).toHaveAttribute('data-area', 'i-vejen');
	await page.getByRole('button', { name: 'Fortryd' }).click();
	await expect(glad).toHaveAttribute('data-area', 'bedre');
	await page.getByRole('button', { name: 'Gør igen' }).click();
	await expect(glad).toHaveAttribute('data-area', 'i-vejen');
	await expect(story.status).toHaveText('Gjort igen.');

	// Full screen for the table.
	await page.getByRole('button', { name: 'Hele skærmen' }).click();
	await expect(page.locator('.stage.full')).toBeVisible();
	await expectNoAxeViolations(page, 'the story in full screen');
	await page.getByRole('button', { name: 'Hele skærmen' }).click();

	await reopen(page);
	await expect(story.items).toHaveCount(6);
	await expect(story.item('Billede: glad')).toHaveAttribute('data-area', 'i-vejen');
	await expect(story.item('Tekst: Have min egen hund')).toBeVisible();

	const db = await readDatabase(page);
	const items = (db as unknown as { storyItems: Array<{ payload: Record<string, any>; mediaIds: string[] }> }).storyItems;
	expect(items.map((i) => i.payload.content.kind).sort()).toEqual(['drawing', 'photo', 'recording', 'symbol', 'symbol', 'text']);
	expect(items.every((i) => i.payload.provenance.mode === 'formidlet' && i.payload.provenance.name === 'Lise')).toBe(true);
	const gladRecord = items.find((i) => i.payload.content.symbolId === 'glad')!;
	// Three changes after it was put there: the move, the undo and the redo, each kept with its date.
	expect(gladRecord.payload.history.map((s: { areaId: string }) => s.areaId)).toEqual(['bedre', 'i-vejen', 'bedre']);
	// 30 touch moves, simplified to the few points that still draw a straight line.
	const stroke = items.find((i) => i.payload.content.kind === 'drawing')!.payload.content.strokes[0];
	expect(stroke.points.length).toBeLessThan(10);
	const mediaIds = items.flatMap((i) => i.mediaIds);
	expect(
		db.media
			.filter((m) => mediaIds.includes(m.id))
			.map((m) => m.payload.kind)
			.sort()
	).toEqual(['audio', 'image']);
});
