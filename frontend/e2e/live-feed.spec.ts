import { test, expect, apiAs, expectAccessible, newUserPage, placeOrder } from './fixtures';

test('the admin feed opens with the recent history, then a customer’s order arrives live and its trace opens', async ({ browser, spaUrl }) => {
  const admin = await newUserPage(browser, 'admin');
  const bob = await newUserPage(browser, 'bob');
  // placed before the feed is open: it can only come from the event store's history
  const before = await placeOrder(bob, 'Burr grinder');
  await expect.poll(async () => (await apiAs(admin, 'GET', `/admin/events?subject=order:${before}`)).body, { timeout: 120_000 })
    .toContain('"order.placed"');

  await admin.goto(spaUrl + '/admin/feed'); // a full page load: nothing pushed earlier is in memory
  await expect(admin.getByRole('heading', { level: 1, name: 'Live feed' })).toBeVisible();
  await expect(admin.getByTestId('connection-status')).toHaveAttribute('data-status', 'open', { timeout: 90_000 });
  const history = admin.locator('tr[data-event-type="order.placed"]').filter({ hasText: before });
  await expect(history).toBeVisible({ timeout: 60_000 });
  await expect(history).toHaveCount(1);
  await expectAccessible(admin, 'live feed');

  const orderId = await placeOrder(bob, 'Ceramic dripper');
  const row = admin.locator('tr[data-event-type="order.placed"]').filter({ hasText: orderId });
  await expect(row).toBeVisible({ timeout: 90_000 });
  await expect(row).toHaveCount(1);
  // newest first: the live order is above the one from the history
  const ids = await admin.locator('tr[data-event-type="order.placed"]').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
  expect(ids.findIndex((t) => t.includes(orderId))).toBeLessThan(ids.findIndex((t) => t.includes(before)));
  const correlation = await row.getAttribute('data-correlation-id');
  expect(correlation).toBeTruthy();
  await admin.getByLabel('Filter by type, correlation id or subject').fill(correlation!);
  await expect(admin.locator('tbody tr').first()).toHaveAttribute('data-correlation-id', correlation!);

  await row.getByRole('link', { name: correlation! }).click();
  await expect(admin).toHaveURL(new RegExp(`/admin/traces/${correlation}$`));
  await expect(admin.getByRole('heading', { level: 1 })).toContainText(correlation!);
  await expect(admin.locator('table.waterfall tr[data-kind]').first()).toBeVisible({ timeout: 60_000 });
  await expect(admin.locator('table.waterfall')).toContainText('order.placed');
});
