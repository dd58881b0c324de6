import { test, expect, expectAccessible, newUserPage, payOrder, placeOrder, recordMetric } from './fixtures';

test('a paid order is cancelled and refunded after a confirmation that explains the timing', async ({ browser }) => {
  const page = await newUserPage(browser, 'alice');
  const orderId = await placeOrder(page, 'Paper filters x100');
  await payOrder(page);
  await expect(page.getByTestId('order-status')).toHaveText(/Paid|Fulfilled/);
  await page.getByRole('button', { name: 'Cancel & refund' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Refund pending');
  await expect(dialog).toContainText('5–10 business days');
  await expectAccessible(page, 'refund confirmation');
  await dialog.getByRole('button', { name: 'Keep order' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('order-status')).toHaveText(/Paid|Fulfilled/);

  // push → DOM: the moment the order.refunded frame arrives vs the moment the status text changes (same page clock),
  // and the server's push time (sentAt) vs the change on the wall clock (devstack and the browser share the host's clock)
  await page.evaluate(() => {
    const w = window as unknown as { __refundedAt?: number; __refundedWall?: number };
    const el = document.querySelector('[data-testid="order-status"]')!.parentElement!;
    new MutationObserver(() => {
      if (!w.__refundedAt && el.textContent?.includes('Refunded')) {
        w.__refundedAt = performance.now();
        w.__refundedWall = Date.now();
      }
    }).observe(el, { childList: true, subtree: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Cancel & refund' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel & refund' }).click();
  await expect(page.getByTestId('order-status')).toHaveText(/Refund pending|Refunded/);
  await expect(page.getByTestId('order-status')).toHaveText('Refunded', { timeout: 90_000 });
  await expect(page.getByTestId('refunded')).toContainText('was refunded');
  // The status may turn Refunded from the refetch that the earlier payment.refunded push triggers, before the
  // order.refunded push itself arrives: wait for that push, then time the DOM against the first refund push.
  type Pushes = { __refundedAt?: number; __refundedWall?: number; __pushes?: { t: number; data: string }[] };
  await expect.poll(() => page.evaluate(() => ((window as unknown as Pushes).__pushes ?? [])
    .some((p) => p.data.includes('"order.refunded"'))), { message: 'the order.refunded push reached the page', timeout: 30_000 })
    .toBe(true);
  const timing = await page.evaluate((id) => {
    const w = window as unknown as Pushes;
    const frame = w.__pushes?.find((p) => p.data.includes(id) && /"(payment|order)\.refunded"/.test(p.data));
    const sentAt = frame ? (JSON.parse(frame.data) as { sentAt?: string }).sentAt : undefined;
    return { dom: w.__refundedAt, frame: frame?.t, wall: w.__refundedWall, sentAt: sentAt ? Date.parse(sentAt) : undefined };
  }, orderId);
  expect(timing.frame, 'a refund push for this order reached the page').toBeDefined();
  recordMetric('pushToDomMs', timing.dom! - timing.frame!);
  if (timing.sentAt !== undefined && timing.wall !== undefined) recordMetric('eventToDomMs', timing.wall - timing.sentAt);
  await expect(page.getByTestId('timeline')).toContainText('Refund pending');
  await expect(page.getByRole('button', { name: 'Cancel & refund' })).toHaveCount(0);
  await expectAccessible(page, 'order refunded');

  await page.getByRole('link', { name: '← My orders' }).click();
  const badge = page.locator(`[data-order="${orderId}"] .badge`);
  await expect(badge).toHaveText('Refunded');
  await expect(badge).toHaveClass(/status-REFUNDED/);
});

test('an unpaid order is cancelled after a confirmation', async ({ browser }) => {
  const page = await newUserPage(browser, 'bob');
  await placeOrder(page, 'Espresso beans 1 kg');
  await page.getByRole('button', { name: 'Cancel order' }).click();
  await expect(page.getByRole('dialog')).toContainText('Nothing has been charged');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel order' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('order-status')).toHaveClass(/status-CANCELLED/);
  await expect(page.getByRole('button', { name: 'Pay now' })).toHaveCount(0);
});
