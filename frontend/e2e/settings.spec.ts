import { test, expect, expectAccessible, newUserPage, placeOrder } from './fixtures';

test('profile: a saved display name shows on the public page', async ({ browser, spaUrl }) => {
  const page = await newUserPage(browser, 'bob', '/profile');
  await expect(page).toHaveTitle('Profile · Backplane');
  const name = `Bob ${Date.now() % 10000}`;
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByTestId('toasts')).toContainText('Profile saved.');
  await expectAccessible(page, 'profile');
  await page.goto(`${spaUrl}/u/bob`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveTitle(`${name} · Backplane`);
  await expectAccessible(page, 'public profile');
});

test('settings: language and time zone apply to every price and date; theme at once', async ({ browser }) => {
  const page = await newUserPage(browser, 'bob', '/settings');
  const orderId = await placeOrder(page, 'Brew scale');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await expect(page.getByLabel('Language and region')).toHaveJSProperty('tagName', 'SELECT');
  await page.getByLabel('Language and region').selectOption('de-DE');
  await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
  await expect(page.getByTestId('format-preview')).toContainText('1.234,56 €');
  await page.getByText('Dark', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('toasts')).toContainText('Settings saved.');
  await expectAccessible(page, 'settings (dark)');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shop' }).click();
  await expect(page.locator('[data-product="p-scale"]').getByTestId('price')).toHaveText('39,00 €');
  await page.goto(page.url().replace(/\/$/, '') + `/orders/${orderId}`);
  // a full page load renders before the saved settings arrive: wait for them, then for the date to follow
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
  const placed = page.getByTestId('timeline').locator('time').first();
  const at = await placed.getAttribute('datetime');
  const tokyo = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Tokyo' }).format(new Date(at!));
  await expect(placed).toHaveText(tokyo);

  // back to the defaults other journeys expect
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Language and region').selectOption('en-GB');
  await page.getByLabel('Time zone').selectOption('UTC');
  await page.getByText('System', { exact: true }).click();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('toasts')).toContainText('Settings saved.');
});
