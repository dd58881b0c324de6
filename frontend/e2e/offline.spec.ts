import { test, expect, expectAccessible, recordMetric, signIn } from './fixtures';

test('offline: the header says so, pages wait with a retry instead of spinning, and it reconnects at once', async ({ page, context }) => {
  await signIn(page, 'alice', '/orders');
  await expect(page.getByTestId('connection-status')).toHaveText('Live');
  await context.setOffline(true);
  await expect(page.getByTestId('connection-status')).toHaveText('Offline');
  await expect(page.getByTestId('offline-bar')).toBeVisible();
  // a page whose data is not cached yet: an offline state with an action, not an endless "Loading…"
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shop' }).click();
  const offline = page.getByTestId('offline-state');
  await expect(offline).toContainText('You’re offline');
  await expect(offline.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expectAccessible(page, 'offline state');
  await page.waitForTimeout(3000); // a few seconds offline: backoff must not delay the way back

  const back = Date.now();
  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText('Live', { timeout: 30_000 });
  recordMetric('onlineToLiveMs', Date.now() - back);
  await expect(page.getByTestId('offline-bar')).toHaveCount(0);
  await expect(page.locator('[data-product]').first()).toBeVisible(); // the waiting page loaded by itself
});
