import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { OrderTraces, requestsOf } from './OrderTraces';
import { json, renderApp, testAuth } from '../../test/render';

const e = (id: string, correlationId: string, type: string, occurredAt: string) => ({
  id, type, version: 1, source: 'backplane.orders', occurredAt, correlationId, causationId: 'r', actor: {}, subject: { kind: 'order', id: 'ord_1' }, data: {},
});
const items = [
  e('e3', 'pay', 'order.paid', '2026-01-01T10:05:00Z'),
  e('e1', 'place', 'order.placed', '2026-01-01T10:00:00Z'),
  e('e2', 'place', 'checkout.session_created', '2026-01-01T10:00:01Z'),
];

describe('OrderTraces', () => {
  it('groups an order’s events by request, in time order', () => {
    expect(requestsOf(items)).toEqual([
      { correlationId: 'place', firstAt: '2026-01-01T10:00:00Z', types: ['order.placed', 'checkout.session_created'] },
      { correlationId: 'pay', firstAt: '2026-01-01T10:05:00Z', types: ['order.paid'] },
    ]);
  });

  it('links each request of the order to its trace, found by subject', async () => {
    let url = '';
    renderApp(<OrderTraces orderId="ord_1" />, {
      auth: testAuth('root', ['user', 'admin']),
      fetch: async (r) => { url = r.url; return json(200, { items, nextCursor: null }); },
    });
    expect((await screen.findByRole('link', { name: /Trace of order.placed/ })).getAttribute('href')).toBe('/admin/traces/place');
    expect(screen.getByRole('link', { name: /Trace of order.paid/ }).getAttribute('href')).toBe('/admin/traces/pay');
    expect(new URL(url).searchParams.get('subject')).toBe('order:ord_1');
  });
});
