import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { components } from '../api/schema';
import OrderPage, { timeline } from './OrderPage';
import { applyPush } from '../realtime/pushes';
import { payments } from '../state/payments';
import { json, renderApp } from '../test/render';

type Order = components['schemas']['Order'];

const order = (status: Order['status'], history: Order['history']): Order => ({
  id: 'ord_mabc1234k3f9qz2a', status, currency: 'EUR', total: 12900, createdAt: '2026-11-30T10:00:00Z', updatedAt: '2026-11-30T10:00:00Z',
  lines: [{ productId: 'p-grinder', name: 'Burr grinder', quantity: 1, unitPrice: 12900 }], history,
});
const placed = { status: 'PENDING_PAYMENT' as const, at: '2026-11-30T10:00:00Z' };

beforeEach(() => payments.reset());

describe('order timeline', () => {
  it('shows what happened, payment attempts in between, then the steps ahead', () => {
    const steps = timeline(order('PENDING_PAYMENT', [placed]), [
      { sessionId: 'cs_1', startedAt: '2026-11-30T10:01:00Z', outcome: 'declined', reason: 'card_declined', at: '2026-11-30T10:02:00Z' },
    ]);
    expect(steps.map((s) => [s.label, s.tone])).toEqual([
      ['Awaiting payment', 'done'], ['Checkout opened', 'info'], ['Payment declined', 'bad'], ['Paid', 'todo'], ['Fulfilled', 'todo'],
    ]);
    expect(steps.find((s) => s.label === 'Payment declined')?.detail).toBe('card declined');
  });

  it('ends a refund with Refunded ahead, never the happy path', () => {
    const steps = timeline(order('REFUND_PENDING', [placed, { status: 'PAID', at: '2026-11-30T10:03:00Z' }, { status: 'REFUND_PENDING', at: '2026-11-30T10:05:00Z', reason: 'user' }]));
    expect(steps.map((s) => s.label)).toEqual(['Awaiting payment', 'Paid', 'Refund pending', 'Refunded']);
    expect(steps.filter((s) => s.current).map((s) => s.label)).toEqual(['Refund pending']);
  });
});

describe('OrderPage', () => {
  it('shows a declined payment pushed while the page is open, and keeps the order payable', async () => {
    const o = order('PENDING_PAYMENT', [placed]);
    const { queryClient } = renderApp(<OrderPage />, { path: `/orders/${o.id}`, route: '/orders/:id', fetch: async () => json(200, o) });
    expect(await screen.findByRole('heading', { name: 'Order ORD-K3F9-QZ2A' })).toBeTruthy();
    payments.started(o.id, 'cs_1', 'http://pay');
    act(() => applyPush(queryClient, { type: 'payment.failed', topic: `order:${o.id}`, data: { orderId: o.id, sessionId: 'cs_1', reason: 'card_declined', retryable: true }, sentAt: '2026-11-30T10:02:00Z' }));
    const banner = await screen.findByTestId('payment-declined');
    expect(banner.textContent).toContain('card declined');
    expect(within(screen.getByTestId('timeline')).getByText('Payment declined')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry payment' })).toBeTruthy();
    expect(screen.getByTestId('order-status').textContent).toBe('Awaiting payment');
  });

  it('confirms after a payment without a stale "being confirmed" once the order moved on', async () => {
    const o = order('FULFILLED', [placed, { status: 'PAID', at: '2026-11-30T10:03:00Z' }, { status: 'FULFILLED', at: '2026-11-30T10:03:01Z' }]);
    renderApp(<OrderPage />, { path: `/orders/${o.id}?checkout=success`, route: '/orders/:id', fetch: async () => json(200, o) });
    expect((await screen.findByTestId('payment-confirmed')).textContent).toContain('on its way');
    expect(screen.queryByTestId('payment-confirming')).toBeNull();
  });

  it('asks before Cancel & refund, explains the timing, then shows Refund pending', async () => {
    const paid = order('PAID', [placed, { status: 'PAID', at: '2026-11-30T10:03:00Z' }]);
    const pending = order('REFUND_PENDING', [...paid.history, { status: 'REFUND_PENDING', at: '2026-11-30T10:05:00Z', reason: 'user' }]);
    const fetchImpl = vi.fn(async (r: Request) => json(200, r.method === 'POST' ? pending : paid));
    renderApp(<OrderPage />, { path: `/orders/${paid.id}`, route: '/orders/:id', fetch: fetchImpl });
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel & refund' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('5–10 business days');
    expect(fetchImpl.mock.calls.some(([r]) => r.method === 'POST')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel & refund' }));
    expect(await screen.findByTestId('refund-pending')).toBeTruthy();
    expect(screen.getByTestId('order-status').className).toContain('tone-info');
  });
});
