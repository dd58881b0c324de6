import { test, expect, expectAccessible, newUserPage, placeOrder, recordMetric } from './fixtures';

test('a visitor signs in with the provider, moves around by keyboard, and signs out', async ({ page, spaUrl }) => {
  await page.goto(spaUrl + '/');
  await expect(page).toHaveTitle('Shop · Backplane');
  await expect(page.locator('[data-product]').first()).toBeVisible({ timeout: 90_000 });
  // the first Tab lands on the skip link, which leads to the content
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await expectAccessible(page, 'shop (signed out)');

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveTitle(/sign-in/);
  const clicked = Date.now();
  await page.getByRole('button', { name: /Sign in as alice\b/ }).click();
  await expect(page.locator('[data-product]').first()).toBeVisible();
  recordMetric('loginClickToCatalogMs', Date.now() - clicked);
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveText('Live', { timeout: 90_000 });

  // in-app navigation: new title, focus on the new page's heading
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' }).click();
  await expect(page).toHaveTitle('My orders · Backplane');
  await expect(page.getByRole('heading', { level: 1, name: 'My orders' })).toBeFocused();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveTitle('Overview · Backplane');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Welcome back/);
  await expectAccessible(page, 'overview');

  await page.getByRole('button', { name: /Sign out/ }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveCount(0);
});

test('one customer never sees another customer’s order', async ({ browser, spaUrl }) => {
  const alice = await newUserPage(browser, 'alice');
  const orderId = await placeOrder(alice, 'Burr grinder');
  const bob = await newUserPage(browser, 'bob', '/orders');
  await expect(bob.getByRole('heading', { name: 'My orders' })).toBeVisible();
  await expect(bob.getByTestId('empty-state').or(bob.locator('table.orders'))).toBeVisible();
  await expect(bob.locator(`[data-order="${orderId}"]`)).toHaveCount(0);
  await bob.goto(`${spaUrl}/orders/${orderId}`);
  await expect(bob.getByRole('alert')).toContainText('Not found');
  await expectAccessible(bob, 'order not found');
  await bob.goto(`${spaUrl}/no/such/page`);
  await expect(bob).toHaveTitle('Page not found · Backplane');
  await expect(bob.getByRole('link', { name: 'Back to the shop' })).toBeVisible();
});
