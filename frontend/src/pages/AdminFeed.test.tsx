import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import AdminFeed, { decisionOf, loadHistory } from './AdminFeed';
import { EventFeed } from '../realtime/feed';
import { RealtimeTestProvider } from '../realtime/Realtime';
import { createApi } from '../api/client';
import { json, renderApp, testAuth } from '../test/render';

const envelope = (id: string, occurredAt: string, type = 'order.placed') => ({
  id, type, version: 1, source: 'backplane.orders', occurredAt, correlationId: `corr-${id}`, causationId: 'r',
  actor: { userId: 'bob' }, subject: { kind: 'order', id: `ord_${id}` }, data: { orderId: `ord_${id}` },
});

describe('AdminFeed', () => {
  it('opens with the event store’s recent events merged with live pushes, newest first, each linked to its trace', async () => {
    const feed = new EventFeed();
    feed.add({ type: 'order.paid', topic: 'admin', eventId: 'live', correlationId: 'corr-live', sentAt: new Date(Date.now() + 1000).toISOString() });
    const queries: URLSearchParams[] = [];
    renderApp(
      <RealtimeTestProvider value={{ socket: null, feed, lastError: null }}><AdminFeed /></RealtimeTestProvider>,
      {
        auth: testAuth('root', ['user', 'admin']),
        fetch: async (r) => {
          queries.push(new URL(r.url).searchParams);
          return json(200, { items: [envelope('a', new Date(Date.now() - 60_000).toISOString()), envelope('live', new Date().toISOString(), 'order.paid')], nextCursor: null });
        },
      },
    );
    await waitFor(() => expect(document.querySelectorAll('tbody tr')).toHaveLength(2));
    expect([...document.querySelectorAll<HTMLElement>('tbody tr')].map((r) => r.dataset.eventId)).toEqual(['live', 'a']);
    expect(queries[0].get('from')).toBeTruthy();
    expect(queries[0].get('to')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'corr-a' });
    expect(link.getAttribute('href')).toBe('/admin/traces/corr-a');
  });

  it('reads the history window page by page, following the cursor', async () => {
    const cursors: (string | null)[] = [];
    const api = createApi('http://api.test', () => 't', (async (r: Request) => {
      const cursor = new URL(r.url).searchParams.get('cursor');
      cursors.push(cursor);
      return json(200, cursor ? { items: [envelope('b', '2026-01-01T10:00:01Z')], nextCursor: null }
        : { items: [envelope('a', '2026-01-01T10:00:00Z')], nextCursor: 'next' });
    }) as unknown as typeof fetch);
    const events = await loadHistory(api, Date.parse('2026-01-01T10:30:00Z'));
    expect(events.map((e) => e.id)).toEqual(['a', 'b']);
    expect(cursors).toEqual([null, 'next']);
  });
});

describe('AdminFeed agent decisions', () => {
  const decided = (id: string, output: Record<string, unknown>, reasons: string[], agent = 'fraud') => ({
    type: 'agent.decided', topic: 'admin', eventId: id, correlationId: `corr-${id}`, sentAt: new Date().toISOString(),
    data: { decisionId: `${agent}:${id}`, agent, inputEventIds: [id], output, reasons, version: 'v1', latencyMs: 1.2 },
  });

  const show = (feed: EventFeed, path = '/admin/feed') => renderApp(
    <RealtimeTestProvider value={{ socket: null, feed, lastError: null }}><AdminFeed /></RealtimeTestProvider>,
    { auth: testAuth('root', ['user', 'admin']), path, fetch: async () => json(200, { items: [], nextCursor: null }) },
  );

  it('shows the agent, its order, score, level and reasons, and links a held order to the review queue', async () => {
    const feed = new EventFeed();
    feed.add(decided('e1', { orderId: 'ord_risky', score: 85, level: 'high', flagRequested: true },
      ['5 orders in 10 minutes (limit 4)', '3 failed payments in a row']));
    show(feed);
    const row = await waitFor(() => {
      const r = document.querySelector<HTMLElement>('tr[data-event-id="e1"]');
      expect(r).not.toBeNull();
      return r!;
    });
    const decision = within(row).getByTestId('agent-decision');
    expect(decision.dataset.level).toBe('high');
    expect(decision.textContent).toContain('Fraud agent');
    expect(decision.textContent).toContain('score 85');
    expect(within(decision).getByText('high')).toBeTruthy();
    expect(within(decision).getByRole('list', { name: 'Reasons' }).textContent).toContain('3 failed payments in a row');
    expect(within(decision).getByRole('link', { name: 'ord_risky' }).getAttribute('href')).toBe('/admin/feed?q=ord_risky');
    expect(within(decision).getByRole('link', { name: 'held for review' }).getAttribute('href')).toBe('/admin/review');
  });

  it('reads fraud.assessed the same way and a digest decision by its user and summary', () => {
    expect(decisionOf('fraud.assessed', { orderId: 'o1', userId: 'u1', score: 10, level: 'low', reasons: [] }))
      .toEqual({ agent: 'fraud', orderId: 'o1', userId: 'u1', score: 10, level: 'low', held: false, summary: undefined, reasons: [] });
    expect(decisionOf('agent.decided', { agent: 'digest', output: { userId: 'u2', date: '2026-01-01', summary: '2 orders placed' }, reasons: ['activity on 2026-01-01'] }))
      .toMatchObject({ agent: 'digest', userId: 'u2', summary: '2 orders placed', held: false, reasons: ['activity on 2026-01-01'] });
    expect(decisionOf('order.placed', { orderId: 'o1' })).toBeNull();
  });

  it('the order link filters the feed to that order’s events, found in a decision’s output too', async () => {
    const feed = new EventFeed();
    feed.add({ type: 'order.placed', topic: 'admin', eventId: 'p1', correlationId: 'c1', sentAt: new Date(Date.now() - 2000).toISOString(), data: { orderId: 'ord_a' } });
    feed.add({ type: 'order.placed', topic: 'admin', eventId: 'p2', correlationId: 'c2', sentAt: new Date(Date.now() - 1000).toISOString(), data: { orderId: 'ord_b' } });
    feed.add(decided('d1', { orderId: 'ord_a', score: 5, level: 'low', flagRequested: false }, []));
    show(feed);
    await waitFor(() => expect(document.querySelectorAll('tbody tr')).toHaveLength(3));
    fireEvent.click(screen.getByRole('link', { name: 'ord_a' }));
    await waitFor(() => expect([...document.querySelectorAll<HTMLElement>('tbody tr')].map((r) => r.dataset.eventId)).toEqual(['d1', 'p1']));
    expect((screen.getByLabelText('Filter by type, correlation id or subject') as HTMLInputElement).value).toBe('ord_a');
  });
});
