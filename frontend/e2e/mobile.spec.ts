import { test, expect, declineCard, expectAccessible, expectNoOverflow, payOrder, placeOrder, signIn } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('on a 390 px phone: a menu, no sideways scrolling, orders as cards, the whole purchase: decline, pay, refund', async ({ page }) => {
  await signIn(page, 'alice', '/');
  await expect(page.locator('[data-product]').first()).toBeVisible({ timeout: 90_000 });
  await expectNoOverflow(page, 'shop');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'My orders' })).toBeVisible();
  await expectAccessible(page, 'shop with menu (phone)');
  await nav.getByRole('link', { name: 'Shop' }).click();
  await expect(nav).toBeHidden();

  const orderId = await placeOrder(page, 'Burr grinder');
  await expectNoOverflow(page, 'order page');
  await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
  // a declined card first: the attempt shows on the order, which stays payable
  await declineCard(page, orderId);
  await expectNoOverflow(page, 'declined order');
  await payOrder(page, 'Retry payment');
  await expectNoOverflow(page, 'paid order');
  await expectAccessible(page, 'order (phone)');

  await page.getByRole('button', { name: 'Cancel & refund' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('5–10 business days');
  await expectNoOverflow(page, 'refund confirmation');
  await dialog.getByRole('button', { name: 'Cancel & refund' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Refunded', { timeout: 90_000 });
  await expectNoOverflow(page, 'refunded order');

  await page.getByRole('link', { name: '← My orders' }).click();
  const card = page.locator(`[data-order="${orderId}"]`);
  await expect(card).toBeVisible();
  await expect(card).toHaveCSS('display', 'block'); // a card per order; headers become per-cell labels
  await expectNoOverflow(page, 'my orders');
  await expectAccessible(page, 'my orders (phone)');
});
