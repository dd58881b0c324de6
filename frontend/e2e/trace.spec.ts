import { test, expect, expectAccessible, newUserPage, payOrder, placeOrder } from './fixtures';

test('an admin follows one order through the system: trace waterfall from the order page and from the feed', async ({ browser }) => {
  const admin = await newUserPage(browser, 'admin');
  const orderId = await placeOrder(admin, 'Gooseneck kettle');
  await payOrder(admin);

  // the order page lists the requests that touched the order (admins only), each linking to its trace
  const traces = admin.getByTestId('order-traces');
  await expect(traces.getByRole('link', { name: /Trace of order\.placed/ })).toBeVisible({ timeout: 120_000 });
  await expectAccessible(admin, 'order with traces');
  await traces.getByRole('link', { name: /Trace of order\.placed/ }).click();
  await expect(admin).toHaveTitle('Trace · Backplane');
  const waterfall = admin.locator('table.waterfall');
  await expect(waterfall).toBeVisible({ timeout: 60_000 });
  // the recorded hops: the request that placed the order first, then its event through outbox, relay and bus to a push
  await expect(waterfall).toHaveAttribute('data-source', 'hops');
  const rows = waterfall.locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-kind', 'http');
  await expect(rows.first()).toContainText('POST /orders');
  await expect(waterfall).toContainText('order.placed');
  for (const kind of ['outbox', 'relay', 'push']) await expect(waterfall.locator(`tr[data-kind="${kind}"]`).first()).toBeVisible();
  // time order, and every bar inside the axis
  const layout = await rows.evaluateAll((trs) => trs.map((tr) => {
    const bar = tr.querySelector<HTMLElement>('.wf-bar')!;
    return { offset: Number(tr.getAttribute('data-offset-ms')), left: parseFloat(bar.style.left), width: parseFloat(bar.style.width) };
  }));
  expect(layout.map((r) => r.offset)).toEqual([...layout.map((r) => r.offset)].sort((a, b) => a - b));
  for (const r of layout) expect(r.left + r.width).toBeLessThanOrEqual(100.0001);
  await expectAccessible(admin, 'trace waterfall');

  // the same trace from the live feed (its history has the order's events)
  await admin.getByRole('link', { name: '← Live feed' }).click();
  const row = admin.locator('tr[data-event-type="order.placed"]').filter({ hasText: orderId });
  await expect(row).toBeVisible({ timeout: 60_000 });
  await row.getByRole('link').click();
  await expect(admin.locator('table.waterfall')).toContainText('order.placed', { timeout: 60_000 });
});
