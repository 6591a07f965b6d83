import { expect, expectNoAxeViolations, test } from './fixtures';
import { HomePage, waitUntilInteractive } from './pages';

const CANARY = 'Kanariefugl Hansen';

test('screen lock: the PIN covers the app on demand, after idle time and at start; five wrong tries lock out', async ({ page }) => {
	await page.clock.install();
	const home = new HomePage(page);
	await home.open();
	await home.addCitizen(CANARY);

	await page.getByRole('link', { name: 'Indstillinger' }).click();
	const lockSection = page.getByRole('region', { name: 'Skærmlås' });
	await lockSection.getByLabel('Ny PIN (4–8 cifre)').fill('12');
	await lockSection.getByRole('button', { name: 'Slå skærmlås til' }).click();
	await expect(lockSection.getByRole('alert')).toHaveText('En PIN er 4 til 8 cifre.');
	await lockSection.getByLabel('Ny PIN (4–8 cifre)').fill('2468');
	await lockSection.getByLabel('Gentag PIN').fill('2468');
	await lockSection.getByLabel('Lås efter').selectOption({ label: '2 minutter uden berøring' });
	await lockSection.getByRole('button', { name: 'Slå skærmlås til' }).click();
	await expect(lockSection.getByRole('status')).toHaveText('Skærmlåsen er slået til.');
	expect(await page.evaluate(() => localStorage.getItem('billedtale.screenLock'))).not.toContain('2468');

	// Lock now: nothing about the citizen is left in the page.
	await page.goto('/');
	await waitUntilInteractive(page);
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	await page.getByLabel('PIN').fill('2468');
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(home.citizenLink(CANARY)).toBeVisible();
	await page.getByRole('button', { name: 'Lås', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	expect(await page.evaluate(() => document.body.innerHTML)).not.toContain(CANARY);
	await expectNoAxeViolations(page, 'lock screen');

	await page.getByLabel('PIN').fill('1111');
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Forkert' })).toHaveText('Forkert PIN. 4 forsøg tilbage.');
	await page.getByLabel('PIN').fill('2468');
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(home.citizenLink(CANARY)).toBeVisible();

	// Idle lock fires on time: not before two minutes without a touch, and at two minutes.
	await page.clock.fastForward('01:50');
	await expect(home.citizenLink(CANARY)).toBeVisible();
	await page.clock.fastForward('00:11');
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	expect(await page.evaluate(() => document.body.innerHTML)).not.toContain(CANARY);

	// Five wrong tries: even the right PIN is refused until the lockout has passed.
	const lockMessage = page.getByRole('alert').filter({ hasText: /Forkert|For mange/ });
	for (let left = 4; left >= 1; left--) {
		await page.getByLabel('PIN').fill('0000');
		await page.getByRole('button', { name: 'Lås op' }).click();
		await expect(lockMessage).toHaveText(`Forkert PIN. ${left} forsøg tilbage.`);
	}
	await page.getByLabel('PIN').fill('0000');
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(lockMessage).toContainText('For mange forkerte forsøg. Prøv igen kl.');
	await page.getByLabel('PIN').fill('2468');
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(page.getByRole('heading', { name: 'Billedtale er låst' })).toBeVisible();
	await page.clock.fastForward('05:01');
	await page.getByLabel('PIN').fill('2468');
	await page.getByRole('button', { name: 'Lås op' }).click();
	await expect(home.citizenLink(CANARY)).toBeVisible();

	// Turning the lock off needs the current PIN.
	await page.getByRole('link', { name: 'Indstillinger' }).click();
	await lockSection.getByLabel('Nuværende PIN').fill('9999');
	await lockSection.getByRole('button', { name: 'Slå skærmlås fra' }).click();
	await expect(lockSection.getByRole('alert')).toHaveText('PIN passer ikke. Skærmlåsen er stadig slået til.');
	await lockSection.getByLabel('Nuværende PIN').fill('2468');
	await lockSection.getByRole('button', { name: 'Slå skærmlås fra' }).click();
	await expect(lockSection.getByRole('status')).toHaveText('Skærmlåsen er slået fra.');
	await expect(page.getByRole('button', { name: 'Lås', exact: true })).toHaveCount(0);
});
