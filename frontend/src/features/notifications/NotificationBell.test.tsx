import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { createApi } from '../../api/client';
import { parseConfig } from '../../config';
import { ServicesContext } from '../../services';
import { RealtimeTestProvider } from '../../realtime/Realtime';
import type { PushMessage } from '../../realtime/LiveSocket';
import { EventFeed } from '../../realtime/feed';
import { NotificationBell } from './NotificationBell';
import { PreferenceMatrix, WebhookList } from './NotificationSettings';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

const paid = { id: 'ntf_1', type: 'order.paid', title: 'Payment received', body: 'Order ord_1 is paid: 3390 EUR.', link: '/orders/ord_1',
  createdAt: '2026-11-30T10:00:00Z', readAt: null, unread: true };

/** A socket stand-in with the one method the bell uses. */
function fakeSocket() {
  const listeners: ((m: PushMessage) => void)[] = [];
  return {
    socket: { onMessage: (l: (m: PushMessage) => void) => { listeners.push(l); return () => {}; } },
    push: (m: Partial<PushMessage>) => listeners.forEach((l) => l(m as PushMessage)),
  };
}

function renderWith(fetchImpl: (r: Request) => Promise<Response>, ui: React.ReactNode, socket?: unknown) {
  const api = createApi('http://api.test', () => 't', fetchImpl as unknown as typeof fetch);
  const config = parseConfig({ apiUrl: 'http://api.test', oidc: { issuer: 'http://idp', clientId: 'c' } });
  render(
    <MemoryRouter>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <ServicesContext.Provider value={{ config, api }}>
          <RealtimeTestProvider value={{ socket: (socket ?? null) as never, feed: new EventFeed(), lastError: null }}>{ui}</RealtimeTestProvider>
        </ServicesContext.Provider>
      </QueryClientProvider>
    </MemoryRouter>,
  );
}

describe('NotificationBell', () => {
  it('shows the unread count and raises it live on notification.created without a reload', async () => {
    let unread = 1;
    const fetchImpl = vi.fn(async () => json(200, { items: [paid], nextCursor: null, unreadCount: unread }));
    const live = fakeSocket();
    renderWith(fetchImpl, <NotificationBell />, live.socket);
    expect((await screen.findByTestId('unread-count')).textContent).toBe('1');
    unread = 2;
    act(() => live.push({ type: 'notification.created', topic: 'user:alice', data: { unreadCount: 2, title: 'Order fulfilled' } }));
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('2'));
    await userEvent.click(screen.getByTestId('notification-bell'));
    expect(screen.getByText('Payment received')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All notifications' }).getAttribute('href')).toBe('/notifications');
  });
});

describe('notification settings', () => {
  it('turns one channel of one event off with a PUT of that cell only', async () => {
    const puts: unknown[] = [];
    const matrix = { 'order.paid': { in_app: true, email: true, webhook: true, slack: true } };
    const fetchImpl = vi.fn(async (r: Request) => {
      if (r.method === 'PUT') {
        const body = await r.json();
        puts.push(body);
        return json(200, { preferences: { 'order.paid': { ...matrix['order.paid'], email: false } } });
      }
      return json(200, { preferences: matrix });
    });
    renderWith(fetchImpl, <PreferenceMatrix />);
    const email = await screen.findByLabelText('Order paid by Email');
    await userEvent.click(email);
    await waitFor(() => expect(puts).toEqual([{ preferences: { 'order.paid': { email: false } } }]));
    await waitFor(() => expect((screen.getByLabelText('Order paid by Email') as HTMLInputElement).checked).toBe(false));
  });

  it('shows a refused webhook URL next to its field and a new secret once', async () => {
    let attempt = 0;
    const fetchImpl = vi.fn(async (r: Request) => {
      if (r.method === 'POST') {
        attempt++;
        return attempt === 1
          ? json(422, { type: 'https://backplane.dev/problems/validation-failed', title: 'Validation failed', status: 422,
            detail: 'url: resolves to a private address', errors: [{ field: 'url', message: 'resolves to a private, loopback, link-local or metadata address' }] },
            'application/problem+json')
          : json(201, { id: 'wh_1', kind: 'webhook', url: 'https://hooks.example.com/x', createdAt: '2026-11-30T10:00:00Z', secret: 'whsec_abc' });
      }
      return json(200, { items: [] });
    });
    renderWith(fetchImpl, <WebhookList />);
    await userEvent.type(await screen.findByLabelText('HTTPS URL'), 'https://169.254.169.254/');
    await userEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect((await screen.findByRole('alert')).textContent).toContain('private');
    await userEvent.clear(screen.getByLabelText('HTTPS URL'));
    await userEvent.type(screen.getByLabelText('HTTPS URL'), 'https://hooks.example.com/x');
    await userEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect((await screen.findByTestId('webhook-secret')).textContent).toContain('whsec_abc');
  });
});
