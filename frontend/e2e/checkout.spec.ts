import { test, expect, declineCard, expectAccessible, newUserPage, payOrder, placeOrder } from './fixtures';

test('paid: the order turns paid and fulfilled, with no stale "confirming" message', async ({ browser }) => {
  const page = await newUserPage(browser, 'alice');
  const orderId = await placeOrder(page, 'Gooseneck kettle');
  await payOrder(page);
  await expect(page.getByTestId('order-status')).toHaveText('Fulfilled', { timeout: 90_000 });
  await expect(page.getByTestId('payment-confirmed')).toContainText('Payment received');
  await expect(page.getByTestId('payment-confirming')).toHaveCount(0);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('Checkout opened');
  await expect(timeline).toContainText('Paid');
  await expect(page.getByRole('button', { name: 'Pay now' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel & refund' })).toBeVisible();
  await expectAccessible(page, 'order fulfilled');
  await page.getByRole('link', { name: '← My orders' }).click();
  const row = page.locator(`[data-order="${orderId}"]`);
  await expect(row).toContainText('Fulfilled');
  await expect(row).toContainText('Gooseneck kettle');
  await expectAccessible(page, 'my orders');
});

test('declined: the attempt shows on the order, which stays payable, and a retry pays', async ({ browser }) => {
  const page = await newUserPage(browser, 'alice');
  const orderId = await placeOrder(page, 'Ceramic dripper');
  await declineCard(page, orderId);
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');
  await expect(page.getByTestId('timeline')).toContainText('Checkout opened');
  await expect(page.getByTestId('timeline')).toContainText(/Payment declined|Checkout left without paying/);
  await expectAccessible(page, 'order after a declined payment');
  await payOrder(page, 'Retry payment');
  await expect(page.getByTestId('payment-declined')).toHaveCount(0);
  await expect(page.getByTestId('payment-incomplete')).toHaveCount(0);
  await expect(page.getByTestId('timeline').locator('li[data-step="attempt"]')).toHaveCount(3); // opened, declined/left, opened
});
