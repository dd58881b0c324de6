import { test, expect, apiAs, expectAccessible, newUserPage } from './fixtures';

test('a customer starts a conversation, sends a message and sees the assistant’s reply stream in', async ({ browser, spaUrl }) => {
  test.setTimeout(600_000); // the credits' way through the bus may include a cold consumer's retry
  const page = await newUserPage(browser, 'alice', '/chat');
  // the assistant costs credits: buy a pack through the payment provider (the shop has no credits page yet)
  const checkout = await apiAs(page, 'POST', '/billing/credit-packs/pack-500/checkout');
  expect(checkout.status, checkout.body).toBe(200);
  const paid = await page.request.post(`${JSON.parse(checkout.body).url as string}/pay`, { maxRedirects: 0 });
  expect(paid.status()).toBe(303);
  // credits.purchased reaches chat's projection through the bus (a cold consumer may wait out its queue's visibility timeout)
  await expect.poll(async () => JSON.parse((await apiAs(page, 'GET', '/me/usage')).body).creditsAvailable as number, { timeout: 360_000 })
    .toBeGreaterThan(0);

  await page.goto(spaUrl + '/chat');
  await expect(page.getByRole('heading', { level: 1, name: 'Assistant' })).toBeVisible();
  await expect(page.getByText(/[1-9]\d* credits/)).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'assistant');
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.waitForURL(/\/chat\/[^/]+$/);
  const conversation = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: 'New conversation' })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open', { timeout: 90_000 });

  await page.getByLabel('Message').fill('How many credits do I have?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.chat-message.user').last()).toContainText('How many credits do I have?', { timeout: 60_000 });
  await expect(page.getByLabel('Message')).toHaveValue('');
  const reply = page.locator('.chat-message.assistant[data-status="completed"]').last();
  await expect(reply).toBeVisible({ timeout: 120_000 });
  await expect(reply).not.toHaveText(/^Assistant\s*…?$/);
  // it came over the socket, in pieces, on the conversation's topic
  const deltas = await page.evaluate((topic) => {
    const w = window as unknown as { __pushes?: { data: string }[] };
    return (w.__pushes ?? []).filter((p) => p.data.includes('"chat.delta"') && p.data.includes(topic)).length;
  }, `conversation:${conversation}`);
  expect(deltas, 'chat.delta pushes on the conversation topic').toBeGreaterThan(0);
  await expectAccessible(page, 'conversation with a reply');
});
