import { expect, expectNoAxeViolations, openApp, test } from './fixtures';
import { BoardEditorPage, HomePage } from './pages';

// An old bookmark or a link to a citizen deleted meanwhile: the page says so and leads back, never "Henter …" for ever.

test('a link to a citizen who is not on the tablet says so on every page and leads back to the citizens', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen('Mona');
	for (const [path, title] of [
		['/borger?id=findes-ikke', 'Borger'],
		['/tavle?borger=findes-ikke', 'Symboltavle'],
		['/tavler?borger=findes-ikke', 'Alle tavler'],
		['/tavle/rediger?borger=findes-ikke&tavle=findes-heller-ikke', 'Rediger tavle']
	] as const) {
		await openApp(page, path);
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page.getByText('Borgeren findes ikke på denne tablet. Måske er borgeren slettet.')).toBeVisible();
		await expect(page.getByText('Henter …')).toHaveCount(0);
		// No board set is tried for a citizen who is not there, so no second message about it.
		await expect(page.locator('.notices').getByRole('alert')).toBeEmpty();
		await expectNoAxeViolations(page, `${path} for an unknown citizen`);
	}
	await page.getByRole('link', { name: 'Tilbage til borgerne' }).click();
	await expect(home.citizenLink('Mona')).toBeVisible();
});

test('a link to a board that is not on the tablet says so in the editor and leads back to the boards', async ({ page }) => {
	const home = new HomePage(page);
	await home.open();
	const citizen = await home.addCitizen('Niels');
	await openApp(page, `/tavle/rediger?borger=${citizen.id}&tavle=findes-ikke`);
	await expect(page.getByRole('heading', { level: 1, name: 'Rediger tavle' })).toBeVisible();
	await expect(page.getByText('Tavlen findes ikke på denne tablet. Måske er den slettet.')).toBeVisible();
	await expectNoAxeViolations(page, 'editor for an unknown board');
	await page.getByRole('link', { name: 'Tilbage til alle tavler' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Alle tavler – Niels' })).toBeVisible();
	await page.getByRole('link', { name: 'Rediger Forside' }).click();
	await expect(new BoardEditorPage(page).heading('Forside')).toBeVisible();
});
