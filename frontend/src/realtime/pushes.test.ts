import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { applyOrderEvent, applyPush, queryKeys } from './pushes';
import { EventFeed, FEED_LIMIT } from './feed';
import type { components } from '../api/schema';

type Order = components['schemas']['Order'];
const order: Order = {
  id: 'o1', status: 'PENDING_PAYMENT', lines: [], total: 900, currency: 'EUR', createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z', history: [{ status: 'PENDING_PAYMENT', at: '2026-01-01T00:00:00Z', reason: null }],
};

describe('pushes', () => {
  it('moves an order along its timeline, idempotently', () => {
    const paid = applyOrderEvent(order, { type: 'order.paid', topic: 'order:o1', data: { orderId: 'o1' }, sentAt: '2026-01-01T00:01:00Z' });
    expect(paid.status).toBe('PAID');
    expect(paid.history.map((h) => h.status)).toEqual(['PENDING_PAYMENT', 'PAID']);
    expect(applyOrderEvent(paid, { type: 'order.paid', data: { orderId: 'o1' } })).toBe(paid);
    expect(applyOrderEvent(order, { type: 'checkout.session_created', data: {} })).toBe(order);
  });

  it('keeps the cancellation reason (payment_failed shows as a decline)', () => {
    const c = applyOrderEvent(order, { type: 'order.cancelled', data: { orderId: 'o1', reason: 'payment_failed' } });
    expect(c.history[1]).toMatchObject({ status: 'CANCELLED', reason: 'payment_failed' });
  });

  it('shows a refund in progress after a paid order is cancelled', () => {
    const paid = applyOrderEvent(order, { type: 'order.paid', data: { orderId: 'o1' } });
    const pending = applyOrderEvent(paid, { type: 'order.refund_requested', data: { orderId: 'o1' } });
    expect(pending.status).toBe('REFUND_PENDING');
    expect(applyOrderEvent(pending, { type: 'order.refunded', data: { orderId: 'o1' } }).status).toBe('REFUNDED');
  });

  it('updates the cached order and the cached order list from a push', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.order('o1'), order);
    client.setQueryData(queryKeys.orders, { pages: [{ items: [order], nextCursor: null }], pageParams: [null] });
    applyPush(client, { type: 'order.paid', topic: 'order:o1', data: { orderId: 'o1' }, sentAt: '2026-01-01T00:01:00Z' });
    expect(client.getQueryData<Order>(queryKeys.order('o1'))?.status).toBe('PAID');
    const list = client.getQueryData<{ pages: { items: Order[] }[] }>(queryKeys.orders);
    expect(list?.pages[0].items[0].status).toBe('PAID');
  });

  it('takes the order id from the topic when data has none', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.order('o1'), order);
    applyPush(client, { type: 'order.fulfilled', topic: 'order:o1', data: {} });
    expect(client.getQueryData<Order>(queryKeys.order('o1'))?.status).toBe('FULFILLED');
  });
});

describe('EventFeed', () => {
  it('keeps the newest events first, drops duplicates and control messages, and is bounded', () => {
    const feed = new EventFeed();
    feed.add({ type: 'order.placed', eventId: 'e1' });
    feed.add({ type: 'order.placed', eventId: 'e1' });
    feed.add({ type: 'subscribed', topic: 'admin' });
    feed.add({ type: 'order.paid', eventId: 'e2' });
    expect(feed.snapshot().map((e) => e.eventId)).toEqual(['e2', 'e1']);
    for (let i = 0; i < FEED_LIMIT + 10; i++) feed.add({ type: 'x.y', eventId: `n${i}` });
    expect(feed.snapshot()).toHaveLength(FEED_LIMIT);
  });
});
