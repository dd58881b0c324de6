import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import TracePage from './TracePage';
import { json, renderApp, testAuth } from '../../test/render';

const events = [
  { id: 'e1', type: 'order.placed', version: 1, source: 'backplane.orders', occurredAt: '2026-01-01T10:00:00.000Z', correlationId: 'corr-9',
    causationId: 'req-1', actor: { userId: 'bob' }, subject: { kind: 'order', id: 'ord_1' }, data: { orderId: 'ord_1' } },
  { id: 'e2', type: 'checkout.session_created', version: 1, source: 'backplane.billing', occurredAt: '2026-01-01T10:00:00.800Z',
    correlationId: 'corr-9', causationId: 'e1', actor: { userId: 'system' }, subject: { kind: 'order', id: 'ord_1' }, data: {} },
];

function renderTrace(body: unknown, seen: string[] = []) {
  return renderApp(<TracePage />, {
    path: '/admin/traces/corr-9', route: '/admin/traces/:correlationId', auth: testAuth('root', ['user', 'admin']),
    fetch: async (r) => { seen.push(r.url); return json(200, body); },
  });
}

const rows = async () => {
  const table = await screen.findByRole('table');
  return within(table).getAllByRole('row').slice(1);
};

describe('TracePage', () => {
  it('draws the recorded hops as a waterfall, in time order', async () => {
    const seen: string[] = [];
    renderTrace({ correlationId: 'corr-9', events, hops: [
      { at: '2026-01-01T10:00:00.900Z', kind: 'bus', service: 'eventbridge', eventType: 'checkout.session_created', eventId: 'e2', detail: 'outbox → bus', afterMs: 100 },
      { at: '2026-01-01T10:00:00.000Z', kind: 'request', service: 'orders', eventType: 'order.placed', eventId: 'e1', detail: null, afterMs: null },
    ] }, seen);
    const [first, second] = await rows();
    expect(first.dataset.kind).toBe('request');
    expect(first.textContent).toContain('orders');
    expect(first.textContent).toContain('order.placed');
    expect(second.dataset.kind).toBe('bus');
    expect(second.textContent).toContain('+800 ms');
    expect(second.textContent).toContain('100 ms');
    const bar = second.querySelector<HTMLElement>('.wf-bar')!;
    expect(bar.style.left).toBe('88.88888888888889%');
    expect(parseFloat(bar.style.width)).toBeCloseTo(11.11, 1);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('corr-9');
    expect(screen.getByTestId('trace-summary').textContent).toContain('2 hops over 900 ms');
    expect(seen[0]).toContain('/admin/traces/corr-9');
  });

  it('falls back to the events when the response has no hops', async () => {
    renderTrace({ correlationId: 'corr-9', events });
    const r = await rows();
    expect(r.map((row) => row.dataset.eventId)).toEqual(['e1', 'e2']);
    expect(r[1].dataset.kind).toBe('consumer');
    expect(r[1].textContent).toContain('handled order.placed');
    expect(r[1].querySelector<HTMLElement>('.wf-bar')!.style.width).toBe('100%');
    expect(screen.getByTestId('trace-summary').textContent).toContain('2 events over 800 ms');
  });

  it('links back to the live feed', async () => {
    renderTrace({ correlationId: 'corr-9', events });
    await rows();
    expect(screen.getByRole('link', { name: '← Live feed' }).getAttribute('href')).toBe('/admin/feed');
  });
});
