import { test, expect, expectAccessible, expectNoOverflow, newUserPage } from './fixtures';

test('an admin finds, sorts and filters users, changes a role with confirmation and undo, and cannot lock themselves out', async ({ browser }) => {
  await newUserPage(browser, 'bob'); // bob exists once he signed in
  const page = await newUserPage(browser, 'admin', '/admin/users');
  await expect(page).toHaveTitle('Users · Backplane');
  const bob = page.locator('tr[data-handle="bob"]');
  const me = page.locator('tr[data-handle="admin"]');
  await expect(bob).toBeVisible({ timeout: 90_000 });
  await expect(me).toContainText('You');
  // self-protection: no role or suspend actions on one's own row
  await expect(me.getByRole('button')).toHaveCount(0);
  await expect(me).toContainText('can’t change your own roles');
  await expectAccessible(page, 'admin users');
  await expectNoOverflow(page, 'admin users (every admin menu entry, desktop)');

  // sort by handle, both ways; filter by role
  const handles = () => page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-handle')));
  const asc = await handles();
  expect(asc).toEqual([...asc].sort());
  await page.getByRole('button', { name: /^User/ }).click();
  await expect(page.getByRole('columnheader', { name: /^User/ })).toHaveAttribute('aria-sort', 'descending');
  expect(await handles()).toEqual([...asc].sort().reverse());
  await page.getByLabel('Role').selectOption('admin');
  await expect(bob).toHaveCount(0);
  await expect(me).toBeVisible();
  await page.getByLabel('Role').selectOption('all');

  // a role change asks first, then offers an undo
  await bob.getByRole('button', { name: 'Make admin @bob' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('full access');
  await dialog.getByRole('button', { name: 'Make admin' }).click();
  await expect(bob.getByRole('cell').nth(1)).toContainText('admin');
  await page.getByTestId('toasts').getByRole('button', { name: 'Undo' }).click();
  await expect(bob.getByRole('cell').nth(1)).not.toContainText('admin');
  await expect(bob.getByRole('button', { name: 'Make admin @bob' })).toBeVisible();

  // suspending needs a reason and a confirmation (not confirmed here: there is no way to reactivate yet)
  await bob.getByRole('button', { name: 'Suspend @bob' }).click();
  const suspend = page.getByRole('dialog');
  await expect(suspend.getByRole('button', { name: 'Suspend' })).toBeDisabled();
  await suspend.getByLabel(/Reason/).fill('testing the dialog');
  await expect(suspend.getByRole('button', { name: 'Suspend' })).toBeEnabled();
  await expectAccessible(page, 'suspend dialog');
  await suspend.getByRole('button', { name: 'Cancel' }).click();
  await expect(bob).toContainText('Active');
});
