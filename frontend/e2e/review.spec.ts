import { test, expect, apiAs, expectAccessible, newUserPage } from './fixtures';

const ORDER = { lines: [{ productId: 'p-espresso', quantity: 1 }] };

test('an admin approves one held order and rejects another in the fraud review queue', async ({ browser, spaUrl }) => {
  // carol (no history) turns risky: five orders within minutes, then three declined cards on the last one
  const carol = await newUserPage(browser, 'carol', '/orders');
  const place = async () => {
    const r = await apiAs(carol, 'POST', '/orders', ORDER);
    expect(r.status, r.body).toBe(201);
    return JSON.parse(r.body).id as string;
  };
  let held = '';
  for (let i = 0; i < 5; i++) held = await place();
  const checkout = await apiAs(carol, 'POST', `/orders/${held}/checkout`);
  expect(checkout.status, checkout.body).toBe(200);
  const url = JSON.parse(checkout.body).url as string;
  for (let i = 0; i < 3; i++) expect((await carol.request.post(`${url}/decline`, { maxRedirects: 0 })).status()).toBe(402);
  await carol.goto(`${spaUrl}/orders/${held}`);
  await expect(carol.getByTestId('order-status')).toHaveText('On hold for review', { timeout: 360_000 });

  // the admin sees the fraud agent's decision in the live feed (score, level, reasons) and follows it to the queue
  const admin = await newUserPage(browser, 'admin', '/admin/feed');
  const decision = admin.locator('tr[data-event-type="agent.decided"]')
    .filter({ has: admin.getByRole('link', { name: held, exact: true }) }).filter({ hasText: 'held for review' });
  await expect(async () => {
    await admin.reload(); // the event store records the decision a moment after the order is held
    await expect(decision).toHaveCount(1, { timeout: 10_000 });
  }).toPass({ timeout: 90_000 });
  await expect(decision.getByTestId('agent-decision')).toHaveAttribute('data-level', 'high');
  await expect(decision.getByTestId('agent-decision')).toContainText('Fraud agent');
  await expect(decision.getByRole('list', { name: 'Reasons' })).toContainText('failed payments in a row');
  await decision.getByRole('link', { name: 'held for review' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
  const first = admin.locator('.review-queue > li').filter({ has: admin.getByRole('heading', { name: `Order ${held}` }) });
  await expect(first).toBeVisible({ timeout: 60_000 });
  await expect(first.getByRole('list', { name: 'Fraud reasons' })).toContainText('failed payments in a row');
  await expectAccessible(admin, 'review queue');
  await first.getByLabel('Note').fill('called the buyer');
  await first.getByRole('button', { name: 'Approve' }).click();
  await expect(first).toHaveCount(0);
  await carol.reload();
  await expect(carol.getByTestId('order-status')).toHaveText('Awaiting payment', { timeout: 60_000 });
  await expect(carol.getByRole('button', { name: /Pay now|Retry payment/ })).toBeVisible();

  // still risky: the next order is held as soon as it is placed; rejecting it cancels it
  const next = await place();
  await carol.goto(`${spaUrl}/orders/${next}`);
  await expect(carol.getByTestId('order-status')).toHaveText('On hold for review', { timeout: 360_000 });
  await admin.reload();
  const second = admin.locator('.review-queue > li').filter({ has: admin.getByRole('heading', { name: `Order ${next}` }) });
  await expect(second).toBeVisible({ timeout: 60_000 });
  await second.getByLabel('Note').fill('fraud');
  await second.getByRole('button', { name: 'Reject' }).click();
  await expect(second).toHaveCount(0);
  await carol.reload();
  await expect(carol.getByTestId('order-status')).toHaveText('Cancelled', { timeout: 60_000 });
});
