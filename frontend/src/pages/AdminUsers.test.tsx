import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import AdminUsers from './AdminUsers';
import { json, renderApp, testAuth } from '../test/render';

const carol = { id: 'carol', handle: 'carol', roles: ['user'], status: 'SUSPENDED', suspendedReason: 'spam', createdAt: '2026-01-01T00:00:00Z' };
const dave = { id: 'dave', handle: 'dave', roles: ['user'], status: 'ACTIVE', suspendedReason: null, createdAt: '2026-01-02T00:00:00Z' };

describe('AdminUsers', () => {
  it('reactivates a suspended user after a confirmation, with an Idempotency-Key and a toast', async () => {
    let users = [carol, dave];
    const writes: Request[] = [];
    renderApp(<AdminUsers />, {
      auth: testAuth('root', ['user', 'admin']),
      fetch: async (r) => {
        if (r.method === 'POST') {
          writes.push(r);
          users = [{ ...carol, status: 'ACTIVE', suspendedReason: null }, dave];
          return json(200, users[0]);
        }
        return json(200, { items: users, nextCursor: null });
      },
    });
    const rowOf = (handle: string) => document.querySelector<HTMLElement>(`tr[data-handle="${handle}"]`)!;
    await screen.findByRole('table');
    const row = rowOf('carol');
    expect(within(rowOf('dave')).queryByRole('button', { name: /Reactivate/ })).toBeNull();
    await userEvent.click(within(row).getByRole('button', { name: 'Reactivate @carol' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Suspended for: spam');
    expect(writes).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reactivate' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(new URL(writes[0].url).pathname).toBe('/admin/users/carol/reactivate');
    expect(writes[0].headers.get('Idempotency-Key')).toBeTruthy();
    expect(await writes[0].text()).toBe('');
    expect((await screen.findByTestId('toasts')).textContent).toContain('Reactivated @carol');
    await waitFor(() => expect(within(rowOf('carol')).getByText('Active')).toBeTruthy());
    expect(within(rowOf('carol')).queryByRole('button', { name: /Reactivate/ })).toBeNull();
  });

  it('shows the problem when reactivation is refused', async () => {
    renderApp(<AdminUsers />, {
      auth: testAuth('root', ['user', 'admin']),
      fetch: async (r) => r.method === 'POST'
        ? json(404, { type: 'https://backplane.dev/problems/not-found', title: 'Not found', status: 404, detail: 'user carol' }, 'application/problem+json')
        : json(200, { items: [carol], nextCursor: null }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Reactivate @carol' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Reactivate' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Not found');
  });
});
