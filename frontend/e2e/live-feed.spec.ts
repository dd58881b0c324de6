import { test, expect, expectAccessible, newUserPage, placeOrder } from './fixtures';

test('the admin sees a customer’s order arrive live, with its correlation id and trace', async ({ browser }) => {
  const admin = await newUserPage(browser, 'admin', '/admin/feed');
  await expect(admin.getByRole('heading', { level: 1, name: 'Live feed' })).toBeVisible();
  await expectAccessible(admin, 'live feed');
  const bob = await newUserPage(browser, 'bob');
  const orderId = await placeOrder(bob, 'Ceramic dripper');
  const row = admin.locator('tr[data-event-type="order.placed"]').filter({ hasText: orderId });
  await expect(row).toBeVisible({ timeout: 90_000 });
  const correlation = await row.getAttribute('data-correlation-id');
  expect(correlation).toBeTruthy();
  await row.getByRole('button').click();
  const trace = admin.getByRole('complementary', { name: /Trace/ });
  await expect(trace).toContainText('order.placed', { timeout: 60_000 });
  await admin.getByLabel('Filter by type or correlation id').fill(correlation!);
  await expect(admin.locator('tbody tr').first()).toHaveAttribute('data-correlation-id', correlation!);
  await expectAccessible(admin, 'live feed with trace');
});
