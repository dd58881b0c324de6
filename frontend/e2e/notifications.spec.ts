import { test, expect, expectAccessible, newUserPage, payOrder, placeOrder } from './fixtures';

const unread = async (bell: import('@playwright/test').Locator) => Number((await bell.getAttribute('aria-label'))?.match(/(\d+) unread/)?.[1] ?? NaN);

test('the bell counts up when an order is paid; the notifications page lists it; preferences are saved', async ({ browser, spaUrl }) => {
  const page = await newUserPage(browser, 'bob');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('aria-label', /Notifications, \d+ unread/);
  const before = await unread(bell);
  const orderId = await placeOrder(page, 'Paper filters x100');
  await payOrder(page);
  // pushed: no reload
  await expect.poll(() => unread(bell), { timeout: 120_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId('unread-count')).toBeVisible();

  await bell.click();
  const menu = page.getByRole('region', { name: 'Latest notifications' });
  await expect(menu).toContainText('Payment received');
  await expectAccessible(page, 'notification menu');
  await menu.getByRole('link', { name: 'All notifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const item = page.locator('.notifications li').filter({ hasText: 'Payment received' }).filter({ hasText: orderId });
  await expect(item).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'notifications');
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByText(/^0 unread/)).toBeVisible();
  await expect(bell).toHaveAttribute('aria-label', 'Notifications, 0 unread', { timeout: 60_000 });

  await page.getByRole('link', { name: 'Preferences and webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notification settings' })).toBeVisible();
  const email = page.getByRole('checkbox', { name: 'Order fulfilled by Email' });
  await expect(email).toBeChecked({ timeout: 60_000 });
  // the matrix shows what the server saved: the box turns unchecked once the write succeeded
  await email.click();
  await expect(email).not.toBeChecked({ timeout: 60_000 });
  await expect(email).toBeEnabled();
  await expectAccessible(page, 'notification settings');
  await page.goto(spaUrl + '/settings/notifications');
  await expect(page.getByRole('checkbox', { name: 'Order fulfilled by Email' })).not.toBeChecked({ timeout: 60_000 });
  await expect(page.getByRole('checkbox', { name: 'Order paid by In-app' })).toBeChecked();
});
