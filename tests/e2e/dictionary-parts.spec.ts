import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, readDatabase, test, unlockTablet } from './fixtures';
import { HomePage } from './pages';

/*
 * The words a screen waits for (issue 17, i18n/parts.ts): a meeting opened on its topics needs only the meeting part of the
 * Danish dictionary until its board is used; its panel and its other steps bring the rest. A tablet showing English fetches
 * no Danish beyond the lock screen's.
 */

// The service worker would answer the app's files from its cache; these tests must see (and break) the network.
test.use({ serviceWorkers: 'block' });

// Each dictionary module is known by a key with its words: keys are written out only in the dictionaries.
const DANISH_REST = (body: string) => body.includes('settings.title') && body.includes('Indstillinger');
const DANISH_MEETING = (body: string) => body.includes('meeting.relayMissing') && body.includes('Vælg, hvem der formidler');
const ENGLISH = (body: string) => body.includes('settings.title') && body.includes('Add citizen');

/** Counts the dictionary modules fetched from now on; while `refuse` says so, the Danish rest answers 404. */
async function watchDictionaries(page: Page) {
	const fetched = { rest: 0, meeting: 0, english: 0, refused: 0 };
	let refusing = true;
	await page.route('**/_app/immutable/**', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (DANISH_REST(body)) {
			fetched.rest += 1;
			if (refusing) {
				fetched.refused += 1;
				return route.fulfill({ status: 404, body: 'Not found' });
			}
		}
		if (DANISH_MEETING(body)) fetched.meeting += 1;
		if (ENGLISH(body)) fetched.english += 1;
		return route.fulfill({ response, body });
	});
	return {
		fetched,
		stopRefusing: () => {
			refusing = false;
		}
	};
}

test('a meeting opened on its topics works with the meeting part of the words; its panel and next step bring the rest', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Mona');
	const meeting = await citizen.startMeeting({ phase: 'Opfølgning' });
	// The panel stays open through a reload (sessionStorage); closed, the topics show only the board and the agenda.
	await page.getByRole('button', { name: 'Luk rådgiverpanel' }).click();
	await expect(meeting.staffPanel).toHaveCount(0);

	const dictionaries = await watchDictionaries(page);
	await page.reload();
	await unlockTablet(page);
	await expect(meeting.stepHeading).toHaveText('Det taler vi om');
	await meeting.tap('Ja');
	await expect(meeting.agenda.getByRole('link', { name: 'Har vi forstået dig?' })).toBeVisible();
	await expectNoAxeViolations(page, 'a meeting on its topics with the meeting part of the words');
	expect(dictionaries.fetched.meeting, 'the meeting part was fetched').toBeGreaterThan(0);
	expect(dictionaries.fetched.rest, 'the rest of the Danish words was not asked for').toBe(0);
	const stored = await readDatabase(page);
	expect(stored.answers, 'the tap on Ja was saved').toHaveLength(1);

	// The panel needs the rest: refused, it says so and keeps the page; "Prøv igen" brings it.
	await page.getByRole('button', { name: 'Åbn rådgiverpanel' }).click();
	const failed = page.getByRole('alert').filter({ hasText: 'Denne del af skærmen kunne ikke hentes' });
	await expect(failed).toBeVisible();
	expect(dictionaries.fetched.refused, 'the rest was asked for and refused').toBeGreaterThan(0);
	await expect(meeting.board).toBeVisible();
	dictionaries.stopRefusing();
	await page.getByRole('button', { name: 'Prøv igen' }).click();
	await expect(meeting.staffPanel).toBeVisible();
	await expect(meeting.picker).toBeVisible();

	// A step's navigation waits for the rest too: on a page that has only the meeting part, the next step shows with its words.
	await page.getByRole('button', { name: 'Luk rådgiverpanel' }).click();
	await page.reload();
	await unlockTablet(page);
	await expect(meeting.board).toBeVisible();
	const restBefore = dictionaries.fetched.rest;
	await meeting.openStep('Har vi forstået dig?');
	await expect(page.getByRole('button', { name: 'Ret svaret Ja', exact: true })).toHaveCount(1);
	expect(dictionaries.fetched.rest, 'the step asked for the rest of the words').toBeGreaterThan(restBefore);
	expect(dictionaries.fetched.english, 'no English on a Danish tablet').toBe(0);
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a tablet showing English starts a meeting page without fetching the rest of the Danish words', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Mona');
	const { id } = await citizen.startMeeting({ phase: 'Opfølgning' });
	await page.goto('/indstillinger');
	await unlockTablet(page);
	await page.getByRole('radio', { name: 'English' }).check();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

	const dictionaries = await watchDictionaries(page);
	await page.goto(`/moede?id=${id}&trin=check-in`);
	await unlockTablet(page);
	await expect(page.locator('#step-heading')).toHaveText('How are you?');
	await expect(page.getByRole('complementary', { name: 'Adviser panel' })).toBeVisible();
	expect(dictionaries.fetched.english, 'the English words were fetched').toBeGreaterThan(0);
	expect(dictionaries.fetched.rest + dictionaries.fetched.meeting, 'no Danish beyond the lock screen’s').toBe(0);
	await expectNoAxeViolations(page, 'a meeting page in English');
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});
