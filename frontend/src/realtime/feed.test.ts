import { describe, expect, it } from 'vitest';
import { EventFeed, fromEnvelope } from './feed';

const envelope = (id: string, occurredAt: string) => ({
  id, type: 'order.placed', version: 1, source: 'backplane.orders', occurredAt, correlationId: `c-${id}`, causationId: 'r',
  actor: { userId: 'bob' }, subject: { kind: 'order', id: `ord_${id}` }, data: { orderId: `ord_${id}` },
});

describe('EventFeed history', () => {
  it('merges the event store’s history with live pushes: one entry per event id, newest first', () => {
    const feed = new EventFeed();
    feed.add({ type: 'order.paid', eventId: 'live', sentAt: '2026-01-01T10:05:00Z' });
    feed.add({ type: 'order.placed', eventId: 'b', sentAt: '2026-01-01T10:02:00.400Z' });
    feed.merge([envelope('a', '2026-01-01T10:01:00Z'), envelope('b', '2026-01-01T10:02:00Z'), envelope('c', '2026-01-01T10:03:00Z')]
      .map(fromEnvelope));
    expect(feed.snapshot().map((e) => e.eventId)).toEqual(['live', 'c', 'b', 'a']);
    // the pushed copy of b is kept (it arrived first); the archived one is not added again
    expect(feed.snapshot().filter((e) => e.eventId === 'b')).toHaveLength(1);
    feed.merge([envelope('c', '2026-01-01T10:03:00Z')].map(fromEnvelope));
    expect(feed.snapshot()).toHaveLength(4);
  });

  it('maps an archived envelope to the admin push shape', () => {
    expect(fromEnvelope(envelope('a', '2026-01-01T10:01:00Z'))).toEqual({
      type: 'order.placed', topic: 'admin', eventId: 'a', correlationId: 'c-a', data: { orderId: 'ord_a' }, sentAt: '2026-01-01T10:01:00Z',
    });
  });

  it('does not bring back what was cleared, and drops duplicates within one history page', () => {
    const feed = new EventFeed();
    feed.merge([envelope('old', '2020-01-01T00:00:00Z')].map(fromEnvelope));
    feed.clear();
    feed.merge([envelope('old', '2020-01-01T00:00:00Z'), envelope('new', '2999-01-01T00:00:00Z'), envelope('new', '2999-01-01T00:00:00Z')]
      .map(fromEnvelope));
    expect(feed.snapshot().map((e) => e.eventId)).toEqual(['new']);
  });

  it('notifies subscribers only when something was added', () => {
    const feed = new EventFeed();
    let calls = 0;
    feed.subscribe(() => calls++);
    feed.merge([]);
    feed.merge([fromEnvelope(envelope('a', '2026-01-01T10:01:00Z'))]);
    feed.merge([fromEnvelope(envelope('a', '2026-01-01T10:01:00Z'))]);
    expect(calls).toBe(1);
  });
});
