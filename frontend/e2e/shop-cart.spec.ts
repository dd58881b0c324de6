import { test, expect, addToCart, expectAccessible, signIn } from './fixtures';

test('a visitor fills the cart, changes it without losing lines, and places the order after signing in', async ({ page, spaUrl }) => {
  await page.goto(spaUrl + '/');
  await expect(page.locator('[data-product]').first()).toBeVisible({ timeout: 90_000 });
  const grinder = page.locator('[data-product="p-grinder"]');
  await expect(grinder.getByTestId('price')).toHaveText('€129.00');
  await addToCart(page, 'Burr grinder');
  await addToCart(page, 'Brew scale');
  await expect(page.getByRole('link', { name: 'Cart 2 items' })).toBeVisible();
  await page.getByTestId('toasts').getByRole('button', { name: 'View cart' }).first().click();

  await expect(page).toHaveTitle('Cart · Backplane');
  const line = page.locator('tr[data-line="p-grinder"]');
  await expect(line).toContainText('€129.00'); // unit price
  await line.getByRole('button', { name: 'Increase quantity of Burr grinder' }).click();
  await expect(line.getByRole('spinbutton', { name: 'Quantity of Burr grinder' })).toHaveValue('2');
  await expect(line.getByTestId('line-subtotal')).toHaveText('€258.00');
  await expect(page.getByTestId('cart-total')).toHaveText('€297.00');

  // Backspace empties the field, it never deletes the line; leaving the field restores the quantity
  const quantity = line.getByRole('spinbutton', { name: 'Quantity of Burr grinder' });
  await quantity.click();
  await quantity.press('End');
  await quantity.press('Backspace');
  await expect(line).toBeVisible();
  await quantity.press('Tab');
  await expect(quantity).toHaveValue('2');

  // Remove, then Undo
  await page.getByRole('button', { name: 'Remove Brew scale' }).click();
  await expect(page.locator('tr[data-line="p-scale"]')).toHaveCount(0);
  await expect(page.getByTestId('cart-total')).toHaveText('€258.00');
  await page.getByTestId('toasts').getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('tr[data-line="p-scale"]')).toBeVisible();
  await expectAccessible(page, 'cart');

  // continue shopping and come back: the cart is still there
  await page.getByRole('link', { name: '← Continue shopping' }).click();
  await expect(page).toHaveTitle('Shop · Backplane');
  await page.getByRole('link', { name: 'Cart 3 items' }).click();

  await page.getByRole('button', { name: 'Sign in to order' }).click();
  await page.getByRole('button', { name: /Sign in as alice\b/ }).click();
  await page.waitForURL(/\/cart$/);
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/ord_[^/?]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Order ORD-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await expect(page.getByText('2 × Burr grinder and Brew scale')).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');
  await expect(page.getByRole('button', { name: 'Pay now' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Continue shopping' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cart 0 items' })).toBeVisible();
  await expectAccessible(page, 'order awaiting payment');
});

test('an empty cart points back to the shop', async ({ page, spaUrl }) => {
  await signIn(page, 'bob', '/cart');
  await expect(page.getByTestId('empty-state')).toContainText('Your cart is empty');
  await page.getByRole('link', { name: 'Browse the shop' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shop' })).toBeFocused();
  expect(new URL(page.url()).pathname).toBe('/');
  void spaUrl;
});
