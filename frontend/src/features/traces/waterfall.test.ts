import { describe, expect, it } from 'vitest';
import { eventSpans, formatMs, hopSpan, layout, waterfall } from './waterfall';

const event = (id: string, occurredAt: string, causationId: string, type = 'order.placed', source = 'backplane.orders') => ({
  id, type, version: 1, source, occurredAt, correlationId: 'c1', causationId, actor: {}, subject: {}, data: {},
});

describe('hopSpan', () => {
  it('reads a recorded span: startedAt + durationMs', () => {
    expect(hopSpan({ name: 'orders-api', kind: 'request', startedAt: '2026-01-01T00:00:00.100Z', durationMs: 40, eventId: 'e1' }))
      .toMatchObject({ name: 'orders-api', kind: 'request', eventId: 'e1', startMs: Date.parse('2026-01-01T00:00:00.100Z'), durationMs: 40 });
  });

  it('reads a moment with the time since the previous hop as the bar that ends at it', () => {
    expect(hopSpan({ at: '2026-01-01T00:00:01Z', kind: 'bus', service: 'eventbridge', eventType: 'order.placed', eventId: 'e1', afterMs: 250 }))
      .toMatchObject({ name: 'eventbridge', kind: 'bus', eventType: 'order.placed', startMs: Date.parse('2026-01-01T00:00:01Z') - 250, durationMs: 250 });
  });

  it('drops hops without a time and never draws a negative duration', () => {
    expect(hopSpan({ kind: 'request', name: 'x' })).toBeNull();
    expect(hopSpan(null)).toBeNull();
    expect(hopSpan({ startedAt: '2026-01-01T00:00:00Z', durationMs: -5 })!.durationMs).toBe(0);
    expect(hopSpan({ at: '2026-01-01T00:00:00Z', afterMs: null })!.durationMs).toBe(0);
  });
});

describe('eventSpans', () => {
  it('draws each event from the moment its cause occurred; the first from itself', () => {
    const spans = eventSpans([
      event('e1', '2026-01-01T00:00:00.000Z', 'req-1'),
      event('e2', '2026-01-01T00:00:00.300Z', 'e1', 'payment.succeeded', 'backplane.billing'),
    ]);
    expect(spans.map((s) => [s.kind, s.name, s.durationMs])).toEqual([['request', 'orders', 0], ['consumer', 'billing', 300]]);
    expect(spans[1].detail).toBe('handled order.placed');
  });
});

describe('layout', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const span = (startMs: number, durationMs: number, name = 'x') =>
    ({ kind: 'consumer', name, eventType: null, eventId: null, detail: null, startMs: t0 + startMs, durationMs });

  it('sorts by start, then end, and places bars in percent of the whole trace', () => {
    const w = layout([span(500, 500, 'c'), span(0, 200, 'a'), span(0, 100, 'b')], 'hops');
    expect(w.totalMs).toBe(1000);
    expect(w.rows.map((r) => r.name)).toEqual(['b', 'a', 'c']);
    expect(w.rows.map((r) => [r.offsetMs, r.offsetPct, r.widthPct])).toEqual([[0, 0, 10], [0, 0, 20], [500, 50, 50]]);
  });

  it('keeps every bar inside the axis and copes with a trace of one instant', () => {
    const w = layout([span(0, 0), span(0, 0)], 'events');
    expect(w.totalMs).toBe(0);
    expect(w.rows.every((r) => r.offsetPct === 0 && r.widthPct === 0)).toBe(true);
    const long = layout([span(0, 1000), span(900, 100)], 'hops');
    expect(long.rows.every((r) => r.offsetPct + r.widthPct <= 100)).toBe(true);
    expect(layout([], 'events').rows).toEqual([]);
  });
});

describe('waterfall', () => {
  const events = [event('e1', '2026-01-01T00:00:00.000Z', 'req-1'), event('e2', '2026-01-01T00:00:01.000Z', 'e1', 'order.paid')];

  it('uses the recorded hops when the response has any', () => {
    const w = waterfall({ events, hops: [
      { name: 'billing', kind: 'consumer', startedAt: '2026-01-01T00:00:00.600Z', durationMs: 400, eventId: 'e2' },
      { name: 'orders', kind: 'request', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 100, eventId: 'e1' },
    ] });
    expect(w.source).toBe('hops');
    expect(w.rows.map((r) => r.name)).toEqual(['orders', 'billing']);
    expect(w.rows[1]).toMatchObject({ offsetMs: 600, offsetPct: 60, widthPct: 40 });
  });

  it('falls back to the events when there are no (usable) hops', () => {
    expect(waterfall({ events }).source).toBe('events');
    expect(waterfall({ events, hops: [] }).source).toBe('events');
    expect(waterfall({ events, hops: [{ kind: 'bus' }] }).rows.map((r) => r.eventId)).toEqual(['e1', 'e2']);
  });
});

describe('formatMs', () => {
  it('says ms below a second, seconds above', () => {
    expect([formatMs(0), formatMs(340.4), formatMs(1250), formatMs(12_345)]).toEqual(['0 ms', '340 ms', '1.25 s', '12.3 s']);
  });
});
