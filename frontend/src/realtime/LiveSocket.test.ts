import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, LiveSocket, type SocketLike } from './LiveSocket';

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(public url: string) { FakeSocket.all.push(this); }
  send(data: string) { this.sent.push(data); }
  close() { this.readyState = 3; this.onclose?.({ code: 1006 }); }
  open() { this.readyState = 1; this.onopen?.({}); }
  receive(m: unknown) { this.onmessage?.({ data: JSON.stringify(m) }); }
  actions() { return this.sent.map((s) => JSON.parse(s) as { action: string; topic?: string }); }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1];

describe('LiveSocket', () => {
  let token: string | null;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    token = 'tok en';
  });
  afterEach(() => vi.useRealTimers());

  const make = () => new LiveSocket({
    url: 'ws://localhost:4566/dev', token: () => token, createSocket: (u) => new FakeSocket(u),
    heartbeatMs: 1000, pongTimeoutMs: 500, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1,
  });

  it('connects with the token in the query string and reports its status', () => {
    const s = make();
    const statuses: string[] = [];
    s.onStatus((x) => statuses.push(x));
    s.start();
    expect(last().url).toBe('ws://localhost:4566/dev?token=tok%20en');
    last().open();
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('stays idle without a token', () => {
    token = null;
    const s = make();
    s.start();
    expect(FakeSocket.all).toHaveLength(0);
    expect(s.status).toBe('idle');
  });

  it('subscribes once per topic, reference-counted, and unsubscribes when the last user leaves', () => {
    const s = make();
    s.start();
    last().open();
    const a = s.subscribe('order:1');
    const b = s.subscribe('order:1');
    a();
    expect(last().actions()).toEqual([{ action: 'subscribe', topic: 'order:1' }]);
    b();
    expect(last().actions()).toEqual([{ action: 'subscribe', topic: 'order:1' }, { action: 'unsubscribe', topic: 'order:1' }]);
  });

  it('reconnects with backoff, resubscribes every topic with the current token and announces the reconnect', () => {
    const s = make();
    const reconnects = vi.fn();
    s.onReconnect(reconnects);
    s.subscribe('user:alice');
    s.start();
    last().open();
    expect(last().actions()).toEqual([{ action: 'subscribe', topic: 'user:alice' }]);
    s.subscribe('order:9');
    token = 'renewed';
    last().close();
    expect(s.status).toBe('reconnecting');
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(2);
    expect(last().url).toContain('token=renewed');
    last().open();
    expect(last().actions()).toEqual([{ action: 'subscribe', topic: 'user:alice' }, { action: 'subscribe', topic: 'order:9' }]);
    expect(reconnects).toHaveBeenCalledTimes(1);
    expect(s.status).toBe('open');
  });

  it('grows the delay exponentially between failed attempts', () => {
    const s = make();
    s.start();
    last().close(); // attempt 0: 100 ms
    vi.advanceTimersByTime(99);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    last().close(); // attempt 1: 200 ms
    vi.advanceTimersByTime(199);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('pings on the heartbeat and reconnects when no pong comes back', () => {
    const s = make();
    s.start();
    const first = last();
    first.open();
    vi.advanceTimersByTime(1000);
    expect(first.actions()).toContainEqual({ action: 'ping' });
    first.receive({ type: 'pong' });
    vi.advanceTimersByTime(1000); // second ping, no pong this time
    vi.advanceTimersByTime(500);
    expect(first.readyState).toBe(3);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('delivers pushes but not pongs to listeners, and stop() closes for good', () => {
    const s = make();
    const got = vi.fn();
    s.onMessage(got);
    s.start();
    last().open();
    last().receive({ type: 'pong' });
    last().receive({ type: 'order.paid', topic: 'order:1', data: { orderId: '1' } });
    last().onmessage?.({ data: 'not json' });
    expect(got).toHaveBeenCalledTimes(1);
    s.stop();
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(s.status).toBe('idle');
  });

  it('goes offline at once when the browser does, and reconnects the moment it is back', () => {
    const network = new EventTarget();
    const s = new LiveSocket({
      url: 'ws://x/dev', token: () => token, createSocket: (u) => new FakeSocket(u), network,
      heartbeatMs: 1000, pongTimeoutMs: 500, baseDelayMs: 100, maxDelayMs: 30_000, random: () => 1,
    });
    const reconnects = vi.fn();
    s.onReconnect(reconnects);
    s.start();
    last().open();
    // several failures piled up backoff before: being back online must not wait for it
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    network.dispatchEvent(new Event('offline'));
    expect(s.status).toBe('offline');
    expect(FakeSocket.all[0].readyState).toBe(3);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    online.mockReturnValue(true);
    network.dispatchEvent(new Event('online'));
    expect(FakeSocket.all).toHaveLength(2);
    expect(s.status).toBe('reconnecting');
    last().open();
    expect(s.status).toBe('open');
    expect(reconnects).toHaveBeenCalledTimes(1);
  });
});

describe('backoffDelay', () => {
  it('is full jitter under a capped exponential ceiling', () => {
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(5, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(5, 500, 30_000, () => 0.5)).toBe(8000);
  });
});
