import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import AdminFeed, { loadHistory } from './AdminFeed';
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
