import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { createApi } from '../../api/client';
import { parseConfig } from '../../config';
import { ServicesContext } from '../../services';
import ReviewQueue, { fraudReasons } from './ReviewQueue';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const held = {
  id: 'ord_1', status: 'FLAGGED', lines: [{ productId: 'p', name: 'P', quantity: 1, unitPrice: 3390 }], total: 3390, currency: 'EUR',
  createdAt: '2026-11-30T10:00:00Z', updatedAt: '2026-11-30T10:01:00Z',
  history: [
    { status: 'PENDING_PAYMENT', at: '2026-11-30T10:00:00Z', reason: 'placed' },
    { status: 'FLAGGED', at: '2026-11-30T10:01:00Z', reason: 'fraud_review: 5 orders in 10 minutes (limit 5); 3 failed payments in a row' },
  ],
};

function renderQueue(fetchImpl: (r: Request) => Promise<Response>) {
  const api = createApi('http://api.test', () => 't', fetchImpl as unknown as typeof fetch);
  const config = parseConfig({ apiUrl: 'http://api.test', oidc: { issuer: 'http://idp', clientId: 'c' } });
  render(
    <MemoryRouter>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <ServicesContext.Provider value={{ config, api }}><ReviewQueue /></ServicesContext.Provider>
      </QueryClientProvider>
    </MemoryRouter>,
  );
}

describe('ReviewQueue', () => {
  it('reads the fraud reasons from the FLAGGED history entry', () => {
    expect(fraudReasons(held as never)).toEqual(['5 orders in 10 minutes (limit 5)', '3 failed payments in a row']);
  });

  it('shows held orders with their reasons and sends an approval with the note', async () => {
    let reviewed = false;
    const fetchImpl = vi.fn(async (r: Request) => {
      if (r.url.endsWith('/review')) {
        reviewed = true;
        expect(await r.json()).toEqual({ decision: 'approve', note: 'called the buyer' });
        return json(200, { ...held, status: 'PENDING_PAYMENT' });
      }
      return json(200, { items: reviewed ? [] : [held], nextCursor: null });
    });
    renderQueue(fetchImpl);
    expect(await screen.findByText('3 failed payments in a row')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Note'), 'called the buyer');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.getByText('No orders are waiting for review.')).toBeTruthy());
    expect(fetchImpl.mock.calls.some(([r]) => r.url === 'http://api.test/admin/orders/ord_1/review' && r.method === 'POST')).toBe(true);
  });
});
